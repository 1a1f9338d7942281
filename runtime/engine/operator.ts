// The operator contract inside a chain, and what a subtask gives its operators. Operators see
// batches, watermarks and end-of-input; they know nothing of channels or scheduling.
import type { Row } from '../connectors/api.js';
import type { SinkFiles } from '../connectors/filesystemSink.js';
import type { KeyedStateBackend } from '../state/keyedStateBackend.js';
import type { TimerService } from '../state/timerService.js';
import type { RowKind } from '../types/rowKind.js';
import type { RecordBatch } from './records.js';

/** Where an operator sends its results. */
export interface Output {
  /** Emits one changelog row downstream. */
  collect(kind: RowKind, row: Row): void;
  /** Forwards a watermark downstream (after the operator fired what it made ready). */
  emitWatermark(timestamp: number): void;
}

/** What a subtask provides to each operator in its chain. */
export interface OperatorContext {
  /** 0-based subtask index. */
  readonly subtask: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** The vertex's display name. */
  readonly vertexName: string;
  /** Present when the vertex is keyed. */
  readonly keyedState?: KeyedStateBackend;
  /** Present when the vertex is keyed: event-time timers scoped by key. */
  readonly timers?: TimerService;
  /** The job clock in ms (virtual time; deterministic). */
  now(): number;
  /** A deterministic random number in [0, 1) for this subtask. */
  random(): number;
  /** The session time zone (`table.local-time-zone`). */
  readonly localTimeZone: string;
  readonly output: Output;
  /** Writes a line a print sink produced (the host decides stdout/stderr; events see it too). */
  printLine(line: string, stderr: boolean): void;
  /** Sees every row that reaches a sink, when the run collects sink results. */
  readonly sinkObserver?: SinkObserver;
  /** File access for filesystem sinks, given by the host (absent: such sinks cannot run). */
  readonly sinkFiles?: SinkFileAccess;
}

/** File access of filesystem sinks, with the id the run's part files carry. */
export interface SinkFileAccess extends SinkFiles {
  /** Flink uses a random UUID per sink and run in part file names. */
  readonly runId: string;
}

/** Receives the changelog of every sink (for results, verification and tests). */
export interface SinkObserver {
  /** One row written by subtask `subtask` of sink `sink`. */
  onRow(sink: string, subtask: number, kind: RowKind, row: Row): void;
}

/** One operator instance running in one subtask. */
export interface StreamOperator {
  /** Called once before any element. */
  open(ctx: OperatorContext): void;
  /** Processes a batch of rows (the batch is reused by the caller after the call returns). */
  processBatch(batch: RecordBatch): void;
  /**
   * Optional row-at-a-time entry, same semantics as a one-row batch: when present, the operator
   * before it in the chain hands rows over directly instead of buffering them in a batch.
   */
  processRecord?(kind: RowKind, row: Row): void;
  /** Processes a watermark; must end by forwarding it with `output.emitWatermark`. */
  processWatermark(timestamp: number): void;
  /** All input has ended: flush whatever is pending. */
  endInput(): void;
  /** Approximate state size in bytes of this operator's non-keyed state, for metrics. */
  stateBytes?(): number;
  /**
   * Called when the barrier of `checkpointId` reaches the operator, before the barrier is forwarded
   * (Flink's prepareSnapshotPreBarrier + snapshotState): returns the operator's non-keyed state as
   * plain data, or undefined when it keeps none. Keyed state is snapshotted by the subtask.
   */
  snapshotState?(checkpointId: number): unknown;
  /**
   * Why `state` (from a checkpoint, which is input) cannot be restored, naming the field, or
   * undefined when it can. Called for every subtask before any state is restored.
   */
  validateRestoreState?(state: unknown): string | undefined;
  /** Restores what `snapshotState` returned, before any element is processed. */
  restoreState?(state: unknown): void;
  /** The checkpoint completed on every subtask (Flink's notifyCheckpointComplete): commit here. */
  notifyCheckpointComplete?(checkpointId: number): void;
}

/** Creates one operator instance per subtask. */
export type OperatorFactory = () => StreamOperator;
