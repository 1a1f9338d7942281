// A job file cut into the statements Flink's SQL Gateway takes one at a time, as Flink's SQL client
// sends them: `BEGIN STATEMENT SET;`, each INSERT and `END;` go separately (the gateway collects the
// INSERTs in the session and submits them as one job at END). Imports the runtime's splitter only.
import { splitJobFile, type JobFileStatement, type SourcePosition, type SourceRange } from '../runtime/index.js';

/** One statement to send, with where it is in the job file. */
export interface FlinkStatement extends JobFileStatement {
  /** UTF-16 offset of the statement's first character in the job file. */
  readonly offset: number;
}

/** The job file's statements in the order Flink's SQL client would send them. */
export function flinkStatements(text: string): FlinkStatement[] {
  const lines = lineStarts(text);
  const out: FlinkStatement[] = [];
  for (const st of splitJobFile(text)) {
    const offset = offsetOf(lines, st.range.start);
    if (st.keyword === 'BEGIN') out.push(...splitStatementSet(text, st, offset, lines));
    else out.push({ ...st, offset });
  }
  return out;
}

/** Hidden text between keywords: blanks and comments. */
const GAP = String.raw`(?:\s|--[^\n]*(?:\n|$)|/\*[\s\S]*?\*/)`;
const BEGIN_STATEMENT_SET = new RegExp(`^BEGIN${GAP}+STATEMENT${GAP}+SET(${GAP}*);`, 'i');

/**
 * `BEGIN STATEMENT SET; INSERT ...; INSERT ...; END` as its parts. The local splitter keeps the
 * block as one statement (the local runtime plans it as one); Flink's gateway parses one statement
 * per request and refuses the block ("only accepts a single SQL statement").
 */
function splitStatementSet(text: string, block: JobFileStatement, offset: number, lines: readonly number[]): FlinkStatement[] {
  const head = BEGIN_STATEMENT_SET.exec(block.text);
  if (!head) return [{ ...block, offset }];
  const beginText = head[0].slice(0, head[0].length - 1 - head[1]!.length);
  const parts: FlinkStatement[] = [
    { text: beginText, keyword: 'BEGIN', offset, range: { start: block.range.start, end: positionOf(lines, offset + beginText.length) } },
  ];
  const bodyOffset = offset + head[0].length;
  // The body holds no STATEMENT SET of its own, so the splitter cuts it at every top-level `;`.
  for (const inner of splitJobFile(text.slice(bodyOffset, offset + block.text.length))) {
    const start = bodyOffset + offsetOf(lineStarts(text.slice(bodyOffset)), inner.range.start);
    parts.push({ ...inner, offset: start, range: { start: positionOf(lines, start), end: positionOf(lines, start + inner.text.length) } });
  }
  return parts;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetOf(lines: readonly number[], p: SourcePosition): number {
  return lines[p.line - 1]! + p.column - 1;
}

function positionOf(lines: readonly number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}

/** Whether `p` lies in `r` (end exclusive). */
export function rangeContains(r: SourceRange, p: SourcePosition): boolean {
  const after = (a: SourcePosition, b: SourcePosition) => a.line > b.line || (a.line === b.line && a.column >= b.column);
  return after(p, r.start) && !after(p, r.end);
}
