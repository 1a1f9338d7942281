// Breakpoints on SQL lines through a real DAP client: lines bound to the operator of their SQL
// construct, unverified lines with a reason, SQL conditions (errors at once), hit counts,
// logpoints and exception filters.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { FIXTURES, startAdapter } from './adapterClient.js';

const orders = join(FIXTURES, 'orders.flink.sql');
const WHERE_LINE = 29;
const GROUP_BY_LINE = 30;

/** Launches with breakpoints set in the configuration phase (as VS Code does); returns their verification. */
async function launchWith(dc: DebugClient, breakpoints: DebugProtocol.SourceBreakpoint[], filters: string[] = ['taskFailure']): Promise<DebugProtocol.Breakpoint[]> {
  let verified: DebugProtocol.Breakpoint[] = [];
  await Promise.all([
    dc.launch({ job: orders }),
    dc.waitForEvent('initialized').then(async () => {
      verified = (await dc.setBreakpointsRequest({ source: { path: orders }, breakpoints })).body.breakpoints;
      await dc.setExceptionBreakpointsRequest({ filters });
      await dc.configurationDoneRequest();
    }),
  ]);
  return verified;
}

async function topFrameRecord(dc: DebugClient, threadId: number): Promise<{ frame: DebugProtocol.StackFrame; vars: Map<string, DebugProtocol.Variable[]> }> {
  const frame = (await dc.stackTraceRequest({ threadId })).body.stackFrames[0]!;
  const vars = new Map<string, DebugProtocol.Variable[]>();
  for (const s of (await dc.scopesRequest({ frameId: frame.id })).body.scopes) vars.set(s.name, (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables);
  return { frame, vars };
}

const value = (vars: DebugProtocol.Variable[], name: string) => vars.find((v) => v.name === name)?.value;

test('lines bind to operators; a line without one, a bad condition, a non-boolean condition and a bad hit count are unverified with reasons', async () => {
  const { dc } = await startAdapter();
  try {
    const bps = await launchWith(dc, [
      { line: 1 },
      { line: WHERE_LINE, condition: 'nosuch > 1' },
      { line: WHERE_LINE, condition: 'amount + 1' },
      { line: GROUP_BY_LINE, hitCondition: 'often' },
      { line: GROUP_BY_LINE },
      { line: 26 },
    ]);
    assert.deepEqual(bps.map((b) => b.verified), [false, false, false, false, true, true]);
    assert.match(bps[0]!.message!, /Line 1 produces no operator/);
    assert.match(bps[1]!.message!, /Column 'nosuch' not found/);
    assert.match(bps[2]!.message!, /must be a BOOLEAN/);
    assert.match(bps[3]!.message!, /hit count 'often' is not a number/);
    assert.equal(bps[4]!.message, 'on GroupAggregate');
    assert.equal(bps[5]!.message, 'on Sink: spent');
    const other = await dc.setBreakpointsRequest({ source: { path: join(FIXTURES, 'payments.flink.sql') }, breakpoints: [{ line: 26 }] });
    assert.match(other.body.breakpoints[0]!.message!, /Breakpoints go in the job file of this session \(orders\.flink\.sql\)/);
  } finally {
    await dc.stop();
  }
});

test('a conditional breakpoint on the WHERE stops only on matching records, at the WHERE frame', async () => {
  const { dc } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    const [bp] = await launchWith(dc, [{ line: WHERE_LINE, condition: "user_id = 'a' AND amount > 50" }]);
    assert.equal(bp!.verified, true);
    for (let i = 0; i < 3; i++) {
      const e = (i === 0 ? await stopped : await (async () => {
        const next = dc.waitForEvent('stopped');
        await dc.continueRequest({ threadId: 1 });
        return next;
      })()) as DebugProtocol.StoppedEvent;
      assert.equal(e.body.reason, 'breakpoint');
      assert.deepEqual(e.body.hitBreakpointIds, [bp!.id]);
      const { frame, vars } = await topFrameRecord(dc, e.body.threadId!);
      assert.deepEqual([frame.name, frame.line], ['Calc', WHERE_LINE]);
      const record = vars.get('Record')!;
      assert.equal(value(record, 'user_id'), '"a"');
      assert.ok(Number(value(record, 'amount')) > 50, value(record, 'amount'));
    }
  } finally {
    await dc.stop();
  }
});

test('a hit count stops at the n-th matching record: the key state then holds the n-1 before it', async () => {
  const { dc } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    await launchWith(dc, [{ line: GROUP_BY_LINE, condition: "user_id = 'a'", hitCondition: '3' }]);
    const e = (await stopped) as DebugProtocol.StoppedEvent;
    assert.equal(e.body.reason, 'breakpoint');
    const { frame, vars } = await topFrameRecord(dc, e.body.threadId!);
    assert.equal(frame.name, 'GroupAggregate');
    const key = vars.get('Current Key')!;
    assert.equal(key[0]!.value, '"a"');
    const acc = key.find((v) => v.name === 'accState')!;
    const fields = (await dc.variablesRequest({ variablesReference: acc.variablesReference })).body.variables;
    assert.equal(value(fields, 'count'), '2');
    // `== 3` fires once: continuing runs to the end.
    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: e.body.threadId! });
    await exited;
  } finally {
    await dc.stop();
  }
});

test('a logpoint prints {expressions} of each matching record and never stops', async () => {
  const { dc, output } = await startAdapter();
  try {
    const exited = dc.waitForEvent('exited');
    await launchWith(dc, [{ line: WHERE_LINE, condition: "user_id = 'a'", logMessage: '{user_id} paid {amount} (order {order_id})' }]);
    await exited;
    const lines = output.text('console').split('\n').filter((l) => / paid /.test(l));
    assert.ok(lines.length >= 10, `${lines.length} logpoint lines`);
    for (const l of lines) assert.match(l, /^a paid \d+ \(order \d+\)$/);
  } finally {
    await dc.stop();
  }
});

test('exception filters: checkpoint completed stops with reason exception and the checkpoint in the description', async () => {
  const { dc } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    await launchWith(dc, [], ['taskFailure', 'checkpointCompleted']);
    const e = (await stopped) as DebugProtocol.StoppedEvent;
    assert.equal(e.body.reason, 'exception');
    assert.equal(e.body.description, 'Checkpoint 1 completed');
    const next = dc.waitForEvent('stopped');
    await dc.continueRequest({ threadId: e.body.threadId ?? 1 });
    assert.equal(((await next) as DebugProtocol.StoppedEvent).body.description, 'Checkpoint 2 completed');
    await assert.rejects(dc.setExceptionBreakpointsRequest({ filters: ['noSuchFilter'] }), /unknown exception filter noSuchFilter/);
  } finally {
    await dc.stop();
  }
});

test('conditions and logpoints on a WHERE after computed columns see the record as it reaches the WHERE', async () => {
  const payments = join(FIXTURES, 'payments.flink.sql');
  const { dc, output } = await startAdapter();
  try {
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.launch({ job: payments }),
      dc.waitForEvent('initialized').then(async () => {
        const bps = await dc.setBreakpointsRequest({
          source: { path: payments },
          breakpoints: [
            { line: 26, logMessage: '{user_id} paid {amount}' },
            { line: 26, condition: "user_id = 'user-3' AND amount = 6" },
          ],
        });
        assert.deepEqual(bps.body.breakpoints.map((b) => b.verified), [true, true]);
        await dc.configurationDoneRequest();
      }),
    ]);
    const e = (await stopped) as DebugProtocol.StoppedEvent;
    const { frame, vars } = await topFrameRecord(dc, e.body.threadId!);
    assert.deepEqual([frame.name, frame.line], ['Calc', 26]);
    const record = vars.get('Record')!;
    assert.deepEqual(record.map((v) => v.name), ['row kind', 'payment_id', 'user_id', 'amount']);
    assert.deepEqual([value(record, 'user_id'), value(record, 'amount')], ['"user-3"', '6']);
    const lines = output.text('console').split('\n').filter((l) => / paid /.test(l));
    assert.ok(lines.length > 0);
    for (const l of lines) assert.match(l, /^user-[0-4] paid [0-6]$/);
  } finally {
    await dc.stop();
  }
});
