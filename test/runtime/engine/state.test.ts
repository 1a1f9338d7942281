import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Row } from '../../../runtime/connectors/api.js';
import { LocalJob } from '../../../runtime/engine/localJob.js';
import { KeyedStateBackend } from '../../../runtime/state/keyedStateBackend.js';
import { TimerService } from '../../../runtime/state/timerService.js';
import { keyedCountGraph } from './fixtures.js';

test('value and map state are scoped to the current key and stored in its key group', () => {
  const backend = new KeyedStateBackend(128, 32, 63);
  const count = backend.getValueState<number>('count');
  const seen = backend.getMapState<string, number>('seen');
  backend.setCurrentKey('alice', 40);
  count.update(1);
  seen.put('/a', 2);
  backend.setCurrentKey('bob', 41);
  assert.equal(count.value(), undefined, 'bob has no value yet');
  count.update(7);
  assert.equal(seen.isEmpty(), true);
  backend.setCurrentKey('alice', 40);
  assert.equal(count.value(), 1);
  assert.equal(seen.get('/a'), 2);
  seen.remove('/a');
  assert.equal(seen.contains('/a'), false);
  assert.equal(backend.table('count').group(40).get('alice'), 1, 'alice lives in key group 40');
  assert.equal(backend.table('count').group(41).get('bob'), 7);
  assert.throws(() => backend.table('count').group(64), /key group 64 is not owned/);
  const stats = backend.keyGroupStats();
  assert.equal(stats.length, 32);
  assert.deepEqual(stats.filter((s) => s.keys > 0).map((s) => [s.keyGroup, s.keys]), [[40, 1], [41, 1]]);
});

test('timers fire in timestamp order, then registration order, once', () => {
  const timers = new TimerService();
  timers.register(200, 1, 'b');
  timers.register(100, 2, 'a');
  timers.register(200, 1, 'c');
  timers.register(100, 2, 'a');
  assert.equal(timers.size(), 3, 'the duplicate is ignored');
  assert.deepEqual(timers.pollDue(150).map((t) => t.key), ['a']);
  assert.deepEqual(timers.timersOfKeyGroup(1).map((t) => t.key), ['b', 'c']);
  assert.deepEqual(timers.pollDue(Number.POSITIVE_INFINITY).map((t) => t.key), ['b', 'c']);
});

test('metrics events report records, busy time and keys per key group of every subtask', () => {
  const rows: Row[] = Array.from({ length: 5000 }, (_, i) => [`u${i % 40}`]);
  const job = new LocalJob(keyedCountGraph(rows, 2), { seed: 1, recordCostNs: 1_000_000, metricsIntervalMs: 500 });
  const snapshots: { time: number; keys: number; recordsIn: number }[] = [];
  job.events.on('metrics', (e) => {
    const agg = e.subtasks.filter((s) => s.vertexId === 1);
    snapshots.push({ time: e.time, keys: agg.reduce((n, s) => n + (s.keyGroups ?? []).reduce((m, g) => m + g.keys, 0), 0), recordsIn: agg.reduce((n, s) => n + s.recordsIn, 0) });
    for (const s of e.subtasks) assert.ok(s.busyTimeMs >= 0 && s.recordsOut >= 0);
  });
  job.runToEnd();
  assert.ok(snapshots.length >= 3, `${snapshots.length} metrics events`);
  const last = snapshots.at(-1)!;
  assert.equal(last.keys, 40, 'all 40 keys held in keyed state');
  assert.equal(last.recordsIn, 5000);
  assert.ok(snapshots.every((s, i) => i === 0 || s.recordsIn >= snapshots[i - 1]!.recordsIn), 'counters only grow');
});
