// The checkpointed state of one filesystem sink subtask, and its validation: a checkpoint is input
// (it may be shared, damaged or crafted), so a restore checks every field before any file is
// touched. The state names no paths, only counters: every file it means lies in the sink's own
// directory by construction. Imports ./partFileNames only.
import { isPartFileId } from './partFileNames.js';

/** Part files a subtask can have open or pending at once, at most (a bound for decoded counts). */
export const MAX_PENDING_PART_FILES = 100_000;

/** The sink subtask's checkpointed state (Flink's FileWriterBucketState plus the pending committables). */
export interface FilesystemSinkState {
  /** The uuid in this sink instance's part-file names (`part-<uuid>-<subtask>-<counter>`), kept across restores. */
  readonly partFileId: string;
  /** The file being written at the barrier: its counter, the bytes the checkpoint covers, when it was opened (job clock ms). */
  readonly inProgress?: { readonly counter: number; readonly length: number; readonly openedAt: number };
  /** Closed files waiting for the completion of `checkpointId` to be committed. */
  readonly pending: readonly { readonly counter: number; readonly checkpointId: number }[];
  /** The counter of the next part file: every file of this subtask with a counter >= it was opened after the checkpoint. */
  readonly partCounter: number;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Why `value` is not a filesystem sink state this version wrote, naming the field, or undefined when
 * it is one. Checks types, ranges (every counter below `partCounter`, no counter twice), counts.
 */
export function validateFilesystemSinkState(value: unknown): string | undefined {
  if (!isRecord(value)) return 'the filesystem sink state is not a record';
  if (!isPartFileId(value.partFileId)) return 'partFileId is not a part-file uuid (8-4-4-4-12 hex digits)';
  if (!isCount(value.partCounter)) return 'partCounter is not a non-negative integer';
  const partCounter = value.partCounter;
  const seen = new Set<number>();
  const counterProblem = (c: unknown, field: string): string | undefined => {
    if (!isCount(c) || c >= partCounter) return `${field} is not a part-file counter below partCounter ${partCounter}`;
    if (seen.has(c)) return `${field} ${c} names a part file twice`;
    seen.add(c);
    return undefined;
  };
  if (!Array.isArray(value.pending)) return 'pending is not a list';
  if (value.pending.length > Math.min(partCounter, MAX_PENDING_PART_FILES)) return `pending lists ${value.pending.length} files, more than the ${partCounter} ever opened`;
  for (const [i, p] of value.pending.entries()) {
    if (!isRecord(p)) return `pending[${i}] is not a record`;
    const problem = counterProblem(p.counter, `pending[${i}].counter`);
    if (problem) return problem;
    if (!isCount(p.checkpointId) || p.checkpointId < 1) return `pending[${i}].checkpointId is not a checkpoint id`;
  }
  const ip = value.inProgress;
  if (ip !== undefined && ip !== null) {
    if (!isRecord(ip)) return 'inProgress is not a record';
    const problem = counterProblem(ip.counter, 'inProgress.counter');
    if (problem) return problem;
    if (!isCount(ip.length)) return 'inProgress.length is not a byte length';
    if (typeof ip.openedAt !== 'number' || !Number.isFinite(ip.openedAt)) return 'inProgress.openedAt is not a time';
  }
  return undefined;
}
