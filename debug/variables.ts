// Scopes and variables of a stopped job: the current record (typed), the current key's state,
// all keyed state as a lazily expanded, paged tree (key group → key → state → value), operator
// state, input channels, watermarks and the checkpoint in progress. References live until the job moves.
import { Handles } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import {
  fieldsAtOperator,
  formatLogicalType,
  recordAtOperator,
  formatValueForPrint,
  inputChannelsOf,
  inputFieldsOf,
  keyOfRow,
  KeyedStateView,
  nextElementOf,
  rowKindShortString,
  type RowField,
} from '../runtime/index.js';
import { inspectablePosition, type Subtask } from './chainFrames.js';
import type { JobController } from './jobController.js';
import { RequestError } from './requestError.js';
import { describeValue, childrenOfValue, type ValueNode } from './valueTree.js';

type Container =
  | { readonly kind: 'record'; readonly task: Subtask; readonly position: number }
  | { readonly kind: 'currentKey'; readonly task: Subtask }
  | { readonly kind: 'keyGroups'; readonly task: Subtask }
  | { readonly kind: 'keyGroup'; readonly task: Subtask; readonly keyGroup: number }
  | { readonly kind: 'keyStates'; readonly task: Subtask; readonly keyGroup: number; readonly key: unknown }
  | { readonly kind: 'operatorState'; readonly task: Subtask }
  | { readonly kind: 'channels'; readonly task: Subtask }
  | { readonly kind: 'checkpoints' }
  | { readonly kind: 'list'; readonly items: readonly DebugProtocol.Variable[] }
  | { readonly kind: 'value'; readonly node: ValueNode };

const ms = (t: number): string => (t === Number.NEGATIVE_INFINITY ? 'none yet' : t === Number.POSITIVE_INFINITY ? 'MAX (end of input)' : `${t} ms`);

/** Variables of one stop; `reset` when the job moves. */
export class JobVariables {
  private readonly handles = new Handles<Container>();
  private readonly views = new Map<Subtask, KeyedStateView>();

  constructor(private readonly c: JobController) {}

  /** Forgets every reference (the job moved). */
  reset(): void {
    this.handles.reset();
    this.views.clear();
  }

  /** The scopes of the frame of a subtask's operator at chain position `position`. */
  scopes(task: Subtask, position: number): DebugProtocol.Scope[] {
    const scopes: DebugProtocol.Scope[] = [{ name: 'Record', presentationHint: 'locals', variablesReference: this.handles.create({ kind: 'record', task, position }), expensive: false }];
    if (task.keyedState) {
      scopes.push({ name: 'Current Key', variablesReference: this.handles.create({ kind: 'currentKey', task }), expensive: false });
      scopes.push({ name: 'Keyed State', variablesReference: this.handles.create({ kind: 'keyGroups', task }), expensive: true, indexedVariables: this.view(task).keyGroups().length });
    }
    scopes.push({ name: 'Operator State', variablesReference: this.handles.create({ kind: 'operatorState', task }), expensive: false });
    if (task.inputs.length > 0) scopes.push({ name: 'Input Channels', variablesReference: this.handles.create({ kind: 'channels', task }), expensive: false });
    scopes.push({ name: 'Checkpoints', variablesReference: this.handles.create({ kind: 'checkpoints' }), expensive: false });
    return scopes;
  }

  /** Adds a scope listing fixed variables (recovery phase data). */
  listScope(name: string, items: DebugProtocol.Variable[]): DebugProtocol.Scope {
    return { name, variablesReference: this.handles.create({ kind: 'list', items }), expensive: false };
  }

  /** The children of a reference, a page at a time for indexed containers. */
  variables(ref: number, start = 0, count = 0): DebugProtocol.Variable[] {
    const c = this.handles.get(ref);
    if (!c) throw new RequestError(`unknown variables reference ${ref}: the job moved since it was given`);
    const page = <T>(all: readonly T[]): readonly T[] => (count > 0 ? all.slice(start, start + count) : start > 0 ? all.slice(start) : all);
    switch (c.kind) {
      case 'record':
        return this.record(c.task, c.position);
      case 'currentKey':
        return this.currentKey(c.task);
      case 'keyGroups': {
        const view = this.view(c.task);
        return page(view.keyGroups()).map((g) => ({
          name: `key group ${g.keyGroup}`,
          value: `${g.keys.toLocaleString('en-US')} key${g.keys === 1 ? '' : 's'}`,
          variablesReference: this.handles.create({ kind: 'keyGroup', task: c.task, keyGroup: g.keyGroup }),
          indexedVariables: g.keys,
        }));
      }
      case 'keyGroup': {
        const view = this.view(c.task);
        return view.keys(c.keyGroup, start, count > 0 ? count : view.keyCount(c.keyGroup)).map((key, i) => {
          const states = view.statesOf(c.keyGroup, key);
          return {
            name: `[${start + i}] ${describeValue(key).value}`,
            value: states.map((s) => `${s.name}: ${describeValue(s.value).value}`).join(', '),
            variablesReference: this.handles.create({ kind: 'keyStates', task: c.task, keyGroup: c.keyGroup, key }),
          };
        });
      }
      case 'keyStates':
        return this.view(c.task).statesOf(c.keyGroup, c.key).map((s) => this.valueVariable(s.name, s.value));
      case 'operatorState':
        return this.operatorState(c.task);
      case 'channels':
        return this.channels(c.task);
      case 'checkpoints':
        return this.checkpoints();
      case 'list':
        return [...page(c.items)];
      case 'value': {
        const children = childrenOfValue(c.node.value);
        return page(children).map((ch) => this.valueVariable(ch.name, ch.value));
      }
    }
  }

  /** A variable for any runtime value, expandable when it has children. */
  valueVariable(name: string, value: unknown, type?: string): DebugProtocol.Variable {
    const d = describeValue(value);
    return {
      name,
      value: d.value,
      type: type ?? d.type,
      variablesReference: d.children > 0 ? this.handles.create({ kind: 'value', node: { value } }) : 0,
      indexedVariables: d.indexed ? d.children : undefined,
      namedVariables: d.indexed ? undefined : d.children || undefined,
    };
  }

  private view(task: Subtask): KeyedStateView {
    let v = this.views.get(task);
    if (!v) {
      v = new KeyedStateView(task);
      this.views.set(task, v);
    }
    return v;
  }

  /** The row type of the records a subtask receives. */
  fieldsOf(task: Subtask): readonly RowField[] | undefined {
    return inputFieldsOf(this.c.job.graph, task.vertex);
  }

  private record(task: Subtask, position: number): DebugProtocol.Variable[] {
    const next = nextElementOf(task);
    if (!next || next.action !== 'record' || !next.row) {
      return [{ name: 'next', value: next ? (next.action === 'poll' ? 'poll the source' : next.action) : 'nothing to process', variablesReference: 0 }];
    }
    // The record as it reaches this frame's operator (Calcs before it previewed), when that can be known.
    const at = inspectablePosition(task.vertex, position);
    const reached = recordAtOperator(task, next.row, at);
    if (reached && 'filtered' in reached) return [{ name: 'record', value: 'dropped by a WHERE before this operator: it does not reach it', variablesReference: 0 }];
    const row = reached ? reached.row : next.row;
    const fields = reached ? fieldsAtOperator(this.c.job.graph, task.vertex, at) : this.fieldsOf(task);
    const tz = this.c.plan.compiled.localTimeZone;
    const out: DebugProtocol.Variable[] = [{ name: 'row kind', value: rowKindShortString(next.kind ?? 0), variablesReference: 0, presentationHint: { kind: 'property', attributes: ['readOnly'] } }];
    if (at !== position || !reached) out.push({ name: 'at', value: 'the record entering the subtask (what reaches this operator is known once the operators before it ran)', variablesReference: 0 });
    row.forEach((v, i) => {
      const f = fields?.[i];
      if (f) out.push({ name: f.name, value: v === null || v === undefined ? 'NULL' : f.type.root === 'CHAR' || f.type.root === 'VARCHAR' ? JSON.stringify(v) : formatValueForPrint(v, f.type, tz), type: formatLogicalType(f.type), variablesReference: 0 });
      else out.push(this.valueVariable(`$${i}`, v));
    });
    return out;
  }

  private currentKey(task: Subtask): DebugProtocol.Variable[] {
    const next = nextElementOf(task);
    const k = next?.row ? keyOfRow(task.vertex, next.row) : undefined;
    if (!k) return [{ name: 'key', value: 'no current record', variablesReference: 0 }];
    const names = task.vertex.key?.names ?? [];
    const out: DebugProtocol.Variable[] = [
      this.valueVariable(names.length === 1 ? `key (${names[0]})` : `key (${names.join(', ')})`, k.values.length === 1 ? k.values[0] : k.values),
      { name: 'key group', value: String(k.keyGroup), variablesReference: 0 },
    ];
    const states = this.view(task).statesOf(k.keyGroup, k.key);
    if (states.length === 0) out.push({ name: 'state', value: 'none yet (first record of this key)', variablesReference: 0 });
    for (const s of states) out.push(this.valueVariable(s.name, s.value));
    return out;
  }

  private operatorState(task: Subtask): DebugProtocol.Variable[] {
    const out: DebugProtocol.Variable[] = [
      { name: 'task state', value: task.state, variablesReference: 0 },
      { name: 'TaskManager', value: task.taskManager, variablesReference: 0 },
      { name: 'records in', value: String(task.recordsIn), variablesReference: 0 },
      { name: 'records out', value: String(task.recordsOut), variablesReference: 0 },
      { name: 'watermark', value: ms(task.watermark), variablesReference: 0 },
    ];
    const range = this.view(task).range();
    if (range) out.push({ name: 'key groups', value: `${range.start}-${range.end}`, variablesReference: 0 });
    if (task.reader) out.push(this.valueVariable('source position', task.reader.snapshotPosition()));
    for (const op of task.operators) {
      const tx = (op as { inspectTransactions?: () => unknown; sinkName?: string }).inspectTransactions?.();
      if (tx !== undefined) out.push(this.valueVariable(`sink transactions (${(op as { sinkName?: string }).sinkName ?? 'sink'})`, tx));
    }
    return out;
  }

  private channels(task: Subtask): DebugProtocol.Variable[] {
    const graph = this.c.job.graph;
    return inputChannelsOf(graph, task).map((ch) => {
      const v = graph.vertices[ch.producer.vertexId]!;
      const from = `${v.name} (${ch.producer.subtask + 1}/${v.parallelism})`;
      const items: DebugProtocol.Variable[] = [
        { name: 'from', value: from, variablesReference: 0 },
        { name: 'queued buffers', value: String(ch.queuedBuffers), variablesReference: 0 },
        { name: 'queued records', value: String(ch.queuedRecords), variablesReference: 0 },
        { name: 'watermark', value: ms(ch.watermark), variablesReference: 0 },
        { name: 'blocked by alignment', value: String(ch.blockedByAlignment), variablesReference: 0 },
        { name: 'last barrier queued', value: ch.queuedBarrier === undefined ? 'none' : `checkpoint ${ch.queuedBarrier}`, variablesReference: 0 },
        { name: 'ended', value: String(ch.ended), variablesReference: 0 },
      ];
      const summary = `${ch.queuedRecords} records in ${ch.queuedBuffers} buffers${ch.blockedByAlignment ? ', blocked by alignment' : ''}${ch.ended ? ', ended' : ''}`;
      return { name: `channel ${ch.index} ← ${from}`, value: summary, variablesReference: this.handles.create({ kind: 'list', items }) };
    });
  }

  private checkpoints(): DebugProtocol.Variable[] {
    const t = this.c.checkpoints;
    const out: DebugProtocol.Variable[] = [];
    for (const p of t.inProgress.values()) {
      const total = this.c.job.tasks.length;
      const items = [...p.acks].map(([name, a]) => ({ name, value: `acknowledged at ${a.time} ms (alignment ${a.alignmentMs} ms, ${a.stateBytes} bytes)`, variablesReference: 0 }));
      for (const task of this.c.job.tasks) {
        const name = `${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism})`;
        if (!p.acks.has(name)) items.push({ name, value: 'pending', variablesReference: 0 });
      }
      out.push({ name: `${p.isSavepoint ? 'savepoint' : 'checkpoint'} ${p.id} in progress`, value: `${p.acks.size}/${total} acknowledged, triggered at ${p.triggeredAt} ms`, variablesReference: this.handles.create({ kind: 'list', items }) });
    }
    if (out.length === 0) out.push({ name: 'in progress', value: 'none', variablesReference: 0 });
    const last = t.lastCompleted;
    out.push({ name: 'latest completed', value: last ? `checkpoint ${last.checkpointId} at ${last.time} ms (${last.stateBytes} bytes)` : 'none', variablesReference: 0 });
    if (t.lastFailed) out.push({ name: 'latest failed', value: `checkpoint ${t.lastFailed.checkpointId}: ${t.lastFailed.message}`, variablesReference: 0 });
    out.push({ name: 'counts', value: `${t.completed} completed, ${t.failed} failed`, variablesReference: 0 });
    return out;
  }
}
