// The local runtime's memory budget: subtasks and channels are counted from the job graph and a
// job past the budget is refused with the numbers, before anything is deployed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLocalRunFootprint, localRunFootprint } from '../../../runtime/config/localLimits.js';
import { compileJob, createLocalRun } from '../../../runtime/index.js';

function keyedJob(parallelism: number) {
  const { job, diagnostics } = compileJob(
    `SET 'parallelism.default' = '${parallelism}';
CREATE TABLE t (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
CREATE TABLE s (k BIGINT, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id % 10, COUNT(*) FROM t GROUP BY id % 10;`,
    { file: 'keyed.flink.sql' },
  );
  assert.ok(job, JSON.stringify(diagnostics));
  return job;
}

test('subtasks and channels are counted as the engine deploys them (every producer × consumer)', () => {
  const f = localRunFootprint(keyedJob(4).graph);
  assert.equal(f.subtasks, 8);
  assert.equal(f.channels, 16);
  assert.equal(f.estimatedBytes, 8 * 16 * 1024 + 16 * 300);
});

test('parallelism 256 fits and runs; 32768 is refused with the memory it would need', () => {
  const fits = keyedJob(256);
  assert.equal(checkLocalRunFootprint(fits.graph), undefined);
  const run = createLocalRun(fits, { seed: 1, collectResults: false, printLine: () => {} });
  run.job.runToEnd();
  assert.equal(run.job.jobState, 'FINISHED');

  const huge = keyedJob(32768);
  assert.equal(
    checkLocalRunFootprint(huge.graph),
    "The local runtime cannot run this job at parallelism 32768: its 65,536 subtasks and 1,073,741,824 network channels (between 'Source: t -> Calc' and 'GroupAggregate -> Calc -> Sink: s') would need about 301.0 GiB of memory (16 KiB per subtask, 300 bytes per channel), more than the 256 MiB it allows. Lower the parallelism ('parallelism.default' or --parallelism), or run the job on Flink (checkpoint-lab flink run).",
  );
});
