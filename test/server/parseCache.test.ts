// The statement-level parse cache gives exactly what the runtime's whole-file parse gives (same
// statements, same diagnostics, same ranges), re-parses only changed statements, and splits
// statements where the runtime does (comments, quotes, statement sets).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseJobFile } from '../../runtime/index.js';
import { ParseCache } from '../../server/parseCache.js';
import { splitIntoChunks } from '../../server/statementChunks.js';
import { bigJob } from './fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const files = [join(root, 'test/fixtures/sql/ordersPipeline.flink.sql'), ...readdirSync(join(root, 'examples')).map((f) => join(root, 'examples', f))];

function sameAsWholeFile(cache: ParseCache, text: string): void {
  const whole = parseJobFile(text);
  const cached = cache.parse(text);
  assert.deepEqual(cached.statements, whole.statements);
  const order = (ds: typeof whole.diagnostics) => [...ds].sort((a, b) => a.range!.start.line - b.range!.start.line || a.range!.start.column - b.range!.start.column);
  assert.deepEqual(order(cached.diagnostics), order(whole.diagnostics));
}

test('cached parses equal whole-file parses on the examples and broken variants of them', () => {
  const cache = new ParseCache();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const v of [
      text,
      text.replace('SELECT', 'SELEC'),
      text.replace(';', ''),
      text.replace(',', ''),
      `${text}\nINSERT INTO x SELECT a, FROM`,
      text.replace("'", '"'),
      text.replace('(', '(\n  -- a comment; with a semicolon\n'),
      `/* lead; */ ${text}`,
    ]) {
      sameAsWholeFile(cache, v);
    }
  }
});

test('an edit re-parses only the statement it touched', () => {
  const cache = new ParseCache();
  const text = bigJob();
  cache.parse(text);
  const before = cache.misses;
  const edited = text.replace('WHERE amount > 10', 'WHERE amount > 100');
  sameAsWholeFile(cache, edited);
  assert.equal(cache.misses - before, 1);
});

test('statement sets stay one chunk; a CASE ... END inside does not end them', () => {
  const text = "SET 'a' = 'b';\nEXECUTE STATEMENT SET BEGIN\n  INSERT INTO t SELECT CASE WHEN x THEN 1 END FROM s;\n  INSERT INTO u SELECT * FROM s;\nEND;\nSET 'c' = 'd'";
  const { chunks, needsWholeFileParse } = splitIntoChunks(text);
  assert.equal(needsWholeFileParse, false);
  assert.deepEqual(chunks.map((c) => [c.line, c.column, c.text.split('\n')[0]]), [
    [1, 1, "SET 'a' = 'b';"],
    [2, 1, 'EXECUTE STATEMENT SET BEGIN'],
    [6, 1, "SET 'c' = 'd'"],
  ]);
});
