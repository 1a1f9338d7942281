import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { test } from 'node:test';
import { compileJob, createLocalRun, formatDiagnostic, type FileSystemAccess } from '../../../runtime/index.js';

const fs: FileSystemAccess = {
  stat: (p) => (existsSync(p) ? { kind: statSync(p).isFile() ? 'file' : 'directory' } : { kind: 'missing', reason: 'no such file or directory' }),
  listFiles: (dir) => readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()),
  readText: (p) => readFileSync(p, 'utf8'),
  resolve: (file, p) => (isAbsolute(p) ? p : resolve(file ? dirname(file) : '.', p)),
};

function runFile(sql: string, dir: string) {
  const file = join(dir, 'job.flink.sql');
  const { job, diagnostics } = compileJob(sql, { file, fileSystem: fs });
  if (!job) return { diagnostics: diagnostics.map(formatDiagnostic), lines: [] as string[], state: 'INVALID', failure: undefined };
  const lines: string[] = [];
  const run = createLocalRun(job, { seed: 1, collectResults: true, printLine: (l) => lines.push(l) });
  run.job.runToEnd();
  return { diagnostics: diagnostics.map(formatDiagnostic), lines, state: run.job.jobState, failure: run.job.failureInfo };
}

test('a csv filesystem source is read, parsed with the table types and aggregated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-csv-'));
  writeFileSync(join(dir, 'orders-1.csv'), '1,alice,10.50\n2,bob,3.25\n');
  writeFileSync(join(dir, 'orders-2.csv'), '3,alice,"1,000.00"\n4,carol,7\n');
  writeFileSync(join(dir, '.hidden.csv'), 'garbage\n');
  const r = runFile(
    `CREATE TABLE orders (id INT, customer STRING, amount STRING) WITH ('connector' = 'filesystem', 'path' = '.', 'format' = 'csv');
CREATE TABLE sink_table (customer STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO sink_table SELECT customer, COUNT(*) FROM orders WHERE customer <> 'x' GROUP BY customer;`,
    dir,
  );
  assert.equal(r.state, 'FINISHED', r.diagnostics.join('\n'));
  assert.deepEqual(r.lines.filter((l) => l.startsWith('+I') || l.startsWith('+U')).sort(), ['+I[alice, 1]', '+I[bob, 1]', '+I[carol, 1]', '+U[alice, 2]']);
});

test('a json source with a bad field fails the job naming file and line; ignore-parse-errors makes the field NULL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-json-'));
  writeFileSync(join(dir, 'events.json'), '{"id": 1, "name": "a"}\n{"id": "oops", "name": "b"}\n{"id": 3, "name": "c"}\n');
  const sql = (ignore: boolean) => `CREATE TABLE events (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '.', 'format' = 'json'${ignore ? ", 'json.ignore-parse-errors' = 'true'" : ''});
CREATE TABLE sink_table (id INT, name STRING) WITH ('connector' = 'print');
INSERT INTO sink_table SELECT id, name FROM events;`;
  const failed = runFile(sql(false), dir);
  assert.equal(failed.state, 'FAILED');
  assert.match(failed.failure!.message, /events\.json:2/);
  const skipped = runFile(sql(true), dir);
  assert.equal(skipped.state, 'FINISHED');
  assert.deepEqual(skipped.lines, ['+I[1, a]', '+I[null, b]', '+I[3, c]']);
});

test('an unknown format option is an error at its value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-opt-'));
  const r = runFile(
    `CREATE TABLE t (id INT) WITH ('connector' = 'filesystem', 'path' = '.', 'format' = 'csv', 'csv.field-delimiter' = ';;');
CREATE TABLE sink_table (id INT) WITH ('connector' = 'print');
INSERT INTO sink_table SELECT id FROM t;`,
    dir,
  );
  assert.equal(r.state, 'INVALID');
  assert.ok(r.diagnostics.some((d) => /job\.flink\.sql:1:\d+: error: .*field-delimiter/.test(d)), r.diagnostics.join('\n'));
});

test('a division by zero fails the task as Flink reports it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-div-'));
  const r = runFile(
    `CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5');
CREATE TABLE sink_table (x INT) WITH ('connector' = 'print');
INSERT INTO sink_table SELECT 10 / (id - 3) FROM t;`,
    dir,
  );
  assert.equal(r.state, 'FAILED');
  assert.equal(r.failure?.message, 'java.lang.ArithmeticException: / by zero');
});
