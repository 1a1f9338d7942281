// Deep nesting and long operator chains: rejected before parsing at the documented limits with a
// diagnostic at the offending token, fast, never a stack overflow; within the limits they parse,
// plan and run. Also a binary file: one error per statement, not one per byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJob, formatDiagnostic, parseJobFile } from '../../../runtime/index.js';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING_DEPTH } from '../../../runtime/sql/nestingLimits.js';
import { run } from '../plan/helpers.js';

const TABLES = `CREATE TABLE src (a BIGINT) WITH ('connector' = 'datagen', 'fields.a.kind' = 'sequence', 'fields.a.start' = '1', 'fields.a.end' = '3');
CREATE TABLE snk (s BIGINT) WITH ('connector' = 'print');
`;
const insert = (select: string): string => `${TABLES}INSERT INTO snk SELECT ${select} FROM src;\n`;
const PREFIX = 'INSERT INTO snk SELECT ';

/** Parses `text` and returns its diagnostics (formatted) and the time it took in ms. */
function timedParse(text: string): { errors: string[]; ms: number } {
  const t0 = performance.now();
  const parsed = parseJobFile(text, 'deep.flink.sql');
  return { errors: parsed.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), ms: performance.now() - t0 };
}

test('the limits are the documented ones', () => {
  assert.equal(MAX_NESTING_DEPTH, 64);
  assert.equal(MAX_EXPRESSION_DEPTH, 1000);
});

test('5,000 nested parentheses: one error at the 65th parenthesis, in well under a second of parsing', () => {
  parseJobFile(insert('a + 1')); // the grammar's one-time warm-up is not what is measured
  const { errors, ms } = timedParse(insert(`${'('.repeat(5000)}a${')'.repeat(5000)}`));
  assert.deepEqual(errors, [`deep.flink.sql:3:${PREFIX.length + MAX_NESTING_DEPTH + 1}: error: This expression is nested too deeply: more than 64 levels of parentheses, function calls, CASE and unary operators (Checkpoint Lab's limit; split it, e.g. into a view)`]);
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test('1,000 unary minus signs and 1,000 unclosed parentheses stop at the limit, at the offending token', () => {
  const minus = timedParse(insert(`${'- '.repeat(1000)}a`));
  assert.equal(minus.errors.length, 1);
  assert.match(minus.errors[0]!, new RegExp(`^deep\\.flink\\.sql:3:${PREFIX.length + 2 * MAX_NESTING_DEPTH + 1}: error: This expression is nested too deeply`));
  const open = timedParse(insert(`${'('.repeat(1000)}a`));
  assert.equal(open.errors.length, 1);
  assert.match(open.errors[0]!, new RegExp(`^deep\\.flink\\.sql:3:${PREFIX.length + MAX_NESTING_DEPTH + 1}: error: This expression is nested too deeply`));
  const not = timedParse(`${TABLES}INSERT INTO snk SELECT a FROM src WHERE ${'NOT '.repeat(1000)}a > 0;`);
  assert.equal(not.errors.length, 1);
  assert.match(not.errors[0]!, /nested too deeply/);
  for (const r of [minus, open, not]) assert.ok(r.ms < 1000, `took ${r.ms.toFixed(0)} ms`);
});

test('SUM over a 2,000-term chain is refused at the operator past the limit, not with a stack overflow', () => {
  const chain = Array(2000).fill('a').join('+');
  const { errors } = timedParse(insert(`SUM(${chain})`));
  assert.equal(errors.length, 1);
  // The select item and SUM( are a level each, every `+` one more: the 999th `+` (column 2 × 999
  // after the 'a' that starts the chain) passes the limit.
  const column = PREFIX.length + 'SUM('.length + 2 * 999;
  assert.equal(errors[0], `deep.flink.sql:3:${column}: error: This expression is too deep: more than 1000 levels of operators and nesting (a chain of n operators is n levels deep; Checkpoint Lab's limit)`);
  // compileJob reports the same, without throwing.
  const compiled = compileJob(insert(`SUM(${chain})`), { file: 'deep.flink.sql' });
  assert.equal(compiled.job, undefined);
  assert.match(compiled.diagnostics.map(formatDiagnostic).join('\n'), /too deep/);
});

test('a 1,000-term chain and 64 levels of nesting are within the limits: they plan and run', () => {
  const chain = Array(1000).fill('a').join(' + ');
  const sum = run(insert(chain));
  assert.deepEqual(sum.lines, ['+I[1000]', '+I[2000]', '+I[3000]']);
  const nested = run(insert(`${'('.repeat(MAX_NESTING_DEPTH - 1)}${'ABS('}a${')'.repeat(MAX_NESTING_DEPTH)}`));
  assert.deepEqual(nested.lines, ['+I[1]', '+I[2]', '+I[3]']);
  const negated = run(insert(`${'- '.repeat(MAX_NESTING_DEPTH)}a`));
  assert.deepEqual(negated.lines, ['+I[1]', '+I[2]', '+I[3]']);
  const or = run(`${TABLES}INSERT INTO snk SELECT a FROM src WHERE ${Array(500).fill('a = 2').join(' OR ')} OR a IS NOT NULL AND a = 3;`);
  assert.deepEqual(or.lines, ['+I[2]', '+I[3]']);
});

test('a binary file gets one error per statement, quickly, and no stack trace', () => {
  let seed = 7;
  const bytes: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes.push(String.fromCharCode(seed >>> 24));
  }
  const text = bytes.join('');
  const t0 = performance.now();
  const parsed = parseJobFile(text, 'blob.flink.sql');
  const ms = performance.now() - t0;
  const statements = text.split(';').length;
  assert.ok(parsed.diagnostics.length > 0);
  assert.ok(parsed.diagnostics.length <= statements * 2, `${parsed.diagnostics.length} diagnostics for ${statements} ';'-separated parts`);
  assert.ok(parsed.diagnostics.every((d) => d.range !== undefined));
  assert.ok(ms < 15_000, `took ${ms.toFixed(0)} ms`);
});
