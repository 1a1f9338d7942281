// Read-only survey of a directory of checkpoints for `checkpoint-lab checkpoints` and the panels:
// which jobs, checkpoints and savepoints it holds, and whether each verifies. Never modifies
// anything. Imports this folder only.
import { joinPath, type CheckpointFs, type CheckpointFsEntry } from './checkpointFs.js';
import type { CheckpointMetadata } from './checkpointMetadata.js';
import { METADATA_FILE_NAME, SHARED_STATE_DIR, TASK_OWNED_STATE_DIR, baseName, isJobId, isLeftoverName, isSavepointDirName, parseCheckpointDirName } from './checkpointLayout.js';
import { loadCheckpoint, type CheckpointProblem } from './checkpointReader.js';
import { JOB_STATUS_FILE_NAME, readJobStatus, type JobStatusRecord } from './jobStatus.js';

/** How many directory levels below the scanned one are searched for jobs and savepoints. */
const MAX_SEARCH_DEPTH = 2;

/** One checkpoint or savepoint directory found by a scan. */
export interface CheckpointListing {
  /** `checkpoint` for `chk-<n>`, `savepoint` for `savepoint-…` (or as `_metadata` says). */
  readonly kind: 'checkpoint' | 'savepoint';
  /** The job id from the metadata, or from the directory layout when the metadata is unreadable. */
  readonly jobId: string | null;
  /** The checkpoint id from the metadata, or from the directory name when the metadata is unreadable. */
  readonly checkpointId: number | null;
  /** The directory. */
  readonly path: string;
  /** `complete` when every file verifies and its content can be restored, `corrupt` otherwise (see `problems`). */
  readonly status: 'complete' | 'corrupt';
  /**
   * Every file verifies, but what it holds cannot be restored (a crafted or foreign checkpoint:
   * a field out of range, a sink state naming what no sink writes); `status` is then `corrupt`.
   */
  readonly invalid: boolean;
  /** Bytes of all files in the directory as found on disk. */
  readonly sizeBytes: number;
  /** Trigger time, job clock ms, when the metadata is readable. */
  readonly triggerTimestampMs: number | null;
  /** Completion time, job clock ms, when the metadata is readable. */
  readonly completionTimestampMs: number | null;
  /** One entry per damaged file; empty when complete. */
  readonly problems: readonly CheckpointProblem[];
  /**
   * Whether `--restore latest` may use it: complete, and not given up by a later run (one that
   * resumed the job from this or an older checkpoint; see `JobCheckpoints.resumedBy`).
   */
  readonly restorable: boolean;
}

/** The checkpoints of one job directory `<dir>/<job-id>/`. */
export interface JobCheckpoints {
  /** The job id (the directory name), or null when the scanned directory is not named as one. */
  readonly jobId: string | null;
  /** The job directory. */
  readonly path: string;
  /** Its checkpoints, by id. */
  readonly checkpoints: readonly CheckpointListing[];
  /** Its `_jobstatus` (when it started and ended, what it was restored from), or null when absent or unreadable. */
  readonly status: JobStatusRecord | null;
  /** Why `_jobstatus` could not be read, when it could not. */
  readonly statusProblem: string | null;
  /**
   * A later job that was restored from one of this job's checkpoints (or savepoints): that job
   * continues this one, so these checkpoints are no longer restored by `--restore latest` (the
   * ones newer than the checkpoint it resumed from were abandoned by that restore).
   */
  readonly resumedBy: { readonly jobId: string; readonly checkpointId: number } | null;
}

/** What a scan found. */
export interface CheckpointDirectoryScan {
  /** The scanned directory. */
  readonly dir: string;
  /** Job directories (or the scanned directory itself, when it holds `chk-<n>` entries). */
  readonly jobs: readonly JobCheckpoints[];
  /** Savepoint directories found under the scanned directory. */
  readonly savepoints: readonly CheckpointListing[];
  /** A single checkpoint when the scanned directory is itself one (`chk-<n>` holding `_metadata`). */
  readonly single: CheckpointListing | null;
  /** Unfinished writes or deletes a crash left behind (removed when the job's storage starts again). */
  readonly leftovers: readonly CheckpointProblem[];
}

async function sizeOf(fs: CheckpointFs, dir: string): Promise<number> {
  let total = 0;
  for (const e of await fs.list(dir)) total += e.isDirectory ? await sizeOf(fs, joinPath(dir, e.name)) : e.sizeBytes;
  return total;
}

/** Checks what a verified checkpoint holds; returns why it cannot be restored, or undefined. */
export type CheckpointContentValidator = (metadata: CheckpointMetadata) => string | undefined;

/** Verifies the checkpoint or savepoint directory at `path` and describes it. */
export async function describeCheckpoint(
  fs: CheckpointFs,
  path: string,
  expected: { kind: 'checkpoint' | 'savepoint'; jobId: string | null; checkpointId: number | null },
  validate?: CheckpointContentValidator,
): Promise<CheckpointListing> {
  const sizeBytes = await sizeOf(fs, path);
  const loaded = await loadCheckpoint(fs, path);
  if (!loaded.ok) {
    return { ...expected, path, status: 'corrupt', invalid: loaded.problems.some((p) => p.invalid === true), sizeBytes, triggerTimestampMs: null, completionTimestampMs: null, problems: loaded.problems, restorable: false };
  }
  const m = loaded.value.metadata;
  const problems: CheckpointProblem[] = [];
  const invalid = validate?.(m);
  if (invalid !== undefined) problems.push({ path: joinPath(path, METADATA_FILE_NAME), problem: `the checkpoint cannot be restored: ${invalid}` });
  if (expected.checkpointId !== null && m.checkpointId !== expected.checkpointId) {
    problems.push({ path, problem: `the directory is named for checkpoint ${expected.checkpointId} but its metadata is checkpoint ${m.checkpointId}` });
  }
  if (expected.jobId !== null && m.jobId !== expected.jobId) {
    problems.push({ path, problem: `the directory belongs to job ${expected.jobId} but its metadata names job ${m.jobId}` });
  }
  return {
    kind: m.isSavepoint ? 'savepoint' : 'checkpoint',
    jobId: m.jobId,
    checkpointId: m.checkpointId,
    path,
    status: problems.length === 0 ? 'complete' : 'corrupt',
    invalid: invalid !== undefined,
    sizeBytes,
    triggerTimestampMs: m.triggerTimestampMs,
    completionTimestampMs: m.completionTimestampMs,
    problems,
    restorable: problems.length === 0,
  };
}

async function scanJob(fs: CheckpointFs, path: string, jobId: string | null, leftovers: CheckpointProblem[], validate?: CheckpointContentValidator): Promise<JobCheckpoints> {
  const checkpoints: CheckpointListing[] = [];
  for (const e of await fs.list(path)) {
    const id = parseCheckpointDirName(e.name);
    if (id !== undefined && e.isDirectory) {
      checkpoints.push(await describeCheckpoint(fs, joinPath(path, e.name), { kind: 'checkpoint', jobId, checkpointId: id }, validate));
    } else if (isLeftoverName(e.name)) {
      leftovers.push({ path: joinPath(path, e.name), problem: 'an unfinished write or delete left by a crash (never read)' });
    }
  }
  checkpoints.sort((a, b) => (a.checkpointId ?? 0) - (b.checkpointId ?? 0));
  const { status, problem } = jobId === null ? { status: null } : await readJobStatus(fs, path, jobId);
  return { jobId, path, checkpoints, status, statusProblem: problem ?? null, resumedBy: null };
}

/** Marks the jobs a later job was restored from (lineage recorded in `_jobstatus`). */
function markResumedJobs(jobs: JobCheckpoints[]): JobCheckpoints[] {
  const resumedBy = new Map<string, { jobId: string; checkpointId: number }>();
  for (const j of jobs) {
    const from = j.status?.restoredFrom;
    if (!from || from.jobId === j.jobId) continue;
    const seen = resumedBy.get(from.jobId);
    if (!seen || from.checkpointId < seen.checkpointId) resumedBy.set(from.jobId, { jobId: j.jobId!, checkpointId: from.checkpointId });
  }
  return jobs.map((j) => {
    const by = j.jobId === null ? undefined : resumedBy.get(j.jobId);
    if (!by) return j;
    return { ...j, resumedBy: by, checkpoints: j.checkpoints.map((c) => ({ ...c, restorable: false })) };
  });
}

/**
 * Surveys `dir`, which may be a checkpoint root (`<dir>/<job-id>/chk-<n>`), one job's directory,
 * a savepoint directory root, or a single checkpoint or savepoint; job and savepoint directories
 * are also searched up to two levels below `dir`. Every checkpoint found is
 * verified (all files read); problems are reported per file. `dir` must be an existing directory.
 */
export async function scanCheckpointDirectory(fs: CheckpointFs, dir: string, validate?: CheckpointContentValidator): Promise<CheckpointDirectoryScan> {
  const entries = await fs.list(dir);
  const leftovers: CheckpointProblem[] = [];
  if (entries.some((e) => e.name === METADATA_FILE_NAME && !e.isDirectory)) {
    const name = baseName(dir);
    const id = parseCheckpointDirName(name);
    const single = await describeCheckpoint(fs, dir, { kind: isSavepointDirName(name) ? 'savepoint' : 'checkpoint', jobId: null, checkpointId: id ?? null }, validate);
    return { dir, jobs: [], savepoints: [], single, leftovers };
  }
  const jobs: JobCheckpoints[] = [];
  const savepoints: CheckpointListing[] = [];
  const dirIsJob = entries.some((e) => (e.isDirectory && parseCheckpointDirName(e.name) !== undefined) || (!e.isDirectory && e.name === JOB_STATUS_FILE_NAME));
  if (dirIsJob) {
    const name = baseName(dir);
    jobs.push(await scanJob(fs, dir, isJobId(name) ? name : null, leftovers, validate));
  }
  const walk = async (path: string, list: readonly CheckpointFsEntry[], depth: number): Promise<void> => {
    for (const e of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = joinPath(path, e.name);
      if (isLeftoverName(e.name)) {
        if (!(depth === 0 && dirIsJob && e.name.startsWith('chk-'))) leftovers.push({ path: child, problem: 'an unfinished write or delete left by a crash (never read)' });
      } else if (!e.isDirectory || parseCheckpointDirName(e.name) !== undefined || e.name === SHARED_STATE_DIR || e.name === TASK_OWNED_STATE_DIR) {
        continue;
      } else if (isJobId(e.name)) {
        jobs.push(await scanJob(fs, child, e.name, leftovers, validate));
      } else if (isSavepointDirName(e.name)) {
        savepoints.push(await describeCheckpoint(fs, child, { kind: 'savepoint', jobId: null, checkpointId: null }, validate));
      } else if (depth < MAX_SEARCH_DEPTH) {
        await walk(child, await fs.list(child), depth + 1);
      }
    }
  };
  await walk(dir, entries, 0);
  return { dir, jobs: markResumedJobs(jobs), savepoints, single: null, leftovers };
}
