// The contract between the engine and connectors: split readers for sources, writers for sinks.
// Connectors see rows and the job clock only; they import nothing of the engine.
import type { RowKind } from '../types/rowKind.js';

/** One table row: field values in schema order, represented as described in `runtime/types`. */
export type Row = unknown[];

/** Receives rows from a source reader. */
export interface RowSink {
  /** Appends one row (source rows are always INSERT). */
  push(row: Row): void;
}

/** What a reader's `poll` reports. */
export type PollStatus =
  /** Rows may be available right away: poll again. */
  | { kind: 'more' }
  /** Nothing before this job-clock time (ms); the scheduler advances the clock if idle. */
  | { kind: 'wait'; until: number }
  /** The split is exhausted: this subtask's input has ended. */
  | { kind: 'end' };

/**
 * Reads one source subtask's share of a table. Deterministic: the same options, subtask and
 * seed produce the same rows; time only ever comes from `now`.
 */
export interface SourceReader {
  /**
   * Emits at most `max` rows into `out`.
   * @param now the job clock in ms
   */
  poll(out: RowSink, max: number, now: number): PollStatus;
  /** The reader's position, as plain JSON-able data, for checkpoints. */
  snapshotPosition(): unknown;
  /** Resets the reader to a position returned by `snapshotPosition`. */
  restorePosition(position: unknown): void;
  /**
   * Bytes Flink's checkpoint of this source holds now, when they are more than a position: a
   * datagen sequence keeps every value it has yet to emit (8 bytes each). Default 0.
   */
  stateBytes?(): number;
}

/** Writes one sink subtask's rows. */
export interface SinkWriter {
  /** Writes one changelog row. */
  write(kind: RowKind, row: Row): void;
  /** Called at end of input and before a clean shutdown. */
  finish(): void;
  /**
   * Transactional sinks: the barrier of `checkpointId` arrived (Flink's pre-commit); returns the
   * writer's state as plain data: what to commit once the checkpoint completes, what to resume.
   */
  snapshotState?(checkpointId: number): unknown;
  /** Why `state` cannot be restored (names the field), or undefined; checked before any restore touches a file. */
  validateRestoreState?(state: unknown): string | undefined;
  /** Restores what `snapshotState` returned: commits what that checkpoint covered, aborts the rest. Returns how many transactions were aborted. */
  restoreState?(state: unknown): { aborted: number; committed: number };
  /** Transactional sinks: the open transactions as plain data for the debugger, changing nothing. */
  inspectTransactions?(): unknown;
  /** The checkpoint completed: commit what was pre-committed up to it. */
  notifyCheckpointComplete?(checkpointId: number): void;
}

/** Creates readers for each source subtask. */
export interface SourceFactory {
  /** Whether the source ends by itself (bounded). */
  readonly bounded: boolean;
  /**
   * @param subtask 0-based subtask index
   * @param parallelism the source vertex's parallelism
   * @param seed the run's seed, for random generators
   */
  createReader(subtask: number, parallelism: number, seed: number): SourceReader;
}
