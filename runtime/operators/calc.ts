// Flink's Calc: a filter and a projection of compiled scalar expressions, row by row.
import type { Row } from '../connectors/api.js';
import type { OperatorContext, Output, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';

/** A compiled scalar expression over an input row. */
export type Evaluator = (row: Row) => unknown;

/** An expression that compiles to an evaluator for one subtask (given its clock and random stream). */
export interface CompilableExpression {
  compile(ctx: OperatorContext): Evaluator;
}

/** Configuration of a Calc. */
export interface CalcSpec {
  /** Output fields, in order. */
  readonly projection: readonly CompilableExpression[];
  /** Rows for which this is not TRUE are dropped (SQL three-valued logic: NULL drops). */
  readonly condition?: CompilableExpression;
}

/** Filter + projection; the row kind passes through unchanged. */
export class CalcOperator implements StreamOperator {
  private out!: Output;
  private projection: Evaluator[] = [];
  private condition: Evaluator | undefined;
  constructor(private readonly spec: CalcSpec) {}

  open(ctx: OperatorContext): void {
    this.out = ctx.output;
    this.projection = this.spec.projection.map((p) => p.compile(ctx));
    this.condition = this.spec.condition?.compile(ctx);
  }

  /**
   * What this Calc makes of one row, without emitting it (for the debugger): the projected row, or
   * `filtered`. Undefined when an expression is not deterministic (RAND, NOW …): evaluating it
   * here would consume the subtask's random stream and change the run.
   */
  preview(row: Row): { readonly row: Row } | { readonly filtered: true } | undefined {
    const all = [...this.spec.projection, ...(this.spec.condition ? [this.spec.condition] : [])];
    if (!all.every((e) => (e as { deterministic?: boolean }).deterministic === true)) return undefined;
    if (this.condition !== undefined && this.condition(row) !== true) return { filtered: true };
    return { row: this.projection.map((p) => p(row)) };
  }

  processBatch(batch: RecordBatch): void {
    const { rows, kinds } = batch;
    const proj = this.projection;
    const cond = this.condition;
    const n = proj.length;
    const out = this.out;
    if (n === 1) {
      // One output field (e.g. a grouping key): an array literal is the cheapest allocation.
      const p0 = proj[0]!;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (cond !== undefined && cond(row) !== true) continue;
        out.collect(kinds[r]!, [p0(row)]);
      }
      return;
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (cond !== undefined && cond(row) !== true) continue;
      const o = new Array<unknown>(n);
      for (let i = 0; i < n; i++) o[i] = proj[i]!(row);
      out.collect(kinds[r]!, o);
    }
  }

  processWatermark(timestamp: number): void {
    this.out.emitWatermark(timestamp);
  }

  endInput(): void {}
}
