// Offline: a job file cut into the statements Flink's gateway takes one by one, with their places
// in the file (a BEGIN STATEMENT SET block in parts, comments and CASE ... END inside kept).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flinkStatements } from '../../bridge/flinkStatements.js';

test('a BEGIN STATEMENT SET block is sent as BEGIN, each INSERT and END, each at its place', () => {
  const text = [
    "SET 'a' = 'b';",
    'BEGIN /* c */ STATEMENT SET ;',
    '  INSERT INTO x SELECT CASE WHEN a THEN 1 END FROM t;',
    '  -- between',
    '  INSERT INTO y SELECT 2;',
    'END;',
    'INSERT INTO z SELECT 3;',
  ].join('\n');
  const got = flinkStatements(text).map((s) => `${s.range.start.line}:${s.range.start.column} ${s.keyword} [${s.text}] @${s.offset}`);
  assert.deepEqual(got, [
    "1:1 SET [SET 'a' = 'b'] @0",
    '2:1 BEGIN [BEGIN /* c */ STATEMENT SET] @15',
    '3:3 INSERT [INSERT INTO x SELECT CASE WHEN a THEN 1 END FROM t] @47',
    '5:3 INSERT [INSERT INTO y SELECT 2] @114',
    '6:1 END [END] @138',
    '7:1 INSERT [INSERT INTO z SELECT 3] @143',
  ]);
  for (const s of flinkStatements(text)) assert.equal(text.slice(s.offset, s.offset + s.text.length), s.text);
});

test('EXECUTE STATEMENT SET BEGIN ... END stays one statement (Flink parses it as one)', () => {
  const text = 'EXECUTE STATEMENT SET BEGIN\nINSERT INTO x SELECT 1;\nINSERT INTO y SELECT 2;\nEND;';
  const got = flinkStatements(text);
  assert.equal(got.length, 1);
  assert.equal(got[0]!.keyword, 'EXECUTE');
  assert.equal(got[0]!.text, text.slice(0, -1));
});
