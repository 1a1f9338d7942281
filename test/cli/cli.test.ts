// The built CLI (dist/cli.js) as a user runs it: exit codes, JSON on stdout, diagnostics on stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/** A job whose record id = 250 divides by zero: a poison record for any restart strategy. */
function poisonJobFile(sets = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-poison-'));
  const file = join(dir, 'poison.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '100 ms';
${sets}
CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '500');
CREATE TABLE out1 (id BIGINT, q BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO out1 SELECT id, 100 / (id - 250) FROM src;
`,
  );
  return file;
}

test('a poison record: each restart prints its cause, then the run stops with the record named (exit 1)', () => {
  const r = cli('run', poisonJobFile());
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^recovery: Source: src -> Calc -> Sink: out1 \(2\/2\) failed: java\.lang\.ArithmeticException: \/ by zero\nrecovery: restarting in 1067 ms \(ExponentialDelayRestartBackoffTimeStrategy/m);
  assert.match(r.stderr, /^recovery: {3}at record 125 that Source: src -> Calc -> Sink: out1 \(2\/2\) read from source table 'src': \+I\[250\]$/m);
  assert.match(r.stderr, /Poison record: 2 attempts restarted from the beginning failed at the same record with the same cause/);
  assert.match(r.stderr, /Pass --keep-restarting to restart forever as Flink would/);
  assert.match(r.stderr, /FAILED after/);
});

test('run --json carries each restart cause and the poison record', () => {
  const r = cli('run', poisonJobFile(), '--json');
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as {
    status: string;
    restartCauses: { task: string; message: string; delayMs: number; record?: string }[];
    deterministicFailure: { cause: string; record: { fields: string; position: number; sourceTables: string[]; readsSource: boolean } };
  };
  assert.equal(out.status, 'FAILED');
  assert.deepEqual(out.restartCauses.map((c) => [c.message, c.record ?? null]), [['java.lang.ArithmeticException: / by zero', null], ['java.lang.ArithmeticException: / by zero', '+I[250]']]);
  assert.deepEqual(out.deterministicFailure.record, { kind: '+I', fields: '+I[250]', position: 125, sourceTables: ['src'], readsSource: true });
});

test("--keep-restarting keeps Flink's behaviour: the restart strategy alone decides when the job fails", () => {
  const file = poisonJobFile("SET 'restart-strategy.type' = 'fixed-delay';\nSET 'restart-strategy.fixed-delay.attempts' = '5';\nSET 'restart-strategy.fixed-delay.delay' = '10 ms';");
  const stopped = cli('run', file);
  assert.equal(stopped.code, 1);
  assert.equal((stopped.stderr.match(/^recovery: restarting in/gm) ?? []).length, 2, 'stopped at the proof');
  const kept = cli('run', file, '--keep-restarting');
  assert.equal(kept.code, 1, kept.stderr);
  assert.match(kept.stderr, /Restarting anyway, as Flink would \(--keep-restarting\)/);
  assert.equal((kept.stderr.match(/^recovery: restarting in 10 ms/gm) ?? []).length, 5, 'fixed-delay used all 5 attempts');
  assert.match(kept.stderr, /Failed: .*java\.lang\.ArithmeticException: \/ by zero/);
});

test('a filesystem sink path no file can be written under is an error at its path option, before the run (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-sinkpath-'));
  const aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'x');
  const cases: [string, RegExp][] = [
    ['/proc/checkpoint-lab/out', /'\/proc' is on a virtual filesystem \(like \/proc or \/sys\) where files cannot be created/],
    [aFile, /it is a file, not a directory/],
    [join(aFile, 'out'), /'.*a-file' is a file, not a directory/],
  ];
  for (const [path, why] of cases) {
    const file = join(dir, 'sink.flink.sql');
    writeFileSync(
      file,
      `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');\nCREATE TABLE out1 (id BIGINT) WITH ('connector' = 'filesystem',\n  'path' = '${path}', 'format' = 'csv');\nINSERT INTO out1 SELECT id FROM src;\n`,
    );
    for (const command of ['run', 'explain']) {
      const r = cli(command, file);
      assert.equal(r.code, 2, `${command} ${path}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`sink\\.flink\\.sql:3:12: error: Table 'out1' writes to '[^']+', where no file can be written: `));
      assert.match(r.stderr, why);
    }
  }
  // A path that does not exist yet under a writable directory is fine, and checking it creates nothing.
  const fresh = join(dir, 'fresh', 'out');
  writeFileSync(join(dir, 'ok.flink.sql'), `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');\nCREATE TABLE out1 (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '${fresh}', 'format' = 'csv');\nINSERT INTO out1 SELECT id FROM src;\n`);
  const ok = cli('explain', join(dir, 'ok.flink.sql'));
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(existsSync(join(dir, 'fresh')), false);
});
