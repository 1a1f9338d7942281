// Expressions: every expression kind, precedence, literals and string unescaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expr, query, r, show, strip } from './astHelpers.js';

test('arithmetic and boolean precedence follows the grammar tree', () => {
  assert.equal(show(expr('a + b * c')), '(a + (b * c))');
  assert.equal(show(expr('a * b + c')), '((a * b) + c)');
  assert.equal(show(expr('a - b - c')), '((a - b) - c)');
  assert.equal(show(expr('(a + b) * c')), '((a + b) * c)');
  assert.equal(show(expr('-a * b')), '((- a) * b)');
  assert.equal(show(expr('a % 2 = 0')), '((a % 2) = 0)');
  assert.equal(show(expr("a || 'x' = b")), "((a || 'x') = b)");
  assert.equal(show(query('SELECT a FROM t WHERE NOT a AND b').where!), '((NOT a) AND b)');
  assert.equal(show(query('SELECT a FROM t WHERE a OR b AND c').where!), '(a OR (b AND c))');
  assert.equal(show(query('SELECT a FROM t WHERE NOT a = b').where!), '(NOT (a = b))');
  assert.equal(show(query('SELECT a FROM t WHERE a = 1 OR b IS NULL AND c').where!), '((a = 1) OR ((b IS NULL) AND c))');
});

test('a select item that starts with a column is not misread as column + alias expression', () => {
  assert.equal(show(expr('a - 1')), '(a - 1)');
  assert.equal(show(expr('a + 1')), '(a + 1)');
  const q = query('SELECT a - 1 AS x, b y FROM t');
  assert.deepEqual(q.items.map((i) => (i.kind === 'expression' ? [show(i.expression), i.alias?.name] : [])), [['(a - 1)', 'x'], ['b', 'y']]);
});

test('comparison operators keep their spelling', () => {
  for (const op of ['=', '<>', '!=', '<', '<=', '>', '>=']) {
    const e = expr(`a ${op} b`);
    assert.equal(e.kind === 'binary' && e.operator, op);
  }
});

test('numeric literals keep their text and kind', () => {
  assert.deepEqual(strip(expr('42')), { kind: 'numeric', numericKind: 'integer', text: '42' });
  assert.deepEqual(strip(expr('1.50')), { kind: 'numeric', numericKind: 'decimal', text: '1.50' });
  assert.deepEqual(strip(expr('1e3')), { kind: 'numeric', numericKind: 'approximate', text: '1e3' });
  assert.deepEqual(strip(expr('-7')), { kind: 'unary', operator: '-', operand: { kind: 'numeric', numericKind: 'integer', text: '7' } });
});

test("string literals are unquoted and '' becomes '", () => {
  assert.deepEqual(strip(expr("'it''s'")), { kind: 'string', value: "it's" });
  assert.deepEqual(strip(expr("''")), { kind: 'string', value: '' });
  assert.deepEqual(strip(expr("'a--b /* c */'")), { kind: 'string', value: 'a--b /* c */' });
});

test('boolean, null, date/time literals', () => {
  assert.deepEqual(strip(expr('TRUE')), { kind: 'boolean', value: true });
  assert.deepEqual(strip(expr('false')), { kind: 'boolean', value: false });
  assert.deepEqual(strip(expr('NULL')), { kind: 'null' });
  assert.deepEqual(strip(expr("DATE '2024-01-31'")), { kind: 'temporal', type: 'DATE', value: '2024-01-31' });
  assert.deepEqual(strip(expr("TIME '10:00:00'")), { kind: 'temporal', type: 'TIME', value: '10:00:00' });
  const ts = expr("TIMESTAMP '2024-01-31 10:00:00.123'");
  assert.deepEqual(strip(ts), { kind: 'temporal', type: 'TIMESTAMP', value: '2024-01-31 10:00:00.123' });
  assert.equal(r(ts.kind === 'temporal' ? ts.valueRange : undefined), '1:18-1:43');
});

test('interval literals: single units and ranges', () => {
  for (const unit of ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR']) {
    assert.deepEqual(strip(expr(`INTERVAL '5' ${unit}`)), { kind: 'interval', value: '5', from: unit });
  }
  assert.deepEqual(strip(expr("INTERVAL '1:30' MINUTE TO SECOND")), { kind: 'interval', value: '1:30', from: 'MINUTE', to: 'SECOND' });
  assert.deepEqual(strip(expr("INTERVAL '1 02:03:04' DAY TO SECOND")), { kind: 'interval', value: '1 02:03:04', from: 'DAY', to: 'SECOND' });
  const e = expr("INTERVAL '2' hour");
  assert.equal(r(e.range), '1:8-1:25');
  assert.equal(r(e.kind === 'interval' ? e.valueRange : undefined), '1:17-1:20');
});

test('column references: qualified, backquoted, case kept', () => {
  assert.deepEqual(strip(expr('t.Col')), { kind: 'column', parts: [{ name: 't', quoted: false }, { name: 'Col', quoted: false }] });
  assert.deepEqual(strip(expr('`my col`')), { kind: 'column', parts: [{ name: 'my col', quoted: true }] });
  assert.deepEqual(strip(expr('`a``b`')), { kind: 'column', parts: [{ name: 'a`b', quoted: true }] });
  assert.deepEqual(strip(expr('t.`out`')), { kind: 'column', parts: [{ name: 't', quoted: false }, { name: 'out', quoted: true }] });
});

test('function calls: names uppercased, text kept, COUNT(*), DISTINCT, niladic, PROCTIME()', () => {
  assert.deepEqual(strip(expr('my_Udf(a, 1)')), {
    kind: 'call', name: 'MY_UDF', nameText: 'my_Udf', distinct: false, star: false, niladic: false,
    args: [{ kind: 'column', parts: [{ name: 'a', quoted: false }] }, { kind: 'numeric', numericKind: 'integer', text: '1' }],
  });
  const count = expr('count(*)');
  assert.ok(count.kind === 'call' && count.star && count.name === 'COUNT' && count.args.length === 0);
  const distinct = expr('COUNT(DISTINCT user_id)');
  assert.ok(distinct.kind === 'call' && distinct.distinct && !distinct.star);
  const sum = expr('SUM(DISTINCT x)');
  assert.ok(sum.kind === 'call' && sum.distinct && sum.name === 'SUM');
  assert.deepEqual(strip(expr('CURRENT_TIMESTAMP')), { kind: 'call', name: 'CURRENT_TIMESTAMP', nameText: 'CURRENT_TIMESTAMP', distinct: false, star: false, niladic: true, args: [] });
  const p = expr('PROCTIME()');
  assert.ok(p.kind === 'call' && p.name === 'PROCTIME' && p.args.length === 0 && !p.niladic);
  const diff = expr('TIMESTAMPDIFF(SECOND, a, b)');
  assert.equal(diff.kind === 'call' && diff.args[0]!.kind === 'symbol' && diff.args[0]!.name, 'SECOND');
});

test('IS, BETWEEN, IN, LIKE with their negations', () => {
  assert.equal(show(expr('a IS NULL')), '(a IS NULL)');
  assert.equal(show(expr('a IS NOT NULL')), '(a IS NOT NULL)');
  assert.equal(show(expr('a IS TRUE')), '(a IS TRUE)');
  assert.equal(show(expr('a IS NOT FALSE')), '(a IS NOT FALSE)');
  assert.equal(show(expr('a IS UNKNOWN')), '(a IS UNKNOWN)');
  assert.equal(show(expr('a BETWEEN 1 AND b + 1')), '(a BETWEEN 1 AND (b + 1))');
  assert.equal(show(expr('a NOT BETWEEN 1 AND 2')), '(a NOT BETWEEN 1 AND 2)');
  assert.equal(show(expr("a IN (1, 2, 'x')")), "(a IN [1, 2, 'x'])");
  assert.equal(show(expr('a NOT IN (1)')), '(a NOT IN [1])');
  assert.equal(show(expr("a LIKE 'x%'")), "(a LIKE 'x%')");
  const like = expr("a NOT LIKE 'x!%%' ESCAPE '!'");
  assert.ok(like.kind === 'like' && like.negated && like.escape?.value === '!');
  assert.equal(show(query("SELECT a FROM t WHERE a BETWEEN 1 AND 2 AND b LIKE 'x'").where!), "((a BETWEEN 1 AND 2) AND (b LIKE 'x'))");
});

test('CASE (searched and simple), CAST, TRY_CAST, EXTRACT', () => {
  const searched = expr("CASE WHEN a > 1 THEN 'big' WHEN a IS NULL THEN NULL ELSE 'small' END");
  assert.ok(searched.kind === 'case' && !searched.operand && searched.whens.length === 2 && searched.else?.kind === 'string');
  assert.equal(show(searched.kind === 'case' ? searched.whens[0]!.when : searched), '(a > 1)');
  const simple = expr("CASE status WHEN 1 THEN 'a' END");
  assert.ok(simple.kind === 'case' && simple.operand?.kind === 'column' && simple.whens.length === 1 && !simple.else);
  const cast = expr('CAST(a AS DECIMAL(10, 2))');
  assert.ok(cast.kind === 'cast' && !cast.try && cast.typeText === 'DECIMAL(10, 2)');
  assert.equal(r(cast.kind === 'cast' ? cast.typeRange : undefined), '1:18-1:32');
  const tryCast = expr('TRY_CAST(s AS INT)');
  assert.ok(tryCast.kind === 'cast' && tryCast.try && tryCast.typeText === 'INT' && tryCast.operand.kind === 'column');
  const extract = expr('EXTRACT(HOUR FROM ts)');
  assert.ok(extract.kind === 'extract' && extract.unit === 'HOUR' && extract.operand.kind === 'column');
  assert.equal(r(extract.kind === 'extract' ? extract.unitRange : undefined), '1:16-1:20');
});

test('expression ranges are exact', () => {
  const e = expr('a + b * c');
  assert.ok(e.kind === 'binary');
  assert.equal(r(e.range), '1:8-1:17');
  assert.equal(r(e.operatorRange), '1:10-1:11');
  assert.equal(r(e.right.range), '1:12-1:17');
  const q = query('SELECT\n  price * 2   AS doubled\nFROM t');
  assert.equal(r(q.items[0]!.range), '2:3-2:25');
});
