// Wall-clock pacing only throttles: however slow the factor, a cancel (Ctrl-C) ends the wait at
// once instead of sleeping out the paced time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileJob, createLocalRun, type RuntimeHost } from '../../../runtime/index.js';

test('a cancel during a slow pacing wait ends the run after the current sleep', async () => {
  const { job } = compileJob(
    `CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'rows-per-second' = '1', 'number-of-rows' = '5');
CREATE TABLE s (id INT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id FROM t;`,
    { file: 'paced.flink.sql' },
  );
  assert.ok(job);
  const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {} });
  let wall = 0;
  let sleeps = 0;
  let sleepsAfterCancel = 0;
  const host: RuntimeHost = {
    wallClockMs: () => wall,
    sleep: async (ms) => {
      wall += ms;
      sleeps++;
      if (run.job.jobState === 'CANCELED') sleepsAfterCancel++;
      if (sleeps === 3) run.job.cancel('interrupted (SIGINT)');
    },
    yieldToEventLoop: async () => {},
  };
  // 1 row per second at 0.001 × real time: each second of job time would take 1000 s of wall time.
  await run.job.run(host, 0.001);
  assert.equal(run.job.jobState, 'CANCELED');
  assert.equal(sleepsAfterCancel, 0, 'no sleep after the cancel');
  assert.ok(wall < 1000, `the run ended after ${wall} ms of (simulated) wall time`);
});
