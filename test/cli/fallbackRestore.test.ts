// Restoring an older checkpoint than the newest through the CLI: a job with a filesystem sink
// fails for good with its checkpoints retained, its newest checkpoint is corrupted, and `run
// --restore` of the one before commits exactly the rows of an uninterrupted run, although newer
// checkpoints already committed part files the older one had in progress.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, committedRows, corruptMetadata, failedRun, fallbackJob } from './support/fallbackJob.js';

test('restoring the checkpoint before a corrupt newest one commits exactly the rows of an uninterrupted run', () => {
  const refDir = mkdtempSync(join(tmpdir(), 'cl-fallback-ref-'));
  const ref = cli(['run', fallbackJob(refDir)]);
  assert.equal(ref.status, 0, ref.stderr);
  const expected = committedRows(refDir);
  assert.equal(expected.length, 2000);

  const dir = mkdtempSync(join(tmpdir(), 'cl-fallback-'));
  const file = fallbackJob(dir);
  const { jobDir, ids } = failedRun(dir, file);
  assert.equal(ids.length, 3, 'three checkpoints retained');
  const newest = ids[ids.length - 1]!;
  const before = committedRows(dir);
  assert.ok(before.length > 0 && before.length < 2000, `the failed run committed part of its output (${before.length} rows)`);
  corruptMetadata(join(jobDir, `chk-${newest}`));

  const resumed = cli(['run', file, '--restore', join(jobDir, `chk-${newest - 1}`)]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.doesNotMatch(resumed.stderr, /internal error|ENOENT/);
  assert.deepEqual(committedRows(dir), expected, 'committed output is exactly that of an uninterrupted run');
  assert.deepEqual(readdirSync(join(dir, 'out')).filter((n) => n.includes('.inprogress.')), [], 'no in-progress file left');
});
