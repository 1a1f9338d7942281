// Flink's GroupAggFunction as an operator: per key, accumulators in keyed state; each input row
// updates them and emits the change (+I first, then -U/+U, -D when the group empties).
import type { Row } from '../connectors/api.js';
import type { KeySelector } from '../engine/keySelector.js';
import type { OperatorContext, Output, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';
import type { KeyGroupedTable, KeyId } from '../state/keyedStateBackend.js';
import { copyState } from '../checkpoint/taskSnapshot.js';
import { RowKind } from '../types/rowKind.js';
import type { AggregateFunction } from './aggregateFunctions.js';

/** One aggregate call of the operator. */
export interface AggregateCall {
  readonly fn: AggregateFunction;
  /** Index of the argument in the input row; -1 for COUNT(*). */
  readonly argIndex: number;
}

/** Configuration of a GroupAggregate. */
export interface GroupAggregateSpec {
  /** Makes the key selector for the vertex's max parallelism (the number of key groups). */
  readonly keySelector: (maxParallelism: number) => KeySelector;
  readonly aggregates: readonly AggregateCall[];
  /** Whether to emit -U before +U (false when the sink is an upsert sink, as Flink's planner decides). */
  readonly generateUpdateBefore: boolean;
  /** Whether the input may contain retractions (-U/-D); if not, groups never empty. */
  readonly inputHasRetractions: boolean;
}

/** The state kept per key: input row count (for retractions) and the accumulators. */
interface GroupState {
  count: number;
  accs: unknown[];
  /** The table's snapshot epoch when this value was created (copy-on-write). */
  epoch: number;
}

/**
 * The state per key of the single-aggregate, insert-only fast path: the accumulator inline, one
 * memory load fewer per record. An operator uses one shape for all its keys.
 */
interface SingleGroupState {
  count: number;
  acc: unknown;
  /** The table's snapshot epoch when this value was created (copy-on-write). */
  epoch: number;
}

/** Name of the keyed state table, as Flink names its accumulator state. */
export const GROUP_AGG_STATE = 'accState';

/** Unbounded GROUP BY aggregation. */
export class GroupAggregateOperator implements StreamOperator {
  private out!: Output;
  private table!: KeyGroupedTable<GroupState>;
  private singleTable!: KeyGroupedTable<SingleGroupState>;
  private keys!: KeySelector;
  private readonly n: number;
  /** The aggregate functions and their argument indexes, unpacked for the hot loop. */
  private readonly fns: readonly AggregateFunction[];
  private readonly argIndex: Int32Array;
  private readonly prevScratch: unknown[];
  private readonly nextScratch: unknown[];
  private keyFields: readonly number[] = [];

  constructor(private readonly spec: GroupAggregateSpec) {
    this.n = spec.aggregates.length;
    this.fns = spec.aggregates.map((a) => a.fn);
    this.argIndex = Int32Array.from(spec.aggregates.map((a) => a.argIndex));
    this.prevScratch = new Array<unknown>(this.n).fill(null);
    this.nextScratch = new Array<unknown>(this.n).fill(null);
  }

  open(ctx: OperatorContext): void {
    if (!ctx.keyedState) throw new Error('GroupAggregate runs only in a keyed vertex');
    this.out = ctx.output;
    this.keys = this.spec.keySelector(ctx.maxParallelism);
    this.keyFields = this.keys.fields;
    this.table = ctx.keyedState.table<GroupState>(GROUP_AGG_STATE);
    this.singleTable = ctx.keyedState.table<SingleGroupState>(GROUP_AGG_STATE);
    // Values are copied before their first change after a snapshot: snapshots copy references only.
    this.table.copyOnWrite = true;
  }

  processBatch(batch: RecordBatch): void {
    if (this.n === 1 && !this.spec.inputHasRetractions) {
      this.processInsertOnlySingle(batch);
      return;
    }
    const { rows, kinds, keyGroups } = batch;
    const haveGroups = keyGroups.length === rows.length;
    const keys = this.keys;
    const groups = this.table.groups;
    const start = this.table.startKeyGroup;
    const fns = this.fns;
    const argIndex = this.argIndex;
    const n = this.n;
    const prev = this.prevScratch;
    const next = this.nextScratch;
    const out = this.out;
    const retractions = this.spec.inputHasRetractions;
    const updateBefore = this.spec.generateUpdateBefore;
    const singleKey = this.keyFields.length === 1 ? this.keyFields[0]! : -1;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const kind = kinds[r]!;
      const kg = haveGroups ? keyGroups[r]! : keys.keyGroupOf(row);
      const key: KeyId = singleKey >= 0 ? row[singleKey] : keys.keyOf(row);
      const group = groups[kg - start]!;
      let state = group.get(key);
      const accumulate = kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
      let first = false;
      if (state === undefined) {
        // A retraction for a group that does not exist is dropped, as in Flink.
        if (!accumulate) continue;
        first = true;
        const accs = new Array<unknown>(n);
        for (let i = 0; i < n; i++) accs[i] = fns[i]!.createAccumulator();
        state = { count: 0, accs, epoch: this.table.snapshotEpoch };
        group.set(key, state);
      } else if (state.epoch !== this.table.snapshotEpoch) {
        // A snapshot holds this value: change a copy (accumulators may be mutable objects).
        state = { count: state.count, accs: copyState(state.accs), epoch: this.table.snapshotEpoch };
        group.set(key, state);
      }
      const accs = state.accs;
      if (!first) for (let i = 0; i < n; i++) prev[i] = fns[i]!.getValue(accs[i]);
      if (accumulate) {
        state.count++;
        for (let i = 0; i < n; i++) accs[i] = fns[i]!.accumulate(accs[i], argIndex[i]! < 0 ? null : row[argIndex[i]!]);
      } else {
        state.count--;
        for (let i = 0; i < n; i++) accs[i] = fns[i]!.retract(accs[i], argIndex[i]! < 0 ? null : row[argIndex[i]!]);
      }
      if (retractions && state.count <= 0) {
        group.delete(key);
        if (!first) out.collect(RowKind.DELETE, this.outputRow(row, prev));
        continue;
      }
      for (let i = 0; i < n; i++) next[i] = fns[i]!.getValue(accs[i]);
      if (first) {
        out.collect(RowKind.INSERT, this.outputRow(row, next));
      } else if (!sameValues(prev, next, n)) {
        if (updateBefore) out.collect(RowKind.UPDATE_BEFORE, this.outputRow(row, prev));
        out.collect(RowKind.UPDATE_AFTER, this.outputRow(row, next));
      }
    }
  }

  /**
   * The common case on the hot path: one aggregate over an insert-only input (no group can empty),
   * without the per-record loops over aggregates. Same semantics as the general loop.
   */
  private processInsertOnlySingle(batch: RecordBatch): void {
    const { rows, keyGroups } = batch;
    const haveGroups = keyGroups.length === rows.length;
    const keys = this.keys;
    const groups = this.singleTable.groups;
    const start = this.singleTable.startKeyGroup;
    const fn = this.fns[0]!;
    const arg = this.argIndex[0]!;
    const out = this.out;
    const updateBefore = this.spec.generateUpdateBefore;
    const singleKey = this.keyFields.length === 1 ? this.keyFields[0]! : -1;
    const epoch = this.singleTable.snapshotEpoch;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const kg = haveGroups ? keyGroups[r]! : keys.keyGroupOf(row);
      const key: KeyId = singleKey >= 0 ? row[singleKey] : keys.keyOf(row);
      const group = groups[kg - start]!;
      let state = group.get(key);
      const value = arg < 0 ? null : row[arg];
      if (state === undefined) {
        const acc = fn.accumulate(fn.createAccumulator(), value);
        group.set(key, { count: 1, acc, epoch });
        out.collect(RowKind.INSERT, this.outputRow1(row, fn.getValue(acc)));
        continue;
      }
      if (state.epoch !== epoch) {
        // A snapshot holds this value: change a copy (the accumulator may be a mutable object).
        state = { count: state.count, acc: copyState(state.acc), epoch };
        group.set(key, state);
      }
      const before = fn.getValue(state.acc);
      state.count++;
      const acc = fn.accumulate(state.acc, value);
      state.acc = acc;
      const after = fn.getValue(acc);
      if (before === after || sameValue(before, after)) continue;
      if (updateBefore) out.collect(RowKind.UPDATE_BEFORE, this.outputRow1(row, before));
      out.collect(RowKind.UPDATE_AFTER, this.outputRow1(row, after));
    }
  }

  private outputRow1(input: Row, value: unknown): Row {
    const k = this.keyFields;
    // One key field (the common case): an array literal is the cheapest allocation.
    if (k.length === 1) return [input[k[0]!], value];
    const o = new Array<unknown>(k.length + 1);
    for (let i = 0; i < k.length; i++) o[i] = input[k[i]!];
    o[k.length] = value;
    return o;
  }

  processWatermark(timestamp: number): void {
    this.out.emitWatermark(timestamp);
  }

  endInput(): void {}

  /** Output row: the grouping key fields, then the aggregate values. */
  private outputRow(input: Row, values: readonly unknown[]): Row {
    const k = this.keyFields;
    const o = new Array<unknown>(k.length + this.n);
    for (let i = 0; i < k.length; i++) o[i] = input[k[i]!];
    for (let i = 0; i < this.n; i++) o[k.length + i] = values[i];
    return o;
  }
}

function sameValues(a: readonly unknown[], b: readonly unknown[], n: number): boolean {
  for (let i = 0; i < n; i++) if (!sameValue(a[i], b[i])) return false;
  return true;
}

/** Equality of aggregate values (objects such as DECIMAL compare by value). */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  return typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && String(x) === String(y);
}
