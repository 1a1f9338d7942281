// Breakpoints on SQL lines: a line binds to the operators whose SQL construct is the innermost one
// containing it; conditions, hit counts and logpoints are compiled at once (errors show as
// unverified breakpoints) and checked before a subtask processes its next record.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { recordAtOperator, type JobGraph, type JobVertex, type RecordExpression, type SourceRange } from '../runtime/index.js';
import { inspectablePosition, type Subtask } from './chainFrames.js';

type Row = Parameters<typeof recordAtOperator>[1];
import { formatSqlValue, type RecordEvaluator } from './recordEvaluator.js';

/** Where a breakpoint stops: a vertex and the chain position of its operator. */
interface BoundOperator {
  readonly vertex: JobVertex;
  readonly position: number;
  readonly name: string;
  /** Where conditions read the record: the operator's input, or the chain's entry (see `inspectablePosition`). */
  readonly inputAt: number;
}

/** One verified breakpoint. */
interface ActiveBreakpoint {
  readonly id: number;
  readonly line: number;
  readonly operators: readonly BoundOperator[];
  readonly condition?: string;
  readonly hit?: (count: number) => boolean;
  readonly log?: readonly (string | { readonly text: string })[];
  hits: number;
}

/** A breakpoint that matched a record. */
export interface BreakpointHit {
  readonly id: number;
  /** The chain position of the operator the breakpoint is on. */
  readonly position: number;
}

/** The parts of a logpoint message: text, and `{expression}`s. */
export function parseLogMessage(message: string): (string | { text: string })[] {
  const parts: (string | { text: string })[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  for (let m = re.exec(message); m; m = re.exec(message)) {
    if (m.index > last) parts.push(message.slice(last, m.index));
    parts.push({ text: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  if (last < message.length) parts.push(message.slice(last));
  return parts;
}

/** `5`, `==5`, `>= 5`, `%3` … as a test of the hit count; a message when it is not one. */
export function parseHitCondition(text: string): ((n: number) => boolean) | string {
  const m = /^\s*(==|>=|<=|>|<|%)?\s*(\d+)\s*$/.exec(text);
  if (!m) return `hit count '${text}' is not a number, optionally after ==, >, >=, <, <= or % (e.g. 10, >= 10, % 3)`;
  const n = Number(m[2]);
  switch (m[1]) {
    case '>':
      return (c) => c > n;
    case '>=':
      return (c) => c >= n;
    case '<':
      return (c) => c < n;
    case '<=':
      return (c) => c <= n;
    case '%':
      return n === 0 ? 'hit count % 0 never matches' : (c) => c % n === 0;
    default:
      return (c) => c === n;
  }
}

function span(r: SourceRange): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.column - r.start.column);
}

function contains(r: SourceRange, line: number): boolean {
  const lastLine = r.end.column === 1 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
  return r.start.line <= line && line <= lastLine;
}

/** The operators a line binds to: those with the innermost SQL construct containing it. */
export function operatorsAtLine(graph: JobGraph, line: number): BoundOperator[] {
  const candidates: { op: BoundOperator; span: number }[] = [];
  for (const v of graph.vertices) {
    const chain: { name: string; range?: SourceRange }[] = [...(v.source ? [{ name: v.source.name, range: v.source.range }] : []), ...v.operators];
    chain.forEach((op, position) => {
      if (op.range && contains(op.range, line)) candidates.push({ op: { vertex: v, position, name: op.name, inputAt: inspectablePosition(v, position) }, span: span(op.range) });
    });
  }
  if (candidates.length === 0) return [];
  const best = Math.min(...candidates.map((c) => c.span));
  return candidates.filter((c) => c.span === best).map((c) => c.op);
}

/** The breakpoints of the job file. */
export class BreakpointTable {
  private active: ActiveBreakpoint[] = [];
  private byVertex = new Map<number, ActiveBreakpoint[]>();
  private nextId = 1;

  constructor(
    private readonly evaluator: RecordEvaluator,
    private readonly localTimeZone: string,
    private readonly log: (text: string) => void,
  ) {}

  /** Starts every hit count again (a time-travel replay counts the hits up to where it goes). */
  resetHits(): void {
    for (const bp of this.active) bp.hits = 0;
  }

  /** Whether any breakpoint is set. */
  get any(): boolean {
    return this.active.length > 0;
  }

  private requested: readonly DebugProtocol.SourceBreakpoint[] = [];

  /** Binds the same breakpoints to a new job graph (after a rescale). */
  reapply(graph: JobGraph): void {
    const counts = this.active.map((b) => b.hits);
    this.set(graph, this.requested);
    this.active.forEach((b, i) => (b.hits = counts[i] ?? 0));
  }

  /** Replaces the breakpoints of the job file; returns them verified or not, with reasons. */
  set(graph: JobGraph, requested: readonly DebugProtocol.SourceBreakpoint[]): DebugProtocol.Breakpoint[] {
    this.requested = requested;
    this.active = [];
    const out: DebugProtocol.Breakpoint[] = [];
    for (const b of requested) {
      const id = this.nextId++;
      const operators = operatorsAtLine(graph, b.line);
      const reject = (message: string) => out.push({ id, verified: false, line: b.line, message });
      if (operators.length === 0) {
        reject(`Line ${b.line} produces no operator of the job: put breakpoints on a CREATE TABLE (the source), a WHERE, a GROUP BY, a window TVF or an INSERT INTO (the sink)`);
        continue;
      }
      let hit: ((n: number) => boolean) | undefined;
      if (b.hitCondition !== undefined && b.hitCondition.trim() !== '') {
        const h = parseHitCondition(b.hitCondition);
        if (typeof h === 'string') {
          reject(h);
          continue;
        }
        hit = h;
      }
      const problems: string[] = [];
      const check = (text: string, condition: boolean) => {
        for (const op of operators) {
          const c = this.evaluator.compile(op.vertex, text, op.inputAt);
          if ('error' in c) problems.push(`'${text}' on the records entering ${op.vertex.name}: ${c.error}`);
          else if (condition && c.type.root !== 'BOOLEAN') problems.push(`condition '${text}' must be a BOOLEAN, it is ${c.type.root}`);
        }
      };
      if (b.condition !== undefined && b.condition.trim() !== '') check(b.condition, true);
      const log = b.logMessage !== undefined ? parseLogMessage(b.logMessage) : undefined;
      for (const p of log ?? []) if (typeof p !== 'string') check(p.text, false);
      if (problems.length > 0) {
        reject(problems.join('; '));
        continue;
      }
      this.active.push({ id, line: b.line, operators, condition: b.condition?.trim() || undefined, hit, log, hits: 0 });
      out.push({ id, verified: true, line: b.line, message: `on ${operators.map((o) => o.name).join(', ')}` });
    }
    this.byVertex = new Map();
    for (const bp of this.active) for (const op of bp.operators) this.byVertex.set(op.vertex.id, [...(this.byVertex.get(op.vertex.id) ?? []), bp]);
    return out;
  }

  /** Checks a record a subtask of `vertex` is about to process; returns the breakpoint to stop at. Logpoints print. */
  check(task: Subtask, entering: Row, countOnly = false): BreakpointHit | undefined {
    const vertex = task.vertex;
    const list = this.byVertex.get(vertex.id);
    if (!list) return undefined;
    for (const bp of list) {
      const op = bp.operators.find((o) => o.vertex.id === vertex.id)!;
      // The record as it reaches the operator (Calcs before it previewed); it may not reach it.
      const at = recordAtOperator(task, entering, op.inputAt);
      if (!at || 'filtered' in at) continue;
      const row = at.row;
      if (bp.condition !== undefined) {
        const c = this.evaluator.compile(vertex, bp.condition, op.inputAt) as RecordExpression;
        const r = c.evaluate(row as unknown[]);
        if ('error' in r || r.value !== true) continue;
      }
      bp.hits++;
      if (countOnly || (bp.hit && !bp.hit(bp.hits))) continue;
      if (bp.log) {
        this.log(`${bp.log.map((p) => (typeof p === 'string' ? p : this.format(vertex, op.inputAt, p.text, row))).join('')}\n`);
        continue;
      }
      return { id: bp.id, position: op.position };
    }
    return undefined;
  }

  private format(vertex: JobVertex, inputAt: number, text: string, row: readonly unknown[]): string {
    const c = this.evaluator.compile(vertex, text, inputAt) as RecordExpression;
    const r = c.evaluate(row as unknown[]);
    if ('error' in r) return `<${r.error}>`;
    const s = formatSqlValue(r.value, c, this.localTimeZone);
    return typeof r.value === 'string' ? r.value : s;
  }
}
