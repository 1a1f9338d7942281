// Parses a job file statement by statement, caching each statement's parse by its text, so an
// edit re-parses only the statements it touched. Results are the runtime parser's, with ranges
// moved to where each statement sits in the file. Imports the runtime's public API only.
import { parseJobFile, type Diagnostic, type SourcePosition, type Statement } from '../runtime/index.js';
import { splitIntoChunks, type TextChunk } from './statementChunks.js';

/** A parsed statement chunk: the runtime parser's statements and diagnostics, in file positions. */
export interface ParsedChunk {
  chunk: TextChunk;
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** A whole parsed job file (what `parseJobFile` gives, plus the chunks it came from). */
export interface ParsedDocument {
  statements: Statement[];
  /** Syntax errors and unsupported constructs, in file order. */
  diagnostics: Diagnostic[];
  chunks: ParsedChunk[];
  /** False when the time budget ran out: only the statements before the first unparsed one are here. */
  complete: boolean;
}

/** When to stop parsing new statements (cached ones cost nothing and are always included). */
export interface ParseBudget {
  /** A `performance.now()` time in ms. */
  deadline: number;
  /** Checked after each statement parsed; true stops as the deadline does. */
  isCancelled?: () => boolean;
}

/** Files up to this length with an unclosed string or comment, or double quotes, are parsed whole. */
const WHOLE_FILE_PARSE_MAX = 16 * 1024;

interface CacheEntry {
  statements: Statement[];
  diagnostics: Diagnostic[];
  /** The last placement this entry was shifted to, reused while the statement does not move. */
  placed?: { line: number; column: number; statements: Statement[]; diagnostics: Diagnostic[] };
}

/** The number of statement parses kept (a few large files' worth). */
const MAX_ENTRIES = 4000;

/** A statement-level parse cache shared by every open document. */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry>();
  /** Statement parses done (cache misses), for tests and benchmarks. */
  misses = 0;

  /**
   * Parses `text` as `parseJobFile` would, re-using the parse of every unchanged statement. With a
   * budget, parsing stops after the statement that passes the deadline; calling again with the same
   * text continues where it stopped (the parsed statements are cached).
   */
  parse(text: string, budget?: ParseBudget): ParsedDocument {
    const split = splitIntoChunks(text);
    if (split.needsWholeFileParse && text.length <= WHOLE_FILE_PARSE_MAX) {
      // An unclosed string or comment runs to the end of the file: the parser decides alone.
      const whole = parseJobFile(text);
      return { statements: whole.statements, diagnostics: whole.diagnostics, chunks: [], complete: true };
    }
    const chunks: ParsedChunk[] = [];
    const statements: Statement[] = [];
    const diagnostics: Diagnostic[] = [];
    let progressed = false; // each call parses at least one new statement, so repeated calls finish
    for (const chunk of split.chunks) {
      if (budget && !this.entries.has(chunk.text)) {
        if (progressed && (performance.now() > budget.deadline || budget.isCancelled?.())) return { statements, diagnostics, chunks, complete: false };
        progressed = true;
      }
      const placed = this.placed(chunk);
      chunks.push({ chunk, statements: placed.statements, diagnostics: placed.diagnostics });
      statements.push(...placed.statements);
      diagnostics.push(...placed.diagnostics);
    }
    return { statements, diagnostics, chunks, complete: true };
  }

  private placed(chunk: TextChunk): { statements: Statement[]; diagnostics: Diagnostic[] } {
    let entry = this.entries.get(chunk.text);
    if (entry) {
      this.entries.delete(chunk.text); // re-insert: most recently used last
    } else {
      this.misses++;
      const parsed = parseJobFile(chunk.text);
      entry = { statements: parsed.statements, diagnostics: parsed.diagnostics };
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(chunk.text, entry);
    const p = entry.placed;
    if (p && p.line === chunk.line && p.column === chunk.column) return p;
    const moved = {
      line: chunk.line,
      column: chunk.column,
      statements: shiftRanges(entry.statements, chunk.line, chunk.column),
      diagnostics: shiftRanges(entry.diagnostics, chunk.line, chunk.column),
    };
    entry.placed = moved;
    return moved;
  }
}

/**
 * A deep copy of `value` with every source position moved from "relative to a chunk that starts
 * at line 1, column 1" to a chunk starting at (`line`, `column`).
 */
export function shiftRanges<T>(value: T, line: number, column: number): T {
  if (line === 1 && column === 1) return value;
  return shift(value, line, column) as T;
}

function shift(value: unknown, line: number, column: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shift(v, line, column));
  if (value === null || typeof value !== 'object') return value;
  if (isPosition(value)) {
    return { line: value.line + line - 1, column: value.line === 1 ? value.column + column - 1 : value.column };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shift(v, line, column);
  return out;
}

function isPosition(v: object): v is SourcePosition {
  const p = v as Partial<SourcePosition>;
  return typeof p.line === 'number' && typeof p.column === 'number' && Object.keys(v).length === 2;
}
