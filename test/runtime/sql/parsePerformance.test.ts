// Measures (without asserting on time) the first and the warm parse of a ~600-line job file. Runs in
// its own process, so the first parse here includes the parser's one-time warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJobFile } from '../../../runtime/sql/parseJobFile.js';

const base = readFileSync('test/fixtures/sql/ordersPipeline.flink.sql', 'utf8');
const copies: string[] = [];
for (let i = 0; copies.join('\n').split('\n').length < 600; i++) {
  copies.push(base.replace(/\b(orders|user_totals|window_counts|big_orders)\b/g, `$1_${i}`));
}
const big = copies.join('\n');
const lines = big.split('\n').length;

let t0 = performance.now();
const first = parseJobFile(big);
const firstMs = performance.now() - t0;
t0 = performance.now();
const warm = parseJobFile(big);
const warmMs = performance.now() - t0;

test(`${lines}-line job file: first parse ${firstMs.toFixed(0)} ms, warm parse ${warmMs.toFixed(0)} ms`, () => {
  assert.ok(lines >= 600);
  assert.deepEqual(first.diagnostics, []);
  assert.equal(first.statements.length, copies.length * 10);
  assert.deepEqual(warm.statements, first.statements);
});
