// Diagnostics over a real LSP connection to the built server: syntax errors from the parser,
// semantic errors from the planner, non-determinism warnings, partial documents, rapid edits,
// a 600-line file, and stdout carrying nothing but protocol frames.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CLICKS, bigJob } from './fixtures.js';
import { LspTestClient, parseFrames } from './lspClient.js';

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

test('a valid job gets no diagnostics, also after the planner ran', async () => {
  await client.open('file:///w/valid.flink.sql', CLICKS);
  const d = await client.settled('file:///w/valid.flink.sql', 1);
  assert.deepEqual(d.diagnostics, []);
});

test('a syntax error is reported at its place with a Flink-user message', async () => {
  const text = CLICKS.replace('SELECT user_id, COUNT(*)', 'SELECT user_id COUNT(*)');
  await client.open('file:///w/syntax.flink.sql', text);
  const d = await client.waitForDiagnostics((x) => x.uri === 'file:///w/syntax.flink.sql');
  assert.equal(d.diagnostics.length, 1);
  const [e] = d.diagnostics;
  assert.equal(e!.severity, 1);
  assert.equal(e!.source, 'flink-sql');
  assert.equal(e!.range.start.line, 21); // 0-based: line 22 of the file, the SELECT
  assert.doesNotMatch(e!.message, /expecting|mismatched input/);
});

test('an unclosed string is reported where it starts', async () => {
  const text = CLICKS.replace("'connector' = 'print'", "'connector' = 'print");
  await client.open('file:///w/unclosed.flink.sql', text);
  const d = await client.waitForDiagnostics((x) => x.uri === 'file:///w/unclosed.flink.sql');
  const e = d.diagnostics.find((x) => /Unclosed string/.test(x.message));
  assert.ok(e, JSON.stringify(d.diagnostics));
  assert.deepEqual(e.range.start, { line: 17, character: 16 });
});

test('semantic errors come from the planner: unknown table, unknown column, unknown option', async () => {
  const uri = 'file:///w/semantic.flink.sql';
  const text = CLICKS.replace('FROM clicks', 'FROM clickz');
  await client.open(uri, text);
  const d = await client.settled(uri, 1);
  const e = d.diagnostics.find((x) => x.severity === 1);
  assert.ok(e && /clickz/.test(e.message), JSON.stringify(d.diagnostics));
  assert.equal(e.range.start.line, 22);

  await client.replace(uri, 2, CLICKS.replace('SELECT user_id, COUNT(*)', 'SELECT user_idd, COUNT(*)'));
  const d2 = await client.settled(uri, 2);
  assert.ok(d2.diagnostics.some((x) => /user_idd/.test(x.message) && x.range.start.line === 21), JSON.stringify(d2.diagnostics));

  await client.replace(uri, 3, CLICKS.replace("'number-of-rows' = '10'", "'number-of-row' = '10'"));
  const d3 = await client.settled(uri, 3);
  const opt = d3.diagnostics.find((x) => /number-of-row/.test(x.message));
  assert.ok(opt, JSON.stringify(d3.diagnostics));
  assert.match(opt.message, /number-of-rows/); // did you mean
});

test('a bad SET value and parallelism above max parallelism are errors at the value', async () => {
  const uri = 'file:///w/config.flink.sql';
  await client.open(uri, CLICKS.replace("'parallelism.default' = '4'", "'parallelism.default' = '256'"));
  const d = await client.settled(uri, 1);
  assert.ok(d.diagnostics.some((x) => x.severity === 1 && x.range.start.line <= 1), JSON.stringify(d.diagnostics));
});

test('an updating query into an append-only sink is an error', async () => {
  const uri = 'file:///w/append.flink.sql';
  const text = CLICKS.replace("'connector' = 'print'", "'connector' = 'filesystem', 'path' = '/tmp/out', 'format' = 'csv'");
  await client.open(uri, text);
  const d = await client.settled(uri, 1);
  assert.ok(d.diagnostics.some((x) => x.severity === 1 && /update|append/i.test(x.message)), JSON.stringify(d.diagnostics));
});

test('NOW(), RAND() and UUID() in a query get a warning about replay after a failure', async () => {
  const uri = 'file:///w/nondet.flink.sql';
  const text = CLICKS.replace('counts (\n  user_id STRING,', 'counts (\n  user_id STRING,\n  r DOUBLE,').replace(
    'SELECT user_id, COUNT(*) AS cnt',
    'SELECT user_id, RAND() AS r, COUNT(*) AS cnt',
  ).replace('GROUP BY user_id', 'GROUP BY user_id, RAND()');
  await client.open(uri, text);
  const d = await client.waitForDiagnostics((x) => x.uri === uri);
  const warnings = d.diagnostics.filter((x) => x.code === 'non-deterministic');
  assert.equal(warnings.length, 2);
  assert.equal(warnings[0]!.severity, 2);
  assert.match(warnings[0]!.message, /RAND\(\) is not deterministic.*failure.*replays/);
  assert.match(warnings[1]!.message, /different group/);
  // A deterministic function is not flagged.
  await client.replace(uri, 2, CLICKS.replace('SELECT user_id,', 'SELECT UPPER(user_id),'));
  const d2 = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2);
  assert.equal(d2.diagnostics.filter((x) => x.code === 'non-deterministic').length, 0);
});

test('a partial document (a statement being typed) reports that statement only', async () => {
  const uri = 'file:///w/partial.flink.sql';
  await client.open(uri, CLICKS + '\nINSERT INTO counts SELECT user_id, FROM');
  const d = await client.waitForDiagnostics((x) => x.uri === uri);
  assert.ok(d.diagnostics.length >= 1);
  assert.ok(d.diagnostics.every((x) => x.range.start.line >= 25), JSON.stringify(d.diagnostics));
});

test('rapid edits: every publish names its version and the last one wins', async () => {
  const uri = 'file:///w/rapid.flink.sql';
  await client.open(uri, CLICKS);
  await client.settled(uri, 1);
  const from = client.received.length;
  // Type "SELEC" one character at a time over "SELECT" being retyped, then fix it.
  let text = CLICKS.replace('SELECT user_id, COUNT', 'S user_id, COUNT');
  for (let v = 2; v <= 6; v++) {
    await client.replace(uri, v, text);
    text = text.replace(/\bS(E?L?E?C?) user_id/, (_m, s: string) => `S${'ELECT'.slice(0, s.length + 1)} user_id`);
  }
  await client.replace(uri, 7, CLICKS);
  const last = await client.settled(uri, 7, from);
  assert.deepEqual(last.diagnostics, []);
  const versions = client.received.slice(from).filter((x) => x.uri === uri).map((x) => x.version);
  assert.ok(versions.every((v, i) => i === 0 || v! >= versions[i - 1]!), `versions out of order: ${versions}`);
  assert.equal(versions.at(-1), 7);
});

test('a 600-line file is diagnosed, and an edit re-reports only what changed', async () => {
  const uri = 'file:///w/big.flink.sql';
  const text = bigJob();
  assert.ok(text.split('\n').length >= 600);
  await client.open(uri, text);
  const d = await client.settled(uri, 1);
  assert.deepEqual(d.diagnostics, []);
  const from = client.received.length;
  // Break one statement in the middle of the file.
  const line = text.split('\n').findIndex((l, i) => i > 300 && l.startsWith('FROM orders_'));
  await client.edit(uri, 2, { start: { line, character: 0 }, end: { line, character: 4 } }, 'FORM');
  const d2 = await client.waitForDiagnostics((x) => x.uri === uri && x.version === 2, from);
  assert.equal(d2.diagnostics.length, 1);
  assert.ok(Math.abs(d2.diagnostics[0]!.range.start.line - line) <= 1, JSON.stringify(d2.diagnostics));
});

test('stdout carries nothing but framed protocol messages', () => {
  const frames = parseFrames(client.rawStdout());
  assert.ok(frames.length > 10);
  assert.ok(frames.every((f) => (f as { jsonrpc?: string }).jsonrpc === '2.0'));
});
