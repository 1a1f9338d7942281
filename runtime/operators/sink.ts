// The sink operator: hands each changelog row to the connector's writer and to the run's sink
// observer (results, verification).
import type { Row, SinkWriter } from '../connectors/api.js';
import type { RowKind } from '../types/rowKind.js';
import type { OperatorContext, Output, SinkObserver, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';

/** Creates the connector's writer for one sink subtask. */
export type SinkWriterFactory = (subtask: number, parallelism: number, ctx: OperatorContext) => SinkWriter;

/** Writes rows to a table sink. */
export class SinkOperator implements StreamOperator {
  private writer!: SinkWriter;
  private observer: SinkObserver | undefined;
  private out!: Output;
  private subtask = 0;

  constructor(readonly sinkName: string, private readonly createWriter: SinkWriterFactory) {}

  open(ctx: OperatorContext): void {
    this.writer = this.createWriter(ctx.subtask, ctx.parallelism, ctx);
    this.observer = ctx.sinkObserver;
    this.out = ctx.output;
    this.subtask = ctx.subtask;
  }

  processBatch(batch: RecordBatch): void {
    const { rows, kinds } = batch;
    const w = this.writer;
    const obs = this.observer;
    for (let r = 0; r < rows.length; r++) {
      w.write(kinds[r]!, rows[r]!);
      if (obs) obs.onRow(this.sinkName, this.subtask, kinds[r]!, rows[r]!);
    }
  }

  processRecord(kind: RowKind, row: Row): void {
    this.writer.write(kind, row);
    if (this.observer) this.observer.onRow(this.sinkName, this.subtask, kind, row);
  }

  processWatermark(timestamp: number): void {
    this.out.emitWatermark(timestamp);
  }

  endInput(): void {
    this.writer.finish();
  }

  snapshotState(checkpointId: number): unknown {
    return this.writer.snapshotState?.(checkpointId);
  }

  restoreState(state: unknown): void {
    const r = this.writer.restoreState?.(state);
    if (r) this.restored = r;
  }

  notifyCheckpointComplete(checkpointId: number): void {
    this.writer.notifyCheckpointComplete?.(checkpointId);
  }

  /** What the last restore committed and aborted (for the recovery events). */
  restored: { aborted: number; committed: number } | undefined;
}
