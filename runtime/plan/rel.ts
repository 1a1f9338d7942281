// A planned relation: the exec node producing it, its row type, and its changelog properties
// (whether it emits updates, its unique key), as Flink's planner tracks them.
import type { SourceRange } from '../diagnostics.js';
import type { WindowSpec } from '../operators/windowAggregate.js';
import type { LogicalType } from '../types/logicalType.js';
import type { ExecNode } from './execGraph.js';
import type { Field } from './scope.js';

/** The window a window TVF put on a relation (materialized by the window aggregate). */
export interface WindowInfo {
  readonly spec: WindowSpec;
  /** Index of the time attribute column in the relation's fields. */
  readonly timeIndex: number;
  /** Type of window_start / window_end. */
  readonly boundType: LogicalType;
  /** Type of window_time (the rowtime attribute). */
  readonly timeType: LogicalType;
  /** `TUMBLE(time_col=[ts], size=[1 s])` for plan descriptions. */
  readonly description: string;
  readonly range: SourceRange;
}

/** A relation under planning. */
export interface Rel {
  readonly node: ExecNode;
  readonly fields: readonly Field[];
  /** Whether the relation's changelog has -U/+U/-D rows. */
  readonly updating: boolean;
  /** Field indexes of a unique (upsert) key, when updating. */
  readonly uniqueKey?: readonly number[];
  /** The node that produces the updates, for messages ("GroupAggregate(groupBy=[…], …)"). */
  readonly updateProducer?: string;
  /** Tells the update-producing aggregate whether a consumer needs UPDATE_BEFORE rows. */
  readonly requireUpdateBefore?: (needed: boolean) => void;
  /** Present when the relation comes straight from a window TVF. */
  readonly window?: WindowInfo;
}
