// Breaking a job and walking through its recovery through a real DAP client: a failure stops with
// reason exception; step into shows each recovery phase with its data; step over finishes the
// recovery; Debug Console commands and custom requests inject faults, trigger checkpoints and rescale.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { assignKey } from '../../runtime/index.js';
import { errorOf, FIXTURES, launch, launchStopped, startAdapter } from './adapterClient.js';

const payments = join(FIXTURES, 'payments.flink.sql');
const failAggregate = [{ action: 'fail-task', target: 'GroupAggregate[1]', when: { afterRecords: 120 } }];

async function request(dc: DebugClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped');
  await send();
  return (await stopped) as DebugProtocol.StoppedEvent;
}

async function firstScope(dc: DebugClient, threadId: number): Promise<{ name: string; vars: DebugProtocol.Variable[] }> {
  const frame = (await dc.stackTraceRequest({ threadId })).body.stackFrames[0]!;
  const scope = (await dc.scopesRequest({ frameId: frame.id })).body.scopes[0]!;
  return { name: scope.name, vars: (await dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables };
}

const repl = async (dc: DebugClient, expression: string) => (await dc.evaluateRequest({ expression, context: 'repl' })).body.result;

test('a failure stops with reason exception; step into walks every recovery phase in order with its data', async () => {
  const { dc } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { job: payments, faults: failAggregate });
    const failure = (await stopped) as DebugProtocol.StoppedEvent;
    assert.equal(failure.body.reason, 'exception');
    assert.equal(failure.body.description, 'GroupAggregate -> Sink: paid (2/2) failed');
    assert.match(failure.body.text!, /Injected failure after 120 records/);
    const info = await dc.exceptionInfoRequest({ threadId: failure.body.threadId! });
    assert.match(info.body.description!, /Injected failure/);
    const threadId = failure.body.threadId!;
    const first = await firstScope(dc, threadId);
    assert.equal(first.name, 'Recovery: failure-detected');
    assert.equal(first.vars.find((v) => v.name === 'failed subtask')!.value, 'GroupAggregate -> Sink: paid (2/2)');
    const phases: string[] = [];
    const data = new Map<string, DebugProtocol.Variable[]>();
    for (;;) {
      const e = await request(dc, () => dc.stepInRequest({ threadId }));
      assert.equal(e.body.reason, 'step');
      const s = await firstScope(dc, threadId);
      const phase = s.name.replace('Recovery: ', '');
      assert.equal(e.body.description, `Recovery: ${phase}`);
      phases.push(phase);
      data.set(phase, s.vars);
      if (phase === 'running') break;
      assert.ok(phases.length < 10);
    }
    assert.deepEqual(phases, ['tasks-cancelled', 'restart-delay', 'checkpoint-chosen', 'state-assigned', 'sources-rewound', 'transactions-aborted', 'running']);
    const checkpoint = data.get('checkpoint-chosen')!.find((v) => v.name === 'checkpoint')!.value;
    assert.match(checkpoint, /^\d+$/);
    const assigned = data.get('state-assigned')!.filter((v) => v.name.startsWith('GroupAggregate'));
    assert.deepEqual(assigned.map((v) => v.value.replace(/, \d+ keys$/, '')), ['key groups 0-63', 'key groups 64-127']);
    const rewound = data.get('sources-rewound')!.filter((v) => v.name.startsWith('Source'));
    assert.equal(rewound.length, 2);
    for (const r of rewound) assert.match(r.value, /rowsEmitted: \d+/);
    assert.equal(data.get('running')!.find((v) => v.name === 'attempt')!.value, '1');
    // After the recovery, step into is a record step again; continue runs to the end.
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
  } finally {
    await dc.stop();
  }
});

test('step over at a failure finishes the recovery and stops once the job runs again', async () => {
  const { dc } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { job: payments, faults: failAggregate });
    const failure = (await stopped) as DebugProtocol.StoppedEvent;
    const e = await request(dc, () => dc.nextRequest({ threadId: failure.body.threadId! }));
    assert.equal(e.body.description, 'Recovery: running');
    assert.equal((await firstScope(dc, e.body.threadId!)).name, 'Recovery: running');
  } finally {
    await dc.stop();
  }
});

test('Debug Console commands: help, checkpoint then step out to its completion, key lookup, fail and kill, completions', async () => {
  const { dc } = await startAdapter();
  try {
    const entry = await launchStopped(dc, { job: payments });
    const help = await repl(dc, 'help');
    for (const c of ['fail VERTEX[i]', 'kill tm-N', 'checkpoint', 'savepoint', 'rescale N', "key 'VALUE'", "state VERTEX 'VALUE'", 'help']) assert.ok(help.includes(c), c);
    // Run a little so the job is RUNNING with state, then trigger a checkpoint and step out to it.
    const threads = (await dc.threadsRequest()).body.threads;
    await request(dc, () => dc.nextRequest({ threadId: threads[3]!.id }));
    const triggered = await repl(dc, 'checkpoint');
    const id = Number(/^triggered checkpoint (\d+)$/.exec(triggered)![1]);
    const out = await request(dc, () => dc.stepOutRequest({ threadId: entry.body.threadId! }));
    assert.equal(out.body.description, `Checkpoint ${id} completed`);
    // key: its key group and subtask are Flink's.
    for (let i = 0; i < 30; i++) await request(dc, () => dc.nextRequest({ threadId: threads[2]!.id }));
    const where = assignKey('sql-string', 'user-1', 128, 2);
    assert.ok(where.ok);
    const key = await repl(dc, "key 'user-1'");
    assert.match(key, new RegExp(`^user_id = 'user-1' in GroupAggregate -> Sink: paid: key group ${where.keyGroup} of 128, subtask GroupAggregate -> Sink: paid \\(${where.subtask + 1}/2\\)`));
    const state = await repl(dc, "state GroupAggregate 'user-1'");
    assert.match(state, /key group/);
    assert.match(await errorOf(dc.evaluateRequest({ expression: "state NoSuch 'x'", context: 'repl' })), /no vertex or operator named 'NoSuch'/);
    // Completions for commands and their targets.
    const cmds = (await dc.completionsRequest({ text: 'fa', column: 3 })).body.targets.map((t) => t.label);
    assert.deepEqual(cmds, ['fail']);
    const targets = (await dc.completionsRequest({ text: 'fail Gr', column: 8 })).body.targets.map((t) => t.label);
    assert.deepEqual(targets, ['GroupAggregate[0]', 'GroupAggregate[1]']);
    assert.deepEqual((await dc.completionsRequest({ text: 'kill ', column: 6 })).body.targets.map((t) => t.label), ['tm-0', 'tm-1']);
    // fail from the console while stopped: the session stops on the failure at once.
    const failed = await request(dc, () => repl(dc, 'fail GroupAggregate[0]'));
    assert.equal(failed.body.reason, 'exception');
    assert.equal(failed.body.description, 'GroupAggregate -> Sink: paid (1/2) failed');
    await request(dc, () => dc.nextRequest({ threadId: failed.body.threadId! }));
    const killed = await request(dc, () => repl(dc, 'kill tm-1'));
    assert.equal(killed.body.reason, 'exception');
    assert.match(killed.body.text!, /TaskManager tm-1 was lost/);
    assert.match(await errorOf(dc.evaluateRequest({ expression: 'kill tm-9', context: 'repl' })), /no TaskManager 'tm-9': the job runs on tm-0, tm-1/);
  } finally {
    await dc.stop();
  }
});

test('custom requests: injectFault, triggerCheckpoint, triggerSavepoint, rescale to a new parallelism in the same session', async () => {
  const { dc, output } = await startAdapter();
  try {
    await launchStopped(dc, { job: payments });
    const threads = (await dc.threadsRequest()).body.threads;
    for (let i = 0; i < 5; i++) await request(dc, () => dc.nextRequest({ threadId: threads[0]!.id }));
    assert.match(await errorOf(dc.customRequest('checkpointLab/injectFault', { action: 'corrupt-checkpoint', target: 'tm-0' })), /cannot be injected during a session/);
    assert.match(await errorOf(dc.customRequest('checkpointLab/injectFault', { action: 'fail-task' })), /needs 'action' and 'target'/);
    assert.match(await errorOf(dc.customRequest('checkpointLab/rescale', { parallelism: 0 })), /positive integer/);
    const cp = await dc.customRequest('checkpointLab/triggerCheckpoint');
    assert.ok(cp.body.checkpointId >= 1);
    const sp = await dc.customRequest('checkpointLab/triggerSavepoint');
    assert.equal(sp.body.checkpointId, cp.body.checkpointId + 1);
    let rescaled: DebugProtocol.StoppedEvent | undefined;
    const stopped = dc.waitForEvent('stopped');
    const res = await dc.customRequest('checkpointLab/rescale', { parallelism: 3 });
    rescaled = (await stopped) as DebugProtocol.StoppedEvent;
    assert.equal(rescaled.body.description, `Rescaled to parallelism 3 from savepoint ${res.body.savepointId}`);
    const after = (await dc.threadsRequest()).body.threads.map((t) => t.name);
    assert.deepEqual(after.filter((n) => n.startsWith('GroupAggregate')), ['GroupAggregate -> Sink: paid (1/3)', 'GroupAggregate -> Sink: paid (2/3)', 'GroupAggregate -> Sink: paid (3/3)']);
    // Sources keep their parallelism: the runtime cannot redistribute a source's position yet.
    assert.deepEqual(after.filter((n) => n.startsWith('Source')), ['Source: payments -> Calc -> Calc (1/2)', 'Source: payments -> Calc -> Calc (2/2)']);
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: rescaled.body.threadId! });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0, output.text('console'));
    assert.match(output.text('stdout'), /^paid:3> /m);
    assert.match(output.text('console'), /rescaled to parallelism 3 from savepoint/);
  } finally {
    await dc.stop();
  }
});
