// Restart loops that only a deterministic runtime can end: a poison record is named (source table,
// position, fields) once two attempts from the same checkpoint fail at it; a checkpoint-timeout loop
// (a hugely slowed subtask) is diagnosed; Flink's strategies are kept when not asked to stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalRun } from '../../../runtime/run/localRun.js';
import type { DeterministicFailure } from '../../../runtime/recovery/deterministicFailure.js';
import type { RecoveryEvent } from '../../../runtime/engine/events.js';
import { compile, countsJob, scenario } from '../run/jobs.js';

/** id 250 divides by zero; subtask 2/2 reads the even ids of the sequence, so 250 is its 125th record. */
function poisonJob(sets = ''): string {
  return `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '100 ms';
${sets}
CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '500');
CREATE TABLE out1 (id BIGINT, q BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO out1 SELECT id, 100 / (id - 250) FROM src;
`;
}

function runJob(text: string, options: { stop?: boolean; faults?: string; maxSteps?: number } = {}) {
  const job = compile(text);
  const run = createLocalRun(job, {
    seed: 0,
    collectResults: false,
    printLine: () => {},
    stopOnDeterministicFailure: options.stop ?? true,
    ...(options.faults ? { faults: scenario(job, options.faults) } : {}),
  });
  const proofs: DeterministicFailure[] = [];
  const delays: Extract<RecoveryEvent, { phase: 'restart-delay' }>[] = [];
  run.job.events.on('deterministicFailure', (d) => proofs.push(d));
  run.job.events.on('recovery', (e) => {
    if (e.phase === 'restart-delay') delays.push(e);
  });
  let end = run.job.step();
  for (let i = 0; i < (options.maxSteps ?? 1_000_000) && end.kind !== 'done'; i++) end = run.job.step();
  return { run, job: run.job, end, proofs, delays };
}

test('a poison record stops the job with its source table, position and fields, after two identical failures at it', () => {
  const { job, end, proofs, delays } = runJob(poisonJob());
  assert.equal(end.kind, 'done');
  assert.equal(job.jobState, 'FAILED');
  assert.equal(proofs.length, 1);
  const p = proofs[0]!;
  assert.equal(p.failures, 2);
  assert.equal(p.cause, 'java.lang.ArithmeticException: / by zero');
  assert.equal(p.checkpointId, undefined, 'no checkpoint completed before the record: every attempt starts from the beginning');
  assert.deepEqual(p.task, { vertexId: 0, subtask: 1, name: 'Source: src -> Calc -> Sink: out1 (2/2)' });
  assert.deepEqual({ ...p.record!, row: [...p.record!.row] }, { kind: '+I', row: [250], fields: '+I[250]', position: 125, sourceTables: ['src'], readsSource: true });
  assert.match(p.diagnosis, /^Poison record: 2 attempts restarted from the beginning failed at the same record/);
  assert.match(p.diagnosis, /record 125 that Source: src -> Calc -> Sink: out1 \(2\/2\) read from source table 'src' since the job started: \+I\[250\]/);
  // The first failure only marks the subtask; the next two name the record; the third is the proof.
  assert.equal(job.failures.length, 3);
  assert.equal(job.failures[0]!.record, undefined);
  assert.equal(job.failures[1]!.record?.fields, '+I[250]');
  assert.equal(job.restarts, 2);
  assert.equal(job.failureInfo?.message, 'java.lang.ArithmeticException: / by zero');
  // Each restart carries its cause.
  assert.deepEqual(delays.map((d) => [d.cause.task, d.cause.message, d.cause.record?.fields]), [
    ['Source: src -> Calc -> Sink: out1 (2/2)', 'java.lang.ArithmeticException: / by zero', undefined],
    ['Source: src -> Calc -> Sink: out1 (2/2)', 'java.lang.ArithmeticException: / by zero', '+I[250]'],
  ]);
});

test("without stopping, Flink's exponential-delay keeps restarting (and its back-off grows): the proof is still emitted once", () => {
  const { job, end, proofs, delays } = runJob(poisonJob(), { stop: false, maxSteps: 20_000 });
  assert.notEqual(end.kind, 'done', 'exponential-delay never gives up');
  assert.ok(job.restarts > 5, `restarted ${job.restarts} times`);
  assert.equal(proofs.length, 1);
  // A failure in the instant of its restart is a new attempt (Flink's clock moves on), not merged into
  // the last one with no back-off: the job clock advances with every restart.
  assert.ok(delays.every((d) => d.delayMs >= 1000), `every restart waits: ${delays.map((d) => d.delayMs).join(', ')}`);
  assert.ok(delays.slice(1).every((d, i) => d.time > delays[i]!.time), 'the job clock moves on');
});

test('fixed-delay keeps its attempts: the job fails after them, naming the record it failed at', () => {
  const { job, proofs } = runJob(poisonJob("SET 'restart-strategy.type' = 'fixed-delay';\nSET 'restart-strategy.fixed-delay.attempts' = '1';"));
  assert.equal(job.jobState, 'FAILED');
  assert.equal(job.restarts, 1, 'fixed-delay attempts = 1 allows one restart');
  assert.equal(proofs.length, 0, 'two failures, only the second with its record: not yet a proof');
  assert.equal(job.failures.at(-1)!.record?.fields, '+I[250]');
});

test('a failure after an injected fault is not taken for a deterministic one', () => {
  const job = compile(countsJob('blackhole'));
  const faults = scenario(job, 'faults:\n  - action: fail-task\n    target: GroupAggregate[0]\n    when: { afterRecords: 20 }\n  - action: fail-task\n    target: GroupAggregate[0]\n    when: { afterRecords: 21 }\n');
  const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {}, faults, stopOnDeterministicFailure: true });
  run.job.runToEnd(1_000_000);
  assert.equal(run.job.jobState, 'FINISHED');
  assert.equal(run.job.deterministicFailure, undefined);
});

test('a slow-task factor of 1e9 is a checkpoint-timeout loop: diagnosed after two identical failures, bounded in job and wall time', () => {
  const started = Date.now();
  const faults = 'faults:\n  - action: slow-task\n    target: GroupAggregate[0]\n    factor: 1e9\n    when: { afterRecords: 10 }\n';
  const { job, proofs, delays } = runJob(countsJob('blackhole'), { faults });
  assert.equal(job.jobState, 'FAILED');
  assert.ok(delays.length > 0 && delays.every((d) => d.cause.global === true && d.cause.message === 'Exceeded checkpoint tolerable failure threshold.'), 'each restart says the job failed as a whole');
  const p = proofs[0]!;
  assert.equal(p.cause, 'Exceeded checkpoint tolerable failure threshold.');
  assert.match(p.diagnosis, /CHECKPOINT_EXPIRED, Checkpoint expired before completing \(timeout 600000 ms\)/);
  assert.match(p.diagnosis, /GroupAggregate -> Sink: counts \(\d\/2\) is busy until job time [\d.]+ s \(an injected slow-task fault makes each record 1000000000× slower\)/);
  assert.ok(job.time < 3_600_000, `ended after ${job.time} ms of job time`);
  assert.ok(Date.now() - started < 5000, 'and in little wall time');
});
