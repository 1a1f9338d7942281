// verifyRun on real jobs: recovery keeps exactly-once sinks exact, at-least-once sinks show their
// replays, and setups that lose or change data are caught.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyRun } from '../../../runtime/run/verify.js';
import { appendJob, compile, countsJob, randomClicksJob, scenario } from './jobs.js';

test('an aggregate subtask fails: the exactly-once upsert sink ends exactly as without faults', () => {
  const job = compile(countsJob('blackhole'));
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: GroupAggregate[1]\n    when: { afterRecords: 60 }\n');
  const v = verifyRun(job, 1, faults);
  assert.equal(v.faulty.state, 'FINISHED');
  assert.equal(v.faulty.restarts, 1);
  assert.equal(v.faulty.firedFaults.length, 1);
  assert.ok(v.faulty.completedCheckpoints.length > 0);
  assert.equal(v.ok, true, JSON.stringify(v.report.sinks));
  const s = v.report.sinks[0]!;
  assert.deepEqual([s.guarantee, s.lostCount, s.changedCount, s.unexpectedCount], ['exactly-once', 0, 0, 0]);
  assert.equal(s.actualRows, 7);
  assert.equal(v.report.faultyRun?.state, 'FINISHED');
});

test('a print sink prints replayed updates again after recovery: reported as duplicates, still ok', () => {
  const job = compile(countsJob('print'));
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: GroupAggregate[1]\n    when: { afterRecords: 60 }\n');
  const printed: string[] = [];
  const v = verifyRun(job, 1, faults, { printLine: (line) => printed.push(line) });
  assert.equal(v.ok, true);
  const s = v.report.sinks[0]!;
  assert.equal(s.guarantee, 'at-least-once');
  assert.ok(s.changelog.duplicated > 0, `changelog rows received again: ${JSON.stringify(s.changelog)}`);
  const referenceRows = s.changelog.expected['+I'] + s.changelog.expected['-U'] + s.changelog.expected['+U'];
  assert.equal(printed.length, referenceRows + s.changelog.duplicated, 'every replayed row was printed once more');
});

test('a non-replayable source is caught: random datagen values differ after a restore', () => {
  // user_no is random: Flink's datagen draws new values after a restore, so replayed clicks
  // belong to other users and the counts change although every click is counted once.
  const job = compile(randomClicksJob());
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: GroupAggregate[1]\n    when: { afterRecords: 80 }\n');
  const v = verifyRun(job, 3, faults);
  assert.equal(v.faulty.state, 'FINISHED');
  assert.equal(v.ok, false);
  const s = v.report.sinks[0]!;
  assert.ok(s.changedCount > 0, 'some users end with other counts');
  const total = (rows: readonly Record<string, unknown>[]) => rows.reduce((n, r) => n + (r['clicks'] as number), 0);
  assert.equal(total(v.faulty.results[0]!.rows), 400, 'yet every click is still counted exactly once');
});

test('without a restart strategy the job fails as its fault implies: judged by why it ended, its partial tables not compared', () => {
  const job = compile(appendJob('print', { 'execution.checkpointing.interval': '100 ms', 'restart-strategy.type': 'none' }));
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: Source: events[0]\n    when: { afterRecords: 120 }\n');
  const v = verifyRun(job, 2, faults);
  assert.equal(v.faulty.state, 'FAILED');
  assert.match(v.faulty.failureReason ?? '', /Recovery is suppressed by NoRestartBackoffTimeStrategy/);
  assert.equal(v.ok, false);
  assert.equal(v.report.ok, false);
  assert.equal(v.verdict.kind, 'failed-as-scheduled');
  assert.deepEqual(v.report.sinks, []);
  assert.match(v.report.notCompared ?? '', /ended FAILED, so its sink tables are partial/);
  const rows = v.faulty.results[0]!.rows.length;
  assert.ok(rows > 0 && rows < 200, `the failed run wrote only ${rows} of 200 rows: a partial table`);
});

test('checkpointing off with restarts: the job starts over and an append-only print sink repeats everything before the failure', () => {
  const job = compile(appendJob('print', { 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '3' }));
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: Source: events[1]\n    when: { afterRecords: 120 }\n');
  const v = verifyRun(job, 4, faults);
  assert.equal(v.faulty.state, 'FINISHED');
  assert.equal(v.faulty.completedCheckpoints.length, 0);
  const s = v.report.sinks[0]!;
  assert.equal(s.lostCount, 0);
  assert.ok(s.duplicatedCount >= 50, `rows written before the failure are written again: ${s.duplicatedCount}`);
  assert.equal(v.ok, true, 'at-least-once allows it');
  // Every duplicated row is listed with its number of extra copies.
  assert.equal(s.duplicated.reduce((n, d) => n + d.count, 0), s.duplicatedCount);
});
