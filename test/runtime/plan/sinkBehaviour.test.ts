// Sinks as Flink plans them: the NOT NULL enforcer (table.exec.sink.not-null-enforcer) and a sink's
// parallelism (sink.parallelism, else its input's). Both were found by the differential tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileJob, createLocalRun, formatDiagnostic } from '../../../runtime/index.js';

function run(sql: string) {
  const { job, diagnostics } = compileJob(sql, { file: 'job.flink.sql' });
  assert.ok(job, diagnostics.map(formatDiagnostic).join('\n'));
  const lines: string[] = [];
  const r = createLocalRun(job, { seed: 1, collectResults: true, printLine: (l) => lines.push(l) });
  r.job.runToEnd();
  return { job, lines, state: r.job.jobState, failure: r.job.failureInfo };
}

const sensors = (enforcer?: string) => `${enforcer ? `SET 'table.exec.sink.not-null-enforcer' = '${enforcer}';\n` : ''}
CREATE TABLE readings (id BIGINT, sensor AS CASE WHEN id = 3 THEN CAST(NULL AS STRING) ELSE CONCAT('s', CAST(id % 2 AS STRING)) END)
  WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '4');
CREATE TABLE per_sensor (sensor STRING, cnt BIGINT, PRIMARY KEY (sensor) NOT ENFORCED) WITH ('connector' = 'print');
INSERT INTO per_sensor SELECT sensor, COUNT(*) FROM readings GROUP BY sensor;`;

test('a NULL written into a primary key column fails the job as Flink\'s ConstraintEnforcer does', () => {
  const r = run(sensors());
  assert.equal(r.state, 'FAILED');
  assert.match(r.failure!.message, /^org\.apache\.flink\.table\.runtime\.operators\.sink\.ConstraintEnforcer\$EnforcerException: Column 'sensor' is NOT NULL, however, a null value is being written into it\. You can set job configuration 'table\.exec\.sink\.not-null-enforcer'='DROP'/);
});

test("'table.exec.sink.not-null-enforcer' = 'DROP' drops such rows silently", () => {
  const r = run(sensors('drop'));
  assert.equal(r.state, 'FINISHED');
  assert.ok(r.lines.length > 0 && r.lines.every((l) => !l.includes('null')), r.lines.join('\n'));
});

test('a declared NOT NULL column is enforced too; nullable columns are not', () => {
  const r = run(`CREATE TABLE t (id BIGINT, v AS CASE WHEN id = 2 THEN CAST(NULL AS INT) ELSE 1 END)
  WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3');
CREATE TABLE loose (id BIGINT, v INT) WITH ('connector' = 'print');
CREATE TABLE strict (id BIGINT, v INT NOT NULL) WITH ('connector' = 'blackhole');
EXECUTE STATEMENT SET BEGIN
INSERT INTO loose SELECT id, v FROM t;
INSERT INTO strict SELECT id, v FROM t;
END;`);
  assert.equal(r.state, 'FAILED');
  assert.match(r.failure!.message, /Column 'v' is NOT NULL/);
  assert.match(r.failure!.task, /strict/);
});

test('a sink takes its input\'s parallelism unless sink.parallelism says otherwise', () => {
  const global = run(`SET 'parallelism.default' = '3';
CREATE TABLE t (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '9');
CREATE TABLE totals (n BIGINT) WITH ('connector' = 'print', 'print-identifier' = 'totals');
INSERT INTO totals SELECT COUNT(*) FROM t;`);
  const sinkVertex = global.job.graph.vertices.find((v) => v.name.includes('Sink: totals'))!;
  // The global aggregate runs once; its sink is chained to it, so no "N>" subtask prefix.
  assert.equal(sinkVertex.parallelism, 1);
  assert.ok(sinkVertex.name.startsWith('GroupAggregate'));
  assert.ok(global.lines.every((l) => l.startsWith('totals> ')), global.lines.join('\n'));
  const explicit = run(`SET 'parallelism.default' = '3';
CREATE TABLE t (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '9');
CREATE TABLE out_t (id BIGINT) WITH ('connector' = 'print', 'sink.parallelism' = '2');
INSERT INTO out_t SELECT id FROM t;`);
  assert.equal(explicit.job.graph.vertices.find((v) => v.name.includes('Sink: out_t'))!.parallelism, 2);
});
