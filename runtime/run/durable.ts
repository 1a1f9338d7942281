// Durable checkpoints for a local run: writes every completed checkpoint to
// `execution.checkpointing.dir` in Flink's layout, with the run's `_jobstatus` beside them (when it
// started, what it was restored from, how it ended). The restore side is ./restorePoint.ts.
import { checkpointToStorage } from '../checkpoint/durableCheckpoints.js';
import type { CompletedCheckpoint } from '../checkpoint/checkpointCoordinator.js';
import { CheckpointStorage, JOB_STATUS_FILE_NAME, writeJobStatus, type CheckpointFs, type CheckpointProblem, type JobStatusRecord, type RecordedJobState, type RestoredFromRecord } from '../checkpoint/storage/index.js';
import type { CompiledJob } from '../plan/compiledJob.js';
import { checkpointDirPath, type RestorePoint } from './restorePoint.js';

export { checkpointDirPath, findRestorePoint, type RestorePoint } from './restorePoint.js';

/** What durable storage needs from the host. */
export interface DurableHost {
  readonly fs: CheckpointFs;
  /** Uniform random numbers in [0, 1) for the job id and file names. */
  random(): number;
  /** Wall-clock epoch ms, stored as the checkpoint's completion time. */
  wallClockMs(): number;
}

/** A run's durable checkpoint writer. */
export interface DurableCheckpoints {
  /** Flink-style 32-hex job id: checkpoints go to `<dir>/<jobId>/chk-<n>`. */
  readonly jobId: string;
  readonly jobDir: string;
  /** Leftovers of a crash found and cleaned when the storage started. */
  readonly problems: readonly CheckpointProblem[];
  /** Writes one completed checkpoint (then keeps only `num-retained`), or a savepoint. */
  persist(cp: CompletedCheckpoint): Promise<void>;
  /** Directories of the savepoints written so far. */
  readonly savepoints: string[];
  /**
   * The job ended in `state`: deletes its checkpoints unless
   * `execution.checkpointing.externalized-checkpoint-retention` retains them for that state, and
   * records the end in `_jobstatus` (kept either way, so a later `--restore latest` knows).
   * Returns whether the checkpoints were kept. Savepoints are never deleted.
   */
  onTermination(state: string): Promise<boolean>;
}

/** Whether Flink keeps a job's checkpoints when it ends in `state` (CheckpointProperties' discard flags). */
export function retainsCheckpoints(policy: string, state: string): boolean {
  if (state === 'FINISHED') return false;
  if (policy === 'RETAIN_ON_CANCELLATION') return state === 'CANCELED' || state === 'FAILED' || state === 'SUSPENDED';
  if (policy === 'DELETE_ON_CANCELLATION') return state === 'FAILED';
  return false;
}

function hexId(random: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

/** Starts durable storage for a run of `job` (restored from `restoredFrom`, if given), or undefined when no `execution.checkpointing.dir` is set. */
export async function openDurableCheckpoints(job: CompiledJob, host: DurableHost, restoredFrom?: RestorePoint): Promise<DurableCheckpoints | undefined> {
  const cp = job.config.checkpointing;
  if (!cp.dir && !cp.savepointDir) return undefined;
  const dir = checkpointDirPath(cp.dir ?? cp.savepointDir!);
  const storage = new CheckpointStorage({ fs: host.fs, checkpointDir: dir, savepointDir: cp.savepointDir ? checkpointDirPath(cp.savepointDir) : undefined, random: () => host.random() });
  const jobId = hexId(() => host.random(), 32);
  // Without a checkpoint directory checkpoints stay in memory (Flink's JobManager storage): only
  // savepoints are written, and no job directory is created.
  let problems: CheckpointProblem[] = [];
  if (cp.dir) problems = await storage.init(jobId);
  else storage.attach(jobId);
  const jobDir = `${dir}/${jobId}`;
  const from: RestoredFromRecord | null =
    restoredFrom?.path !== undefined && restoredFrom.jobId !== undefined && restoredFrom.checkpoint
      ? { path: restoredFrom.path, jobId: restoredFrom.jobId, checkpointId: restoredFrom.checkpoint.id }
      : null;
  const status: JobStatusRecord = { version: 1, jobId, state: 'RUNNING', startedAtMs: host.wallClockMs(), endedAtMs: null, restoredFrom: from };
  if (cp.dir) await writeJobStatus(host.fs, jobDir, status);
  const savepoints: string[] = [];
  return {
    jobId,
    jobDir,
    problems,
    savepoints,
    async onTermination(state) {
      if (!cp.dir) return false;
      const kept = retainsCheckpoints(cp.externalizedRetention, state);
      if (!kept) {
        // Each checkpoint goes atomically (renamed away first); then what is left but the status.
        for (const c of await storage.completedCheckpoints()) await storage.discard(c.checkpointId);
        for (const e of await host.fs.list(jobDir)) if (e.name !== JOB_STATUS_FILE_NAME) await host.fs.removeRecursive(`${jobDir}/${e.name}`);
      }
      const ended = (['FINISHED', 'FAILED', 'CANCELED', 'SUSPENDED'] as const).find((s) => s === state) ?? 'FAILED';
      await writeJobStatus(host.fs, jobDir, { ...status, state: ended as RecordedJobState, endedAtMs: host.wallClockMs() });
      return kept;
    },
    async persist(checkpoint) {
      const { input, states } = checkpointToStorage(checkpoint, job.graph, host.wallClockMs());
      if (checkpoint.isSavepoint) {
        if (!cp.savepointDir) throw new Error("no savepoint directory: set 'execution.checkpointing.savepoint-dir'");
        savepoints.push(await storage.writeSavepoint(input, states, checkpointDirPath(cp.savepointDir)));
        return;
      }
      if (!cp.dir) return; // savepoints only: checkpoints stay in memory
      await storage.writeCheckpoint(input, states);
      await storage.retainNewest(cp.numRetained);
    },
  };
}
