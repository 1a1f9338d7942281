import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletedCheckpoint } from '../../../runtime/checkpoint/checkpointCoordinator.js';
import { resolveJobConfig } from '../../../runtime/config/resolveJobConfig.js';
import type { Row } from '../../../runtime/connectors/api.js';
import { LocalJob } from '../../../runtime/engine/localJob.js';
import { GROUP_AGG_STATE } from '../../../runtime/operators/groupAggregate.js';
import { keyedCountGraph } from '../engine/fixtures.js';

function checkpointing(sets: Record<string, string>) {
  const { config, diagnostics } = resolveJobConfig(Object.entries(sets).map(([key, value]) => ({ key, value })));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return config.checkpointing;
}

/**
 * A keyed count with two sources feeding two aggregate subtasks; with 1 ms of job time per record
 * the aggregates fall behind, buffers queue up in the channels (backpressure), and barriers reach
 * an aggregate at different times on each channel.
 */
function busyGraph(rows: Row[]) {
  return keyedCountGraph(rows, 2, 128, 3);
}
const BUSY = { bufferSize: 8, recordCostNs: 1_000_000, channelCapacity: 4 };

const USERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const rows: Row[] = Array.from({ length: 6000 }, (_, i) => [USERS[(i * 3) % USERS.length]!]);

/** Counts held in a checkpoint's keyed state, and the rows its sources had emitted. */
function consistency(cp: CompletedCheckpoint): { counted: number; emitted: number } {
  let counted = 0;
  let emitted = 0;
  for (const s of cp.snapshots.values()) {
    if (typeof s.sourcePosition === 'number') emitted += s.sourcePosition;
    for (const kg of s.keyGroups) for (const [, state] of kg.states[GROUP_AGG_STATE] ?? []) counted += (state as { count: number }).count;
  }
  return { counted, emitted };
}

test('EXACTLY_ONCE aligned checkpoints hold exactly the records before the barrier', () => {
  const job = new LocalJob(busyGraph(rows), { seed: 11, ...BUSY, checkpointing: checkpointing({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.num-retained': '100' }) });
  const phases: string[] = [];
  let aligned = 0;
  job.events.on('checkpoint', (e) => {
    phases.push(`${e.phase}:${e.checkpointId}`);
    if (e.phase === 'acknowledged' && e.alignmentMs > 0) aligned++;
  });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
  const completed = job.coordinator!.completedCheckpoints();
  assert.ok(completed.length >= 5, `only ${completed.length} checkpoints completed`);
  for (const cp of completed) {
    const { counted, emitted } = consistency(cp);
    const final = cp === completed.at(-1);
    if (!final) assert.ok(emitted > 0 && emitted < rows.length, `checkpoint ${cp.id} falls mid-stream (${emitted})`);
    else assert.equal(emitted, rows.length, 'the final checkpoint, after every task finished, covers all input');
    assert.equal(counted, emitted, `checkpoint ${cp.id}: state counts every record before the barrier, and nothing after`);
  }
  assert.ok(aligned > 0, 'some subtask had to align (block a channel) before its snapshot');
  // Each checkpoint: triggered, 5 acks (3 sources + 2 aggregates), completed — in that order.
  const first = phases.filter((p) => p.endsWith(':1'));
  assert.deepEqual(first, ['triggered:1', ...Array(5).fill('acknowledged:1'), 'completed:1']);
});

test('AT_LEAST_ONCE never blocks a channel, so a checkpoint may already count records after its barrier', () => {
  let ahead = 0;
  for (const seed of [1, 2, 3, 4, 5]) {
    const job = new LocalJob(busyGraph(rows), {
      seed,
      ...BUSY,
      checkpointing: checkpointing({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.mode': 'AT_LEAST_ONCE', 'execution.checkpointing.num-retained': '100' }),
    });
    job.runToEnd();
    for (const cp of job.coordinator!.completedCheckpoints()) {
      const { counted, emitted } = consistency(cp);
      assert.ok(counted >= emitted, 'nothing before the barrier is ever missing');
      if (counted > emitted) ahead++;
    }
  }
  assert.ok(ahead > 0, 'some snapshot includes records that came after the barrier on a faster channel');
});

test('num-retained keeps the latest checkpoints only', () => {
  const job = new LocalJob(busyGraph(rows), { seed: 2, ...BUSY, checkpointing: checkpointing({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.num-retained': '2' }) });
  job.runToEnd();
  const ids = job.coordinator!.completedCheckpoints().map((c) => c.id);
  assert.equal(ids.length, 2);
  assert.equal(ids[1], ids[0]! + 1);
});

test('unaligned checkpoints: the barrier overtakes queued buffers, in-flight records become channel state', () => {
  const job = new LocalJob(busyGraph(rows), {
    seed: 11,
    ...BUSY,
    checkpointing: checkpointing({ 'execution.checkpointing.interval': '200 ms', 'execution.checkpointing.unaligned.enabled': 'true', 'execution.checkpointing.num-retained': '100' }),
  });
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
  const completed = job.coordinator!.completedCheckpoints();
  let withChannelState = 0;
  for (const cp of completed) {
    const { counted, emitted } = consistency(cp);
    let inFlight = 0;
    for (const s of cp.snapshots.values()) for (const c of s.channelState ?? []) inFlight += c.rows.length;
    if (inFlight > 0) withChannelState++;
    assert.equal(counted + inFlight, emitted, `checkpoint ${cp.id}: state plus in-flight records are exactly what the sources emitted before the barrier`);
  }
  assert.ok(completed.length >= 5);
  assert.ok(withChannelState > 0, 'some checkpoint persisted in-flight data');
});

test('aligned-checkpoint-timeout: a checkpoint starts aligned and turns unaligned where alignment takes too long', () => {
  const run = (timeout: string) => {
    const job = new LocalJob(busyGraph(rows), {
      seed: 11,
      ...BUSY,
      checkpointing: checkpointing({
        'execution.checkpointing.interval': '200 ms',
        'execution.checkpointing.unaligned.enabled': 'true',
        'execution.checkpointing.aligned-checkpoint-timeout': timeout,
        'execution.checkpointing.num-retained': '100',
      }),
    });
    let maxAlignment = 0;
    job.events.on('checkpoint', (e) => {
      if (e.phase === 'acknowledged') maxAlignment = Math.max(maxAlignment, e.alignmentMs);
    });
    assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
    let switched = 0;
    for (const cp of job.coordinator!.completedCheckpoints()) {
      const { counted, emitted } = consistency(cp);
      let inFlight = 0;
      for (const s of cp.snapshots.values()) for (const c of s.channelState ?? []) inFlight += c.rows.length;
      if (inFlight > 0) switched++;
      assert.equal(counted + inFlight, emitted, `checkpoint ${cp.id} is consistent`);
    }
    return { switched, maxAlignment };
  };
  const short = run('3 ms');
  assert.ok(short.switched > 0, 'alignments longer than 3 ms turned unaligned, with channel state');
  assert.ok(short.maxAlignment <= 3 + 1, `no alignment lasted past the timeout (${short.maxAlignment} ms)`);
  const long = run('10 min');
  assert.equal(long.switched, 0, 'with a long timeout every checkpoint stays aligned');
});
