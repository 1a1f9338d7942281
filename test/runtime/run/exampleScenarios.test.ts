// The fault scenarios in examples/: each parses against its job, and each story happens as its
// comments tell it (with the checkpointing the comments ask for).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createLocalRun } from '../../../runtime/run/localRun.js';
import { verifyRun } from '../../../runtime/run/verify.js';
import { compile, compileExample, scenario } from './jobs.js';

const read = (name: string, ext = 'faults.yaml') => readFileSync(`examples/${name}.${ext}`, 'utf8');

test('every example job has a scenario, and every scenario is valid against its job', () => {
  const jobs = readdirSync('examples').filter((f) => f.endsWith('.flink.sql')).map((f) => f.replace(/\.flink\.sql$/, ''));
  const scenarios = readdirSync('examples').filter((f) => f.endsWith('.faults.yaml')).map((f) => f.replace(/\.faults\.yaml$/, ''));
  assert.deepEqual(scenarios.sort(), jobs.sort());
  for (const name of scenarios) {
    const s = scenario(compileExample(name), read(name), `examples/${name}.faults.yaml`);
    assert.ok(s.faults.length >= 2, name);
    assert.ok(s.faults.every((f) => f.name), `${name}: every fault is named for the story`);
  }
});

test('clickstream: the aggregate crashes, then tm-2 is lost; the counts stay exactly-once, the print sink repeats updates', () => {
  const job = compileExample('clickstream-counts');
  const faults = scenario(job, read('clickstream-counts'));
  const v = verifyRun(job, faults.seed!, faults);
  assert.deepEqual(v.faulty.firedFaults.map((f) => f.action), ['fail-task', 'kill-taskmanager']);
  assert.equal(v.faulty.restarts, 2);
  assert.equal(v.faulty.state, 'FINISHED');
  assert.equal(v.ok, true, 'the final table equals the fault-free run');
  const s = v.report.sinks[0]!;
  assert.equal(s.guarantee, 'at-least-once');
  assert.deepEqual([s.lostCount, s.unexpectedCount], [0, 0]);
  // Without checkpointing, Flink does not restart: the first failure fails the job.
  const plain = compile(read('clickstream-counts', 'flink.sql').replace("SET 'execution.checkpointing.interval' = '300 ms';", ''), 'examples/clickstream-counts.flink.sql');
  assert.equal(plain.config.checkpointing.enabled, false);
  const failed = verifyRun(plain, faults.seed!, scenario(plain, read('clickstream-counts')));
  assert.equal(failed.faulty.state, 'FAILED');
  assert.equal(failed.faulty.restarts, 0);
});

test('per-second windows: a crash at checkpoint 6 replays windows into the at-least-once print sink', () => {
  const job = compileExample('per-second-windows', { 'execution.checkpointing.interval': '1 s' });
  const faults = scenario(job, read('per-second-windows'));
  const v = verifyRun(job, 0, faults);
  assert.equal(v.faulty.restarts, 1);
  assert.equal(v.ok, true);
  const s = v.report.sinks[0]!;
  assert.equal(s.guarantee, 'at-least-once');
  assert.ok(s.duplicatedCount > 0, 'windows fired since checkpoint 5 are printed again');
  assert.deepEqual([s.lostCount, s.unexpectedCount], [0, 0]);
});

test('threshold alerts: recovery skips the corrupted checkpoint 3 and restores checkpoint 2', () => {
  const job = compileExample('threshold-alerts', { 'execution.checkpointing.interval': '1 s', 'execution.checkpointing.num-retained': '3' });
  const faults = scenario(job, read('threshold-alerts'));
  const run = createLocalRun(job, { seed: 0, collectResults: true, printLine: () => {}, faults });
  const chosen: { checkpointId: number | undefined; skipped: number[] }[] = [];
  run.job.events.on('recovery', (e) => {
    if (e.phase === 'checkpoint-chosen') chosen.push({ checkpointId: e.checkpointId, skipped: e.skipped.map((s) => s.id) });
  });
  assert.equal(run.job.runToEnd().kind, 'done');
  assert.equal(run.job.jobState, 'FINISHED');
  assert.deepEqual(chosen, [{ checkpointId: 2, skipped: [3] }]);
  const v = verifyRun(job, 0, faults);
  assert.equal(v.ok, true);
  assert.ok(v.report.sinks[0]!.duplicatedCount > 0, 'alerts since checkpoint 2 are printed again');
});
