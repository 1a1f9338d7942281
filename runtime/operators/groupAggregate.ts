// Flink's GroupAggFunction as an operator: per key, accumulators in keyed state; each input row
// updates them and emits the change (+I first, then -U/+U, -D when the group empties).
import type { Row } from '../connectors/api.js';
import type { KeySelector } from '../engine/keySelector.js';
import type { OperatorContext, Output, StreamOperator } from '../engine/operator.js';
import type { RecordBatch } from '../engine/records.js';
import type { KeyGroupedTable, KeyId } from '../state/keyedStateBackend.js';
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
  readonly keySelector: () => KeySelector;
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
}

/** Name of the keyed state table, as Flink names its accumulator state. */
export const GROUP_AGG_STATE = 'accState';

/** Unbounded GROUP BY aggregation. */
export class GroupAggregateOperator implements StreamOperator {
  private out!: Output;
  private table!: KeyGroupedTable<GroupState>;
  private keys!: KeySelector;
  private readonly aggs: readonly AggregateCall[];
  private readonly n: number;

  constructor(private readonly spec: GroupAggregateSpec) {
    this.aggs = spec.aggregates;
    this.n = spec.aggregates.length;
  }

  open(ctx: OperatorContext): void {
    if (!ctx.keyedState) throw new Error('GroupAggregate runs only in a keyed vertex');
    this.out = ctx.output;
    this.keys = this.spec.keySelector();
    this.table = ctx.keyedState.table<GroupState>(GROUP_AGG_STATE);
  }

  processBatch(batch: RecordBatch): void {
    const { rows, kinds, keyGroups } = batch;
    const haveGroups = keyGroups.length === rows.length;
    const keys = this.keys;
    const table = this.table;
    const aggs = this.aggs;
    const n = this.n;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const kind = kinds[r]!;
      const kg = haveGroups ? keyGroups[r]! : keys.keyGroupOf(row);
      const key: KeyId = keys.keyOf(row);
      const group = table.group(kg);
      let state = group.get(key);
      const accumulate = kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
      let first = false;
      if (state === undefined) {
        // A retraction for a group that does not exist is dropped, as in Flink.
        if (!accumulate) continue;
        first = true;
        const accs = new Array<unknown>(n);
        for (let i = 0; i < n; i++) accs[i] = aggs[i]!.fn.createAccumulator();
        state = { count: 0, accs };
        group.set(key, state);
      }
      const prev = first ? undefined : this.values(state);
      const accs = state.accs;
      if (accumulate) {
        state.count++;
        for (let i = 0; i < n; i++) {
          const a = aggs[i]!;
          accs[i] = a.fn.accumulate(accs[i], a.argIndex < 0 ? null : row[a.argIndex]);
        }
      } else {
        state.count--;
        for (let i = 0; i < n; i++) {
          const a = aggs[i]!;
          accs[i] = a.fn.retract(accs[i], a.argIndex < 0 ? null : row[a.argIndex]);
        }
      }
      if (this.spec.inputHasRetractions && state.count <= 0) {
        group.delete(key);
        if (!first) this.out.collect(RowKind.DELETE, this.outputRow(row, prev!));
        continue;
      }
      const next = this.values(state);
      if (first) {
        this.out.collect(RowKind.INSERT, this.outputRow(row, next));
      } else if (!sameValues(prev!, next)) {
        if (this.spec.generateUpdateBefore) this.out.collect(RowKind.UPDATE_BEFORE, this.outputRow(row, prev!));
        this.out.collect(RowKind.UPDATE_AFTER, this.outputRow(row, next));
      }
    }
  }

  processWatermark(timestamp: number): void {
    this.out.emitWatermark(timestamp);
  }

  endInput(): void {}

  private values(state: GroupState): unknown[] {
    const v = new Array<unknown>(this.n);
    for (let i = 0; i < this.n; i++) v[i] = this.aggs[i]!.fn.getValue(state.accs[i]);
    return v;
  }

  /** Output row: the grouping key fields, then the aggregate values. */
  private outputRow(input: Row, values: unknown[]): Row {
    const key = this.keys.keyValues(input);
    for (const v of values) key.push(v);
    return key;
  }
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && String(x) === String(y)) continue;
    return false;
  }
  return true;
}
