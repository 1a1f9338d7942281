// Durable checkpoint storage in Flink's layout: `<dir>/<job-id>/chk-<n>/_metadata` plus state files,
// `shared/`, `taskowned/`, savepoints as `<savepoint-dir>/savepoint-<job>-<random>/`.
// Imports ../encoding and this folder only; files are reached through the injected CheckpointFs.
//
// Invariant: a reader never sees a torn checkpoint. A checkpoint is written into
// `chk-<n>.inprogress-<nonce>/` (every state file, then `_metadata` last, each written atomically
// and durably) and renamed to `chk-<n>` only then; it is deleted by renaming it to
// `chk-<n>.discarding-<nonce>` first. So a `chk-<n>` directory is always complete, and a crash
// at any moment leaves only complete `chk-<n>` directories plus leftovers that init() removes.
// Every file also carries a CRC-32C, so damage after the fact is detected and reported on read.
import { joinPath, type CheckpointFs } from './checkpointFs.js';
import {
  SHARED_STATE_DIR,
  TASK_OWNED_STATE_DIR,
  checkpointDirName,
  discardingName,
  inProgressName,
  isJobId,
  isLeftoverName,
  parseCheckpointDirName,
  randomHex,
  savepointDirName,
} from './checkpointLayout.js';
import type { CheckpointMetadataInput } from './checkpointMetadata.js';
import { loadCheckpoint, openCheckpoint, type CheckpointProblem, type CheckpointReadResult, type LoadedCheckpoint, type OpenedCheckpoint } from './checkpointReader.js';
import { PendingCheckpoint, writeStateFiles, type SubtaskStateToWrite } from './pendingCheckpoint.js';

/** How a CheckpointStorage reaches its files. */
export interface CheckpointStorageOptions {
  /** File access (cli/nodeCheckpointFs.ts on Node). */
  readonly fs: CheckpointFs;
  /** `execution.checkpointing.dir`: checkpoints go to `<checkpointDir>/<job-id>/`. */
  readonly checkpointDir: string;
  /** `execution.checkpointing.savepoint-dir`: the default target of savepoints, if set. */
  readonly savepointDir?: string;
  /** Uniform random numbers in [0, 1) for savepoint and temporary names (seeded for determinism). */
  readonly random: () => number;
}

/** A complete checkpoint directory (complete by the layout invariant; not yet verified). */
export interface CompletedCheckpointLocation {
  /** The checkpoint id. */
  readonly checkpointId: number;
  /** Its directory, `<dir>/<job-id>/chk-<id>`. */
  readonly path: string;
}

/** What latestValid() found. */
export interface LatestValidCheckpoint {
  /**
   * The newest complete checkpoint whose every file verifies, or null when there is none. When
   * newer ones were skipped this is more forgiving than Flink (which fails the restore): callers
   * must report `skipped` loudly.
   */
  readonly checkpoint: LoadedCheckpoint | null;
  /** Newer complete checkpoints that did not verify, newest first, with every problem found. */
  readonly skipped: readonly { readonly checkpointId: number; readonly path: string; readonly problems: readonly CheckpointProblem[] }[];
}

/** Checkpoint storage of one job. Call init() before anything else. */
export class CheckpointStorage {
  private jobIdValue: string | undefined;

  constructor(private readonly options: CheckpointStorageOptions) {}

  /** The job id given to init(). */
  get jobId(): string {
    if (this.jobIdValue === undefined) throw new Error('CheckpointStorage: init() was not called');
    return this.jobIdValue;
  }

  /** `<checkpointDir>/<job-id>`. */
  get jobDir(): string {
    return joinPath(this.options.checkpointDir, this.jobId);
  }

  /**
   * Attaches to the checkpoints of `jobId` without creating or removing anything: for reading
   * (completedCheckpoints, latestValid) while another process may own the directory.
   */
  attach(jobId: string): void {
    if (!isJobId(jobId)) throw new Error(`CheckpointStorage: job id must be 32 lowercase hex characters, got '${jobId}'`);
    this.jobIdValue = jobId;
  }

  /**
   * Creates `<dir>/<job-id>/` with `shared/` and `taskowned/`, and removes what a crash left behind
   * there: `chk-<n>.inprogress-*` (never completed) and `chk-<n>.discarding-*` (half deleted).
   * Returns one problem per removed leftover, to be reported. `jobId` must be 32 lowercase hex chars.
   */
  async init(jobId: string): Promise<CheckpointProblem[]> {
    this.attach(jobId);
    const { fs } = this.options;
    await fs.mkdirs(joinPath(this.jobDir, SHARED_STATE_DIR));
    await fs.mkdirs(joinPath(this.jobDir, TASK_OWNED_STATE_DIR));
    const removed: CheckpointProblem[] = [];
    for (const entry of await fs.list(this.jobDir)) {
      if (!isLeftoverName(entry.name)) continue;
      const path = joinPath(this.jobDir, entry.name);
      await fs.removeRecursive(path);
      removed.push({
        path,
        problem: entry.name.includes('.inprogress-')
          ? 'an unfinished checkpoint left by a crash; removed'
          : 'a checkpoint that was being discarded when the process stopped; removed',
      });
    }
    return removed;
  }

  /**
   * Starts checkpoint `checkpointId`: creates `chk-<id>.inprogress-<nonce>/`. Write its state files
   * (each as soon as a subtask's snapshot is ready), then complete() or abort() it.
   */
  async beginCheckpoint(checkpointId: number): Promise<PendingCheckpoint> {
    if (!Number.isSafeInteger(checkpointId) || checkpointId < 1) throw new Error(`CheckpointStorage: invalid checkpoint id ${checkpointId}`);
    const finalPath = joinPath(this.jobDir, checkpointDirName(checkpointId));
    if (await this.options.fs.exists(finalPath)) throw new Error(`CheckpointStorage: checkpoint ${checkpointId} already exists at ${finalPath}`);
    const workPath = joinPath(this.jobDir, inProgressName(checkpointDirName(checkpointId), randomHex(this.options.random)));
    await this.options.fs.mkdirs(workPath);
    return new PendingCheckpoint(this.options.fs, this.jobId, false, workPath, finalPath);
  }

  /**
   * Writes a whole checkpoint: every state file, then `_metadata`, then the rename that makes it
   * exist. Each subtask in `input.vertices` that has state must name `stateFileName(vertex, subtask)`.
   * Returns the checkpoint's directory.
   */
  async writeCheckpoint(input: CheckpointMetadataInput, states: readonly SubtaskStateToWrite[]): Promise<string> {
    const pending = await this.beginCheckpoint(input.checkpointId);
    try {
      await writeStateFiles(pending, states);
      return await pending.complete(input);
    } catch (e) {
      await pending.abort();
      throw e;
    }
  }

  /**
   * Writes a savepoint to `<targetDir>/savepoint-<first 6 of job id>-<12 random hex>/` (targetDir
   * defaults to the configured savepoint dir), with the same completion protocol as checkpoints.
   * Returns the savepoint's directory. Savepoints are never subsumed or discarded by this class.
   */
  async writeSavepoint(input: CheckpointMetadataInput, states: readonly SubtaskStateToWrite[], targetDir?: string): Promise<string> {
    const dir = targetDir ?? this.options.savepointDir;
    if (dir === undefined) throw new Error('CheckpointStorage: no savepoint directory: configure execution.checkpointing.savepoint-dir or give a target directory');
    const { fs } = this.options;
    await fs.mkdirs(dir);
    const finalPath = joinPath(dir, savepointDirName(this.jobId, randomHex(this.options.random)));
    if (await fs.exists(finalPath)) throw new Error(`CheckpointStorage: savepoint ${finalPath} already exists`);
    const workPath = inProgressName(finalPath, randomHex(this.options.random));
    await fs.mkdirs(workPath);
    const pending = new PendingCheckpoint(fs, this.jobId, true, workPath, finalPath);
    try {
      await writeStateFiles(pending, states);
      return await pending.complete(input);
    } catch (e) {
      await pending.abort();
      throw e;
    }
  }

  /** The complete checkpoints of this job, oldest first (by the layout invariant; not verified). */
  async completedCheckpoints(): Promise<CompletedCheckpointLocation[]> {
    const out: CompletedCheckpointLocation[] = [];
    for (const entry of await this.options.fs.list(this.jobDir)) {
      const id = parseCheckpointDirName(entry.name);
      if (id !== undefined && entry.isDirectory) out.push({ checkpointId: id, path: joinPath(this.jobDir, entry.name) });
    }
    return out.sort((a, b) => a.checkpointId - b.checkpointId);
  }

  /** Opens the checkpoint (or savepoint) at `path`, verifying `_metadata`; state files are verified as read. */
  openCheckpoint(path: string): Promise<CheckpointReadResult<OpenedCheckpoint>> {
    return openCheckpoint(this.options.fs, path);
  }

  /** Reads and verifies every file of the checkpoint (or savepoint) at `path`. */
  loadCheckpoint(path: string): Promise<CheckpointReadResult<LoadedCheckpoint>> {
    return loadCheckpoint(this.options.fs, path);
  }

  /**
   * The newest complete checkpoint whose files all verify, walking back from the newest: a
   * corrupted one (bad checksum, missing or truncated file, undecodable content) is skipped and
   * reported in `skipped`, and the previous complete one is used.
   */
  async latestValid(): Promise<LatestValidCheckpoint> {
    const skipped: { checkpointId: number; path: string; problems: readonly CheckpointProblem[] }[] = [];
    const completed = await this.completedCheckpoints();
    for (let i = completed.length - 1; i >= 0; i--) {
      const { checkpointId, path } = completed[i]!;
      const loaded = await loadCheckpoint(this.options.fs, path);
      if (loaded.ok) {
        const m = loaded.value.metadata;
        if (m.checkpointId === checkpointId && m.jobId === this.jobId && !m.isSavepoint) return { checkpoint: loaded.value, skipped };
        skipped.push({ checkpointId, path, problems: [{ path, problem: `the metadata belongs to ${m.isSavepoint ? 'savepoint' : 'checkpoint'} ${m.checkpointId} of job ${m.jobId}, not to this directory` }] });
      } else {
        skipped.push({ checkpointId, path, problems: loaded.problems });
      }
    }
    return { checkpoint: null, skipped };
  }

  /**
   * Deletes checkpoint `checkpointId` (subsumed, or failed after completion): first renamed to
   * `chk-<id>.discarding-<nonce>` so it stops existing atomically, then removed. Returns false when
   * it did not exist.
   */
  async discard(checkpointId: number): Promise<boolean> {
    const { fs } = this.options;
    const name = checkpointDirName(checkpointId);
    const path = joinPath(this.jobDir, name);
    if (!(await fs.exists(path))) return false;
    const doomed = joinPath(this.jobDir, discardingName(name, randomHex(this.options.random)));
    await fs.rename(path, doomed);
    await fs.removeRecursive(doomed);
    return true;
  }

  /**
   * Subsumption per `execution.checkpointing.num-retained`: discards all but the newest
   * `numRetained` complete checkpoints. Returns the discarded ids, oldest first.
   */
  async retainNewest(numRetained: number): Promise<number[]> {
    if (!Number.isSafeInteger(numRetained) || numRetained < 1) throw new Error(`CheckpointStorage: num-retained must be >= 1, got ${numRetained}`);
    const completed = await this.completedCheckpoints();
    const doomed = completed.slice(0, Math.max(0, completed.length - numRetained)).map((c) => c.checkpointId);
    for (const id of doomed) await this.discard(id);
    return doomed;
  }
}
