// A filesystem source's `path`: one file is read as that file, a missing path is an error at the
// option when the job is planned (so `explain` reports it too), and the runtime never crashes on it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../../../cli/nodeFileSystem.js';
import { compileJob, createLocalRun, formatDiagnostic } from '../../../runtime/index.js';

function jobText(path: string, format = 'csv'): string {
  return `CREATE TABLE t (id INT, name STRING) WITH (
  'connector' = 'filesystem',
  'path' = '${path}',
  'format' = '${format}');
CREATE TABLE s (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO s SELECT id, name FROM t;`;
}

function run(sql: string, dir: string, parallelism = 1) {
  const file = join(dir, 'job.flink.sql');
  const { job: compiled, diagnostics } = compileJob(sql, { file, fileSystem: nodeFileSystem, parallelism });
  if (!compiled) return { diagnostics: diagnostics.map(formatDiagnostic), lines: [] as string[], state: 'INVALID' };
  const lines: string[] = [];
  const r = createLocalRun(compiled, { seed: 1, collectResults: false, printLine: (l) => lines.push(l) });
  r.job.runToEnd();
  return { diagnostics: diagnostics.map(formatDiagnostic), lines, state: r.job.jobState };
}

test('a path naming one csv file reads that file (also with parallelism 3: one subtask reads it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-single-'));
  writeFileSync(join(dir, 'orders.csv'), '1,a\n2,b\n');
  writeFileSync(join(dir, 'other.csv'), '9,z\n');
  for (const p of [1, 3]) {
    const r = run(jobText('orders.csv'), dir, p);
    assert.equal(r.state, 'FINISHED', r.diagnostics.join('\n'));
    assert.deepEqual(r.lines.map((l) => l.replace(/^\d+> /, '')).sort(), ['+I[1, a]', '+I[2, b]']);
  }
});

test('a path naming one json file reads that file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-single-json-'));
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'events.json'), '{"id": 7, "name": "x"}\n');
  const r = run(jobText('in/events.json', 'json'), dir);
  assert.equal(r.state, 'FINISHED', r.diagnostics.join('\n'));
  assert.deepEqual(r.lines, ['+I[7, x]']);
});

test('a hidden single file is skipped as Flink skips it (nothing read, no error)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-single-hidden-'));
  writeFileSync(join(dir, '_orders.csv'), '1,a\n');
  const r = run(jobText('_orders.csv'), dir);
  assert.equal(r.state, 'FINISHED', r.diagnostics.join('\n'));
  assert.deepEqual(r.lines, []);
});

test('a missing path is an error at the path option when the job is planned', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-missing-'));
  const r = run(jobText('no-such-dir'), dir);
  assert.equal(r.state, 'INVALID');
  assert.equal(r.diagnostics.length, 1, r.diagnostics.join('\n'));
  assert.match(r.diagnostics[0]!, /job\.flink\.sql:3:12: error: Table 't' reads 'no-such-dir', which cannot be read: no such file or directory \(.*no-such-dir\)/);
});

test('a path under a regular file and a device are errors at the option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-notdir-'));
  writeFileSync(join(dir, 'f.csv'), '1,a\n');
  const under = run(jobText('f.csv/x'), dir);
  assert.match(under.diagnostics.join('\n'), /job\.flink\.sql:3:12: error: .*a parent of it is not a directory/);
  const device = run(jobText('/dev/null'), dir);
  assert.match(device.diagnostics.join('\n'), /job\.flink\.sql:3:12: error: .*neither a directory nor a regular file/);
});

test('without file access (an analysing host such as the language server) the plan is valid; only running it fails', () => {
  const { job, diagnostics } = compileJob(jobText('orders.csv'), { file: 'job.flink.sql' });
  assert.deepEqual(diagnostics.map(formatDiagnostic), []);
  assert.ok(job);
  const r = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {} });
  r.job.runToEnd(10_000);
  assert.match(r.job.failureInfo?.message ?? '', /Table 't' reads files, but this host gives the runtime no file access/);
});
