// Finds what `run --restore latest|PATH` starts from. `latest` walks the runs recorded under the
// checkpoint directory, newest first: a finished run ends the search (its output is complete); in a
// run, checkpoints are tried newest id first, so a corrupt newer one is reported, never silently
// passed over; a run restored from an earlier one continues that run's lineage.
import { checkpointFromStorage } from '../checkpoint/durableCheckpoints.js';
import { validateCheckpointOperatorState } from '../checkpoint/operatorStateValidation.js';
import type { CompletedCheckpoint } from '../checkpoint/checkpointCoordinator.js';
import { loadCheckpoint, scanCheckpointDirectory, type CheckpointFs, type CheckpointProblem, type JobCheckpoints } from '../checkpoint/storage/index.js';

/** The checkpoint to start from, and what was skipped on the way. */
export interface RestorePoint {
  readonly checkpoint?: CompletedCheckpoint;
  readonly path?: string;
  /** The job that wrote the checkpoint. */
  readonly jobId?: string;
  /** Newer checkpoints that failed verification (more forgiving than Flink: report them loudly). */
  readonly skipped: readonly { readonly path: string; readonly problems: readonly string[] }[];
  /** Why nothing can be restored. */
  readonly error?: string;
  /** Set when the newest run of the job finished: nothing is restored, the job's output is complete. */
  readonly finished?: { readonly jobId: string; readonly endedAtMs: number; readonly path: string };
}

/** A checkpoint directory as a path: Flink's `file://` URIs become plain paths. */
export function checkpointDirPath(dir: string): string {
  return dir.replace(/^file:\/\//, '').replace(/^file:/, '');
}

const describe = (p: readonly CheckpointProblem[]) => p.map((x) => `${x.path ?? ''}: ${x.problem}`);

/** When a job ran, for ordering runs: its recorded start, else its newest readable checkpoint's completion. */
function startOf(job: JobCheckpoints): number {
  if (job.status) return job.status.startedAtMs;
  return Math.max(-1, ...job.checkpoints.map((c) => c.completionTimestampMs ?? -1));
}

/**
 * Finds what `--restore` names: `latest` (the newest complete checkpoint of the newest run under the
 * job's `execution.checkpointing.dir`, also of a run that was killed) or a checkpoint/savepoint directory.
 */
export async function findRestorePoint(fs: CheckpointFs, what: string, checkpointDir: string | undefined): Promise<RestorePoint> {
  if (what !== 'latest') {
    const loaded = await loadCheckpoint(fs, checkpointDirPath(what));
    if (!loaded.ok) return { skipped: [], error: `Cannot restore from ${what}: ${describe(loaded.problems).join('; ')}` };
    const invalid = validateCheckpointOperatorState(loaded.value.metadata);
    if (invalid !== undefined) return { skipped: [], error: `Cannot restore from ${what}: ${loaded.value.path}/_metadata: the checkpoint cannot be restored: ${invalid}` };
    return { checkpoint: checkpointFromStorage(loaded.value), path: loaded.value.path, jobId: loaded.value.metadata.jobId, skipped: [] };
  }
  if (!checkpointDir) return { skipped: [], error: "--restore latest needs 'execution.checkpointing.dir' to be set in the job file" };
  checkpointDir = checkpointDirPath(checkpointDir);
  if (!(await fs.exists(checkpointDir))) return { skipped: [], error: `No checkpoints to restore: ${checkpointDir} does not exist` };
  const scan = await scanCheckpointDirectory(fs, checkpointDir, validateCheckpointOperatorState);
  const jobs = scan.jobs.filter((j) => j.jobId !== null).sort((a, b) => startOf(b) - startOf(a) || (a.jobId! < b.jobId! ? 1 : -1));
  const skipped: { path: string; problems: string[] }[] = [];
  /** Per job, the newest checkpoint a later run of its lineage restored (newer ones were abandoned by that restore). */
  const limit = new Map<string, number>();
  for (const job of jobs) {
    const status = job.status;
    if (status?.state === 'FINISHED') {
      return { skipped, finished: { jobId: job.jobId!, endedAtMs: status.endedAtMs ?? status.startedAtMs, path: job.path }, error: finishedMessage(job) };
    }
    const upTo = limit.get(job.jobId!) ?? Number.POSITIVE_INFINITY;
    // Newest first by checkpoint id, the order on disk: a corrupt checkpoint has no readable time.
    const candidates = job.checkpoints.filter((c) => c.kind === 'checkpoint' && (c.checkpointId ?? 0) <= upTo).sort((a, b) => (b.checkpointId ?? 0) - (a.checkpointId ?? 0));
    for (const c of candidates) {
      const loaded = c.status === 'complete' ? await loadCheckpoint(fs, c.path) : undefined;
      if (!loaded?.ok) {
        skipped.push({ path: c.path, problems: describe(loaded && !loaded.ok ? loaded.problems : c.problems) });
        continue;
      }
      return { checkpoint: checkpointFromStorage(loaded.value), path: c.path, jobId: loaded.value.metadata.jobId, skipped };
    }
    const from = status?.restoredFrom;
    if (from) {
      // A run restored from an earlier one and left no usable checkpoint: continue that run from
      // where this one started (its newer checkpoints were given up by the restore).
      limit.set(from.jobId, Math.min(limit.get(from.jobId) ?? Number.POSITIVE_INFINITY, from.checkpointId));
      continue;
    }
    if (status && (status.state !== 'RUNNING' || candidates.length > 0)) {
      // A fresh run that ended, or completed checkpoints: it may have committed output, so an
      // older, unrelated run must not be resumed over it.
      return { skipped, error: `No complete checkpoint of the newest run (job ${job.jobId}, started ${new Date(status.startedAtMs).toISOString()}${status.state !== 'RUNNING' ? `, ended ${status.state}` : ''}) under ${job.path}` };
    }
  }
  return { skipped, error: `No complete checkpoint to restore under ${checkpointDir}` };
}

function finishedMessage(job: JobCheckpoints): string {
  const s = job.status!;
  const when = new Date(s.endedAtMs ?? s.startedAtMs).toISOString();
  return (
    `The job finished at ${when} (job ${job.jobId}, ${job.path}): its output is complete and its checkpoints were discarded as it finished. ` +
    `Restoring an older checkpoint would write that output again; run the job without --restore to start it over.`
  );
}
