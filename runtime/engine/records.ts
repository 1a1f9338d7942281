// Records in flight: batches of changelog rows (Flink's network buffers) and the in-band events
// that travel between them. Imports only runtime types.
import type { Row } from '../connectors/api.js';
import type { RowKind } from '../types/rowKind.js';

/**
 * A buffer of changelog rows. Batches are the unit of transfer between subtasks and of work in
 * the scheduler; operators append to them without per-record allocation beyond the row itself.
 */
export class RecordBatch {
  /** Row kinds, parallel to `rows`. */
  readonly kinds: RowKind[] = [];
  /** The rows. */
  readonly rows: Row[] = [];
  /**
   * Key groups, parallel to `rows`, when the batch crossed a HASH edge (the partitioner already
   * computed them); empty otherwise. Saves the keyed operator from hashing each key twice.
   */
  readonly keyGroups: number[] = [];

  /** Number of rows. */
  get size(): number {
    return this.rows.length;
  }

  /** Appends one row. */
  push(kind: RowKind, row: Row): void {
    this.kinds.push(kind);
    this.rows.push(row);
  }

  /** Appends one row with its key group. */
  pushKeyed(kind: RowKind, row: Row, keyGroup: number): void {
    this.kinds.push(kind);
    this.rows.push(row);
    this.keyGroups.push(keyGroup);
  }

  /** Removes all rows, keeping the arrays' capacity. */
  clear(): void {
    this.kinds.length = 0;
    this.rows.length = 0;
    this.keyGroups.length = 0;
  }

  /** Moves rows [from, size) into a new batch and truncates this one to `from`. */
  splitOff(from: number): RecordBatch {
    const rest = new RecordBatch();
    for (let i = from; i < this.rows.length; i++) {
      rest.kinds.push(this.kinds[i]!);
      rest.rows.push(this.rows[i]!);
      if (this.keyGroups.length > 0) rest.keyGroups.push(this.keyGroups[i]!);
    }
    this.kinds.length = from;
    this.rows.length = from;
    if (this.keyGroups.length > 0) this.keyGroups.length = from;
    return rest;
  }
}

/** Long.MAX_VALUE as Flink's final watermark; JS cannot hold it exactly, so +Infinity stands in. */
export const MAX_WATERMARK = Number.POSITIVE_INFINITY;

/** Long.MIN_VALUE as the initial watermark. */
export const MIN_WATERMARK = Number.NEGATIVE_INFINITY;

/** Flink's CheckpointBarrier: travels in-band, after every record that belongs to the checkpoint. */
export interface CheckpointBarrier {
  readonly type: 'barrier';
  readonly checkpointId: number;
  /** Job-clock ms when the checkpoint was triggered. */
  readonly timestamp: number;
  /** Savepoints are always aligned. */
  readonly isSavepoint: boolean;
  /** An unaligned barrier overtakes buffered records, which then belong to the channel state. */
  readonly unaligned: boolean;
  /** Unaligned only: how many record buffers queued in this channel the barrier overtook. */
  readonly overtaken?: number;
}

/** What travels through a channel, in order. */
export type StreamElement =
  | { readonly type: 'records'; readonly batch: RecordBatch }
  | { readonly type: 'watermark'; readonly timestamp: number }
  | CheckpointBarrier
  | { readonly type: 'endOfInput' };
