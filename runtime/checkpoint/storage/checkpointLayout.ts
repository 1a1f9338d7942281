// Flink's checkpoint directory layout: names of job, checkpoint, savepoint and state-file entries,
// and of the temporary names that make writes and deletes atomic. Imports nothing but ./checkpointFs.

/** The metadata file of a checkpoint or savepoint (Flink's METADATA_FILE_NAME). */
export const METADATA_FILE_NAME = '_metadata';
/** State possibly referenced by several checkpoints (Flink's CHECKPOINT_SHARED_STATE_DIR). */
export const SHARED_STATE_DIR = 'shared';
/** State owned by the task managers (Flink's CHECKPOINT_TASK_OWNED_STATE_DIR). */
export const TASK_OWNED_STATE_DIR = 'taskowned';
/** Prefix of a checkpoint directory (Flink's CHECKPOINT_DIR_PREFIX). */
export const CHECKPOINT_DIR_PREFIX = 'chk-';
/** Prefix of a savepoint directory. */
export const SAVEPOINT_DIR_PREFIX = 'savepoint-';
/** Infix of a directory still being written; such a directory is never read as a checkpoint. */
export const IN_PROGRESS_INFIX = '.inprogress-';
/** Infix of a directory being deleted; such a directory is never read as a checkpoint. */
export const DISCARDING_INFIX = '.discarding-';
/** Length of the random part of savepoint and temporary names (Flink's RANDOM_FILE_NAME_LENGTH). */
export const RANDOM_NAME_LENGTH = 12;

const JOB_ID = /^[0-9a-f]{32}$/;
const CHECKPOINT_DIR = /^chk-([1-9][0-9]*)$/;
const SAVEPOINT_DIR = /^savepoint-[0-9a-f]{6}-[0-9a-f]{12}$/;

/** Whether `jobId` has the form of Flink's JobID as text: 32 lowercase hex characters. */
export function isJobId(jobId: string): boolean {
  return JOB_ID.test(jobId);
}

/** `chk-<id>`. */
export function checkpointDirName(checkpointId: number): string {
  return `${CHECKPOINT_DIR_PREFIX}${checkpointId}`;
}

/** The checkpoint id of a complete checkpoint directory name `chk-<id>`, or undefined for any other name. */
export function parseCheckpointDirName(name: string): number | undefined {
  const m = CHECKPOINT_DIR.exec(name);
  if (!m) return undefined;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** Whether `name` is a complete savepoint directory name `savepoint-<6 hex>-<12 hex>`. */
export function isSavepointDirName(name: string): boolean {
  return SAVEPOINT_DIR.test(name);
}

/** `savepoint-<first 6 chars of the job id>-<12 random hex chars>`, as Flink names savepoints. */
export function savepointDirName(jobId: string, randomHex: string): string {
  return `${SAVEPOINT_DIR_PREFIX}${jobId.slice(0, 6)}-${randomHex}`;
}

/** The name a directory has while it is written: `<final name>.inprogress-<nonce>`. */
export function inProgressName(finalName: string, nonce: string): string {
  return `${finalName}${IN_PROGRESS_INFIX}${nonce}`;
}

/** The name a directory takes while it is deleted: `<name>.discarding-<nonce>`. */
export function discardingName(name: string, nonce: string): string {
  return `${name}${DISCARDING_INFIX}${nonce}`;
}

/** Whether `name` is an unfinished write or delete that a crash may have left behind. */
export function isLeftoverName(name: string): boolean {
  return name.includes(IN_PROGRESS_INFIX) || name.includes(DISCARDING_INFIX);
}

/**
 * The state file of one subtask of a vertex: `vertex-<vertex id>-subtask-<index>.state`; characters
 * of the vertex id outside `[A-Za-z0-9_.-]` become `_`.
 */
export function stateFileName(vertexId: string, subtaskIndex: number): string {
  return `vertex-${vertexId.replace(/[^A-Za-z0-9_.-]/g, '_')}-subtask-${subtaskIndex}.state`;
}

/** `count` lowercase hex characters drawn from `random` (uniform in [0, 1)). */
export function randomHex(random: () => number, count: number = RANDOM_NAME_LENGTH): string {
  let s = '';
  for (let i = 0; i < count; i++) s += '0123456789abcdef'[Math.min(15, Math.floor(random() * 16))];
  return s;
}

/** The last segment of a '/'- or '\'-separated path. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}
