// Time travel through a real DAP client: reverse-continue goes back to the latest checkpoint,
// step back to the previous stop; continuing from there reaches exactly the same state and output.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { FIXTURES, launch, launchStopped, startAdapter } from './adapterClient.js';

const orders = join(FIXTURES, 'orders.flink.sql');
const GROUP_BY_LINE = 30;

async function request(dc: DebugClient, send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped');
  await send();
  return (await stopped) as DebugProtocol.StoppedEvent;
}

/** Every scope's variables, two levels deep, as text: the observable state at a stop. */
async function stateAt(dc: DebugClient, threadId: number): Promise<string> {
  const frame = (await dc.stackTraceRequest({ threadId })).body.stackFrames[0]!;
  const lines: string[] = [];
  for (const s of (await dc.scopesRequest({ frameId: frame.id })).body.scopes) {
    if (s.name === 'Checkpoints') continue;
    for (const v of (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables) {
      lines.push(`${s.name}/${v.name}=${v.value}`);
      if (v.variablesReference > 0) for (const c of (await dc.variablesRequest({ variablesReference: v.variablesReference })).body.variables) lines.push(`${s.name}/${v.name}/${c.name}=${c.value}`);
    }
  }
  return lines.join('\n');
}

async function checkpointsCompleted(dc: DebugClient, threadId: number): Promise<number> {
  const frame = (await dc.stackTraceRequest({ threadId })).body.stackFrames[0]!;
  const scope = (await dc.scopesRequest({ frameId: frame.id })).body.scopes.find((s) => s.name === 'Checkpoints')!;
  const counts = (await dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables.find((v) => v.name === 'counts')!;
  return Number(/^(\d+) completed/.exec(counts.value)![1]);
}

const printed = (text: string) => text.split('\n').filter((l) => l.startsWith('spent:'));

test('reverse-continue restores the latest checkpoint; continuing reaches byte-identical state and output', async () => {
  const reference = await startAdapter();
  let all: string[];
  try {
    const exited = reference.dc.waitForEvent('exited');
    await launch(reference.dc, { job: orders, noDebug: true });
    await exited;
    all = printed(reference.output.text('stdout'));
  } finally {
    await reference.dc.stop();
  }
  const { dc, output } = await startAdapter();
  try {
    const first = dc.waitForEvent('stopped');
    await Promise.all([
      dc.launch({ job: orders }),
      dc.waitForEvent('initialized').then(async () => {
        await dc.setBreakpointsRequest({ source: { path: orders }, breakpoints: [{ line: GROUP_BY_LINE, condition: "user_id = 'a'" }] });
        await dc.configurationDoneRequest();
      }),
    ]);
    let e = (await first) as DebugProtocol.StoppedEvent;
    // Run to a breakpoint hit a little after the first checkpoint completed.
    let extra = -1;
    for (let i = 0; i < 60 && extra < 2; i++) {
      e = await request(dc, () => dc.continueRequest({ threadId: e.body.threadId! }));
      if (extra >= 0 || (await checkpointsCompleted(dc, e.body.threadId!)) > 0) extra++;
    }
    assert.equal(extra, 2, 'no checkpoint completed before the end of the job');
    const before = await stateAt(dc, e.body.threadId!);
    const outputBefore = printed(output.text('stdout'));
    const back = await request(dc, () => dc.reverseContinueRequest({ threadId: e.body.threadId! }));
    assert.match(back.body.description!, /^Back at checkpoint \d+$/, output.text('console'));
    assert.deepEqual(printed(output.text('stdout')), outputBefore, 'a replay prints nothing again');
    // Continue to the same breakpoint hit: the same record and the same state.
    let again = back;
    let same = false;
    for (let i = 0; i < 12 && !same; i++) {
      again = await request(dc, () => dc.continueRequest({ threadId: again.body.threadId! }));
      same = (await stateAt(dc, again.body.threadId!)) === before;
    }
    assert.ok(same, 'the state at the breakpoint hit after reverse-continue differs from before');
    // Then to the end without breakpoints: what is printed after the checkpoint is exactly the reference's.
    await dc.setBreakpointsRequest({ source: { path: orders }, breakpoints: [] });
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: again.body.threadId! });
    await exited;
    const after = printed(output.text('stdout')).slice(outputBefore.length);
    const replayedFrom = all.length - after.length;
    assert.ok(replayedFrom >= 0 && replayedFrom <= outputBefore.length, `${after.length} lines after the reverse, ${outputBefore.length} before, ${all.length} in the reference`);
    assert.deepEqual(outputBefore.slice(0, replayedFrom), all.slice(0, replayedFrom));
    assert.deepEqual(after, all.slice(replayedFrom));
  } finally {
    await dc.stop();
  }
});

test('step back returns to the previous stop exactly; stepping again reaches the same next state', async () => {
  const { dc } = await startAdapter();
  try {
    await launchStopped(dc, { job: orders });
    const agg = (await dc.threadsRequest()).body.threads[3]!;
    for (let i = 0; i < 6; i++) await request(dc, () => dc.nextRequest({ threadId: agg.id }));
    const s6 = await stateAt(dc, agg.id);
    await request(dc, () => dc.nextRequest({ threadId: agg.id }));
    const s7 = await stateAt(dc, agg.id);
    assert.notEqual(s6, s7);
    const back = await request(dc, () => dc.stepBackRequest({ threadId: agg.id }));
    assert.equal(back.body.description, 'Back at the previous stop');
    assert.equal(await stateAt(dc, agg.id), s6);
    await request(dc, () => dc.nextRequest({ threadId: agg.id }));
    assert.equal(await stateAt(dc, agg.id), s7);
  } finally {
    await dc.stop();
  }
});

test('hit counts go back with time travel: a hit-count breakpoint stops at the same record again', async () => {
  const { dc } = await startAdapter();
  try {
    const first = dc.waitForEvent('stopped');
    await Promise.all([
      dc.launch({ job: orders }),
      dc.waitForEvent('initialized').then(async () => {
        await dc.setBreakpointsRequest({ source: { path: orders }, breakpoints: [{ line: GROUP_BY_LINE, condition: "user_id = 'b'" }] });
        await dc.configurationDoneRequest();
      }),
    ]);
    // Count the hits up to two after the first completed checkpoint.
    let e = (await first) as DebugProtocol.StoppedEvent;
    let hits = 1;
    let extra = (await checkpointsCompleted(dc, e.body.threadId!)) > 0 ? 0 : -1;
    while (extra < 2) {
      e = await request(dc, () => dc.continueRequest({ threadId: e.body.threadId! }));
      hits++;
      if (extra >= 0 || (await checkpointsCompleted(dc, e.body.threadId!)) > 0) extra++;
      assert.ok(hits < 80);
    }
    const target = await stateAt(dc, e.body.threadId!);
    // The same breakpoint, now stopping only at that hit; back to the checkpoint; continue.
    await dc.setBreakpointsRequest({ source: { path: orders }, breakpoints: [{ line: GROUP_BY_LINE, condition: "user_id = 'b'", hitCondition: `== ${hits}` }] });
    const back = await request(dc, () => dc.reverseContinueRequest({ threadId: e.body.threadId! }));
    assert.match(back.body.description!, /^Back at checkpoint \d+$/);
    const again = await request(dc, () => dc.continueRequest({ threadId: back.body.threadId! }));
    assert.equal(again.body.reason, 'breakpoint');
    assert.equal(await stateAt(dc, again.body.threadId!), target);
  } finally {
    await dc.stop();
  }
});
