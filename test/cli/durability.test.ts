// Crash safety of the whole CLI: a run is killed with SIGKILL at random moments while it writes
// checkpoints and part files; `run --restore latest` then resumes, and what the filesystem sink
// committed over both runs is exactly the output of an uninterrupted run.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SeededRandom } from '../../runtime/util/random.js';

function jobFile(dir: string): string {
  const file = join(dir, 'job.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '200 ms';
SET 'execution.checkpointing.dir' = '${join(dir, 'ckpt')}';
SET 'execution.checkpointing.num-retained' = '3';
CREATE TABLE readings (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 10, 3), sensor AS CONCAT('s', CAST(id % 3 AS STRING)), WATERMARK FOR ts AS ts)
WITH ('connector' = 'datagen', 'rows-per-second' = '400', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '1999');
CREATE TABLE counts (sensor STRING, window_start TIMESTAMP_LTZ(3), n BIGINT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');
INSERT INTO counts SELECT sensor, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, sensor;
`,
  );
  return file;
}

/** Every committed row in the sink directory (hidden in-progress files excluded), sorted. */
function committedRows(dir: string): string[] {
  const out = join(dir, 'out');
  let names: string[] = [];
  try {
    names = readdirSync(out).filter((n) => n.startsWith('part-'));
  } catch {
    return [];
  }
  return names.flatMap((n) => readFileSync(join(out, n), 'utf8').split('\n').filter((l) => l !== '')).sort();
}

function cli(args: string[]) {
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
}

test('a run killed with SIGKILL mid-checkpoint resumes with --restore latest and commits exactly-once', async () => {
  const refDir = mkdtempSync(join(tmpdir(), 'cl-ref-'));
  const ref = cli(['run', jobFile(refDir)]);
  assert.equal(ref.status, 0, ref.stderr);
  const expected = committedRows(refDir);
  assert.equal(expected.length, 60, '20 one-second windows × 3 sensors');

  const random = new SeededRandom(20261124);
  let restored = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'cl-kill-'));
    const file = jobFile(dir);
    // Paced at 4× real time the job runs ~1.25 s once started: wait until its checkpoint storage
    // exists (the run has begun), then kill it somewhere in the middle.
    const child = spawn(process.execPath, ['dist/cli.js', 'run', file, '--speed', '4'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const started = Date.now();
    while (!existsSync(join(dir, 'ckpt')) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 10));
    const killAfter = random.nextInt(0, 1000);
    await new Promise((r) => setTimeout(r, killAfter));
    child.kill('SIGKILL');
    await exited;
    const list = cli(['checkpoints', join(dir, 'ckpt'), '--json']);
    assert.equal(list.status, 0, `checkpoint directory readable after the kill: ${list.stderr}`);
    const resumed = cli(['run', file, '--restore', 'latest']);
    if (resumed.status === 2 && /No complete checkpoint|does not exist|The job finished at/.test(resumed.stderr)) {
      // Nothing to restore: either the run was killed before its first checkpoint (nothing was
      // committed, a fresh run produces everything), or it had already finished (and, as the
      // default retention says, discarded its checkpoints) with all its output committed.
      const rows = committedRows(dir);
      if (rows.length > 0) assert.deepEqual(rows, expected, 'a run that finished before the kill committed everything');
      else assert.equal(cli(['run', file]).status, 0);
    } else {
      assert.equal(resumed.status, 0, resumed.stderr);
      assert.match(resumed.stderr, /restoring from .*chk-\d+/);
      restored++;
    }
    assert.deepEqual(committedRows(dir), expected, `attempt ${attempt} (killed after ${killAfter} ms): committed output is exactly-once`);
  }
  assert.ok(restored >= 2, `at least two runs resumed from a checkpoint (${restored})`);
});

test('after a restore that finished, --restore latest says the job finished; the killed run is listed as resumed, not restorable', async () => {
  const refDir = mkdtempSync(join(tmpdir(), 'cl-ref2-'));
  assert.equal(cli(['run', jobFile(refDir)]).status, 0);
  const expected = committedRows(refDir);
  const dir = mkdtempSync(join(tmpdir(), 'cl-twice-'));
  const file = jobFile(dir);
  // Killed once it has completed a checkpoint (a chk-<n> directory exists).
  const child = spawn(process.execPath, ['dist/cli.js', 'run', file, '--speed', '2'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.on('exit', r));
  const hasCheckpoint = () => {
    try {
      return readdirSync(join(dir, 'ckpt')).some((job) => readdirSync(join(dir, 'ckpt', job)).some((n) => /^chk-\d+$/.test(n)));
    } catch {
      return false;
    }
  };
  const started = Date.now();
  while (!hasCheckpoint() && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
  const [killedJob] = readdirSync(join(dir, 'ckpt'));

  const first = cli(['run', file, '--restore', 'latest']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, new RegExp(`restoring from .*${killedJob}/chk-\\d+`));
  assert.deepEqual(committedRows(dir), expected, 'the first restore commits exactly-once');

  const second = cli(['run', file, '--restore', 'latest']);
  assert.equal(second.status, 2, second.stderr);
  assert.doesNotMatch(second.stderr, /ENOENT|internal error/);
  assert.match(second.stderr, /The job finished at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \(job [0-9a-f]{32}, .*\): its output is complete/);
  assert.deepEqual(committedRows(dir), expected, 'nothing was written again');

  const listing = JSON.parse(cli(['checkpoints', join(dir, 'ckpt'), '--json']).stdout);
  const killed = listing.jobs.find((j: { jobId: string }) => j.jobId === killedJob);
  assert.ok(killed.checkpoints.length > 0);
  assert.ok(killed.checkpoints.every((c: { restorable: boolean }) => !c.restorable), 'the killed run is no longer restorable');
  assert.equal(killed.status.state, 'RUNNING', 'it never ended: it was killed');
  const resumer = listing.jobs.find((j: { jobId: string }) => j.jobId === killed.resumedBy.jobId);
  assert.equal(resumer.status.state, 'FINISHED');
  assert.equal(resumer.status.restoredFrom.jobId, killedJob);
  const text = cli(['checkpoints', join(dir, 'ckpt')]).stdout;
  assert.match(text, new RegExp(`resumed by job ${resumer.jobId} from checkpoint \\d+`));
  assert.match(text, /FINISHED at .*; restored from /);
  assert.match(text, /\d+  superseded /);
});

test('--restore latest after the job finished says when it finished instead of "No complete checkpoint"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-finished-'));
  const file = jobFile(dir);
  assert.equal(cli(['run', file]).status, 0);
  const r = cli(['run', file, '--restore', 'latest']);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, /No complete checkpoint/);
  assert.match(r.stderr, /The job finished at \d{4}-\d\d-\d\dT[\d:.]+Z \(job [0-9a-f]{32}, .*\): its output is complete and its checkpoints were discarded as it finished\. Restoring an older checkpoint would write that output again; run the job without --restore to start it over\./);
  assert.equal(committedRows(dir).length, 60, 'nothing was written again');
});
