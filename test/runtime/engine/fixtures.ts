// Hand-built job graphs for engine tests: in-memory sources and keyed pipelines, independent of
// the SQL planner.
import type { PollStatus, Row, RowSink, SourceFactory, SourceReader } from '../../../runtime/connectors/api.js';
import type { JobEdge, JobGraph, JobVertex, KeySpec } from '../../../runtime/engine/jobGraph.js';
import { createKeySelector } from '../../../runtime/engine/keySelector.js';
import { COUNT_STAR } from '../../../runtime/operators/aggregateFunctions.js';
import { GroupAggregateOperator } from '../../../runtime/operators/groupAggregate.js';
import { SinkOperator } from '../../../runtime/operators/sink.js';
import { WindowAggregateOperator, type WindowSpec } from '../../../runtime/operators/windowAggregate.js';
import { WatermarkAssignerOperator } from '../../../runtime/operators/watermarkAssigner.js';

/** A bounded source over fixed rows, split round-robin over subtasks, optionally paced. */
export function listSource(rows: Row[], opts: { rowsPerSecondPerSubtask?: number | ((subtask: number) => number) } = {}): SourceFactory {
  return {
    bounded: true,
    createReader(subtask: number, parallelism: number): SourceReader {
      const mine = rows.filter((_, i) => i % parallelism === subtask);
      let pos = 0;
      let windowStart = 0;
      let inWindow = 0;
      return {
        poll(out: RowSink, max: number, now: number): PollStatus {
          const rps = typeof opts.rowsPerSecondPerSubtask === 'function' ? opts.rowsPerSecondPerSubtask(subtask) : opts.rowsPerSecondPerSubtask;
          if (rps !== undefined && now >= windowStart + 1000) {
            windowStart = Math.floor(now / 1000) * 1000;
            inWindow = 0;
          }
          let n = 0;
          while (pos < mine.length && n < max) {
            if (rps !== undefined && inWindow >= rps) return { kind: 'wait', until: windowStart + 1000 };
            out.push(mine[pos++]!);
            n++;
            inWindow++;
          }
          return pos >= mine.length ? { kind: 'end' } : { kind: 'more' };
        },
        snapshotPosition: () => pos,
        restorePosition: (p) => {
          pos = p as number;
        },
      };
    },
  };
}

export const STRING_KEY: KeySpec = { fields: [0], types: ['VARCHAR'], names: ['user_id'] };

/** Source(rows) --HASH(field 0)--> GroupAggregate(COUNT(*)) -> Sink. */
export function keyedCountGraph(rows: Row[], p: number, maxP = 128, sourceP = p): JobGraph {
  const key = STRING_KEY;
  const source: JobVertex = {
    id: 0,
    name: 'Source: clicks',
    parallelism: sourceP,
    maxParallelism: maxP,
    maxParallelismConfigured: false,
    source: { name: 'clicks', factory: listSource(rows) },
    operators: [],
  };
  const agg: JobVertex = {
    id: 1,
    name: 'GroupAggregate -> Sink: counts',
    parallelism: p,
    maxParallelism: maxP,
    maxParallelismConfigured: false,
    key,
    operators: [
      {
        name: 'GroupAggregate',
        description: 'groupBy=[user_id], select=[user_id, COUNT(*)]',
        factory: () =>
          new GroupAggregateOperator({
            keySelector: (m) => createKeySelector(key, m),
            aggregates: [{ fn: COUNT_STAR, argIndex: -1 }],
            generateUpdateBefore: true,
            inputHasRetractions: false,
          }),
      },
      { name: 'Sink: counts', description: 'counts', factory: () => new SinkOperator('counts', () => ({ write() {}, finish() {} })) },
    ],
  };
  const edges: JobEdge[] = [{ source: 0, target: 1, partitioner: 'HASH', key }];
  return { name: 'keyed count', vertices: [source, agg], edges };
}

/** Source(rows [key, ts]) -> WatermarkAssigner(ts - delay) --HASH--> WindowAggregate -> Sink. */
export function windowCountGraph(rows: Row[], p: number, window: WindowSpec, delayMs: number): JobGraph {
  const key = STRING_KEY;
  const source: JobVertex = {
    id: 0,
    name: 'Source: events -> WatermarkAssigner',
    parallelism: p,
    maxParallelism: 128,
    maxParallelismConfigured: false,
    source: { name: 'events', factory: listSource(rows, { rowsPerSecondPerSubtask: 2 }) },
    operators: [
      {
        name: 'WatermarkAssigner',
        description: `rowtime=[ts], watermark=[ts - ${delayMs}]`,
        factory: () => new WatermarkAssignerOperator({ expression: (r) => (r[1] as number) - delayMs, intervalMs: 200 }),
      },
    ],
  };
  const agg: JobVertex = {
    id: 1,
    name: 'WindowAggregate -> Sink: windows',
    parallelism: p,
    maxParallelism: 128,
    maxParallelismConfigured: false,
    key,
    operators: [
      {
        name: 'WindowAggregate',
        description: 'window',
        factory: () =>
          new WindowAggregateOperator({
            keySelector: (m) => createKeySelector(key, m),
            aggregates: [{ fn: COUNT_STAR, argIndex: -1 }],
            rowtimeIndex: 1,
            window,
          }),
      },
      { name: 'Sink: windows', description: 'windows', factory: () => new SinkOperator('windows', () => ({ write() {}, finish() {} })) },
    ],
  };
  return { name: 'window count', vertices: [source, agg], edges: [{ source: 0, target: 1, partitioner: 'HASH', key }] };
}
