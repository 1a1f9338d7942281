// Jobs and helpers of the CLI's restore tests: a job with a filesystem sink that fails for good with
// its checkpoints retained, its committed rows, and a corrupter of checkpoint metadata.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function cli(args: string[]) {
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
}

/** A job whose part files roll every 300 ms while checkpoints complete every 200 ms. */
export function fallbackJob(dir: string): string {
  const file = join(dir, 'job.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '200 ms';
SET 'execution.checkpointing.dir' = '${join(dir, 'ckpt')}';
SET 'execution.checkpointing.num-retained' = '3';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'restart-strategy.type' = 'none';
CREATE TABLE readings (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '400', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '1999');
CREATE TABLE out_t (id BIGINT, tag STRING) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', 'sink.rolling-policy.rollover-interval' = '300 ms');
INSERT INTO out_t SELECT id, CONCAT('r', CAST(id % 7 AS STRING)) FROM readings;
`,
  );
  writeFileSync(join(dir, 'fail.yaml'), `faults:\n  - action: fail-task\n    target: "Source: readings[0]"\n    when: { atTime: 2.1s }\n`);
  return file;
}

/** Every committed row in the sink directory (hidden in-progress files excluded), sorted. */
export function committedRows(dir: string): string[] {
  const names = readdirSync(join(dir, 'out')).filter((n) => n.startsWith('part-'));
  return names.flatMap((n) => readFileSync(join(dir, 'out', n), 'utf8').split('\n').filter((l) => l !== '')).sort();
}

/** Runs the job until its injected failure; returns its job directory and checkpoint ids, oldest first. */
export function failedRun(dir: string, file: string): { jobDir: string; ids: number[] } {
  const failed = cli(['run', file, '--faults', join(dir, 'fail.yaml')]);
  assert.equal(failed.status, 1, failed.stderr);
  const [job] = readdirSync(join(dir, 'ckpt'));
  const jobDir = join(dir, 'ckpt', job!);
  const ids = readdirSync(jobDir)
    .filter((n) => /^chk-\d+$/.test(n))
    .map((n) => Number(n.slice(4)))
    .sort((a, b) => a - b);
  return { jobDir, ids };
}

/** Flips bytes inside the payload of a checkpoint's `_metadata` (its CRC-32C no longer matches). */
export function corruptMetadata(chkDir: string): void {
  const path = join(chkDir, '_metadata');
  const bytes = readFileSync(path);
  bytes[40] ^= 0xff;
  bytes[41] ^= 0xff;
  writeFileSync(path, bytes);
}
