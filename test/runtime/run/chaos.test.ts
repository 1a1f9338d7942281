// Chaos runs: a well-behaved exactly-once job keeps its guarantee under 1,000 random fault
// schedules; a job that cannot keep it is caught, with scenarios that reproduce each divergence.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { chaosScenarioYaml, chaosScheduleSeed, runChaos, scheduleDrawer, unexplainedFailure } from '../../../runtime/run/chaos.js';
import { executeRun, judgeScenario, verifyRun, type RunOutcome } from '../../../runtime/run/verify.js';
import { appendJob, compile, countsJob, scenario } from './jobs.js';

function timed<T>(f: () => T): { value: T; seconds: string } {
  const t = performance.now();
  const value = f();
  return { value, seconds: ((performance.now() - t) / 1000).toFixed(1) };
}

// Run first, so the test's name can carry the time it took.
const wellBehaved = timed(() => runChaos(compile(countsJob('blackhole')), { schedules: 1000, seed: 42 }));

test(`1,000 random fault schedules of a well-behaved exactly-once job: zero divergences (${wellBehaved.seconds} s)`, () => {
  const r = wellBehaved.value;
  assert.equal(r.schedules, 1000);
  assert.equal(r.reference.state, 'FINISHED');
  assert.ok(r.reference.completedCheckpoints >= 20, 'checkpoints to aim at');
  const first = r.divergences[0];
  assert.equal(r.divergences.length, 0, first ? `${r.divergences.length} divergences; first (${first.kind}): ${first.reason}\n${first.scenario}` : '');
  assert.equal(r.failedRuns.length, 0, 'exponential-delay (the default with checkpointing) never gives up');
  assert.equal(r.passed, 1000);
  assert.ok(r.faultsFired > 500 && r.restarts > 200, `faults really fired (${r.faultsFired}) and the job really recovered (${r.restarts} restarts)`);
});

test('schedules are reproducible: the same seed draws the same schedules and outcome', () => {
  const job = compile(countsJob('print'));
  const a = runChaos(job, { schedules: 30, seed: 7 });
  const b = runChaos(job, { schedules: 30, seed: 7 });
  assert.deepEqual(b, a);
  assert.notEqual(chaosScheduleSeed(7, 0), chaosScheduleSeed(7, 1));
  assert.notEqual(chaosScheduleSeed(7, 0), chaosScheduleSeed(8, 0));
});

test('a job that cannot keep its guarantee diverges, and each scenario reproduces its divergence', () => {
  // A random datagen field is not replayable: after a restore the replayed clicks get other users.
  const job = compile(`SET 'parallelism.default' = '4';
SET 'execution.checkpointing.interval' = '300 ms';
CREATE TABLE clicks (click_id BIGINT, user_no INT) WITH ('connector' = 'datagen', 'rows-per-second' = '200',
  'fields.click_id.kind' = 'sequence', 'fields.click_id.start' = '1', 'fields.click_id.end' = '400',
  'fields.user_no.min' = '1', 'fields.user_no.max' = '12');
CREATE TABLE clicks_per_user (user_no INT, clicks BIGINT) WITH ('connector' = 'print');
INSERT INTO clicks_per_user SELECT user_no, COUNT(*) FROM clicks GROUP BY user_no;`);
  const r = runChaos(job, { schedules: 40, seed: 3, faultsPerSchedule: { min: 1, max: 2 } });
  assert.ok(r.divergences.length > 0, 'random datagen values are not replayable');
  for (const d of r.divergences.slice(0, 3)) {
    assert.match(d.scenario, new RegExp(`^# chaos schedule ${d.schedule} \\(schedule seed ${d.seed}\\) of --seed 3`));
    assert.match(d.scenario, /^seed: 3$/m, 'the scenario fixes the run seed');
    const faults = scenario(job, d.scenario);
    const again = verifyRun(job, faults.seed!, faults);
    assert.equal(again.ok, false, `schedule ${d.schedule} reproduces`);
    assert.deepEqual(again.report.sinks.map((s) => [s.lostCount, s.changedCount, s.unexpectedCount]), d.diff.sinks.map((s) => [s.lostCount, s.changedCount, s.unexpectedCount]));
  }
});

test('runs that fail because the schedule exhausts the restart strategy are not divergences', () => {
  const job = compile(appendJob('blackhole', { 'execution.checkpointing.interval': '100 ms', 'restart-strategy.type': 'none' }));
  const r = runChaos(job, { schedules: 60, seed: 5 });
  assert.ok(r.failedRuns.length > 0);
  for (const f of r.failedRuns) assert.match(f.reason, /^Recovery is suppressed by NoRestartBackoffTimeStrategy: /);
  const engineErrors = r.divergences.filter((d) => d.kind !== 'output');
  assert.deepEqual(engineErrors.map((d) => d.reason), [], 'no unexplained failure');
  assert.equal(r.passed + r.failedRuns.length + r.divergences.length, 60);
});

function outcome(partial: Partial<RunOutcome>): RunOutcome {
  return { state: 'FAILED', results: [], jobTimeMs: 0, sourceRecords: 0, restarts: 0, failures: [], firedFaults: [], completedCheckpoints: [], failedCheckpoints: 0, steps: 0, ...partial };
}
const fired = (action: RunOutcome['firedFaults'][number]['action']) => ({ action, target: 'x', time: 1, detail: 'd' });
const failure = (message: string) => ({ vertexId: 1, subtask: 0, task: 'GroupAggregate (1/2)', message, time: 5 });
const NONE = { type: 'none', configured: true } as const;

test('a failure explained by its schedule, and failures that are divergences', () => {
  const suppressed = 'Recovery is suppressed by NoRestartBackoffTimeStrategy: x';
  assert.equal(unexplainedFailure(outcome({ firedFaults: [fired('fail-task')], failures: [failure("Injected failure 'k' after 5 records")], failureReason: suppressed }), NONE), undefined);
  assert.equal(unexplainedFailure(outcome({ firedFaults: [fired('decline-checkpoint')], failures: [failure('Exceeded checkpoint tolerable failure threshold.')], failureReason: suppressed }), NONE), undefined);
  assert.match(unexplainedFailure(outcome({ failures: [failure('boom')], failureReason: suppressed }), NONE)!, /no fault fired/);
  assert.match(unexplainedFailure(outcome({ firedFaults: [fired('slow-task')], failures: [failure('ArithmeticException: / by zero')], failureReason: suppressed }), NONE)!, /no injected fault explains: ArithmeticException/);
  assert.match(unexplainedFailure(outcome({ firedFaults: [fired('slow-task')], failures: [failure('Exceeded checkpoint tolerable failure threshold.')], failureReason: suppressed }), NONE)!, /no injected fault explains/);
  assert.match(unexplainedFailure(outcome({ firedFaults: [fired('fail-task')], failures: [failure('Injected failure')], failureReason: 'The maximum parallelism (256) differs' }), NONE)!, /failed while recovering/);
  const fixed = { type: 'fixed-delay', configured: true, attempts: 3, delayMs: 10 } as const;
  assert.match(unexplainedFailure(outcome({ firedFaults: [fired('fail-task')], failures: [failure('Injected failure')], failureReason: 'Recovery is suppressed by FixedDelay…' }), fixed)!, /allows 3 restart/);
});

/** A random datagen field is not replayable: its runs with failures diverge. */
const NOT_REPLAYABLE = `SET 'parallelism.default' = '4';
SET 'execution.checkpointing.interval' = '300 ms';
CREATE TABLE clicks (click_id BIGINT, user_no INT) WITH ('connector' = 'datagen', 'rows-per-second' = '200',
  'fields.click_id.kind' = 'sequence', 'fields.click_id.start' = '1', 'fields.click_id.end' = '400',
  'fields.user_no.min' = '1', 'fields.user_no.max' = '12');
CREATE TABLE clicks_per_user (user_no INT, clicks BIGINT) WITH ('connector' = 'print');
INSERT INTO clicks_per_user SELECT user_no, COUNT(*) FROM clicks GROUP BY user_no;`;

test('many faults per schedule (20..40): every verdict of chaos is what run --verify says for the printed scenario', () => {
  const started = performance.now();
  const jobs = [
    compile(countsJob('blackhole')),
    compile(appendJob('filesystem', { 'execution.checkpointing.interval': '100 ms' })),
    compile(countsJob('blackhole', { 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '10', 'restart-strategy.fixed-delay.delay': '10 ms' })),
    compile(NOT_REPLAYABLE, 'not-replayable.flink.sql'),
  ];
  const seen = new Set<string>();
  for (const job of jobs) {
    const options = { schedules: 8, seed: 11, faultsPerSchedule: { min: 20, max: 40 } };
    const r = runChaos(job, options);
    assert.equal(r.verdicts.length, 8);
    assert.equal(r.passed + r.failedRuns.length + r.divergences.length, 8);
    const draw = scheduleDrawer(job, executeRun(job, { seed: options.seed }), options);
    for (let i = 0; i < 8; i++) {
      const divergence = r.divergences.find((d) => d.schedule === i);
      const failed = r.failedRuns.find((f) => f.schedule === i);
      // The scenario chaos printed (or, for a passed schedule, the one it drew), parsed back as a user would.
      const yaml = divergence?.scenario ?? failed?.scenario ?? chaosScenarioYaml(draw(i), i, options.seed);
      const faults = scenario(job, yaml);
      const again = verifyRun(job, faults.seed!, faults);
      assert.equal(again.verdict.kind, r.verdicts[i], `schedule ${i} of ${job.graph.name}: chaos said ${r.verdicts[i]}, run --verify says ${JSON.stringify(again.verdict)}`);
      if (divergence && again.verdict.kind === 'diverged') {
        assert.equal(again.verdict.divergence, divergence.kind);
        assert.equal(again.verdict.reason, divergence.reason);
      }
      if (failed && again.verdict.kind === 'failed-as-scheduled') assert.equal(again.verdict.reason, failed.reason);
      seen.add(r.verdicts[i]!);
    }
    // Jobs that can keep their guarantee keep it under many faults (this found three engine bugs).
    if (job.graph.name !== 'not-replayable') assert.deepEqual(r.divergences.map((d) => `schedule ${d.schedule}: ${d.reason}`), [], job.graph.name);
    // A run that did not finish is never compared as partial output.
    for (const d of r.divergences) if (d.kind !== 'output') assert.deepEqual(d.diff.sinks, []);
  }
  assert.deepEqual([...seen].sort(), ['diverged', 'failed-as-scheduled', 'passed'], 'every verdict occurred');
  assert.ok(performance.now() - started < 30_000, 'bounded');
});

test('a run that did not finish is judged by why it ended, not compared as partial output', () => {
  const job = compile(countsJob('blackhole'));
  const reference = executeRun(job, { seed: 1 });
  const finished = judgeScenario(job, reference, reference);
  assert.equal(finished.verdict.kind, 'passed');
  const hung = judgeScenario(job, reference, { ...reference, state: 'ERROR', error: 'the job did not end within 10 scheduler steps', results: [] });
  assert.deepEqual(hung.verdict, { kind: 'diverged', divergence: 'engine-error', reason: 'the job did not end within 10 scheduler steps' });
  assert.deepEqual(hung.report.sinks, [], 'partial tables are not compared');
  assert.match(hung.report.notCompared!, /ended ERROR, so its sink tables are partial/);
  const stopped = judgeScenario(job, reference, { ...reference, state: 'FAILED', failures: [{ vertexId: 1, subtask: 0, task: 'GroupAggregate (1/2)', message: 'java.lang.ArithmeticException: / by zero', time: 5 }], failureReason: 'Poison record: …', firedFaults: [] });
  assert.equal(stopped.verdict.kind, 'diverged');
  assert.deepEqual(stopped.report.sinks, []);
  const noReference = judgeScenario(job, { ...reference, state: 'FAILED' }, reference);
  assert.equal(noReference.verdict.kind, 'no-reference');
});
