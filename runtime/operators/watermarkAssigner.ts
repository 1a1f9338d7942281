// Flink SQL's WatermarkAssigner: evaluates the table's WATERMARK expression on each row, keeps
// the maximum, and emits it periodically (pipeline.auto-watermark-interval) on the job clock.
import type { OperatorContext, Output, StreamOperator } from '../engine/operator.js';
import { MIN_WATERMARK, type RecordBatch } from '../engine/records.js';
import type { Evaluator } from './calc.js';

/** Configuration of a watermark assigner. */
export interface WatermarkSpec {
  /** The WATERMARK FOR … AS expression, giving a timestamp in ms (or NULL). */
  readonly expression: Evaluator;
  /** pipeline.auto-watermark-interval in ms; 0 emits after every buffer. */
  readonly intervalMs: number;
}

/** Generates watermarks from row timestamps. */
export class WatermarkAssignerOperator implements StreamOperator {
  private ctx!: OperatorContext;
  private out!: Output;
  private current = MIN_WATERMARK;
  private emitted = MIN_WATERMARK;
  private nextEmitAt = 0;

  constructor(private readonly spec: WatermarkSpec) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.out = ctx.output;
  }

  processBatch(batch: RecordBatch): void {
    const { rows, kinds } = batch;
    const expr = this.spec.expression;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const wm = expr(row);
      if (typeof wm === 'number' && wm > this.current) this.current = wm;
      this.out.collect(kinds[r]!, row);
    }
    const now = this.ctx.now();
    if (now >= this.nextEmitAt) {
      this.nextEmitAt = now + this.spec.intervalMs;
      this.emitIfAdvanced();
    }
  }

  processWatermark(timestamp: number): void {
    // Only the final Long.MAX_VALUE watermark of an ending source arrives here.
    if (timestamp > this.current) this.current = timestamp;
    this.emitIfAdvanced();
  }

  endInput(): void {}

  private emitIfAdvanced(): void {
    if (this.current > this.emitted) {
      this.emitted = this.current;
      this.out.emitWatermark(this.current);
    }
  }
}
