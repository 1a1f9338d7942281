// Parses a job file statement by statement, caching each statement's parse by its text, so an edit
// re-parses only the statements it touched (in the server, in a worker thread). Results are the
// runtime parser's, with ranges moved to where each statement sits in the file. Imports the runtime API.
import { parseJobFile, type Diagnostic, type ParsedJobFile, type SourcePosition, type Statement } from '../runtime/index.js';
import { splitIntoChunks, type ChunkSplit, type TextChunk } from './statementChunks.js';

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
  /** False while some statements are still being parsed in the background (they are missing here). */
  complete: boolean;
}

/** Parses job-file text somewhere else (a worker thread), as `parseJobFile` would. */
export interface ChunkParser {
  parse(text: string): Promise<ParsedJobFile>;
}

interface CacheEntry {
  statements: Statement[];
  diagnostics: Diagnostic[];
  /** The last placement this entry was shifted to, reused while the statement does not move. */
  placed?: { line: number; column: number; statements: Statement[]; diagnostics: Diagnostic[] };
}

/** The number of statement parses kept (a few large files' worth). */
const MAX_ENTRIES = 4000;

/** Files up to this length with an unclosed string or comment, or double quotes, are parsed whole. */
const WHOLE_FILE_PARSE_MAX = 16 * 1024;

/**
 * A statement-level parse cache shared by every open document. Without a background parser it
 * parses missing statements at once; with one, `parse` never parses: it starts the missing
 * statements in the background and answers with what is cached (`complete` false), and `parsed`
 * resolves when they are in.
 */
export class ParseCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<void>>();
  /** The statement splits of the last few texts (each open document asks many times per version). */
  private readonly splits = new Map<string, ChunkSplit>();
  /** Statement parses done (cache misses), for tests and benchmarks. */
  misses = 0;

  constructor(private readonly background?: ChunkParser) {}

  /** `text` split into statements (remembered for the last few texts). */
  splitOf(text: string): ChunkSplit {
    let split = this.splits.get(text);
    if (!split) {
      split = splitIntoChunks(text);
      if (this.splits.size >= 8) this.splits.delete(this.splits.keys().next().value!);
      this.splits.set(text, split);
    }
    return split;
  }

  /** Parses `text` as `parseJobFile` would, re-using the parse of every unchanged statement. */
  parse(text: string): ParsedDocument {
    const { chunks: textChunks, whole } = this.split(text);
    const chunks: ParsedChunk[] = [];
    const statements: Statement[] = [];
    const diagnostics: Diagnostic[] = [];
    let complete = true;
    for (const chunk of textChunks) {
      const placed = this.placed(chunk);
      if (!placed) {
        complete = false;
        continue;
      }
      chunks.push({ chunk, statements: placed.statements, diagnostics: placed.diagnostics });
      statements.push(...placed.statements);
      diagnostics.push(...placed.diagnostics);
    }
    // A whole-file parse has no chunks of its own: callers treat the file as one unit.
    return { statements, diagnostics, chunks: whole ? [] : chunks, complete };
  }

  /** Resolves when every statement of `text` is parsed (at once without a background parser). */
  parsed(text: string): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const chunk of this.split(text).chunks) {
      if (!this.entries.has(chunk.text)) waits.push(this.startBackground(chunk.text));
    }
    return Promise.all(waits).then(() => undefined);
  }

  private split(text: string): { chunks: TextChunk[]; whole: boolean } {
    const split = this.splitOf(text);
    if (split.needsWholeFileParse && text.length <= WHOLE_FILE_PARSE_MAX) {
      // An unclosed string or comment runs to the end of the file: the parser decides alone.
      return { chunks: [{ text, offset: 0, line: 1, column: 1 }], whole: true };
    }
    return { chunks: split.chunks, whole: false };
  }

  private startBackground(text: string): Promise<void> {
    if (!this.background) {
      this.store(text, parseJobFile(text));
      return Promise.resolve();
    }
    let p = this.pending.get(text);
    if (!p) {
      this.misses++;
      p = this.background.parse(text).then((parsed) => {
        this.pending.delete(text);
        this.store(text, parsed);
      });
      this.pending.set(text, p);
    }
    return p;
  }

  private store(text: string, parsed: ParsedJobFile): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(text, { statements: parsed.statements, diagnostics: parsed.diagnostics });
  }

  private placed(chunk: TextChunk): { statements: Statement[]; diagnostics: Diagnostic[] } | undefined {
    let entry = this.entries.get(chunk.text);
    if (!entry) {
      if (this.background) {
        void this.startBackground(chunk.text);
        return undefined;
      }
      this.misses++;
      const parsed = parseJobFile(chunk.text);
      entry = { statements: parsed.statements, diagnostics: parsed.diagnostics };
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    } else {
      this.entries.delete(chunk.text); // re-insert: most recently used last
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
