// The host side of the panel protocol without a browser: ready → snapshot, sequenced updates at a
// bounded rate, a gap answered by a fresh snapshot, nothing to a hidden panel and a snapshot when
// it is shown, exactly one response per request with errors mapped to messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { subtaskSnapshots } from '../../bridge/index.js';
import { PanelModel, type PanelScheduler } from '../../panels/index.js';
import type { HostToPanelMessage, JobSnapshot } from '../../protocol/index.js';
import { assignKey } from '../../runtime/index.js';

/** A scheduler on a manual clock. */
function manualClock(): PanelScheduler & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => (timers = timers.filter((t) => t !== h)),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

function job(state: JobSnapshot['state']): JobSnapshot {
  return {
    source: { kind: 'local', jobFile: 'a.flink.sql', seed: 0 },
    jobId: 'f'.repeat(32),
    name: 'a',
    state,
    clock: 'job-time',
    durationMs: 10,
    vertices: [{ id: '1', name: 'GroupAggregate', parallelism: 4, maxParallelism: 128, keyed: true, subtasks: subtaskSnapshots('GroupAggregate', 4, 128, true) }],
    edges: [],
    checkpoints: { config: null, counts: { triggered: 0, inProgress: 0, completed: 0, failed: 0, restored: 0 }, history: [], latestRestored: null },
    exceptions: [],
  };
}

test('ready gets a snapshot; changes become sequenced updates, at most 10 per second', () => {
  const clock = manualClock();
  const model = new PanelModel({ scheduler: clock });
  model.setJob(job('RUNNING'));
  const got: HostToPanelMessage[] = [];
  const c = model.connect((m) => got.push(m));
  c.receive({ type: 'ready', panel: 'partitions' });
  assert.equal(got.length, 1);
  assert.equal(got[0]!.type, 'snapshot');
  assert.equal((got[0] as { seq: number }).seq, 1);
  // 100 changes within one second of host time: coalesced into at most 10 updates.
  for (let i = 0; i < 100; i++) {
    model.setJob(job(i % 2 === 0 ? 'RUNNING' : 'RESTARTING'));
    clock.advance(10);
  }
  clock.advance(200);
  const updates = got.filter((m) => m.type === 'update');
  assert.ok(updates.length >= 9 && updates.length <= 11, `${updates.length} updates`);
  assert.deepEqual(
    updates.map((m) => (m as { seq: number }).seq),
    updates.map((_, i) => i + 2),
  );
  const last = updates.at(-1) as Extract<HostToPanelMessage, { type: 'update' }>;
  assert.equal(last.sections.job?.state, 'RESTARTING');
});

test('a resync gets a fresh snapshot; a hidden panel gets nothing, then a snapshot when shown', () => {
  const clock = manualClock();
  const model = new PanelModel({ scheduler: clock });
  model.setJob(job('RUNNING'));
  const got: HostToPanelMessage[] = [];
  const c = model.connect((m) => got.push(m));
  c.receive({ type: 'ready', panel: 'timeline' });
  c.receive({ type: 'resync', expected: 5 });
  assert.deepEqual(got.map((m) => m.type), ['snapshot', 'snapshot']);
  c.setVisible(false);
  model.setJob(job('FINISHED'));
  clock.advance(1000);
  assert.equal(got.length, 2);
  c.setVisible(true);
  assert.equal(got.length, 3);
  const shown = got[2] as Extract<HostToPanelMessage, { type: 'snapshot' }>;
  assert.equal(shown.type, 'snapshot');
  assert.equal(shown.sections.job?.state, 'FINISHED');
});

test('every request gets exactly one response; bad requests get a message, not an exception', async () => {
  const model = new PanelModel({ scheduler: manualClock() });
  model.setJob(job('RUNNING'));
  const got: HostToPanelMessage[] = [];
  const c = model.connect((m) => got.push(m));
  c.receive({ type: 'ready', panel: 'partitions' });
  c.receive({ type: 'request', id: 1, method: 'lookupKey', params: { vertexId: '1', keyType: 'sql-string', key: 'user-1' } });
  c.receive({ type: 'request', id: 2, method: 'lookupKey', params: { vertexId: '9', keyType: 'sql-string', key: 'user-1' } });
  c.receive({ type: 'request', id: 3, method: 'rescalePreview', params: { vertexId: '1', parallelism: 200, maxParallelism: 128, virtualNodes: 10 } });
  c.receive({ type: 'request', id: 4, method: 'stateChildren', params: { checkpoint: '/nonexistent', path: '', offset: 0, limit: 10 } });
  await new Promise((r) => setTimeout(r, 20));
  const responses = got.filter((m): m is Extract<HostToPanelMessage, { type: 'response' }> => m.type === 'response');
  assert.deepEqual(responses.map((r) => r.id).sort(), [1, 2, 3, 4]);
  const byId = new Map(responses.map((r) => [r.id, r]));
  const a = assignKey('sql-string', 'user-1', 128, 4);
  assert.ok(a.ok);
  assert.deepEqual(byId.get(1), { type: 'response', id: 1, ok: true, result: { ok: true, keyGroup: a.keyGroup, subtask: a.subtask, subtaskName: `GroupAggregate (${a.subtask + 1}/4)` } });
  assert.match((byId.get(2) as { error: string }).error, /no keyed vertex 9 \(keyed vertices: 1 GroupAggregate\)/);
  assert.deepEqual((byId.get(3) as { result: unknown }).result, { ok: false, error: 'Maximum parallelism must not be smaller than parallelism.' });
  assert.match((byId.get(4) as { error: string }).error, /no file access for checkpoints/);
});

test("a Flink checkpoint's details come per vertex from its TaskCheckpointStatistics", async () => {
  const model = new PanelModel({ scheduler: manualClock() });
  const base = job('RUNNING');
  const record = {
    id: 4,
    status: 'COMPLETED' as const,
    isSavepoint: false,
    checkpointType: 'UNALIGNED_CHECKPOINT',
    triggerTimestamp: 1000,
    latestAckTimestamp: 1040,
    endToEndDurationMs: 40,
    checkpointedSizeBytes: 300,
    stateSizeBytes: 300,
    acknowledgedSubtasks: 4,
    totalSubtasks: 4,
    persistedDataBytes: 4096,
    tasks: [{ vertexId: '1', acknowledgedSubtasks: 4, totalSubtasks: 4, latestAckTimestamp: 1040, endToEndDurationMs: 40, stateSizeBytes: 300, checkpointedSizeBytes: 300, persistedDataBytes: 4096 }],
  };
  model.setJob({ ...base, clock: 'epoch', checkpoints: { ...base.checkpoints, history: [record] } });
  const got: HostToPanelMessage[] = [];
  const c = model.connect((m) => got.push(m));
  c.receive({ type: 'request', id: 1, method: 'checkpointDetails', params: { checkpointId: 4 } });
  await new Promise((r) => setTimeout(r, 20));
  const r = got.find((m) => m.type === 'response') as { result: { ok: true; vertices: unknown[]; checkpoint: { persistedDataBytes?: number } } };
  assert.equal(r.result.checkpoint.persistedDataBytes, 4096);
  assert.deepEqual(r.result.vertices, [{ vertexId: '1', name: 'GroupAggregate', acknowledged: 4, total: 4, stateBytes: 300, persistedDataBytes: 4096, subtasks: [] }]);
});

test('metrics of a local run give keys and bytes per key group and records per subtask', () => {
  const model = new PanelModel({ scheduler: manualClock() });
  model.setJob(job('RUNNING'));
  const metrics = [0, 1, 2, 3].map((subtask) => ({
    vertexId: 1,
    subtask,
    recordsIn: 100 * (subtask + 1),
    recordsOut: 0,
    busyTimeMs: 0,
    backPressuredTimeMs: 0,
    watermark: null,
    keyGroups: [{ keyGroup: subtask * 32, keys: subtask + 1, stateBytes: 10 * (subtask + 1) }],
  }));
  model.setMetrics(metrics, 2000);
  const v = model.sections().partitions.vertices[0]!;
  assert.deepEqual(v.subtasks.map((s) => [s.keys, s.stateBytes, s.records]), [[1, 10, 100], [2, 20, 200], [3, 30, 300], [4, 40, 400]]);
  assert.deepEqual([v.keyGroups.keys[64], v.keyGroups.stateBytes[96]], [3, 40]);
  assert.equal(v.measuredAt, 'metrics at job time 2.0 s');
  // Busiest subtask 40 of 100 bytes: 1.6 × the mean of 25.
  assert.equal(v.skewRatio, 1.6);
  assert.match(v.verdict, /^Skewed: GroupAggregate \(4\/4\) holds 40% of the state, 1\.60× the mean\.$/);
});
