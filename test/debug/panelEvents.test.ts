// The custom events the panels read, through a real DAP client: job and task states, the
// checkpoint lifecycle with per-subtask acknowledgements, recovery phases, the JobSnapshot with
// growing sequence numbers and key-group deltas, all batched.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CheckpointsEventBody, DebugCustomEventName, JobSnapshotEventBody, KeyGroupsDeltaEventBody, RecoveryEventBody, TaskStatesEventBody } from '../../protocol/index.js';
import { FIXTURES, launch, startAdapter } from './adapterClient.js';

test('panel events: states, checkpoints with acknowledgements, recovery phases, snapshots and key-group deltas, batched', async () => {
  const { dc } = await startAdapter();
  const events: { name: DebugCustomEventName; body: unknown }[] = [];
  for (const name of ['checkpointLab/jobState', 'checkpointLab/taskStates', 'checkpointLab/checkpoints', 'checkpointLab/recovery', 'checkpointLab/jobSnapshot', 'checkpointLab/keyGroups'] as const) {
    dc.on(name, (e: DebugProtocol.Event) => events.push({ name, body: e.body }));
  }
  try {
    const exited = dc.waitForEvent('exited');
    await launch(dc, { job: join(FIXTURES, 'payments.flink.sql'), noDebug: true, faults: [{ action: 'fail-task', target: 'GroupAggregate[1]', when: { afterRecords: 120 } }] });
    await exited;
    const of = <T>(name: DebugCustomEventName) => events.filter((e) => e.name === name).map((e) => e.body as T);
    const states = of<{ state: string }>('checkpointLab/jobState').map((s) => s.state);
    assert.deepEqual(states.slice(0, 1), ['RUNNING']);
    assert.equal(states.at(-1), 'FINISHED');
    assert.ok(states.includes('RESTARTING'), states.join(','));
    const tasks = of<TaskStatesEventBody>('checkpointLab/taskStates').flatMap((b) => b.changes);
    assert.ok(tasks.some((t) => t.state === 'FAILED' && t.vertexId === '1' && t.subtask === 1));
    const batches = of<CheckpointsEventBody>('checkpointLab/checkpoints');
    const entries = batches.flatMap((b) => b.entries);
    assert.ok(batches.length < entries.length, `${batches.length} batches for ${entries.length} entries`);
    const completed = entries.filter((e) => e.phase === 'completed').map((e) => e.checkpointId);
    assert.ok(completed.length > 5);
    const first = completed[0]!;
    const acks = entries.filter((e) => e.phase === 'acknowledged' && e.checkpointId === first);
    assert.deepEqual(acks.map((a) => (a.phase === 'acknowledged' ? `${a.vertexId}/${a.subtask}` : '')).sort(), ['0/0', '0/1', '1/0', '1/1']);
    const phases = of<RecoveryEventBody>('checkpointLab/recovery').flatMap((b) => b.phases.map((p) => p.phase));
    assert.deepEqual(phases, ['failure-detected', 'tasks-cancelled', 'restart-delay', 'checkpoint-chosen', 'state-assigned', 'sources-rewound', 'transactions-aborted', 'running']);
    const snapshots = of<JobSnapshotEventBody>('checkpointLab/jobSnapshot');
    const deltas = of<KeyGroupsDeltaEventBody>('checkpointLab/keyGroups');
    const seqs = [...snapshots.map((s) => s.seq), ...deltas.map((d) => d.seq)].sort((a, b) => a - b);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'sequence numbers count up without gaps');
    const last = snapshots.at(-1)!.snapshot;
    assert.equal(last.state, 'FINISHED');
    assert.deepEqual(last.vertices.map((v) => [v.name, v.parallelism]), [['Source: payments -> Calc -> Calc', 2], ['GroupAggregate -> Sink: paid', 2]]);
    assert.ok(last.checkpoints.counts.completed >= completed.length - 1);
    assert.ok(deltas.length > 0);
    const kg = deltas.at(-1)!.subtasks.find((s) => s.vertexId === '1' && s.subtask === 1)!;
    assert.ok(kg.keyGroups.every((g) => g.keyGroup >= 64 && g.keyGroup <= 127));
    assert.ok(kg.keyGroups.some((g) => g.keys > 0));
  } finally {
    await dc.stop();
  }
});
