// The adapter through a real DAP client: launch, stop on entry, threads named as Flink names
// subtasks, print output, exit status, pause of a job running flat out, and bad requests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { errorOf, FIXTURES, launch, launchStopped, REPO, startAdapter } from './adapterClient.js';

const payments = join(FIXTURES, 'payments.flink.sql');

test('stop on entry: every subtask is a thread, all stopped; continue runs to the end with print output and exit code 0', async () => {
  const { dc, output } = await startAdapter();
  try {
    const entry = await launchStopped(dc, { job: payments });
    assert.equal(entry.body.reason, 'entry');
    assert.equal(entry.body.allThreadsStopped, true);
    const { body } = await dc.threadsRequest();
    assert.deepEqual(body.threads.map((t) => t.name), [
      'Source: payments -> Calc -> Calc (1/2)',
      'Source: payments -> Calc -> Calc (2/2)',
      'GroupAggregate -> Sink: paid (1/2)',
      'GroupAggregate -> Sink: paid (2/2)',
    ]);
    const exited = dc.waitForEvent('exited');
    const terminated = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: body.threads[0]!.id });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    await terminated;
    const stdout = output.text('stdout');
    assert.match(stdout, /^paid:[12]> \+I\[user-\d, \d+\]$/m);
    assert.equal(stdout.split('\n').filter((l) => l.startsWith('paid:')).length, stdout.split('\n').filter((l) => /^paid:[12]> [+-][IUD]\[/.test(l)).length);
    assert.match(output.text('console'), /checkpoint 1 completed/);
    assert.match(output.text('console'), /Job 'payments' FINISHED/);
  } finally {
    await dc.stop();
  }
});

test('a job running flat out pauses promptly (all threads), continues, and disconnects', async () => {
  const { dc } = await startAdapter();
  try {
    await launch(dc, { job: join(FIXTURES, 'endless.flink.sql') });
    // Let it run flat out for a while first.
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const stopped = dc.waitForEvent('stopped');
      const t0 = performance.now();
      await dc.pauseRequest({ threadId: 1 });
      const e = (await stopped) as DebugProtocol.StoppedEvent;
      latencies.push(performance.now() - t0);
      assert.equal(e.body.reason, 'pause');
      assert.equal(e.body.allThreadsStopped, true);
      assert.ok(typeof e.body.threadId === 'number');
      await dc.continueRequest({ threadId: e.body.threadId! });
      await new Promise((r) => setTimeout(r, 100));
    }
    // Generous bound for a shared test machine; bench/debugAdapter.ts measures the real figure.
    assert.ok(Math.max(...latencies) < 500, `pause took ${latencies.map((l) => l.toFixed(1)).join(', ')} ms`);
    await dc.disconnectRequest({});
  } finally {
    await dc.stop();
  }
});

test('bad launches are errors naming the option or file:line:column; the session stays alive', async () => {
  const { dc } = await startAdapter();
  try {
    assert.match(await errorOf(dc.launch({})), /launch attribute 'job' is required/);
    assert.match(await errorOf(dc.launch({ job: payments, speed: -1 })), /launch attribute 'speed' expects "max" or a positive factor/);
    assert.match(await errorOf(dc.launch({ job: join(FIXTURES, 'missing.flink.sql') })), /cannot read job file/);
    assert.match(await errorOf(dc.launch({ job: payments, faults: [{ action: 'fail-task', target: 'NoSuchOperator[9]', when: { afterRecords: 1 } }] })), /launch\.json faults:\d+:\d+/);
    assert.match(await errorOf(dc.launch({ job: join(REPO, 'package.json') })), /package\.json:\d+:\d+: error/);
    assert.match(await errorOf(dc.stackTraceRequest({ threadId: 1 })), /no job is running: send 'launch' first/);
    assert.match(await errorOf(dc.customRequest('checkpointLab/noSuchThing')), /unknown request 'checkpointLab\/noSuchThing'/);
    // Still alive: a good launch works.
    const entry = await launchStopped(dc, { job: payments });
    assert.equal(entry.body.reason, 'entry');
    assert.match(await errorOf(dc.stackTraceRequest({ threadId: 999 })), /unknown thread 999/);
  } finally {
    await dc.stop();
  }
});

test('faults from launch.json inline, then verify: the verdict and exit code end the session', async () => {
  const { dc, output } = await startAdapter();
  try {
    const exited = dc.waitForEvent('exited');
    await launch(dc, { job: payments, noDebug: true, verify: true, faults: [{ action: 'fail-task', target: 'GroupAggregate[1]', when: { afterRecords: 120 } }] });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
    const console = output.text('console');
    assert.match(console, /fault: fail-task on GroupAggregate -> Sink: paid \(\d\/2\)/);
    assert.match(console, /recovery at [\d.]+ s: restoring checkpoint \d+/);
    assert.match(console, /Every sink meets its guarantee/);
  } finally {
    await dc.stop();
  }
});

test('checkpointDir writes durable checkpoints; a second session restores the latest one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-lab-debug-'));
  try {
    const first = await startAdapter();
    try {
      // Stop at the second completed checkpoint, then end the session: like a killed CLI, the
      // checkpoints stay on disk.
      const stopped = first.dc.waitForEvent('stopped');
      await Promise.all([
        first.dc.launch({ job: payments, checkpointDir: dir }),
        first.dc.waitForEvent('initialized').then(async () => {
          await first.dc.setExceptionBreakpointsRequest({ filters: ['checkpointCompleted'] });
          await first.dc.configurationDoneRequest();
        }),
      ]);
      let e = (await stopped) as DebugProtocol.StoppedEvent;
      const next = first.dc.waitForEvent('stopped');
      await first.dc.continueRequest({ threadId: e.body.threadId ?? 1 });
      e = (await next) as DebugProtocol.StoppedEvent;
      assert.equal(e.body.description, 'Checkpoint 2 completed');
      await first.dc.disconnectRequest({});
    } finally {
      await first.dc.stop();
    }
    const jobs = readdirSync(dir);
    assert.equal(jobs.length, 1, `one job directory in ${dir}`);
    assert.ok(readdirSync(join(dir, jobs[0]!)).some((n) => n.startsWith('chk-')), 'a completed checkpoint was written');
    const second = await startAdapter();
    try {
      const exited = second.dc.waitForEvent('exited');
      await launch(second.dc, { job: payments, checkpointDir: dir, restore: 'latest', noDebug: true });
      assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 0);
      assert.match(second.output.text('console'), /^restoring from .*chk-\d+$/m);
    } finally {
      await second.dc.stop();
    }
    // The restored session recorded which checkpoint it continued: the first session's checkpoints
    // are superseded, and restoring 'latest' again says the job finished.
    const listing = JSON.parse(execFileSync(process.execPath, [join(REPO, 'dist/cli.js'), 'checkpoints', dir, '--json'], { encoding: 'utf8' })) as {
      jobs: { jobId: string; resumedBy?: { jobId: string } | null; checkpoints: { restorable: boolean }[] }[];
    };
    const resumed = listing.jobs.find((j) => j.resumedBy?.jobId !== undefined);
    assert.ok(resumed, `the first session is recorded as resumed by the second: ${JSON.stringify(listing.jobs.map((j) => j.resumedBy))}`);
    assert.ok(resumed.checkpoints.length > 0 && resumed.checkpoints.every((c) => !c.restorable));
    const third = await startAdapter();
    try {
      const message = await errorOf(third.dc.launch({ job: payments, checkpointDir: dir, restore: 'latest', noDebug: true }));
      assert.match(message, /launch attribute 'restore': The job finished at /);
    } finally {
      await third.dc.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('requests out of order or malformed are errors and the session goes on', async () => {
  const { dc } = await startAdapter();
  try {
    await launch(dc, { job: join(FIXTURES, 'endless.flink.sql') });
    assert.match(await errorOf(dc.continueRequest({ threadId: 1 })), /the job is running: pause it first/);
    assert.match(await errorOf(dc.nextRequest({ threadId: 1 })), /the job is running: pause it first/);
    assert.match(await errorOf(dc.launch({ job: payments })), /this session already runs a job/);
    const stopped = dc.waitForEvent('stopped');
    await dc.pauseRequest({ threadId: 1 });
    await stopped;
    assert.match(await errorOf(dc.evaluateRequest({ expression: 'user_id +', context: 'watch', frameId: 1000 })), /incomplete expression: 'user_id \+' ends where more was expected/);
    assert.match(await errorOf(dc.customRequest('evaluate', { expression: 42 })), /evaluate needs an expression/);
    assert.match(await errorOf(dc.setBreakpointsRequest({ source: {}, breakpoints: [{ line: 1 }] })), /setBreakpoints needs source.path/);
    const threads = await dc.threadsRequest();
    assert.equal(threads.body.threads.length, 4);
    await dc.disconnectRequest({});
  } finally {
    await dc.stop();
  }
});
