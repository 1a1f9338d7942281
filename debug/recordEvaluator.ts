// `evaluate` (hover, watch, Debug Console) and breakpoint conditions: SQL expressions over the
// record a subtask is about to process, compiled once per vertex and text by the runtime's compiler.
import { compileRecordExpression, formatLogicalType, formatValueForPrint, inputFieldsOf, nextElementOf, type JobGraph, type JobVertex, type RecordExpression } from '../runtime/index.js';
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

  /** Compiles `text` against the records entering `vertex`. */
  compile(vertex: JobVertex, text: string): RecordExpression | { error: string } {
    const key = `${vertex.id}\u0000${vertex.parallelism}\u0000${text}`;
    let c = this.cache.get(key);
    if (!c) {
      const fields = inputFieldsOf(this.graph(), vertex);
      c = fields ? compileRecordExpression(text, fields, { localTimeZone: this.localTimeZone, now: this.now }) : { error: `the records entering ${vertex.name} have no known row type` };
      this.cache.set(key, c);
    }
    return c;
  }

  /** Evaluates over the subtask's current record; a RequestError explains why it cannot. */
  evaluate(task: Subtask, text: string): { result: string; type: string } {
    const compiled = this.compile(task.vertex, text);
    if ('error' in compiled) throw new RequestError(compiled.error);
    const next = nextElementOf(task);
    if (!next?.row) throw new RequestError(`${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism}) has no current record (next: ${next?.action ?? 'nothing'})`);
    const r = compiled.evaluate(next.row);
    if ('error' in r) throw new RequestError(r.error);
    return { result: formatSqlValue(r.value, compiled, this.localTimeZone), type: formatLogicalType(compiled.type) };
  }
}
