// The filesystem sink with Flink's exactly-once file lifecycle (StreamingFileSink buckets, row
// formats): rows go to a hidden in-progress part file; the rolling policy (size, rollover and
// inactivity on the job clock) turns it into a pending file; a pending file becomes a visible,
// finished part file only when a checkpoint that covers it completes. On recovery the in-progress
// file is truncated to its checkpointed length, pending files of the restored checkpoint are
// committed, and anything written after that checkpoint is aborted. Without checkpointing every
// file is committed at the end of a bounded input. Files are reached only through `SinkFiles`.
import type { RowKind } from '../types/rowKind.js';
import type { Row, SinkWriter } from './api.js';
import type { FilesystemSpec } from './connectorSpec.js';
import { finishedPartName, inProgressPartName, partFileIdOf, partFileIdsOf, registerPartFileId } from './partFileNames.js';

/** File operations the sink needs; the host provides durable ones (fsync before rename). */
export interface SinkFiles {
  /** Appends text to a file, creating it (and its directory) if missing. */
  append(path: string, text: string): void;
  /** Cuts a file to `length` bytes. */
  truncate(path: string, length: number): void;
  /** Size in bytes, or -1 if the file does not exist. */
  size(path: string): number;
  /** Atomically renames (the commit). */
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** Names of the files in a directory (empty if it does not exist). */
  list(dir: string): string[];
  /** The UTF-8 text of a file. */
  read(path: string): string;
}

/** In-memory sink files, for reference runs and tests. */
export function memorySinkFiles(): SinkFiles {
  const files = new Map<string, string>();
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));
  return {
    append: (path, text) => void files.set(path, (files.get(path) ?? '') + text),
    truncate: (path, length) => void files.set(path, new TextDecoder().decode(new TextEncoder().encode(files.get(path) ?? '').slice(0, length))),
    size: (path) => (files.has(path) ? new TextEncoder().encode(files.get(path)!).length : -1),
    rename: (from, to) => {
      files.set(to, files.get(from) ?? '');
      files.delete(from);
    },
    remove: (path) => void files.delete(path),
    list: (dir) => [...files.keys()].filter((p) => dirOf(p) === dir).map((p) => p.slice(dir.length + 1)),
    read: (path) => files.get(path) ?? '',
  };
}

/** Names of the committed (finished, visible) part files the sinks of a run wrote into `dir` through `files`. */
export function committedPartFiles(files: SinkFiles, dir: string): string[] {
  const ids = [...partFileIdsOf(files, dir)];
  return files
    .list(dir)
    .filter((n) => ids.some((id) => n.startsWith(`part-${id}-`)))
    .sort();
}

/** One file waiting for its checkpoint to complete. */
interface PendingFile {
  readonly inProgressPath: string;
  readonly finalPath: string;
  /** The checkpoint whose completion commits it (set at the barrier). */
  checkpointId: number;
}

/** The sink subtask's checkpointed state. */
export interface FilesystemSinkState {
  readonly inProgress?: { readonly path: string; readonly finalPath: string; readonly length: number; readonly openedAt: number };
  readonly pending: readonly { readonly inProgressPath: string; readonly finalPath: string; readonly checkpointId: number }[];
  readonly partCounter: number;
  /** The uuid in this sink instance's part-file names (kept across restores). */
  readonly partFileId?: string;
}

/** What the sink needs besides its spec. */
export interface FilesystemSinkDeps {
  readonly files: SinkFiles;
  /** Encodes one row as a line of the table's format (csv/json), without the newline. */
  serialize(row: Row): string;
  /** The job clock in ms (rolling policy). */
  now(): number;
  /** The run's id: with `sinkInstance` it gives the uuid in the part-file names. */
  readonly runId: string;
  /** Which sink of the job this is (one per INSERT), so two sinks into one table never collide. */
  readonly sinkInstance: string;
  /** Whether checkpointing is on (else files commit at end of input). */
  readonly checkpointing: boolean;
}

/** Creates the writers of a filesystem sink: `(subtask, parallelism) => SinkWriter`. */
export function createFilesystemSink(spec: FilesystemSpec, deps: FilesystemSinkDeps): (subtask: number, parallelism: number) => SinkWriter {
  return (subtask) => new FilesystemSinkWriter(spec, deps, subtask);
}

class FilesystemSinkWriter implements SinkWriter {
  private inProgress: { path: string; finalPath: string; length: number; openedAt: number; lastWriteAt: number } | undefined;
  private pending: PendingFile[] = [];
  private partCounter = 0;
  private partFileId: string;
  /** Whether leftovers of earlier attempts were dealt with (by a restore, or on the first write). */
  private settled = false;

  constructor(
    private readonly spec: FilesystemSpec,
    private readonly deps: FilesystemSinkDeps,
    private readonly subtask: number,
  ) {
    this.partFileId = partFileIdOf(deps.runId, deps.sinkInstance);
    registerPartFileId(deps.files, spec.path, this.partFileId);
  }

  /** `part-<id>-<subtask>-`: the start of this writer's part-file names. */
  private get prefix(): string {
    return `part-${this.partFileId}-${this.subtask}-`;
  }

  write(_kind: RowKind, row: Row): void {
    const now = this.deps.now();
    if (this.inProgress && this.shouldRoll(now)) this.roll();
    if (!this.inProgress) this.open(now);
    const line = `${this.deps.serialize(row)}\n`;
    this.deps.files.append(this.inProgress!.path, line);
    this.inProgress!.length += utf8Length(line);
    this.inProgress!.lastWriteAt = now;
  }

  finish(): void {
    if (this.inProgress) this.roll();
    // No checkpoints: the end of a bounded input commits everything (Flink's final commit).
    if (!this.deps.checkpointing) this.commitUpTo(Number.POSITIVE_INFINITY);
  }

  snapshotState(checkpointId: number): FilesystemSinkState {
    // Pending files rolled before this barrier are committed when this checkpoint completes.
    for (const p of this.pending) if (p.checkpointId < 0) p.checkpointId = checkpointId;
    const ip = this.inProgress;
    return {
      inProgress: ip ? { path: ip.path, finalPath: ip.finalPath, length: ip.length, openedAt: ip.openedAt } : undefined,
      pending: this.pending.map((p) => ({ ...p })),
      partCounter: this.partCounter,
      partFileId: this.partFileId,
    };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.commitUpTo(checkpointId);
  }

  restoreState(state: unknown): { aborted: number; committed: number } {
    const s = state as FilesystemSinkState;
    const files = this.deps.files;
    if (s.partFileId !== undefined) {
      this.partFileId = s.partFileId;
      registerPartFileId(files, this.spec.path, s.partFileId);
    }
    let committed = 0;
    // Pending files of the restored (completed) checkpoint: commit them (idempotently).
    for (const p of s.pending) {
      if (files.size(p.inProgressPath) >= 0) {
        files.rename(p.inProgressPath, p.finalPath);
        committed++;
      }
    }
    // Everything else of this subtask that is still in progress was written after the checkpoint.
    this.settled = true;
    let aborted = this.abortInProgress(s.inProgress?.path);
    if (s.inProgress) {
      // Resume the in-progress file from its checkpointed length (Flink's recoverable writer).
      if (files.size(s.inProgress.path) > s.inProgress.length) aborted++;
      files.truncate(s.inProgress.path, s.inProgress.length);
      this.inProgress = { ...s.inProgress, lastWriteAt: this.deps.now() };
    }
    this.pending = [];
    this.partCounter = s.partCounter;
    return { aborted, committed };
  }

  /** Removes this subtask's in-progress files except `keep`; returns how many. */
  private abortInProgress(keep: string | undefined): number {
    let aborted = 0;
    for (const name of this.deps.files.list(this.spec.path)) {
      if (!name.startsWith(`.${this.prefix}`) || !name.includes('.inprogress.')) continue;
      const path = `${this.spec.path}/${name}`;
      if (path === keep) continue;
      this.deps.files.remove(path);
      aborted++;
    }
    return aborted;
  }

  private shouldRoll(now: number): boolean {
    const ip = this.inProgress!;
    const p = this.spec.rollingPolicy;
    return ip.length >= p.fileSizeBytes || now - ip.openedAt >= p.rolloverIntervalMs || now - ip.lastWriteAt >= p.inactivityIntervalMs;
  }

  private open(now: number): void {
    if (!this.settled) {
      // A start without restored state: in-progress files of an earlier attempt of this run were
      // never covered by a checkpoint, so they are aborted.
      this.settled = true;
      this.abortInProgress(undefined);
    }
    const path = `${this.spec.path}/${inProgressPartName(this.partFileId, this.subtask, this.partCounter)}`;
    const finalPath = `${this.spec.path}/${finishedPartName(this.partFileId, this.subtask, this.partCounter)}`;
    this.partCounter++;
    this.deps.files.append(path, '');
    this.inProgress = { path, finalPath, length: 0, openedAt: now, lastWriteAt: now };
  }

  /** In-progress → pending: the file is closed and waits for the next checkpoint to complete. */
  private roll(): void {
    const ip = this.inProgress!;
    this.pending.push({ inProgressPath: ip.path, finalPath: ip.finalPath, checkpointId: -1 });
    this.inProgress = undefined;
  }

  private commitUpTo(checkpointId: number): void {
    const keep: PendingFile[] = [];
    for (const p of this.pending) {
      if (p.checkpointId >= 0 && p.checkpointId <= checkpointId) this.deps.files.rename(p.inProgressPath, p.finalPath);
      else if (checkpointId === Number.POSITIVE_INFINITY) this.deps.files.rename(p.inProgressPath, p.finalPath);
      else keep.push(p);
    }
    this.pending = keep;
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
