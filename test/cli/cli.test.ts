// The built CLI (dist/cli.js) as a user runs it: exit codes, JSON on stdout, diagnostics on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('run --json prints only one JSON object with status and each sink table', () => {
  const r = cli('run', 'examples/clickstream-counts.flink.sql', '--json', '--seed', '3');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { status: string; sinks: Record<string, { rows: { user_id: string; clicks: number }[]; changelog: Record<string, number> }> };
  assert.equal(out.status, 'FINISHED');
  const table = out.sinks['clicks_per_user']!;
  assert.equal(table.rows.reduce((n, row) => n + row.clicks, 0), 400, 'every click is counted once in the final table');
  assert.equal(table.changelog['+I'], table.rows.length);
  assert.match(r.stderr, /^clicks:\d> \+I\[user-\d+, 1\]$/m, 'print sink lines go to stderr with --json');
});

test('run without --json prints the print sink on stdout and a summary on stderr', () => {
  const r = cli('run', 'examples/per-second-windows.flink.sql');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\d> \+I\[1970-01-01T00:00:00Z, 1970-01-01T00:00:01Z, sensor-\d, \d+\]$/m);
  assert.match(r.stderr, /FINISHED after/);
});

test('an invalid job file exits 2 with file:line:col', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-'));
  const file = join(dir, 'bad.flink.sql');
  writeFileSync(file, "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nINSERT INTO t SELECT b FROM t;\n");
  const r = cli('run', file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`${file.replace(/[/\\]/g, '.')}:2:\\d+: error: `));
});

test('usage errors exit 2 and name the option', () => {
  assert.equal(cli('run').code, 2);
  const r = cli('run', 'examples/clickstream-counts.flink.sql', '--speed', 'fast');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--speed/);
  assert.equal(cli('frobnicate').code, 2);
});

test('explain prints the job graph with partitioning and key groups', () => {
  const r = cli('explain', 'examples/clickstream-counts.flink.sql');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /GroupAggregate/);
  assert.match(r.stdout, /HASH by \[user_id\]/);
  assert.match(r.stdout, /key groups: \(1\/4\) 0-31/);
});

test('keys prints key groups and subtasks as JSON', () => {
  const r = cli('keys', '--max-parallelism', '128', '--parallelism', '4', '--type', 'java-string', '--json', 'hello');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ key: 'hello', keyGroup: 35, subtask: 1 }]);
});

test('story (npm start) runs the clickstream example and explains it', () => {
  const r = cli('story');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /The job graph/);
  assert.match(r.stdout, /user-\d+ +\d+ clicks +key group +\d+ → subtask \d\/4/);
  // Part two: the crash, the restore from a checkpoint, and the verifier's verdict.
  assert.match(r.stdout, /recovery: restoring checkpoint \d+/);
  assert.match(r.stdout, /sources rewound to rows/);
  assert.match(r.stdout, /Every sink meets its guarantee/);
  assert.match(r.stdout, /AT_LEAST_ONCE' and the same faults:\n {3}\d+ restarts; the print sink received \d+ changelog rows more/);
});

test('--speed paces the job clock against the wall clock', () => {
  // per-second-windows runs 10 s of job time (200 rows at 20 rows/s).
  const t0 = Date.now();
  const paced = cli('run', 'examples/per-second-windows.flink.sql', '--speed', '20', '--json');
  const pacedMs = Date.now() - t0;
  assert.equal(paced.code, 0, paced.stderr);
  const out = JSON.parse(paced.stdout) as { jobTimeMs: number; wallTimeMs: number };
  assert.ok(out.jobTimeMs >= 9000, `job time ${out.jobTimeMs}`);
  assert.ok(out.wallTimeMs >= out.jobTimeMs / 20 - 50, `paced: ${out.wallTimeMs} ms of wall time for ${out.jobTimeMs} ms of job time at 20×`);
  const fast = JSON.parse(cli('run', 'examples/per-second-windows.flink.sql', '--json').stdout) as { wallTimeMs: number };
  assert.ok(fast.wallTimeMs < out.wallTimeMs, `--speed max (${fast.wallTimeMs} ms) is faster than 20× (${out.wallTimeMs} ms)`);
  assert.ok(pacedMs >= out.wallTimeMs);
});
