// A job file with \n, \r\n or lone \r line endings (comments included) parses the same and reports
// the same line and column for every diagnostic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileJob, formatDiagnostic, parseJobFile, splitJobFile } from '../../../runtime/index.js';

const LINES = [
  "CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');",
  '-- a line comment',
  "CREATE TABLE s (id INT) WITH ('connector' = 'blackhole'); -- trailing comment",
  '/* a block',
  '   comment */',
  'INSERT INTO s SELECT idx FROM t;',
  '',
];

for (const [name, eol] of [['\\n', '\n'], ['\\r\\n', '\r\n'], ['\\r', '\r']] as const) {
  test(`line endings ${name}: statements parse and errors are at the right line and column`, () => {
    const text = LINES.join(eol);
    const parsed = parseJobFile(text, 'job.flink.sql');
    assert.deepEqual(parsed.diagnostics.map(formatDiagnostic), []);
    assert.equal(parsed.statements.length, 3);
    const { diagnostics } = compileJob(text, { file: 'job.flink.sql' });
    assert.deepEqual(diagnostics.map(formatDiagnostic), ["job.flink.sql:6:22: error: Column 'idx' not found in any table."]);
    assert.deepEqual(splitJobFile(text).map((s) => [s.keyword, s.range.start.line, s.range.start.column]), [['CREATE', 1, 1], ['CREATE', 3, 1], ['INSERT', 6, 1]]);
  });
}

test('a syntax error after lone \\r line endings is at its line and column', () => {
  const lines = ['SET', "'parallelism.default' = '2';", 'CREATE TABLE t (id INT,) WITH ();', ''];
  const d = parseJobFile(lines.join('\r'), 'job.flink.sql').diagnostics.map(formatDiagnostic);
  assert.equal(d.length, 1, d.join('\n'));
  assert.match(d[0]!, /^job\.flink\.sql:3:23: error: Unexpected ','/);
  assert.deepEqual(parseJobFile(lines.join('\n'), 'job.flink.sql').diagnostics.map(formatDiagnostic), d);
});
