// Statements: SET, CREATE TABLE, CREATE VIEW, INSERT, statement sets, EXPLAIN, bare SELECT, FROM forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Statement } from '../../../runtime/sql/ast.js';
import { parseJobFile } from '../../../runtime/sql/parseJobFile.js';
import { parseClean, query, r, show, strip } from './astHelpers.js';

function only<K extends Statement['kind']>(text: string, kind: K): Extract<Statement, { kind: K }> {
  const statements = parseClean(text);
  assert.equal(statements.length, 1);
  assert.equal(statements[0]!.kind, kind);
  return statements[0] as Extract<Statement, { kind: K }>;
}

test('SET with quoted and unquoted keys, exact key/value ranges', () => {
  const s = only("SET 'execution.checkpointing.interval' = '10 s';", 'set');
  assert.deepEqual(strip(s), { kind: 'set', key: 'execution.checkpointing.interval', value: '10 s' });
  assert.equal(r(s.keyRange), '1:5-1:39');
  assert.equal(r(s.valueRange), '1:42-1:48');
  assert.equal(r(s.range), '1:1-1:48');
  assert.deepEqual(strip(only('SET pipeline.my_key = 4', 'set')), { kind: 'set', key: 'pipeline.my_key', value: '4' });
  assert.deepEqual(strip(only("SET 'pipeline.name' = 'it''s'", 'set')), { kind: 'set', key: 'pipeline.name', value: "it's" });
});

test('CREATE TABLE: columns, computed column, watermark, primary key, comment, options', () => {
  const text = [
    'CREATE TEMPORARY TABLE IF NOT EXISTS db.orders (',
    "  id BIGINT NOT NULL COMMENT 'the id',",
    '  name VARCHAR(10),',
    '  ts TIMESTAMP(3),',
    '  total AS price * qty,',
    '  price DECIMAL(10, 2),',
    "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,",
    '  PRIMARY KEY (id) NOT ENFORCED',
    ") COMMENT 'orders' WITH (",
    "  'connector' = 'datagen',",
    "  'fields.name.regex' = 'it''s'",
    ');',
  ].join('\n');
  const t = only(text, 'createTable');
  assert.equal(t.name.text, 'db.orders');
  assert.ok(t.temporary && t.ifNotExists);
  assert.equal(t.comment, 'orders');
  assert.deepEqual(
    t.columns.map((c) => (c.kind === 'physical' ? [c.name, c.typeText, c.comment] : [c.name, show(c.expression)])),
    [['id', 'BIGINT NOT NULL', 'the id'], ['name', 'VARCHAR(10)', undefined], ['ts', 'TIMESTAMP(3)', undefined], ['total', '(price * qty)'], ['price', 'DECIMAL(10, 2)', undefined]],
  );
  const id = t.columns[0]!;
  assert.equal(r(id.range), '2:3-2:38');
  assert.equal(r(id.kind === 'physical' ? id.typeRange : undefined), '2:6-2:21');
  assert.equal(t.watermark?.column, 'ts');
  assert.equal(show(t.watermark!.expression), '(ts - interval)');
  assert.equal(r(t.watermark!.range), '7:3-7:47');
  assert.deepEqual(strip(t.primaryKey), { columns: [{ name: 'id', quoted: false }], declaredOn: 'table' });
  assert.deepEqual(strip(t.options), [{ key: 'connector', value: 'datagen' }, { key: 'fields.name.regex', value: "it's" }]);
  assert.equal(r(t.options[0]!.keyRange), '10:3-10:14');
  assert.equal(r(t.options[0]!.valueRange), '10:17-10:26');
});

test('CREATE TABLE: column-level primary key and a backquoted reserved name', () => {
  const t = only("CREATE TABLE `out` (`user` STRING PRIMARY KEY NOT ENFORCED, v INT) WITH ('connector' = 'print')", 'createTable');
  assert.equal(t.name.text, 'out');
  assert.deepEqual(strip(t.primaryKey), { columns: [{ name: 'user', quoted: true }], declaredOn: 'column' });
  assert.equal(t.columns[0]!.kind === 'physical' && t.columns[0]!.typeText, 'STRING');
});

test('CREATE VIEW and INSERT INTO with a column list', () => {
  const v = only('CREATE TEMPORARY VIEW big AS SELECT id, price FROM orders WHERE price > 10', 'createView');
  assert.ok(v.temporary);
  assert.equal(v.name.text, 'big');
  assert.equal(show(v.query.where!), '(price > 10)');
  const i = only('INSERT INTO sink (a, b) SELECT id, name FROM orders', 'insert');
  assert.equal(i.table.text, 'sink');
  assert.deepEqual(i.columns?.map((c) => c.name), ['a', 'b']);
  assert.equal(i.query.items.length, 2);
  assert.equal(r(i.range), '1:1-1:52');
});

test('statement sets in both syntaxes', () => {
  const a = only('EXECUTE STATEMENT SET BEGIN\nINSERT INTO s1 SELECT a FROM t;\nINSERT INTO s2 SELECT CASE WHEN b THEN 1 END FROM t;\nEND;', 'statementSet');
  assert.deepEqual(a.inserts.map((i) => i.table.text), ['s1', 's2']);
  assert.equal(r(a.range), '1:1-4:4');
  const statements = parseClean('BEGIN STATEMENT SET;\nINSERT INTO s1 SELECT a FROM t;\nINSERT INTO s2 SELECT b FROM t;\nEND;\nSET \'a\' = \'b\';');
  assert.deepEqual(statements.map((s) => s.kind), ['statementSet', 'set']);
  assert.equal(statements[0]!.kind === 'statementSet' && statements[0]!.inserts.length, 2);
});

test('EXPLAIN of an insert, a query and a statement set', () => {
  const e1 = only('EXPLAIN PLAN FOR INSERT INTO s SELECT a FROM t', 'explain');
  assert.equal(e1.statement.kind, 'insert');
  const e2 = only('EXPLAIN CHANGELOG_MODE SELECT a FROM t', 'explain');
  assert.deepEqual([e2.details, e2.statement.kind], [['CHANGELOG_MODE'], 'query']);
  const e3 = only('EXPLAIN STATEMENT SET BEGIN INSERT INTO s SELECT a FROM t; END', 'explain');
  assert.equal(e3.statement.kind, 'statementSet');
});

test('a bare SELECT with DISTINCT, stars, GROUP BY and HAVING', () => {
  const q = query('SELECT DISTINCT t.*, *, k, COUNT(*) AS c FROM t AS x GROUP BY k, (a, b) HAVING COUNT(*) > 1');
  assert.ok(q.distinct);
  assert.deepEqual(strip(q.items.slice(0, 2)), [{ kind: 'star', qualifier: [{ name: 't', quoted: false }] }, { kind: 'star' }]);
  assert.deepEqual(strip(q.from), { kind: 'table', name: { parts: [{ name: 't', quoted: false }], text: 't' }, alias: { name: 'x', quoted: false } });
  assert.deepEqual(q.groupBy?.map(show), ['k', 'a', 'b']);
  assert.equal(show(q.having!), '(COUNT(*) > 1)');
  const noFrom = query('SELECT 1');
  assert.equal(noFrom.from, undefined);
});

test('FROM a subquery with an alias', () => {
  const q = query('SELECT x FROM (SELECT a AS x FROM t WHERE a > 0) AS s');
  assert.ok(q.from?.kind === 'subquery' && q.from.alias?.name === 's');
  assert.equal(q.from.kind === 'subquery' && show(q.from.query.where!), '(a > 0)');
});

test('window TVFs: TUMBLE, HOP, CUMULATE, named arguments, offset and alias', () => {
  const tumble = query("SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end").from;
  assert.deepEqual(strip(tumble), {
    kind: 'windowTvf', window: 'TUMBLE', table: { parts: [{ name: 'orders', quoted: false }], text: 'orders' },
    timeColumn: { name: 'ts', quoted: false }, size: { kind: 'interval', value: '10', from: 'SECOND' },
  });
  assert.equal(r(tumble!.range), '1:36-1:101');
  const hop = query("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) w").from;
  assert.ok(hop?.kind === 'windowTvf' && hop.window === 'HOP' && hop.slide?.value === '1' && hop.size.value === '5' && hop.alias?.name === 'w');
  const cumulate = query("SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR, INTERVAL '5' SECOND)) AS c").from;
  assert.ok(cumulate?.kind === 'windowTvf' && cumulate.step?.from === 'MINUTE' && cumulate.size.from === 'HOUR' && cumulate.offset?.from === 'SECOND' && cumulate.alias?.name === 'c');
  const named = query("SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' SECOND))").from;
  assert.ok(named?.kind === 'windowTvf' && named.table.text === 't' && named.timeColumn.name === 'ts' && named.size.from === 'SECOND');
});

test('comments are ignored and multiple statements keep file order', () => {
  const text = "-- a comment; with a semicolon\nSET 'a' = 'b'; /* block ; comment */\n/* multi\nline */ SELECT a -- trailing\nFROM t;";
  const statements = parseClean(text);
  assert.deepEqual(statements.map((s) => s.kind), ['set', 'query']);
  assert.equal(r(statements[1]!.range), '4:9-5:7');
});

test('positions count UTF-16 code units after astral characters', () => {
  const parsed = parseJobFile("SET 'a' = '😀😀'; SET 'b' = 'c';");
  assert.deepEqual(parsed.diagnostics, []);
  const second = parsed.statements[1]!;
  assert.ok(second.kind === 'set');
  assert.equal(r(second.valueRange), '1:29-1:32'); // code points would give 1:27
});
