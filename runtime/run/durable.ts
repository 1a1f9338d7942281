// Durable checkpoints for a local run: writes every completed checkpoint to
// `execution.checkpointing.dir` in Flink's layout, and finds the checkpoint or savepoint to
// restore from (`--restore latest|PATH`), skipping corrupted ones loudly.
import { checkpointFromStorage, checkpointToStorage } from '../checkpoint/durableCheckpoints.js';
import type { CompletedCheckpoint } from '../checkpoint/checkpointCoordinator.js';
import { CheckpointStorage, loadCheckpoint, scanCheckpointDirectory, type CheckpointFs, type CheckpointProblem } from '../checkpoint/storage/index.js';
import type { CompiledJob } from '../plan/compiledJob.js';

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
   * `execution.checkpointing.externalized-checkpoint-retention` retains them for that state.
   * Returns whether they were kept. Savepoints are never deleted.
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

/** A checkpoint directory as a path: Flink's `file://` URIs become plain paths. */
export function checkpointDirPath(dir: string): string {
  return dir.replace(/^file:\/\//, '').replace(/^file:/, '');
}

/** Starts durable storage for a run of `job`, or undefined when no `execution.checkpointing.dir` is set. */
export async function openDurableCheckpoints(job: CompiledJob, host: DurableHost): Promise<DurableCheckpoints | undefined> {
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
  const savepoints: string[] = [];
  return {
    jobId,
    jobDir: `${dir}/${jobId}`,
    problems,
    savepoints,
    async onTermination(state) {
      if (!cp.dir) return false;
      if (retainsCheckpoints(cp.externalizedRetention, state)) return true;
      await host.fs.removeRecursive(`${dir}/${jobId}`);
      return false;
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

/** The checkpoint to start from, and what was skipped on the way. */
export interface RestorePoint {
  readonly checkpoint?: CompletedCheckpoint;
  readonly path?: string;
  /** Newer checkpoints that failed verification (more forgiving than Flink: report them loudly). */
  readonly skipped: readonly { readonly path: string; readonly problems: readonly string[] }[];
  /** Why nothing can be restored. */
  readonly error?: string;
}

/**
 * Finds what `--restore` names: `latest` (the newest complete checkpoint under the job's
 * `execution.checkpointing.dir`, across earlier runs) or a checkpoint/savepoint directory.
 */
export async function findRestorePoint(fs: CheckpointFs, what: string, checkpointDir: string | undefined): Promise<RestorePoint> {
  const describe = (p: readonly CheckpointProblem[]) => p.map((x) => `${x.path ?? ''}: ${x.problem}`);
  if (what !== 'latest') {
    const loaded = await loadCheckpoint(fs, checkpointDirPath(what));
    if (!loaded.ok) return { skipped: [], error: `Cannot restore from ${what}: ${describe(loaded.problems).join('; ')}` };
    return { checkpoint: checkpointFromStorage(loaded.value), path: loaded.value.path, skipped: [] };
  }
  if (!checkpointDir) return { skipped: [], error: "--restore latest needs 'execution.checkpointing.dir' to be set in the job file" };
  checkpointDir = checkpointDirPath(checkpointDir);
  if (!(await fs.exists(checkpointDir))) return { skipped: [], error: `No checkpoints to restore: ${checkpointDir} does not exist` };
  const scan = await scanCheckpointDirectory(fs, checkpointDir);
  // Newest run first (by its newest readable completion time), and in a run newest checkpoint id
  // first, the order on disk: a corrupt checkpoint has no readable time, but its id still places
  // it, so it is reported instead of silently passed over.
  const newestCompletion = (j: (typeof scan.jobs)[number]) => Math.max(-1, ...j.checkpoints.map((c) => c.completionTimestampMs ?? -1));
  const jobs = [...scan.jobs].sort((a, b) => newestCompletion(b) - newestCompletion(a));
  const listings = jobs.flatMap((j) => j.checkpoints.filter((c) => c.kind === 'checkpoint').sort((a, b) => (b.checkpointId ?? 0) - (a.checkpointId ?? 0)));
  const skipped: { path: string; problems: string[] }[] = [];
  for (const l of listings) {
    if (l.status !== 'complete') {
      skipped.push({ path: l.path, problems: describe(l.problems) });
      continue;
    }
    const loaded = await loadCheckpoint(fs, l.path);
    if (!loaded.ok) {
      skipped.push({ path: l.path, problems: describe(loaded.problems) });
      continue;
    }
    return { checkpoint: checkpointFromStorage(loaded.value), path: l.path, skipped };
  }
  return { skipped, error: `No complete checkpoint to restore under ${checkpointDir}` };
}
