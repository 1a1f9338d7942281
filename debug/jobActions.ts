// Things a developer does to a running or stopped job from the debugger: inject a fault, trigger a
// checkpoint or savepoint, look a key up. Shared by the custom requests and the Debug Console.
import {
  compileRecordExpression,
  computeOperatorIndexForKeyGroup,
  formatLogicalType,
  inputFieldsOf,
  keyOfRow,
  KeyedStateView,
  type JobVertex,
} from '../runtime/index.js';
import type { InjectFaultArguments, InjectFaultResult } from '../protocol/debugAdapter.js';
import type { JobController } from './jobController.js';
import { RequestError } from './requestError.js';
import { describeValue } from './valueTree.js';

const displayName = (v: JobVertex, i: number) => `${v.name} (${i + 1}/${v.parallelism})`;

/** A vertex named by its full name or one of its operators (`GroupAggregate`, `Sink: paid`). */
export function findVertex(c: JobController, name: string): JobVertex {
  const vs = c.job.graph.vertices;
  const v = vs.find((x) => x.name === name) ?? vs.find((x) => x.name.split(' -> ').includes(name));
  if (!v) throw new RequestError(`no vertex or operator named '${name}': the job has ${vs.map((x) => `'${x.name}'`).join(', ')}`);
  return v;
}

/** Fires a fault now (`fail-task` or `kill-taskmanager`). */
export function injectFault(c: JobController, args: Partial<InjectFaultArguments>): InjectFaultResult {
  if (c.hasEnded) throw new RequestError('the job has ended');
  if (typeof args.action !== 'string' || typeof args.target !== 'string') throw new RequestError("injectFault needs 'action' and 'target', e.g. { action: 'fail-task', target: 'GroupAggregate[1]' }");
  if (args.when !== undefined) throw new RequestError("a fault injected during a session fires now: give no 'when' (triggers belong in the launch configuration's faults)");
  const job = c.job;
  if (args.action === 'kill-taskmanager') {
    const tms = job.placement.taskManagers.map((t) => t.id);
    if (!tms.includes(args.target)) throw new RequestError(`no TaskManager '${args.target}': the job runs on ${tms.join(', ')}`);
    const victims = job.tasks.filter((t) => t.taskManager === args.target && t.state === 'RUNNING');
    if (victims.length === 0) throw new RequestError(`TaskManager ${args.target} runs no subtask right now`);
    c.act({ kind: 'fail', vertexId: victims[0]!.vertex.id, subtask: victims[0]!.index, message: `TaskManager ${args.target} was lost (killed from the debugger)` });
    c.faultInjected();
    return { fired: `killed ${args.target}: ${victims.length} subtask(s) lost` };
  }
  if (args.action !== 'fail-task') throw new RequestError(`action '${args.action}' cannot be injected during a session: use fail-task or kill-taskmanager here, and put the others in the launch configuration's faults`);
  const m = /^(.*?)(?:\[(\d+)\])?$/.exec(args.target.trim())!;
  const vertex = findVertex(c, m[1]!.trim());
  const index = m[2] === undefined ? undefined : Number(m[2]);
  if (index !== undefined && index >= vertex.parallelism) throw new RequestError(`${vertex.name} has subtasks 0-${vertex.parallelism - 1} (0-based in [i])`);
  const task = job.tasks.find((t) => t.vertex.id === vertex.id && (index === undefined || t.index === index) && t.state === 'RUNNING');
  if (!task) throw new RequestError(`${index === undefined ? vertex.name : displayName(vertex, index)} is not running`);
  c.act({ kind: 'fail', vertexId: task.vertex.id, subtask: task.index, message: 'Injected failure from the debugger' });
  c.faultInjected();
  return { fired: `failed ${displayName(vertex, task.index)}` };
}

/** Triggers a checkpoint (or an aligned savepoint) now; returns its id. */
export function triggerCheckpoint(c: JobController, savepoint: boolean): number {
  const job = c.job;
  if (c.hasEnded) throw new RequestError('the job has ended');
  if (!job.coordinator) throw new RequestError("checkpointing is off: set 'execution.checkpointing.interval' in the job file");
  if (job.jobState !== 'RUNNING') throw new RequestError(`the job is ${job.jobState}: checkpoints are triggered while it is RUNNING`);
  const id = c.act({ kind: savepoint ? 'savepoint' : 'checkpoint' });
  if (id === undefined) throw new RequestError('the savepoint could not be triggered');
  return id;
}

/** Where a key lives in a keyed vertex (or every keyed vertex) and the state it has there. */
export function describeKey(c: JobController, keyText: string, vertexName?: string): string {
  const vertices = vertexName ? [findVertex(c, vertexName)] : c.job.graph.vertices.filter((v) => v.key);
  if (vertices.length === 0) throw new RequestError('the job has no keyed vertex');
  const lines: string[] = [];
  for (const v of vertices) {
    const key = v.key;
    if (!key) throw new RequestError(`${v.name} is not keyed`);
    if (key.fields.length !== 1) throw new RequestError(`${v.name} is keyed by ${key.names.join(', ')}: looking up composite keys is not supported yet`);
    const fields = inputFieldsOf(c.job.graph, v);
    const field = fields?.[key.fields[0]!];
    if (!fields || !field) throw new RequestError(`the key type of ${v.name} is not known`);
    const expr = compileRecordExpression(`CAST(${keyText} AS ${formatLogicalType(field.type)})`, [], { localTimeZone: c.plan.compiled.localTimeZone });
    if ('error' in expr) throw new RequestError(`'${keyText}' is not a ${formatLogicalType(field.type)} key: ${expr.error}`);
    const value = expr.evaluate([]);
    if ('error' in value) throw new RequestError(value.error);
    const row: unknown[] = [];
    row[key.fields[0]!] = value.value;
    const k = keyOfRow(v, row)!;
    const subtask = computeOperatorIndexForKeyGroup(v.maxParallelism, v.parallelism, k.keyGroup);
    lines.push(`${key.names[0]} = ${keyText} in ${v.name}: key group ${k.keyGroup} of ${v.maxParallelism}, subtask ${displayName(v, subtask)}`);
    const task = c.job.tasks.find((t) => t.vertex.id === v.id && t.index === subtask);
    const states = task ? new KeyedStateView(task).statesOf(k.keyGroup, k.key) : [];
    if (states.length === 0) lines.push('  no state for this key');
    for (const s of states) lines.push(`  ${s.name}: ${describeValue(s.value).value}`);
  }
  return lines.join('\n');
}
