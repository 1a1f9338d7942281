import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveJobConfig } from '../../../runtime/config/resolveJobConfig.js';
import type { Row } from '../../../runtime/connectors/api.js';
import type { JobGraph } from '../../../runtime/engine/jobGraph.js';
import { LocalJob } from '../../../runtime/engine/localJob.js';
import type { OperatorContext, StreamOperator } from '../../../runtime/engine/operator.js';
import type { RecordBatch } from '../../../runtime/engine/records.js';
import { SinkResultCollector } from '../../../runtime/engine/sinkResults.js';
import { keyedCountGraph } from '../engine/fixtures.js';

function config(sets: Record<string, string>) {
  const { config, diagnostics } = resolveJobConfig(Object.entries(sets).map(([key, value]) => ({ key, value })));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return config;
}

/** Passes rows through; throws once, when the `failAt`-th row (over all attempts) arrives. */
function failOnce(failAt: number): () => StreamOperator {
  let seen = 0;
  return () => {
    let ctx!: OperatorContext;
    return {
      open: (c) => void (ctx = c),
      processBatch(b: RecordBatch) {
        for (let i = 0; i < b.size; i++) {
          if (++seen === failAt) throw new Error('injected failure');
          ctx.output.collect(b.kinds[i]!, b.rows[i]!);
        }
      },
      processWatermark: (t) => ctx.output.emitWatermark(t),
      endInput() {},
    };
  };
}

/** The keyed count with a failing pass-through operator in front of the aggregate. */
function failingGraph(rows: Row[], failAt: number): JobGraph {
  const g = keyedCountGraph(rows, 2, 128, 3);
  const agg = g.vertices[1]!;
  return { ...g, vertices: [g.vertices[0]!, { ...agg, operators: [{ name: 'Boom', description: '', factory: failOnce(failAt) }, ...agg.operators] }] };
}

const USERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const rows: Row[] = Array.from({ length: 6000 }, (_, i) => [USERS[(i * 3) % USERS.length]!]);
const BUSY = { bufferSize: 8, recordCostNs: 1_000_000, channelCapacity: 4 };

test('a failure restarts the job from the latest checkpoint and the final table stays exact', () => {
  const c = config({ 'execution.checkpointing.interval': '200 ms' });
  assert.equal(c.restartStrategy.type, 'exponential-delay', "Flink's default with checkpointing on");
  const collector = new SinkResultCollector([{ name: 'counts', columns: ['user', 'cnt'], uniqueKey: [0] }]);
  const job = new LocalJob(failingGraph(rows, 2500), { seed: 4, ...BUSY, checkpointing: c.checkpointing, restartStrategy: c.restartStrategy, sinkObserver: collector });
  const phases: string[] = [];
  let chosen: number | undefined;
  job.events.on('recovery', (e) => {
    phases.push(e.phase);
    if (e.phase === 'checkpoint-chosen') chosen = e.checkpointId;
  });
  let lastCompletedBeforeFailure = 0;
  job.events.on('checkpoint', (e) => {
    if (e.phase === 'completed' && job.failures.length === 0) lastCompletedBeforeFailure = e.checkpointId;
  });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
  assert.equal(job.restarts, 1);
  assert.equal(job.failures[0]?.message, 'injected failure');
  assert.deepEqual(phases, ['failure-detected', 'tasks-cancelled', 'restart-delay', 'checkpoint-chosen', 'state-assigned', 'sources-rewound', 'transactions-aborted', 'running']);
  assert.ok(lastCompletedBeforeFailure > 0 && chosen === lastCompletedBeforeFailure, `restored checkpoint ${chosen}, latest before failure ${lastCompletedBeforeFailure}`);
  const expected = new Map<string, number>();
  for (const [u] of rows) expected.set(u as string, (expected.get(u as string) ?? 0) + 1);
  const [result] = collector.results();
  assert.deepEqual(new Map(result!.rows.map((r) => [r[0] as string, r[1] as number])), expected);
  // The sink saw replayed updates: more +U rows than a failure-free run would produce.
  assert.ok(result!.changelog['+U'] > rows.length - USERS.length, 'records after the checkpoint were processed twice');
});

test('without a restart strategy the job fails with Flink\'s suppression message', () => {
  const c = config({ 'execution.checkpointing.interval': '200 ms', 'restart-strategy.type': 'none' });
  const job = new LocalJob(failingGraph(rows, 100), { seed: 1, ...BUSY, checkpointing: c.checkpointing, restartStrategy: c.restartStrategy });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FAILED' });
  assert.equal(job.restarts, 0);
  assert.equal(job.failureInfo?.message, 'injected failure');
});

test('rescaling on restore moves key groups to the new subtasks\' ranges', async () => {
  const { assignState } = await import('../../../runtime/checkpoint/stateAssignment.js');
  const c = config({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.num-retained': '5' });
  const job = new LocalJob(keyedCountGraph(rows, 2, 128, 3), { seed: 2, ...BUSY, checkpointing: c.checkpointing });
  job.runToEnd();
  const cp = job.coordinator!.latest()!;
  // Same job with the aggregate at parallelism 3: a fresh deployment gets the checkpoint's state.
  const rescaled = new LocalJob(keyedCountGraph(rows, 3, 128, 3), { seed: 2, ...BUSY });
  const assigned = assignState(cp, rescaled.tasks);
  assert.ok(!('error' in assigned), JSON.stringify(assigned));
  assert.deepEqual(
    assigned.keyGroups.map((k) => [k.subtask, k.start, k.end]),
    [
      [0, 0, 42],
      [1, 43, 85],
      [2, 86, 127],
    ],
  );
  const keysBefore = [...cp.snapshots.values()].reduce((n, s) => n + s.keyGroups.reduce((m, g) => m + (g.states['accState']?.size ?? 0), 0), 0);
  assert.equal(assigned.keyGroups.reduce((n, k) => n + k.keys, 0), keysBefore, 'every key lands on exactly one new subtask');
  // A different max parallelism cannot restore keyed state.
  const wrong = new LocalJob(keyedCountGraph(rows, 2, 256, 3), { seed: 2, ...BUSY });
  const err = assignState(cp, wrong.tasks);
  assert.ok('error' in err && /maximum parallelism \(256\).*\(128\)/.test(err.error));
});

test('region failover restarts only the failed pipelined region; the job stays RUNNING', () => {
  // Source -> pass-through -> Sink, FORWARD all the way with parallelism 3: three regions.
  const g = keyedCountGraph(rows, 3, 128, 3);
  const source = { ...g.vertices[0]!, operators: [{ name: 'Boom', description: '', factory: failOnce(700) }] };
  const graph: JobGraph = { name: 'forward pipeline', vertices: [source], edges: [] };
  const c = config({ 'execution.checkpointing.interval': '200 ms' });
  const job = new LocalJob(graph, { seed: 3, ...BUSY, checkpointing: c.checkpointing, restartStrategy: c.restartStrategy, failoverStrategy: 'region' });
  const before = [...job.tasks];
  const jobStates: string[] = [];
  job.events.on('jobState', (e) => jobStates.push(e.state));
  const redeployed: string[] = [];
  job.events.on('taskState', (e) => {
    if (e.state === 'DEPLOYING' && job.restarts > 0) redeployed.push(`${e.vertexId}/${e.subtask}`);
  });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
  assert.equal(job.restarts, 1);
  assert.equal(redeployed.length, 1, 'only the failed subtask (its whole region) was redeployed');
  const failed = job.failures[0]!;
  assert.deepEqual(redeployed, [`${failed.vertexId}/${failed.subtask}`]);
  assert.ok(!jobStates.includes('RESTARTING'), 'a region failover is not a global restart');
  const kept = job.tasks.filter((t, i) => t === before[i]);
  assert.equal(kept.length, 2, 'the other two regions kept their subtasks');
  // With failover-strategy full, everything restarts.
  const fullGraph: JobGraph = { ...graph, vertices: [{ ...source, operators: [{ name: 'Boom', description: '', factory: failOnce(700) }] }] };
  const full = new LocalJob(fullGraph, { seed: 3, ...BUSY, checkpointing: c.checkpointing, restartStrategy: c.restartStrategy, failoverStrategy: 'full' });
  const fullStates: string[] = [];
  full.events.on('jobState', (e) => fullStates.push(e.state));
  full.runToEnd();
  assert.ok(fullStates.includes('RESTARTING'));
});

test('restoring an unaligned checkpoint replays its in-flight records first: the final table stays exact', () => {
  const c = config({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.unaligned.enabled': 'true' });
  const collector = new SinkResultCollector([{ name: 'counts', columns: ['user', 'cnt'], uniqueKey: [0] }]);
  const job = new LocalJob(failingGraph(rows, 2500), { seed: 4, ...BUSY, checkpointing: c.checkpointing, restartStrategy: c.restartStrategy, sinkObserver: collector });
  let replayed = 0;
  job.events.on('recovery', (e) => {
    if (e.phase === 'checkpoint-chosen' && e.checkpointId !== undefined) {
      const cp = job.coordinator!.completedCheckpoints().find((x) => x.id === e.checkpointId)!;
      for (const s of cp.snapshots.values()) for (const cs of s.channelState ?? []) replayed += cs.rows.length;
    }
  });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
  assert.equal(job.restarts, 1);
  assert.ok(replayed > 0, 'the restored checkpoint carried in-flight records');
  const expected = new Map<string, number>();
  for (const [u] of rows) expected.set(u as string, (expected.get(u as string) ?? 0) + 1);
  assert.deepEqual(new Map(collector.results()[0]!.rows.map((r) => [r[0] as string, r[1] as number])), expected);
});

test('on restore the checkpoint\'s max parallelism wins over a derived one; a configured one that differs fails', () => {
  const c = config({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.num-retained': '5' });
  const first = new LocalJob(keyedCountGraph(rows, 2, 256, 3), { seed: 2, ...BUSY, checkpointing: c.checkpointing });
  first.runToEnd();
  const cp = first.coordinator!.completedCheckpoints()[0]!;
  assert.equal(cp.maxParallelism[1], 256);
  // Derived max parallelism (128): the restored job runs with the checkpoint's 256 key groups.
  const derived = new LocalJob(keyedCountGraph(rows, 3, 128, 3), { seed: 2, ...BUSY, checkpointing: c.checkpointing, restoreFrom: cp });
  assert.equal(derived.graph.vertices[1]!.maxParallelism, 256);
  assert.deepEqual(derived.runToEnd(), { kind: 'done', state: 'FINISHED' });
  // Configured max parallelism (pipeline.max-parallelism = 128): the restore fails, naming both.
  const g = keyedCountGraph(rows, 3, 128, 3);
  const configured = { ...g, vertices: g.vertices.map((v) => ({ ...v, maxParallelismConfigured: true })) };
  const failed = new LocalJob(configured, { seed: 2, ...BUSY, checkpointing: c.checkpointing, restoreFrom: cp });
  assert.equal(failed.jobState, 'FAILED');
  assert.match(failed.failureInfo!.message, /maximum parallelism \(128\).*\(256\)/);
});
