// Bad job files and arguments through the built CLI (dist/cli.js): every one gets a clear answer
// naming the file, line and column or the option, exit 2, no stack trace, and quickly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

function cli(args: string[], timeoutMs = 20_000) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', timeout: timeoutMs });
  assert.equal(r.signal, null, `checkpoint-lab ${args.join(' ')} ended by ${r.signal} (a hang?)`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jobWithPath(path: string): string {
  return `CREATE TABLE t (id INT, name STRING)
  WITH ('connector' = 'filesystem', 'path' = '${path}', 'format' = 'csv');
CREATE TABLE s (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO s SELECT id, name FROM t;
`;
}

test('a filesystem source reading one file runs; a missing path is an error at the option in run and explain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-path-'));
  writeFileSync(join(dir, 'orders.csv'), '1,a\n2,b\n');
  const single = join(dir, 'single.flink.sql');
  writeFileSync(single, jobWithPath('orders.csv'));
  const ok = cli(['run', single]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(ok.stdout.trim().split('\n').sort(), ['+I[1, a]', '+I[2, b]']);

  const missing = join(dir, 'missing.flink.sql');
  writeFileSync(missing, jobWithPath('nowhere'));
  for (const command of ['run', 'explain']) {
    const r = cli([command, missing]);
    assert.equal(r.code, 2, `${command}: ${r.stderr}`);
    assert.match(r.stderr, /missing\.flink\.sql:2:46: error: Table 't' reads 'nowhere', which cannot be read: no such file or directory/);
  }
});

test('a job file that is a device, a directory, binary or too large is refused at once, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-jobfile-'));
  const binary = join(dir, 'binary.flink.sql');
  writeFileSync(binary, Buffer.from([0x53, 0x45, 0x54, 0x00, 0xff, 0x01]));
  const huge = join(dir, 'huge.flink.sql');
  writeFileSync(huge, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20));
  const latin1 = join(dir, 'latin1.flink.sql');
  writeFileSync(latin1, Buffer.from([0x2d, 0x2d, 0x20, 0xe9, 0x0a]));
  const cases: [string, RegExp][] = [
    ['/dev/zero', /cannot read job file '\/dev\/zero': it is a character device, not a regular file/],
    [dir, /cannot read job file '.*': it is a directory, not a regular file/],
    [binary, /cannot read job file '.*binary\.flink\.sql': it holds binary data \(a NUL byte at byte 3\), not text/],
    [huge, /cannot read job file '.*huge\.flink\.sql': it has 8388609 bytes, more than the 8388608 bytes \(8 MiB\)/],
    [latin1, /cannot read job file '.*latin1\.flink\.sql': it is not UTF-8 text/],
  ];
  for (const [file, message] of cases) {
    for (const command of ['run', 'explain']) {
      const started = Date.now();
      const r = cli([command, file], 10_000);
      assert.equal(r.code, 2, `${command} ${file}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(Date.now() - started < 10_000);
    }
  }
  const faults = cli(['run', 'examples/clickstream-counts.flink.sql', '--faults', '/dev/zero'], 10_000);
  assert.equal(faults.code, 2);
  assert.match(faults.stderr, /cannot read fault scenario '\/dev\/zero': it is a character device/);
});

test('every command answers --help and -h with exit 0 and its usage', () => {
  for (const command of [[], ['run'], ['explain'], ['keys'], ['chaos'], ['checkpoints'], ['flink'], ['flink', 'run'], ['flink', 'attach'], ['story']]) {
    for (const flag of ['--help', '-h']) {
      const r = cli([...command, flag]);
      assert.equal(r.code, 0, `${command.join(' ')} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage: checkpoint-lab ${command.length > 0 ? command.join(' ') : '<command>'}`), `${command.join(' ')} ${flag}`);
    }
  }
});

test('negative numbers: a negative seed runs, a negative or out-of-range speed is a usage error naming the option', () => {
  const ok = cli(['run', 'examples/clickstream-counts.flink.sql', '--seed', '-1', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).status, 'FINISHED');
  const again = cli(['run', 'examples/clickstream-counts.flink.sql', '--seed=-1', '--json']);
  assert.deepEqual(JSON.parse(again.stdout).sinks, JSON.parse(ok.stdout).sinks, 'the same negative seed gives the same output');
  for (const speed of ['-2', '0', '1e-300', '1e300', 'NaN', '']) {
    const r = cli(['run', 'examples/clickstream-counts.flink.sql', '--speed', speed], 10_000);
    assert.equal(r.code, 2, `--speed '${speed}': ${r.stderr}`);
    assert.match(r.stderr, /option --speed expects 'max' or a factor from 0\.001 to 1000000 \(1 = real time\)/);
  }
  const keys = cli(['keys', '--parallelism', '4', '--type', 'java-int', '--json', '-5', '7']);
  assert.equal(keys.code, 0, keys.stderr);
  assert.deepEqual(JSON.parse(keys.stdout).map((k: { key: string }) => k.key), ['-5', '7']);
});

test('a parallelism the local runtime cannot hold is refused at once with the memory it needs; explain still shows the plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-par-'));
  const file = join(dir, 'wide.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '32768';
CREATE TABLE t (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
CREATE TABLE s (k BIGINT, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id % 10, COUNT(*) FROM t GROUP BY id % 10;
`,
  );
  const started = Date.now();
  const r = cli(['run', file], 20_000);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /wide\.flink\.sql: error: The local runtime cannot run this job at parallelism 32768: .* about 301\.0 GiB of memory/);
  assert.ok(Date.now() - started < 20_000);
  const plain = join(dir, 'plain.flink.sql');
  writeFileSync(plain, readFileSync(file, 'utf8').replace(/^SET .*\n/, ''));
  const flag = cli(['run', plain, '--parallelism', '32768', '--json'], 20_000);
  assert.equal(flag.code, 2, flag.stderr);
  assert.match(flag.stderr, /cannot run this job at parallelism 32768/);
  const explained = cli(['explain', file]);
  assert.equal(explained.code, 0, explained.stderr);
  assert.match(explained.stdout, /parallelism: 32768, max parallelism: 32768/);
});
