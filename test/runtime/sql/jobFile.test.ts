// A realistic job file (test/fixtures/sql/ordersPipeline.flink.sql) parsed end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJobFile } from '../../../runtime/sql/parseJobFile.js';
import { r, show } from './astHelpers.js';

const FILE = 'test/fixtures/sql/ordersPipeline.flink.sql';

test('the orders pipeline parses into the expected statements', () => {
  const { statements, diagnostics } = parseJobFile(readFileSync(FILE, 'utf8'), FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(statements.map((s) => s.kind), ['set', 'set', 'set', 'createTable', 'createTable', 'createTable', 'createView', 'insert', 'insert', 'statementSet']);

  const sets = statements.filter((s) => s.kind === 'set');
  assert.deepEqual(sets.map((s) => s.kind === 'set' && [s.key, s.value]), [
    ['execution.checkpointing.interval', '10 s'], ['parallelism.default', '4'], ['pipeline.name', 'orders-pipeline'],
  ]);

  const orders = statements[3]!;
  assert.ok(orders.kind === 'createTable');
  assert.equal(r(orders.range), '10:1-24:2');
  assert.deepEqual(orders.columns.map((c) => (c.kind === 'physical' ? `${c.name}: ${c.typeText}` : `${c.name} AS ${show(c.expression)}`)), [
    'order_id: BIGINT NOT NULL', 'user_id: STRING', 'amount: DECIMAL(10, 2)', 'currency: VARCHAR(3)', 'order_time: TIMESTAMP(3)', 'proc_time AS PROCTIME()',
  ]);
  assert.equal(orders.watermark?.column, 'order_time');
  assert.equal(r(orders.watermark!.columnRange), '17:17-17:27');
  assert.deepEqual(orders.primaryKey?.columns.map((c) => c.name), ['order_id']);
  assert.equal(orders.comment, 'incoming orders');
  assert.deepEqual(orders.options.map((o) => o.key), ['connector', 'rows-per-second', 'fields.user_id.length', 'fields.currency.kind']);

  const totals = statements[4]!;
  assert.ok(totals.kind === 'createTable');
  assert.equal(totals.options[1]!.value, "user's totals");
  assert.ok(statements[5]!.kind === 'createTable' && statements[5]!.temporary);

  const view = statements[6]!;
  assert.ok(view.kind === 'createView');
  assert.equal(show(view.query.where!), "(((amount > 100.00) AND (currency IN ['EUR', 'USD'])) AND (user_id IS NOT NULL))");

  const windowed = statements[8]!;
  assert.ok(windowed.kind === 'insert' && windowed.query.from?.kind === 'windowTvf');
  assert.equal(windowed.query.from.kind === 'windowTvf' && windowed.query.from.size.from, 'MINUTE');

  const set = statements[9]!;
  assert.ok(set.kind === 'statementSet');
  assert.deepEqual(set.inserts.map((i) => i.table.text), ['user_totals', 'window_counts']);
  assert.equal(r(set.range), '60:1-68:4');
  const hop = set.inserts[1]!.query.from;
  assert.ok(hop?.kind === 'windowTvf' && hop.window === 'HOP' && hop.slide?.value === '10');
});
