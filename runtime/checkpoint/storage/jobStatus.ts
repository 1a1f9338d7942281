// The durable record of one job in its checkpoint directory, `<dir>/<job-id>/_jobstatus` (the local
// counterpart of Flink's JobResultStore entry): when the job started, which checkpoint it was
// restored from, and how it ended. It outlives the checkpoints a finished job discards, so
// `--restore latest` can say that the job finished instead of offering older checkpoints.
// Imports ../encoding and this folder only.
import { decodeCheckpointData, encodeCheckpointData } from '../encoding.js';
import { frameCheckpointFile, unframeCheckpointFile } from './checkpointFileFormat.js';
import { joinPath, type CheckpointFs } from './checkpointFs.js';
import { isJobId } from './checkpointLayout.js';
import { readCheckpointFile } from './checkpointReader.js';

/** The job status file of a job directory. */
export const JOB_STATUS_FILE_NAME = '_jobstatus';

/** Largest job status file read (it holds a few fields and one path). */
export const MAX_JOB_STATUS_BYTES = 64 * 1024;

/** Flink's job states a run can end in, and RUNNING while it has not ended (or was killed). */
export type RecordedJobState = 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED' | 'SUSPENDED';
const STATES: readonly string[] = ['RUNNING', 'FINISHED', 'FAILED', 'CANCELED', 'SUSPENDED'];

/** The checkpoint or savepoint a job was restored from. */
export interface RestoredFromRecord {
  /** Its directory. */
  readonly path: string;
  /** The job that wrote it. */
  readonly jobId: string;
  /** Its checkpoint id. */
  readonly checkpointId: number;
}

/** What `_jobstatus` holds. */
export interface JobStatusRecord {
  readonly version: 1;
  readonly jobId: string;
  /** RUNNING until the run ends; a run killed by a signal stays RUNNING. */
  readonly state: RecordedJobState;
  /** Wall-clock epoch ms. */
  readonly startedAtMs: number;
  /** Wall-clock epoch ms when the run ended, null while RUNNING. */
  readonly endedAtMs: number | null;
  /** Set when the run started from a checkpoint or savepoint (`run --restore`). */
  readonly restoredFrom: RestoredFromRecord | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Why `value` is not a job status record, naming the field, or undefined when it is one. */
export function validateJobStatus(value: unknown, jobId: string): string | undefined {
  if (!isRecord(value)) return 'not a record';
  if (value.version !== 1) return `unknown version ${String(value.version)}`;
  if (value.jobId !== jobId) return `jobId ${String(value.jobId)} is not the directory's job ${jobId}`;
  if (typeof value.state !== 'string' || !STATES.includes(value.state)) return 'state is not a job state';
  if (!isTime(value.startedAtMs)) return 'startedAtMs is not a time';
  if (value.endedAtMs !== null && !isTime(value.endedAtMs)) return 'endedAtMs is not a time';
  const r = value.restoredFrom;
  if (r !== null) {
    if (!isRecord(r)) return 'restoredFrom is not a record';
    if (typeof r.path !== 'string' || r.path.length === 0 || r.path.length > 4096) return 'restoredFrom.path is not a path';
    if (typeof r.jobId !== 'string' || !isJobId(r.jobId)) return 'restoredFrom.jobId is not a job id';
    if (typeof r.checkpointId !== 'number' || !Number.isSafeInteger(r.checkpointId) || r.checkpointId < 1) return 'restoredFrom.checkpointId is not a checkpoint id';
  }
  return undefined;
}

/** Writes (or replaces) the job status of the job directory `jobDir`, atomically. */
export async function writeJobStatus(fs: CheckpointFs, jobDir: string, status: JobStatusRecord): Promise<void> {
  await fs.writeFileAtomic(joinPath(jobDir, JOB_STATUS_FILE_NAME), frameCheckpointFile('job', encodeCheckpointData(status)).bytes);
}

/** The job status of `jobDir`: the record, none (no file), or why it cannot be read. */
export async function readJobStatus(fs: CheckpointFs, jobDir: string, jobId: string): Promise<{ status: JobStatusRecord | null; problem?: string }> {
  const path = joinPath(jobDir, JOB_STATUS_FILE_NAME);
  if (!(await fs.exists(path))) return { status: null };
  try {
    const bytes = await readCheckpointFile(fs, path, 'job', MAX_JOB_STATUS_BYTES);
    const value = decodeCheckpointData(unframeCheckpointFile('job', bytes).payload);
    const problem = validateJobStatus(value, jobId);
    if (problem !== undefined) return { status: null, problem: `${path}: the job status is malformed: ${problem}` };
    return { status: value as JobStatusRecord };
  } catch (e) {
    return { status: null, problem: `${path}: ${(e as { problem?: string }).problem ?? (e as Error).message}` };
  }
}
