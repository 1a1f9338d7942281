// Flink's window TVF aggregation (TUMBLE, HOP) on event time: rows are assigned to windows by
// their rowtime, accumulated per key and window, and each window emits one +I row when the
// watermark passes its end. Rows for windows that already fired are dropped as late.
import type { KeySelector } from '../engine/keySelector.js';
import type { OperatorContext, Output, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';
import type { KeyGroupedTable } from '../state/keyedStateBackend.js';
import type { TimerService } from '../state/timerService.js';
import { instantToLocal, localToInstant } from '../types/timeZone.js';
import { RowKind } from '../types/rowKind.js';
import type { AggregateCall } from './groupAggregate.js';

/**
 * Window assignment of a window TVF, in ms. `zone` is set for a TIMESTAMP_LTZ rowtime: windows
 * are then aligned on the local date-time in that zone, as Flink's shift time zone does.
 */
export type WindowSpec =
  | { readonly kind: 'TUMBLE'; readonly size: number; readonly offset: number; readonly zone?: string }
  | { readonly kind: 'HOP'; readonly slide: number; readonly size: number; readonly offset: number; readonly zone?: string };

/** Configuration of a WindowAggregate. */
export interface WindowAggregateSpec {
  /** Makes the key selector for the vertex's max parallelism (the number of key groups). */
  readonly keySelector: (maxParallelism: number) => KeySelector;
  readonly aggregates: readonly AggregateCall[];
  /** Index of the rowtime field in the input row (TIMESTAMP ms). */
  readonly rowtimeIndex: number;
  readonly window: WindowSpec;
}

/** Per key: its values (for output) and the open windows by start. */
interface WindowGroups {
  keyValues: unknown[];
  windows: Map<number, unknown[]>;
}

/** Name of the keyed state table of open windows. */
export const WINDOW_STATE = 'windowState';

/** Starts of the windows a timestamp belongs to, earliest last (Flink's assigners). */
export function assignWindows(ts: number, w: WindowSpec): number[] {
  const step = w.kind === 'TUMBLE' ? w.size : w.slide;
  const last = ts - mod(ts - w.offset, step);
  if (w.kind === 'TUMBLE') return [last];
  const starts: number[] = [];
  for (let start = last; start > ts - w.size; start -= w.slide) starts.push(start);
  return starts;
}

/**
 * The epoch ms at which a window whose last local millisecond is `localMs` fires: the later of the
 * two instants when that local time occurs twice (Flink's TimeWindowUtil.toEpochMillsForTimer).
 */
export function windowTimerAt(localMs: number, zone: string | undefined): number {
  return zone === undefined ? localMs : localToInstant(localMs, zone, 'later');
}

function mod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}

/** Event-time window aggregation. */
export class WindowAggregateOperator implements StreamOperator {
  private out!: Output;
  private table!: KeyGroupedTable<WindowGroups>;
  private timers!: TimerService;
  private keys!: KeySelector;
  private watermark = Number.NEGATIVE_INFINITY;
  /** Rows dropped because their window had already fired (Flink's numLateRecordsDropped). */
  lateRecordsDropped = 0;

  constructor(private readonly spec: WindowAggregateSpec) {}

  open(ctx: OperatorContext): void {
    if (!ctx.keyedState || !ctx.timers) throw new Error('WindowAggregate runs only in a keyed vertex');
    this.out = ctx.output;
    this.table = ctx.keyedState.table<WindowGroups>(WINDOW_STATE);
    this.timers = ctx.timers;
    this.keys = this.spec.keySelector(ctx.maxParallelism);
  }

  processBatch(batch: RecordBatch): void {
    const { rows, kinds, keyGroups } = batch;
    const haveGroups = keyGroups.length === rows.length;
    const { aggregates, rowtimeIndex, window } = this.spec;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const rowtime = row[rowtimeIndex];
      if (typeof rowtime !== 'number') continue; // NULL rowtime: no window (Flink drops it too)
      const ts = window.zone === undefined ? rowtime : instantToLocal(rowtime, window.zone);
      const kg = haveGroups ? keyGroups[r]! : this.keys.keyGroupOf(row);
      const key = this.keys.keyOf(row);
      const group = this.table.group(kg);
      const accumulate = kinds[r] === RowKind.INSERT || kinds[r] === RowKind.UPDATE_AFTER;
      for (const start of assignWindows(ts, window)) {
        const end = start + window.size;
        const fireAt = windowTimerAt(end - 1, window.zone);
        if (fireAt <= this.watermark) {
          this.lateRecordsDropped++;
          continue;
        }
        let g = group.get(key);
        if (!g) {
          g = { keyValues: this.keys.keyValues(row), windows: new Map() };
          group.set(key, g);
        }
        let accs = g.windows.get(start);
        if (!accs) {
          accs = aggregates.map((a) => a.fn.createAccumulator());
          g.windows.set(start, accs);
          this.timers.register(fireAt, kg, key);
        }
        for (let i = 0; i < aggregates.length; i++) {
          const a = aggregates[i]!;
          const v = a.argIndex < 0 ? null : row[a.argIndex];
          accs[i] = accumulate ? a.fn.accumulate(accs[i], v) : a.fn.retract(accs[i], v);
        }
      }
    }
  }

  processWatermark(timestamp: number): void {
    this.watermark = timestamp;
    const { window } = this.spec;
    for (const t of this.timers.pollDue(timestamp)) {
      const group = this.table.group(t.keyGroup);
      const g = group.get(t.key);
      if (!g) continue;
      if (window.zone === undefined) {
        // The timer is the window's last millisecond: one window, found directly.
        const start = t.timestamp + 1 - window.size;
        const accs = g.windows.get(start);
        if (accs) this.fire(g, start, accs, t.timestamp);
      } else {
        // In a zone, windows ending in a DST gap fire with the window after them: look at each.
        for (const [start, accs] of [...g.windows]) {
          if (windowTimerAt(start + window.size - 1, window.zone) === t.timestamp) this.fire(g, start, accs, t.timestamp);
        }
      }
      if (g.windows.size === 0) group.delete(t.key);
    }
    this.out.emitWatermark(timestamp);
  }

  /** Emits a window's row and forgets the window. */
  private fire(g: WindowGroups, start: number, accs: unknown[], timerAt: number): void {
    const { aggregates, window } = this.spec;
    g.windows.delete(start);
    const row = g.keyValues.slice();
    for (let i = 0; i < aggregates.length; i++) row.push(aggregates[i]!.fn.getValue(accs[i]));
    // window_start/window_end are local date-times; window_time is the rowtime of the window's
    // last millisecond (an instant for a TIMESTAMP_LTZ rowtime).
    row.push(start, start + window.size, timerAt);
    this.out.collect(RowKind.INSERT, row);
  }

  endInput(): void {}
}
