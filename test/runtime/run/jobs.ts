// Job files and helpers shared by the verifier and chaos tests. Not a test file itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { placeSubtasks } from '../../../runtime/engine/cluster.js';
import { faultTargetsOf, parseFaultScenario, type FaultScenario } from '../../../runtime/faults/index.js';
import { compileJob } from '../../../runtime/plan/planner.js';
import type { CompiledJob } from '../../../runtime/plan/compiledJob.js';

/** Compiles a job file text; fails the test on any error. */
export function compile(text: string, file = 'test.flink.sql'): CompiledJob {
  const { job, diagnostics } = compileJob(text, { file });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  return job!;
}

/** Compiles an example job, with `SET` lines put in front. */
export function compileExample(name: string, sets: Record<string, string> = {}): CompiledJob {
  const prefix = Object.entries(sets).map(([k, v]) => `SET '${k}' = '${v}';\n`).join('');
  return compile(prefix + readFileSync(`examples/${name}.flink.sql`, 'utf8'), `examples/${name}.flink.sql`);
}

/** Parses a scenario against a job; fails the test on any diagnostic. */
export function scenario(job: CompiledJob, yaml: string, file = 'test.faults.yaml'): FaultScenario {
  const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
  const { scenario: s, diagnostics } = parseFaultScenario(yaml, file, faultTargetsOf(job.graph, tms));
  assert.deepEqual(diagnostics, []);
  return s!;
}

/**
 * A well-behaved exactly-once job: a 300-row datagen sequence in bursts over 3 s of job time,
 * counted per user into an upsert sink, checkpoints every 100 ms, Flink's defaults otherwise.
 */
export function countsJob(sink: 'blackhole' | 'print' = 'blackhole', sets: Record<string, string> = {}): string {
  const extra = Object.entries(sets).map(([k, v]) => `SET '${k}' = '${v}';\n`).join('');
  return `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '100 ms';
${extra}
CREATE TABLE events (
  id BIGINT,
  user_id AS CONCAT('u', CAST(id % 7 AS STRING))
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '100',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '300'
);

CREATE TABLE counts (
  user_id STRING,
  cnt BIGINT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH ('connector' = '${sink}');

INSERT INTO counts SELECT user_id, COUNT(*) AS cnt FROM events GROUP BY user_id;
`;
}

/** An append-only job: every event with id not divisible by 3, into `sink` (print or filesystem). */
export function appendJob(sink: 'print' | 'blackhole' | 'filesystem', sets: Record<string, string> = {}): string {
  const extra = Object.entries(sets).map(([k, v]) => `SET '${k}' = '${v}';\n`).join('');
  const options = sink === 'filesystem' ? `'connector' = 'filesystem', 'path' = '/out/events', 'format' = 'csv'` : `'connector' = '${sink}'`;
  return `SET 'parallelism.default' = '2';
${extra}
CREATE TABLE events (
  id BIGINT,
  user_id AS CONCAT('u', CAST(id % 7 AS STRING))
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '100',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '300'
);

CREATE TABLE out_events (
  id BIGINT,
  user_id STRING
) WITH (${options});

INSERT INTO out_events SELECT id, user_id FROM events WHERE id % 3 <> 0;
`;
}

/**
 * A clickstream count whose user is a random datagen field: not replayable (datagen draws new
 * random values after a restore, as Flink's does), so a restore changes the counts.
 */
export function randomClicksJob(): string {
  return `SET 'parallelism.default' = '4';
SET 'execution.checkpointing.interval' = '300 ms';
CREATE TABLE clicks (click_id BIGINT, user_no INT, user_id AS CONCAT('user-', CAST(user_no AS STRING))) WITH (
  'connector' = 'datagen', 'rows-per-second' = '200',
  'fields.click_id.kind' = 'sequence', 'fields.click_id.start' = '1', 'fields.click_id.end' = '400',
  'fields.user_no.min' = '1', 'fields.user_no.max' = '12');
CREATE TABLE clicks_per_user (user_id STRING, clicks BIGINT, PRIMARY KEY (user_id) NOT ENFORCED) WITH ('connector' = 'print', 'print-identifier' = 'clicks');
INSERT INTO clicks_per_user SELECT user_id, COUNT(*) AS clicks FROM clicks GROUP BY user_id;
`;
}
