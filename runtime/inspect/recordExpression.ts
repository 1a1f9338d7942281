// SQL expressions over a record for the debugger (`evaluate`, breakpoint conditions, logpoints):
// parsed by the job file's parser, bound with Flink's typing against the record's row type and
// compiled by the runtime's expression compiler. Mistakes come back as messages, never thrown.
import { DiagnosticError } from '../diagnostics.js';
import type { Row } from '../connectors/api.js';
import type { RowField } from '../engine/jobGraph.js';
import { bindExpression } from '../plan/bindExpression.js';
import { Scope } from '../plan/scope.js';
import { parseJobFile } from '../sql/parseJobFile.js';
import type { LogicalType } from '../types/logicalType.js';

/** A compiled expression over rows of one row type. */
export interface RecordExpression {
  readonly type: LogicalType;
  /** Evaluates over a row; a runtime error (e.g. a failed CAST) comes back as `{ error }`. */
  evaluate(row: Row): { value: unknown } | { error: string };
}

const PREFIX = 'INSERT INTO __debugger SELECT ';
const SUFFIX = '\nFROM __record';

/** Compiles `text` against `fields`; `{ error }` names the column (1-based, in `text`) of the first problem. */
export function compileRecordExpression(text: string, fields: readonly RowField[], options: { localTimeZone: string; now?: () => number }): RecordExpression | { error: string } {
  if (text.trim() === '') return { error: 'empty expression' };
  const parsed = parseJobFile(`${PREFIX}${text}${SUFFIX}`);
  const where = (d: { range?: { start: { line: number; column: number } } }) => (d.range && d.range.start.line === 1 ? ` (column ${d.range.start.column - PREFIX.length})` : '');
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  // The wrapper's FROM sits on line 2: an error there means the expression stopped too early.
  if (syntax) return { error: syntax.range && syntax.range.start.line > 1 ? `incomplete expression: '${text}' ends where more was expected` : `${syntax.message}${where(syntax)}` };
  const stmt = parsed.statements[0];
  const query = stmt && stmt.kind === 'insert' ? stmt.query : undefined;
  const item = query && query.kind === 'select' && query.items.length === 1 ? query.items[0] : undefined;
  if (!item || item.kind !== 'expression') return { error: `'${text}' is not one SQL expression` };
  try {
    const bound = bindExpression(item.expression, { scope: new Scope(fields.map((f) => ({ name: f.name, type: f.type }))), localTimeZone: options.localTimeZone, clause: 'in the debugger' });
    const ev = bound.compile({ localTimeZone: options.localTimeZone, now: options.now ?? (() => 0), random: () => 0 });
    return {
      type: bound.type,
      evaluate(row) {
        try {
          return { value: ev(row) };
        } catch (e) {
          return { error: e instanceof Error ? e.message : String(e) };
        }
      },
    };
  } catch (e) {
    if (e instanceof DiagnosticError) return { error: e.diagnostics.map((d) => `${d.message}${where(d)}`).join('; ') };
    throw e;
  }
}
