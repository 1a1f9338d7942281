// Before a job file is sent, its local syntax errors are put to Flink's own parser: only an error
// both parsers agree on stops the submission; a construct only the local grammar lacks (FILTER
// (WHERE ...), SESSION windows, ...) becomes a warning and is sent. Imports sqlGateway.ts only.
import type { Diagnostic, SourcePosition, SourceRange } from '../runtime/index.js';
import { rangeContains, type FlinkStatement } from './flinkStatements.js';
import { SqlGatewaySession, type SqlGatewayOptions } from './sqlGateway.js';

/** What the check found. */
export interface SyntaxVerdict {
  /** Errors Flink's parser confirmed (the local diagnostic, then Flink's at its place): nothing may be sent. */
  readonly errors: readonly Diagnostic[];
  /** Local syntax errors Flink parses: shown as warnings, the file is sent. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Puts every statement that has a local syntax error to Flink's parser, in a session of its own
 * (closed at once; the parse may register DDL there, never submits a job). A syntax error outside
 * every statement (an unclosed string or comment: the statement cannot be delimited) stays an error.
 */
export async function checkSyntaxWithFlink(
  gatewayUrl: string,
  options: SqlGatewayOptions,
  file: string,
  statements: readonly (FlinkStatement & { readonly sent: string })[],
  syntax: readonly Diagnostic[],
): Promise<SyntaxVerdict> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const doubted = new Map<FlinkStatement & { readonly sent: string }, Diagnostic[]>();
  for (const d of syntax) {
    const at = d.range?.start;
    const st = at && statements.find((s) => rangeContains(withSemicolon(s.range), at));
    if (!st) errors.push(d);
    else doubted.set(st, [...(doubted.get(st) ?? []), d]);
  }
  if (errors.length > 0 || doubted.size === 0) return { errors, warnings };
  const scratch = await SqlGatewaySession.open(gatewayUrl, options);
  try {
    for (const [st, local] of doubted) {
      const flinkError = await scratch.parseError(st.sent);
      if (flinkError === undefined) {
        for (const d of local) {
          warnings.push({ ...d, severity: 'warning', code: 'local-syntax', message: `${d.message} (the local runtime cannot parse this; Flink's parser accepts it, so it is sent to Flink)` });
        }
      } else {
        errors.push(...local, { severity: 'error', code: 'flink', message: `Flink rejects this statement too: ${flinkError}`, range: flinkRange(flinkError, st), file });
      }
    }
  } finally {
    await scratch.close();
  }
  return { errors, warnings };
}

/** A statement's range through its `;`, where a parser reports what is missing at its end. */
function withSemicolon(r: SourceRange): SourceRange {
  return { start: r.start, end: { line: r.end.line, column: r.end.column + 1 } };
}

/**
 * Where in the file Flink's message points: Calcite's "From line L, column C" / "at line L, column
 * C" count from the statement's start. The statement's range when the message names no place.
 */
export function flinkRange(reason: string, st: { readonly range: SourceRange }): SourceRange {
  const m = /(?:[Ff]rom|at) line (\d+), column (\d+)(?: to line (\d+), column (\d+))?/.exec(reason);
  if (!m) return st.range;
  const at = (line: number, column: number): SourcePosition => ({
    line: st.range.start.line + line - 1,
    column: line === 1 ? st.range.start.column + column - 1 : column,
  });
  const start = at(Number(m[1]), Number(m[2]));
  const end = m[3] ? at(Number(m[3]), Number(m[4])) : start;
  return { start, end: { line: end.line, column: end.column + 1 } };
}
