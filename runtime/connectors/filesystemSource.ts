// The filesystem source reader: a bounded scan of the files in `path` (a directory, or one file),
// sorted by name and assigned to subtasks round-robin, read line by line through a format deserializer.
// Files reach it only through injected functions; imports connectors/ only.
import type { PollStatus, RowSink, SourceFactory, SourceReader } from './api.js';
import type { FilesystemSpec } from './connectorSpec.js';

/** What the filesystem source needs from the host and the format. */
export interface FilesystemSourceDeps {
  /** `spec.path` names one file rather than a directory (Flink reads a file path as that one file). */
  singleFile?: boolean;
  /** The names of the files directly in `dir` (hidden files and sub-directories excluded by the caller or here). */
  listFiles(dir: string): string[];
  /** The whole text of a file (UTF-8). */
  readText(path: string): string;
  /** Decodes one line with the table's format (csv/json) into a row in schema order. */
  deserializer: (line: string) => { row: unknown[] } | { error: string; column?: number; skip?: boolean };
}

/**
 * A line the format could not decode (and was not told to ignore). Thrown from `poll`: the engine
 * turns it into a task failure, as Flink fails the task on a format error. Positions are 1-based.
 */
export class SourceReadError extends Error {
  constructor(
    /** The file's path. */
    readonly path: string,
    /** 1-based line number. */
    readonly line: number,
    /** The format's message. */
    readonly reason: string,
    /** 1-based column (field) the format blamed, if it said. */
    readonly column?: number,
  ) {
    super(`Failed to deserialize ${path}:${line}${column !== undefined ? `:${column}` : ''}: ${reason}`);
    this.name = 'SourceReadError';
  }
}

/** A filesystem reader's checkpointed position: the next line to read in this subtask's files. */
export interface FilesystemPosition {
  /** Index into this subtask's files (sorted by name). */
  fileIndex: number;
  /** 0-based index of the next line within that file. */
  line: number;
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** Flink's DefaultFileFilter: names starting with `.` or `_` (checksums, `_SUCCESS`) are not data. */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** Splits text into lines on \n or \r\n; a final empty line (trailing newline) is dropped. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Creates the filesystem source. The file list is taken when the first reader is created (a
 * bounded scan of the files present at start); hidden files (`.` or `_` prefix, as Flink's
 * file enumerator skips) are ignored, a hidden single file too. Empty lines are skipped. A
 * directory that cannot be listed fails the task on its first poll, not the deployment.
 */
export function createFilesystemSource(spec: FilesystemSpec, _columns: readonly unknown[], deps: FilesystemSourceDeps): SourceFactory {
  let files: string[] | { error: unknown } | undefined;
  const allFiles = (): string[] | { error: unknown } => {
    if (!files) {
      try {
        files = deps.singleFile
          ? (isHidden(baseName(spec.path)) ? [] : [spec.path])
          : deps
              .listFiles(spec.path)
              .filter((n) => !isHidden(n))
              .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
              .map((n) => joinPath(spec.path, n));
      } catch (error) {
        files = { error };
      }
    }
    return files;
  };
  return {
    bounded: true,
    createReader(subtask: number, parallelism: number): SourceReader {
      const all = allFiles();
      if (!Array.isArray(all)) return new FilesystemReader([], deps, all.error);
      return new FilesystemReader(all.filter((_, i) => i % parallelism === subtask), deps);
    },
  };
}

class FilesystemReader implements SourceReader {
  private fileIndex = 0;
  private line = 0;
  private lines: string[] | undefined;

  constructor(
    private readonly files: readonly string[],
    private readonly deps: FilesystemSourceDeps,
    /** Why the file list could not be taken: thrown by the first poll (a task failure). */
    private readonly listError?: unknown,
  ) {}

  poll(out: RowSink, max: number): PollStatus {
    if (this.listError !== undefined) throw this.listError;
    let emitted = 0;
    while (this.fileIndex < this.files.length) {
      const path = this.files[this.fileIndex]!;
      if (!this.lines) this.lines = splitLines(this.deps.readText(path));
      const lines = this.lines;
      while (this.line < lines.length) {
        if (emitted >= max) return { kind: 'more' };
        const text = lines[this.line]!;
        const lineNo = this.line + 1;
        this.line++;
        if (text.trim() === '') continue;
        const r = this.deps.deserializer(text);
        // Comment lines and, with ignore-parse-errors, bad lines are dropped, as Flink's formats do.
        if ('skip' in r && r.skip) continue;
        if ('error' in r) {
          this.line--; // stay on the failing line: a restore from an earlier position re-reads it
          throw new SourceReadError(path, lineNo, r.error, r.column);
        }
        out.push(r.row);
        emitted++;
      }
      this.fileIndex++;
      this.line = 0;
      this.lines = undefined;
    }
    return { kind: 'end' };
  }

  snapshotPosition(): FilesystemPosition {
    return { fileIndex: this.fileIndex, line: this.line };
  }

  restorePosition(position: unknown): void {
    const p = position as Partial<FilesystemPosition> | null;
    if (p === null || typeof p !== 'object' || typeof p.fileIndex !== 'number' || typeof p.line !== 'number') {
      throw new Error(`filesystem: not a filesystem position: ${JSON.stringify(position)}`);
    }
    this.fileIndex = p.fileIndex;
    this.line = p.line;
    this.lines = undefined;
  }
}
