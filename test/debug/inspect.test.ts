// Looking inside a stopped job through a real DAP client: the call stack at the SQL that produced
// each operator, the typed current record, the current key's state, keyed state as a paged tree,
// input channels, checkpoints, and SQL `evaluate` over the current record.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { errorOf, FIXTURES, launchStopped, startAdapter } from './adapterClient.js';

const payments = join(FIXTURES, 'payments.flink.sql');

async function step(dc: DebugClient, threadId: number): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped');
  await dc.nextRequest({ threadId });
  return (await stopped) as DebugProtocol.StoppedEvent;
}

async function scopeVariables(dc: DebugClient, frameId: number): Promise<Map<string, DebugProtocol.Variable[]>> {
  const out = new Map<string, DebugProtocol.Variable[]>();
  for (const s of (await dc.scopesRequest({ frameId })).body.scopes) out.set(s.name, (await dc.variablesRequest({ variablesReference: s.variablesReference })).body.variables);
  return out;
}

test('a step on the aggregate stops at its next record: GROUP BY frame, typed record, key, key group, state and evaluate', async () => {
  const { dc } = await startAdapter();
  try {
    await launchStopped(dc, { job: payments });
    const threads = (await dc.threadsRequest()).body.threads;
    const agg = threads.find((t) => t.name === 'GroupAggregate -> Sink: paid (2/2)')!;
    // Step until the aggregate subtask has processed a record of a key it saw before.
    let vars: Map<string, DebugProtocol.Variable[]> | undefined;
    let frames: DebugProtocol.StackFrame[] = [];
    for (let i = 0; i < 40; i++) {
      const e = await step(dc, agg.id);
      assert.equal(e.body.reason, 'step');
      assert.equal(e.body.threadId, agg.id);
      frames = (await dc.stackTraceRequest({ threadId: agg.id })).body.stackFrames;
      vars = await scopeVariables(dc, frames[0]!.id);
      if (vars.get('Current Key')!.some((v) => v.name === 'accState')) break;
    }
    assert.ok(vars);
    // The record is about to enter GroupAggregate, whose SQL is the GROUP BY key (line 27, `user_id`).
    assert.deepEqual(frames.map((f) => [f.name, f.line, f.column, f.endColumn, f.source?.name]), [['GroupAggregate', 27, 10, 17, 'payments.flink.sql']]);
    const record = vars.get('Record')!;
    assert.deepEqual(record.map((v) => [v.name, v.type]), [['row kind', undefined], ['user_id', 'STRING'], ['$f1', 'INT']]);
    assert.match(record[1]!.value, /^"user-[0-4]"$/);
    const key = vars.get('Current Key')!;
    assert.equal(key[0]!.name, 'key (user_id)');
    assert.equal(key[0]!.value, record[1]!.value);
    assert.match(key[1]!.value, /^\d+$/);
    assert.ok(Number(key[1]!.value) >= 64 && Number(key[1]!.value) <= 127, 'subtask 2/2 owns key groups 64-127');
    const acc = key.find((v) => v.name === 'accState')!;
    assert.ok(acc.variablesReference > 0);
    const accFields = (await dc.variablesRequest({ variablesReference: acc.variablesReference })).body.variables.map((v) => v.name);
    assert.ok(accFields.includes('count'), accFields.join(','));
    // evaluate: SQL over the current record.
    const user = record[1]!.value.slice(1, -1);
    const up = await dc.evaluateRequest({ expression: 'UPPER(user_id)', frameId: frames[0]!.id, context: 'watch' });
    assert.equal(up.body.result, `'${user.toUpperCase()}'`);
    assert.equal(up.body.type, 'STRING');
    const twice = await dc.evaluateRequest({ expression: '`$f1` * 2 + 1', frameId: frames[0]!.id, context: 'hover' });
    assert.equal(twice.body.result, String(Number(record[2]!.value) * 2 + 1));
    assert.match(await errorOf(dc.evaluateRequest({ expression: 'amount + ', frameId: frames[0]!.id, context: 'watch' })), /incomplete expression: 'amount \+ ' ends where more was expected/);
    assert.match(await errorOf(dc.evaluateRequest({ expression: 'nosuch * 2', frameId: frames[0]!.id, context: 'watch' })), /Column 'nosuch' not found/);
    // Keyed state as a tree: key group → key → state, the current key's group among them.
    const keyed = vars.get('Keyed State')!;
    assert.ok(keyed.length > 0);
    for (const g of keyed) assert.match(g.name, /^key group (6[4-9]|[7-9]\d|1[01]\d|12[0-7])$/);
    const group = keyed[0]!;
    const keys = (await dc.variablesRequest({ variablesReference: group.variablesReference, start: 0, count: 10 })).body.variables;
    assert.equal(keys.length, Math.min(10, group.indexedVariables!));
    assert.match(keys[0]!.name, /^\[0\] "user-\d"$/);
    assert.match(keys[0]!.value, /^accState: /);
    const states = (await dc.variablesRequest({ variablesReference: keys[0]!.variablesReference })).body.variables;
    assert.deepEqual(states.map((s) => s.name), ['accState']);
    // Input channels: one per upstream source subtask.
    const channels = vars.get('Input Channels')!;
    assert.deepEqual(channels.map((c) => c.name), ['channel 0 ← Source: payments -> Calc -> Calc (1/2)', 'channel 1 ← Source: payments -> Calc -> Calc (2/2)']);
    assert.match(vars.get('Operator State')!.find((v) => v.name === 'key groups')!.value, /^64-127$/);
  } finally {
    await dc.stop();
  }
});

test('a step on a source stops with the chain as the stack and the source position as operator state', async () => {
  const { dc } = await startAdapter();
  try {
    await launchStopped(dc, { job: payments });
    const src = (await dc.threadsRequest()).body.threads[0]!;
    await step(dc, src.id);
    const frames = (await dc.stackTraceRequest({ threadId: src.id })).body.stackFrames;
    // Innermost first: the computed-columns Calc (the CREATE TABLE, lines 5-15) above the source.
    assert.deepEqual(frames.map((f) => [f.name, f.line, f.endLine]), [['Calc', 5, 15], ['Source: payments', 5, 15]]);
    const vars = await scopeVariables(dc, frames[0]!.id);
    const position = vars.get('Operator State')!.find((v) => v.name === 'source position')!;
    assert.match(position.value, /rowsEmitted: \d+/);
    const record = vars.get('Record')!;
    if (record[0]!.name !== 'next') {
      assert.deepEqual(record.map((v) => [v.name, v.type]), [['row kind', undefined], ['payment_id', 'BIGINT']]);
    }
    assert.ok(vars.get('Checkpoints')!.some((v) => v.name === 'latest completed'));
    assert.match(await errorOf(dc.variablesRequest({ variablesReference: 987654 })), /unknown variables reference/);
    assert.match(await errorOf(dc.scopesRequest({ frameId: 5 })), /unknown frame 5/);
  } finally {
    await dc.stop();
  }
});

test('a filesystem sink shows its open transactions (in-progress and pending part files) as operator state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-lab-debug-sink-'));
  try {
    const job = join(dir, 'files.flink.sql');
    writeFileSync(job, `SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '100 ms';
CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '200');
CREATE TABLE out_files (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', 'sink.rolling-policy.rollover-interval' = '50 ms', 'sink.rolling-policy.check-interval' = '10 ms');
INSERT INTO out_files SELECT id FROM gen;
`);
    const { dc } = await startAdapter();
    try {
      await launchStopped(dc, { job });
      const src = (await dc.threadsRequest()).body.threads[0]!;
      let tx: DebugProtocol.Variable | undefined;
      for (let i = 0; i < 150 && !tx?.value.includes('file'); i++) {
        await step(dc, src.id);
        const frames = (await dc.stackTraceRequest({ threadId: src.id })).body.stackFrames;
        tx = (await scopeVariables(dc, frames[0]!.id)).get('Operator State')!.find((v) => v.name === 'sink transactions (out_files)');
        assert.ok(tx, 'the sink has a transactions entry');
      }
      const fields = (await dc.variablesRequest({ variablesReference: tx!.variablesReference })).body.variables;
      assert.deepEqual(fields.map((f) => f.name), ['inProgress', 'pending']);
      const inProgress = fields[0]!;
      assert.ok(inProgress.variablesReference > 0, inProgress.value);
      const ip = (await dc.variablesRequest({ variablesReference: inProgress.variablesReference })).body.variables;
      assert.match(ip.find((v) => v.name === 'file')!.value, /\/out\/\.part-.*\.inprogress/);
    } finally {
      await dc.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
