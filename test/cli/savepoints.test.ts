// Savepoints through the CLI: stop-with-savepoint takes a synchronous savepoint (sources emit
// nothing after its barrier) and stops; a run restored from it finishes the job exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
}

function job(dir: string, savepointDir = true): string {
  const file = join(dir, 'job.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '2';
${savepointDir ? `SET 'execution.checkpointing.savepoint-dir' = '${join(dir, 'savepoints')}';` : ''}
CREATE TABLE t (id BIGINT, k AS id % 5) WITH ('connector' = 'datagen', 'rows-per-second' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000');
CREATE TABLE s (k BIGINT, c BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT k, COUNT(*) FROM t GROUP BY k;
`,
  );
  return file;
}

test('stop-with-savepoint stops at a consistent point, and --restore from the savepoint completes the job', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sp-'));
  const file = job(dir);
  const stopped = cli('run', file, '--stop-with-savepoint-at', '3s', '--json');
  assert.equal(stopped.status, 0, stopped.stderr);
  const first = JSON.parse(stopped.stdout) as { status: string; records: number; sinks: { s: { rows: { k: number; c: number }[] } } };
  assert.equal(first.status, 'FINISHED');
  assert.ok(first.records > 0 && first.records < 1000, `stopped mid-stream after ${first.records} rows`);
  assert.equal(first.sinks.s.rows.reduce((n, r) => n + r.c, 0), first.records, 'nothing after the savepoint barrier was emitted');
  const [savepoint] = readdirSync(join(dir, 'savepoints'));
  assert.match(savepoint!, /^savepoint-[0-9a-f]{6}-[0-9a-f]{12}$/);
  assert.match(stopped.stderr, /Savepoint written to .*savepoint-/);
  const resumed = cli('run', file, '--restore', join(dir, 'savepoints', savepoint!), '--json');
  assert.equal(resumed.status, 0, resumed.stderr);
  const second = JSON.parse(resumed.stdout) as { records: number; sinks: { s: { rows: { k: number; c: number }[] } } };
  assert.equal(second.records, 1000 - first.records, 'the sources resume where the savepoint left them');
  assert.deepEqual(
    second.sinks.s.rows.map((r) => r.c),
    [200, 200, 200, 200, 200],
    'every key counted exactly once over both runs',
  );
});

test('a savepoint without a savepoint directory is a usage error naming the option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sp-'));
  const r = cli('run', job(dir, false), '--savepoint-at', '1s');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--savepoint-at needs 'execution.checkpointing.savepoint-dir'/);
  const bad = cli('run', job(dir), '--stop-with-savepoint-at', 'soon');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--stop-with-savepoint-at expects a job time/);
});

test('externalized-checkpoint-retention decides whether a run\'s checkpoints outlive it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-ret-'));
  const ckpt = join(dir, 'ckpt');
  const write = (name: string, extra: string) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '100 ms';
SET 'execution.checkpointing.dir' = '${ckpt}';
${extra}
CREATE TABLE t (id BIGINT, k AS id % 5) WITH ('connector' = 'datagen', 'rows-per-second' = '500', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000');
CREATE TABLE s (k BIGINT, c BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT k, COUNT(*) FROM t GROUP BY k;
`,
    );
    return file;
  };
  const jobDirs = () => readdirSync(ckpt).filter((n) => /^[0-9a-f]{32}$/.test(n));
  // Default (NO_EXTERNALIZED_CHECKPOINTS): a finished job's checkpoints are discarded.
  const finished = cli('run', write('a.flink.sql', ''));
  assert.equal(finished.status, 0, finished.stderr);
  assert.match(finished.stderr, /discarded as the job ended FINISHED/);
  // Only the job's status stays, recording that it finished (for --restore latest).
  assert.deepEqual(jobDirs().map((j) => readdirSync(join(ckpt, j))), [['_jobstatus']]);
  // RETAIN_ON_CANCELLATION: a failed job keeps them for --restore latest.
  const failing = write('b.flink.sql', `SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';\nSET 'restart-strategy.type' = 'none';`);
  writeFileSync(join(dir, 'fail.faults.yaml'), 'faults:\n  - action: fail-task\n    target: GroupAggregate[0]\n    when: { afterRecords: 100 }\n');
  const failed = cli('run', failing, '--faults', join(dir, 'fail.faults.yaml'));
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /retained in .*RETAIN_ON_CANCELLATION/);
  assert.equal(jobDirs().filter((j) => readdirSync(join(ckpt, j)).some((n) => n !== '_jobstatus')).length, 1, 'the failed job keeps its checkpoint directory');
});
