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

let reference: string[] | undefined;
/** The committed rows of an uninterrupted run of the job. */
function uninterrupted(): string[] {
  if (!reference) {
    const refDir = mkdtempSync(join(tmpdir(), 'cl-fallback-ref-'));
    const ref = cli(['run', fallbackJob(refDir)]);
    assert.equal(ref.status, 0, ref.stderr);
    reference = committedRows(refDir);
    assert.equal(reference.length, 2000);
  }
  return reference;
}

test('restoring the checkpoint before a corrupt newest one commits exactly the rows of an uninterrupted run', () => {
  const expected = uninterrupted();

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

test('--restore latest reports a corrupt newest checkpoint loudly and restores the one before', () => {
  const expected = uninterrupted();
  const dir = mkdtempSync(join(tmpdir(), 'cl-fallback-latest-'));
  const file = fallbackJob(dir);
  const { jobDir, ids } = failedRun(dir, file);
  const newest = ids[ids.length - 1]!;
  corruptMetadata(join(jobDir, `chk-${newest}`));
  const listed = JSON.parse(cli(['checkpoints', join(dir, 'ckpt'), '--json']).stdout);
  assert.equal(listed.jobs[0].checkpoints.find((c: { checkpointId: number }) => c.checkpointId === newest).status, 'corrupt');

  const resumed = cli(['run', file, '--restore', 'latest']);
  assert.equal(resumed.status, 0, resumed.stderr);
  const warning = `WARNING: skipping corrupted checkpoint ${join(jobDir, `chk-${newest}`)} (Flink would fail the restore; Checkpoint Lab falls back to an older one):\n    ${join(jobDir, `chk-${newest}`, '_metadata')}: checksum mismatch`;
  assert.ok(resumed.stderr.includes(warning), resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`restoring from ${join(jobDir, `chk-${newest - 1}`)}\\n`));
  assert.deepEqual(committedRows(dir), expected, 'committed output is exactly that of an uninterrupted run');
});
