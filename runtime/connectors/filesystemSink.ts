// The filesystem sink with Flink's exactly-once file lifecycle (StreamingFileSink buckets, row
// formats): rows go to a hidden in-progress part file; the rolling policy (size, rollover and
// inactivity on the job clock) turns it into a pending file; a pending file becomes a visible,
// finished part file only when a checkpoint that covers it completes. On recovery the sink goes
// back to exactly the restored checkpoint: its pending files are committed, its in-progress file is
// truncated to its checkpointed length, and what came after it is aborted, also what newer
// checkpoints already committed (see restoreState). Without checkpointing every file is committed at
// the end of a bounded input. Files are reached only through `SinkFiles`.
import type { RowKind } from '../types/rowKind.js';
import type { Row, SinkWriter } from './api.js';
import type { FilesystemSpec } from './connectorSpec.js';
import { validateFilesystemSinkState, type FilesystemSinkState } from './filesystemSinkState.js';
import { finishedPartName, inProgressPartName, parseFinishedPartName, partFileIdOf, partFileIdsOf, registerPartFileId } from './partFileNames.js';

export type { FilesystemSinkState } from './filesystemSinkState.js';

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
  readonly counter: number;
  /** The checkpoint whose completion commits it (set at the barrier). */
  checkpointId: number;
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
  private inProgress: { counter: number; length: number; openedAt: number; lastWriteAt: number } | undefined;
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

  /** The hidden path of part file `counter` while it is written or pending. */
  private inProgressPath(counter: number): string {
    return `${this.spec.path}/${inProgressPartName(this.partFileId, this.subtask, counter)}`;
  }

  /** The visible path of part file `counter` once committed. */
  private finishedPath(counter: number): string {
    return `${this.spec.path}/${finishedPartName(this.partFileId, this.subtask, counter)}`;
  }

  write(_kind: RowKind, row: Row): void {
    const now = this.deps.now();
    if (this.inProgress && this.shouldRoll(now)) this.roll();
    if (!this.inProgress) this.open(now);
    const line = `${this.deps.serialize(row)}\n`;
    this.deps.files.append(this.inProgressPath(this.inProgress!.counter), line);
    this.inProgress!.length += utf8Length(line);
    this.inProgress!.lastWriteAt = now;
  }

  finish(): void {
    if (this.inProgress) this.roll();
    // No checkpoints: the end of a bounded input commits everything (Flink's final commit).
    if (!this.deps.checkpointing) this.commitUpTo(Number.POSITIVE_INFINITY);
  }

  inspectTransactions(): unknown {
    const ip = this.inProgress;
    return {
      inProgress: ip ? { file: this.inProgressPath(ip.counter), bytes: ip.length, openedAtMs: ip.openedAt } : null,
      pending: this.pending.map((p) => ({ file: this.finishedPath(p.counter), commitsWith: p.checkpointId < 0 ? 'the next checkpoint' : `checkpoint ${p.checkpointId}` })),
    };
  }

  snapshotState(checkpointId: number): FilesystemSinkState {
    // Pending files rolled before this barrier are committed when this checkpoint completes.
    for (const p of this.pending) if (p.checkpointId < 0) p.checkpointId = checkpointId;
    const ip = this.inProgress;
    return {
      partFileId: this.partFileId,
      inProgress: ip ? { counter: ip.counter, length: ip.length, openedAt: ip.openedAt } : undefined,
      pending: this.pending.map((p) => ({ counter: p.counter, checkpointId: p.checkpointId })),
      partCounter: this.partCounter,
    };
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.commitUpTo(checkpointId);
  }

  validateRestoreState(state: unknown): string | undefined {
    return validateFilesystemSinkState(state);
  }

  /**
   * Goes back to exactly the checkpoint `state` was taken at, whatever happened after it. Its
   * pending files are committed (already committed ones are left, as Flink's commitAfterRecovery
   * does). When an older checkpoint is restored (the newer ones are corrupt, or one is chosen), newer
   * checkpoints may have committed files this one will write again from its replayed input, so they
   * are withdrawn: the files opened after it (counter >= partCounter) are removed, and its
   * in-progress file, if a newer checkpoint committed it, is taken back and truncated to the
   * checkpointed length. So the committed output is exactly-once whichever checkpoint is restored.
   */
  restoreState(state: unknown): { aborted: number; committed: number } {
    const problem = validateFilesystemSinkState(state);
    if (problem !== undefined) throw new Error(`the filesystem sink state of subtask ${this.subtask} is invalid: ${problem}`);
    const s = state as FilesystemSinkState;
    const files = this.deps.files;
    this.partFileId = s.partFileId;
    registerPartFileId(files, this.spec.path, s.partFileId);
    let committed = 0;
    let aborted = 0;
    for (const p of s.pending) {
      const from = this.inProgressPath(p.counter);
      const to = this.finishedPath(p.counter);
      if (files.size(from) >= 0) {
        files.rename(from, to);
        committed++;
      } else if (files.size(to) < 0) {
        throw new Error(`the part file ${to} that checkpoint ${p.checkpointId} commits is gone (neither it nor ${from} exists): it was deleted after the checkpoint`);
      }
    }
    // Files opened after the checkpoint and committed by a newer one: withdrawn, the replay writes them again.
    for (const name of files.list(this.spec.path)) {
      const parsed = parseFinishedPartName(name, this.subtask);
      if (parsed && parsed.id === s.partFileId && parsed.counter >= s.partCounter) {
        files.remove(`${this.spec.path}/${name}`);
        aborted++;
      }
    }
    this.settled = true;
    const keep = s.inProgress ? this.inProgressPath(s.inProgress.counter) : undefined;
    aborted += this.abortInProgress(keep);
    if (s.inProgress) {
      const path = keep!;
      const committedPath = this.finishedPath(s.inProgress.counter);
      if (files.size(path) < 0) {
        if (files.size(committedPath) < 0) throw new Error(`the in-progress part file ${path} of the checkpoint is gone (and was never committed as ${committedPath})`);
        // A newer checkpoint committed it: take it back to resume it from the checkpointed length.
        files.rename(committedPath, path);
        aborted++;
      }
      const size = files.size(path);
      if (size < s.inProgress.length) throw new Error(`the in-progress part file ${path} has ${size} bytes, fewer than the ${s.inProgress.length} the checkpoint covers`);
      if (size > s.inProgress.length) aborted++;
      // Resume the in-progress file from its checkpointed length (Flink's recoverable writer).
      files.truncate(path, s.inProgress.length);
      this.inProgress = { ...s.inProgress, lastWriteAt: this.deps.now() };
    }
    this.pending = [];
    this.partCounter = s.partCounter;
    return { aborted, committed };
  }

  /** Removes this subtask's in-progress files except `keep`; returns how many. */
  private abortInProgress(keep: string | undefined): number {
    let aborted = 0;
    const prefix = `.part-${this.partFileId}-${this.subtask}-`;
    for (const name of this.deps.files.list(this.spec.path)) {
      if (!name.startsWith(prefix) || !name.includes('.inprogress.')) continue;
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
    const counter = this.partCounter++;
    this.deps.files.append(this.inProgressPath(counter), '');
    this.inProgress = { counter, length: 0, openedAt: now, lastWriteAt: now };
  }

  /** In-progress → pending: the file is closed and waits for the next checkpoint to complete. */
  private roll(): void {
    this.pending.push({ counter: this.inProgress!.counter, checkpointId: -1 });
    this.inProgress = undefined;
  }

  private commitUpTo(checkpointId: number): void {
    const keep: PendingFile[] = [];
    for (const p of this.pending) {
      if ((p.checkpointId >= 0 && p.checkpointId <= checkpointId) || checkpointId === Number.POSITIVE_INFINITY) {
        this.deps.files.rename(this.inProgressPath(p.counter), this.finishedPath(p.counter));
      } else keep.push(p);
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
