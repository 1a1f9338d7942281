// Bad job files and arguments through the built CLI (dist/cli.js): every one gets a clear answer
// naming the file, line and column or the option, exit 2, no stack trace, and quickly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
