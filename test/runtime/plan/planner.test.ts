import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assignKey } from '../../../runtime/index.js';
import { compile, errorsOf, run, seqTable } from './helpers.js';

test('GROUP BY plans Source -> Calc, a HASH edge on the key, and the aggregate chained to the sink', () => {
  const job = compile(`SET 'parallelism.default' = '4';
${seqTable('clicks', 100, "user_id AS CONCAT('u', CAST(id % 7 AS STRING))")}
CREATE TABLE counts (user_id STRING, cnt BIGINT) WITH ('connector' = 'print');
INSERT INTO counts SELECT user_id, COUNT(*) AS cnt FROM clicks GROUP BY user_id;`);
  const g = job.graph;
  assert.deepEqual(g.vertices.map((v) => v.name), ['Source: clicks -> Calc -> Calc', 'GroupAggregate -> Sink: counts']);
  assert.deepEqual(g.vertices.map((v) => [v.parallelism, v.maxParallelism]), [[4, 128], [4, 128]]);
  assert.equal(g.edges.length, 1);
  assert.equal(g.edges[0]!.partitioner, 'HASH');
  assert.deepEqual(g.edges[0]!.key?.names, ['user_id']);
  const text = job.explain();
  assert.match(text, /--HASH by \[user_id\]-->/);
  assert.match(text, /keyed by: \[user_id\] into 128 key groups over 4 subtasks/);
  assert.match(text, /key groups: \(1\/4\) 0-31, \(2\/4\) 32-63, \(3\/4\) 64-95, \(4\/4\) 96-127/);
});

test('an updating count prints +I then -U/+U pairs, each on the subtask Flink assigns to the key', () => {
  const { lines, results } = run(`SET 'parallelism.default' = '4';
${seqTable('clicks', 300, "user_id AS CONCAT('user-', CAST(id % 10 AS STRING))")}
CREATE TABLE counts (user_id STRING, cnt BIGINT) WITH ('connector' = 'print', 'print-identifier' = 'c');
INSERT INTO counts SELECT user_id, COUNT(*) AS cnt FROM clicks GROUP BY user_id;`);
  assert.equal(lines.length, 10 + 2 * 290);
  for (const line of lines) {
    const m = /^c:(\d)> ([+-][IU])\[(user-\d), (\d+)\]$/.exec(line);
    assert.ok(m, line);
    const placed = assignKey('sql-string', m[3]!, 128, 4);
    assert.ok(placed.ok);
    assert.equal(Number(m[1]), placed.subtask + 1, `${m[3]} printed by the subtask that owns its key group`);
  }
  const [counts] = results;
  assert.equal(counts!.rows.length, 10);
  assert.ok(counts!.rows.every((r) => r['cnt'] === 30));
  assert.deepEqual(counts!.changelog, { '+I': 10, '-U': 290, '+U': 290, '-D': 0 });
});

test('an upsert sink (blackhole) gets no UPDATE_BEFORE rows, as Flink plans it', () => {
  const { results } = run(`${seqTable('t', 50)}
CREATE TABLE s (k BIGINT, c BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id % 5, COUNT(*) FROM t GROUP BY id % 5;`);
  assert.deepEqual(results[0]!.changelog, { '+I': 5, '-U': 0, '+U': 45, '-D': 0 });
});

test('SUM, MIN, MAX, AVG (integer AVG truncates), COUNT(DISTINCT) and HAVING give Flink results', () => {
  const { results } = run(`SET 'parallelism.default' = '2';
${seqTable('t', 20)}
CREATE TABLE s (k BIGINT, total BIGINT, lo BIGINT, hi BIGINT, mean BIGINT, distinct_mod BIGINT) WITH ('connector' = 'print');
INSERT INTO s
SELECT id % 3 AS k, SUM(id), MIN(id), MAX(id), AVG(id), COUNT(DISTINCT id % 4)
FROM t GROUP BY id % 3 HAVING SUM(id) > 60;`);
  const rows = results[0]!.rows.map((r) => [r['k'], r['total'], r['lo'], r['hi'], r['mean'], r['distinct_mod']]);
  // k=0: 3..18 step 3 → sum 63; k=1: 1..19 → 70; k=2: 2..20 → 77.
  assert.deepEqual(
    rows.sort((a, b) => (a[0] as number) - (b[0] as number)),
    [
      [0, 63, 3, 18, 10, 4],
      [1, 70, 1, 19, 10, 4],
      [2, 77, 2, 20, 11, 4],
    ],
  );
});

test('a count of counts consumes retractions: the final table is exact', () => {
  const { results } = run(`SET 'parallelism.default' = '3';
${seqTable('t', 60)}
CREATE VIEW per_key AS SELECT id % 6 AS k, COUNT(*) AS c FROM t GROUP BY id % 6;
CREATE TABLE s (c BIGINT, n BIGINT) WITH ('connector' = 'print');
INSERT INTO s SELECT c, COUNT(*) AS n FROM per_key GROUP BY c;`);
  assert.deepEqual(results[0]!.rows, [{ c: 10, n: 6 }]);
  assert.ok(results[0]!.changelog['-D'] > 0, 'intermediate counts were deleted when their groups emptied');
});

test('WHERE, CASE, string functions and CAST in a projection', () => {
  const { lines } = run(`${seqTable('t', 6)}
CREATE TABLE s (id BIGINT, label STRING, half DOUBLE) WITH ('connector' = 'print');
INSERT INTO s SELECT id, UPPER(CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END) || '-' || CAST(id AS STRING), id / 2.0 FROM t WHERE id > 3;`);
  assert.deepEqual(lines.sort(), ['+I[4, EVEN-4, 2.0]', '+I[5, ODD-5, 2.5]', '+I[6, EVEN-6, 3.0]']);
});

test('TUMBLE windows over a rowtime attribute: one +I per key and window', () => {
  const { results, lines } = run(`SET 'parallelism.default' = '2';
CREATE TABLE r (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 100, 3), k AS id % 2, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'datagen', 'rows-per-second' = '50', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '49');
CREATE TABLE s (k BIGINT, window_start TIMESTAMP_LTZ(3), c BIGINT) WITH ('connector' = 'print');
INSERT INTO s SELECT k, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, k;`);
  assert.equal(lines.length, 10);
  assert.ok(lines.every((l) => /\+I\[/.test(l)));
  assert.ok(results[0]!.rows.every((r) => r['c'] === 5));
  assert.deepEqual(results[0]!.changelog, { '+I': 10, '-U': 0, '+U': 0, '-D': 0 });
});

test('HOP windows: every row counts in size/slide windows', () => {
  const { results } = run(`CREATE TABLE r (id BIGINT, ts AS TO_TIMESTAMP_LTZ(id * 1000, 3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '9');
CREATE TABLE s (ws TIMESTAMP_LTZ(3), c BIGINT) WITH ('connector' = 'print');
INSERT INTO s SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE r, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '4' SECOND)) GROUP BY window_start, window_end;`);
  const counts = results[0]!.rows.map((r) => r['c']);
  assert.equal(counts.reduce((a, b) => (a as number) + (b as number), 0), 20, 'each of 10 rows is in 2 windows');
});

test('the examples compile and run to FINISHED', () => {
  for (const f of ['clickstream-counts', 'per-second-windows', 'threshold-alerts']) {
    const sql = readFileSync(`examples/${f}.flink.sql`, 'utf8');
    const { state, lines } = run(sql);
    assert.equal(state, 'FINISHED', f);
    assert.ok(lines.length > 0, `${f} printed something`);
  }
});

test('the same seed gives byte-identical output; the same job graph whatever the seed', () => {
  const sql = readFileSync('examples/clickstream-counts.flink.sql', 'utf8');
  assert.deepEqual(run(sql, 9).lines, run(sql, 9).lines);
});

test('user mistakes are errors at their line and column', () => {
  const cases: [string, RegExp][] = [
    [`${seqTable('t', 1)}CREATE TABLE s (a BIGINT) WITH ('connector'='print');\nINSERT INTO s SELECT nope FROM t;`, /bad\.flink\.sql:5:22: error: Column 'nope' not found/],
    [`${seqTable('t', 1)}CREATE TABLE s (a BIGINT) WITH ('connector'='print');\nINSERT INTO s SELECT id FROM tt;`, /bad\.flink\.sql:5:30: error: Object 'tt' not found\. Did you mean 't'\?/],
    [
      `${seqTable('t', 1)}CREATE TABLE s (a BIGINT, c BIGINT) WITH ('connector'='filesystem', 'path'='/tmp/x', 'format'='csv');\nINSERT INTO s SELECT id, COUNT(*) FROM t GROUP BY id;`,
      /doesn't support consuming update changes which is produced by node GroupAggregate\(groupBy=\[id\]/,
    ],
    [`${seqTable('t', 1)}CREATE TABLE s (a BIGINT, b STRING) WITH ('connector'='print');\nINSERT INTO s SELECT id FROM t;`, /Different number of columns/],
    [`${seqTable('t', 1)}CREATE TABLE s (a BIGINT) WITH ('connector'='print');\nINSERT INTO s SELECT id FROM t WHERE COUNT(*) > 1;`, /Aggregate function COUNT is not allowed in WHERE/],
    [`${seqTable('t', 1)}CREATE TABLE s (a BIGINT, c BIGINT) WITH ('connector'='print');\nINSERT INTO s SELECT id, COUNT(*) FROM t GROUP BY id % 2;`, /5:22: error: Expression 'id' is not being grouped/],
    [
      `${seqTable('t', 1, 'ts AS TO_TIMESTAMP_LTZ(id, 3)')}CREATE TABLE s (c BIGINT) WITH ('connector'='print');\nINSERT INTO s SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end;`,
      /requires the timecol is a time attribute type/,
    ],
    [`${seqTable('t', 1)}SELECT id FROM t;`, /A SELECT statement on its own is not supported/],
    [`${seqTable('t', 1)}`, /has no INSERT INTO statement/],
  ];
  for (const [sql, expected] of cases) {
    const errors = errorsOf(sql);
    assert.ok(errors.some((e) => expected.test(e)), `expected ${expected} in:\n${errors.join('\n')}`);
  }
});

test('an EXPLAIN statement plans its INSERT into a job graph of its own, without running it', () => {
  const job = compile(`SET 'parallelism.default' = '2';
${seqTable('t', 10)}
CREATE TABLE s (k BIGINT, c BIGINT) WITH ('connector' = 'print');
EXPLAIN INSERT INTO s SELECT id % 3, COUNT(*) FROM t GROUP BY id % 3;`);
  assert.equal(job.graph.vertices.length, 0, 'nothing to run');
  assert.equal(job.explained.length, 1);
  assert.match(job.explained[0]!, /== Job graph: EXPLAIN at line \d+ ==/);
  assert.match(job.explained[0]!, /--HASH by \[EXPR\$0\]-->/);
  assert.match(job.explained[0]!, /keyed by: \[EXPR\$0\] into 128 key groups over 2 subtasks/);
});
