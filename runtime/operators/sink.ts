// The sink operator: hands each changelog row to the connector's writer and to the run's sink
// observer (results, verification).
import type { Row, SinkWriter } from '../connectors/api.js';
import type { RowKind } from '../types/rowKind.js';
import type { OperatorContext, Output, SinkObserver, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';
import { SqlRuntimeError } from '../types/sqlRuntimeError.js';

/** Creates the connector's writer for one sink subtask. */
export type SinkWriterFactory = (subtask: number, parallelism: number, ctx: OperatorContext) => SinkWriter;

/**
 * The sink's NOT NULL columns and what `table.exec.sink.not-null-enforcer` does with a NULL in one
 * (Flink's ConstraintEnforcer before the writer).
 */
export interface NotNullEnforcer {
  /** Indexes of the NOT NULL columns (declared NOT NULL, or in the primary key). */
  readonly columns: readonly number[];
  readonly names: readonly string[];
  readonly action: 'ERROR' | 'DROP';
}

/** Writes rows to a table sink. */
export class SinkOperator implements StreamOperator {
  private writer!: SinkWriter;
  private observer: SinkObserver | undefined;
  private out!: Output;
  private subtask = 0;

  constructor(
    readonly sinkName: string,
    private readonly createWriter: SinkWriterFactory,
    private readonly notNull?: NotNullEnforcer,
  ) {}

  /** Whether the row may be written: false to drop it; throws as Flink's EnforcerException. */
  private enforce(row: Row): boolean {
    const n = this.notNull!;
    for (let i = 0; i < n.columns.length; i++) {
      if (row[n.columns[i]!] !== null && row[n.columns[i]!] !== undefined) continue;
      if (n.action === 'DROP') return false;
      throw new SqlRuntimeError(
        `Column '${n.names[i]}' is NOT NULL, however, a null value is being written into it. You can set job configuration 'table.exec.sink.not-null-enforcer'='DROP' to suppress this exception and drop such records silently.`,
        'org.apache.flink.table.runtime.operators.sink.ConstraintEnforcer$EnforcerException',
      );
    }
    return true;
  }

  /** The writer's open transactions (pending and in-progress files), for the debugger; undefined for non-transactional sinks. */
  inspectTransactions(): unknown {
    return this.writer.inspectTransactions?.();
  }

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
    const enforce = this.notNull !== undefined;
    for (let r = 0; r < rows.length; r++) {
      if (enforce && !this.enforce(rows[r]!)) continue;
      w.write(kinds[r]!, rows[r]!);
      if (obs) obs.onRow(this.sinkName, this.subtask, kinds[r]!, rows[r]!);
    }
  }

  processRecord(kind: RowKind, row: Row): void {
    if (this.notNull !== undefined && !this.enforce(row)) return;
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

  validateRestoreState(state: unknown): string | undefined {
    return this.writer.validateRestoreState?.(state);
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
