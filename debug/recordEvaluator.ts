// `evaluate` (hover, watch, Debug Console) and breakpoint conditions: SQL expressions over the
// record a subtask is about to process, compiled once per vertex and text by the runtime's compiler.
import { compileRecordExpression, fieldsAtOperator, formatLogicalType, formatValueForPrint, nextElementOf, recordAtOperator, type JobGraph, type JobVertex, type RecordExpression } from '../runtime/index.js';
import { inspectablePosition } from './chainFrames.js';
import type { Subtask } from './chainFrames.js';
import { RequestError } from './requestError.js';

/** A value as the Debug Console shows it (strings quoted, NULL spelled as SQL does). */
export function formatSqlValue(value: unknown, expr: RecordExpression, localTimeZone: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (expr.type.root === 'CHAR' || expr.type.root === 'VARCHAR') return `'${String(value).replace(/'/g, "''")}'`;
  return formatValueForPrint(value, expr.type, localTimeZone);
}

/** Compiles and evaluates SQL over records, caching compiled expressions. */
export class RecordEvaluator {
  private readonly cache = new Map<string, RecordExpression | { error: string }>();

  constructor(
    private readonly graph: () => JobGraph,
    private readonly localTimeZone: string,
    private readonly now: () => number,
  ) {}

  /** Compiles `text` against the records entering the operator at chain position `position` of `vertex` (see `inspectablePosition`). */
  compile(vertex: JobVertex, text: string, position: number): RecordExpression | { error: string } {
    const key = `${vertex.id}\u0000${vertex.parallelism}\u0000${position}\u0000${text}`;
    let c = this.cache.get(key);
    if (!c) {
      const fields = fieldsAtOperator(this.graph(), vertex, position);
      c = fields ? compileRecordExpression(text, fields, { localTimeZone: this.localTimeZone, now: this.now }) : { error: `the records entering ${vertex.name} have no known row type` };
      this.cache.set(key, c);
    }
    return c;
  }

  /** Evaluates over the subtask's current record as it enters the operator at `position`; a RequestError explains why it cannot. */
  evaluate(task: Subtask, text: string, position: number): { result: string; type: string } {
    const at = inspectablePosition(task.vertex, position);
    const compiled = this.compile(task.vertex, text, at);
    if ('error' in compiled) throw new RequestError(compiled.error);
    const next = nextElementOf(task);
    if (!next?.row) throw new RequestError(`${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism}) has no current record (next: ${next?.action ?? 'nothing'})`);
    const row = recordAtOperator(task, next.row, at);
    if (!row) throw new RequestError('the record cannot be shown at this operator without running the chain (a non-deterministic expression before it)');
    if ('filtered' in row) throw new RequestError('the current record does not reach this operator: a WHERE before it drops it');
    const r = compiled.evaluate(row.row);
    if ('error' in r) throw new RequestError(r.error);
    return { result: formatSqlValue(r.value, compiled, this.localTimeZone), type: formatLogicalType(compiled.type) };
  }
}
