// The editing features over a real LSP connection to the built server: completion, hover, code
// lenses, document symbols, definition, references, rename, formatting, the custom requests, and a
// request with wrong params answered with an error while the server stays up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { JOB_COMMANDS, jobGraphRequest, keyPlacementRequest, type JobCommandArgs, type JobGraphResult, type KeyPlacementResult } from '../../protocol/index.js';
import { CLICKS } from './fixtures.js';
import { LspTestClient } from './lspClient.js';

const URI = 'file:///w/clicks.flink.sql';
let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
  await client.open(URI, CLICKS);
  await client.settled(URI, 1);
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

/** The 0-based position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function at(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset + delta).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

async function completeIn(uri: string, text: string, version: number, position: { line: number; character: number }): Promise<CompletionItem[]> {
  await client.replace(uri, version, text);
  return client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
}

test('completion: SET keys with docs, then their allowed values', async () => {
  const uri = 'file:///w/complete-set.flink.sql';
  await client.open(uri, '');
  const keys = await completeIn(uri, "SET 'execution.checkpointing.", 2, { line: 0, character: 29 });
  const interval = keys.find((k) => k.label === 'execution.checkpointing.interval');
  assert.ok(interval, keys.map((k) => k.label).join());
  assert.match(JSON.stringify(interval.documentation), /interval/i);
  assert.deepEqual(interval.textEdit && 'range' in interval.textEdit ? interval.textEdit.range.start : undefined, { line: 0, character: 5 });
  const values = await completeIn(uri, "SET 'execution.checkpointing.mode' = '", 3, { line: 0, character: 38 });
  assert.deepEqual(values.map((v) => v.label).sort(), ['AT_LEAST_ONCE', 'EXACTLY_ONCE']);
});

test('completion: statement keywords at the start, connector names, connector options with defaults', async () => {
  const uri = 'file:///w/complete-with.flink.sql';
  await client.open(uri, '');
  const start = await completeIn(uri, CLICKS + '\n', 2, { line: 25, character: 0 });
  assert.ok(['SET', 'CREATE TABLE', 'INSERT INTO', 'EXECUTE STATEMENT SET'].every((k) => start.some((s) => s.label === k)));

  const draft = "CREATE TABLE t (\n  id BIGINT,\n  name STRING\n) WITH (\n  'connector' = '";
  const connectors = await completeIn(uri, draft, 3, { line: 4, character: 17 });
  assert.ok(['datagen', 'filesystem', 'print', 'blackhole', 'kafka'].every((c) => connectors.some((x) => x.label === c)));
  assert.match(connectors.find((c) => c.label === 'kafka')!.detail!, /not run by Checkpoint Lab/);

  const withDatagen = "CREATE TABLE t (\n  id BIGINT,\n  name STRING\n) WITH (\n  'connector' = 'datagen',\n  '";
  const options = await completeIn(uri, withDatagen, 4, { line: 5, character: 3 });
  const rps = options.find((o) => o.label === 'rows-per-second');
  assert.ok(rps);
  assert.match(rps.detail!, /10000/);
  assert.ok(options.some((o) => o.label === 'fields.id.kind'), 'datagen field options for the declared columns');
  assert.ok(options.some((o) => o.label === 'fields.name.length'));
});

test('completion: tables after FROM, columns with types in a query and after a qualifier, functions with signatures', async () => {
  const uri = 'file:///w/complete-query.flink.sql';
  await client.open(uri, '');
  const base = CLICKS.replace(/INSERT INTO counts[\s\S]*$/, '');
  const tables = await completeIn(uri, base + 'INSERT INTO counts SELECT user_id FROM ', 2, { line: 20, character: 39 });
  assert.deepEqual(tables.map((t) => t.label).sort(), ['clicks', 'counts']);

  const cols = await completeIn(uri, base + 'INSERT INTO counts SELECT  FROM clicks', 3, { line: 20, character: 26 });
  const ts = cols.find((c) => c.label === 'ts');
  assert.equal(ts?.detail, 'TIMESTAMP(3)');
  const upper = cols.find((c) => c.label === 'UPPER');
  assert.match(upper!.detail!, /UPPER\(/);
  assert.ok(cols.some((c) => c.label === 'COUNT'));
  assert.ok(cols.some((c) => c.label === 'WHERE' || c.label === 'FROM'));

  const qualified = await completeIn(uri, base + 'INSERT INTO counts SELECT c. FROM clicks AS c', 4, { line: 20, character: 28 });
  assert.deepEqual(qualified.map((c) => c.label).sort(), ['ts', 'url', 'user_id']);
});

test('hover: config key, connector option, function, table schema, column type', async () => {
  const hoverAt = (position: { line: number; character: number }) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position });
  const text = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

  assert.match(text(await hoverAt(at(CLICKS, 'parallelism.default', 3))), /parallelism\.default\*\* · int · default `1`/);
  assert.match(text(await hoverAt(at(CLICKS, 'number-of-rows', 2))), /total number of rows/);
  assert.match(text(await hoverAt(at(CLICKS, "'datagen'", 2))), /datagen\*\* connector/);
  assert.match(text(await hoverAt(at(CLICKS, 'COUNT(*)', 1))), /COUNT\(\*\) → BIGINT/);
  const table = text(await hoverAt(at(CLICKS, 'FROM clicks', 6)));
  assert.match(table, /TABLE clicks\*\* · connector `datagen`/);
  assert.match(table, /ts TIMESTAMP\(3\)/);
  assert.match(table, /WATERMARK FOR ts/);
  assert.match(text(await hoverAt(at(CLICKS, 'SELECT user_id', 8))), /`user_id` `STRING` in table `clicks`/);
  assert.equal(await hoverAt({ line: 2, character: 0 }), null);
});

test('hover on a GROUP BY key shows how the stream is partitioned', async () => {
  const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at(CLICKS, 'GROUP BY user_id', 10) });
  const value = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(value, /hashed by user_id into 128 key groups \(pipeline\.max-parallelism\) over 4 subtasks/);
  assert.match(value, /subtask 0: key groups 0–31/);
  assert.match(value, /subtask 3: key groups 96–127/);
});

test('code lenses: Run | Debug | Explain | Partitions over each INSERT, with typed arguments', async () => {
  const uri = 'file:///w/lenses.flink.sql';
  const text = CLICKS + "\nEXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO counts SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\nEND;\n";
  await client.open(uri, text);
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, 8);
  assert.deepEqual(lenses.slice(0, 4).map((l) => [l.command!.title, l.command!.command]), JOB_COMMANDS.map((c) => [c.title, c.id]));
  assert.deepEqual(lenses.slice(4).map((l) => l.command!.command), ['checkpointLab.runJob', 'checkpointLab.debugJob', 'checkpointLab.explainJob', 'checkpointLab.showPartitions']);
  const args = lenses[0]!.command!.arguments![0] as JobCommandArgs;
  assert.deepEqual(args, { uri, line: 21, sinkTables: ['counts'] });
  assert.equal(lenses[0]!.range.start.line, 20);
  assert.equal((lenses[4]!.command!.arguments![0] as JobCommandArgs).line, 26);
});

test('document symbols: tables with columns, the INSERT, the SET keys', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.deepEqual(symbols.map((s) => s.name), ['parallelism.default', 'pipeline.max-parallelism', 'clicks', 'counts', 'INSERT INTO counts']);
  const clicks = symbols[2]!;
  assert.equal(clicks.detail, 'TABLE · datagen');
  assert.deepEqual(clicks.children!.map((c) => [c.name, c.detail]), [['user_id', 'STRING'], ['url', 'STRING'], ['ts', 'TIMESTAMP(3)']]);
  assert.deepEqual(clicks.selectionRange, { start: { line: 3, character: 13 }, end: { line: 3, character: 19 } });
});

test('go to definition and find references for a table and a column', async () => {
  const def = await client.request<Location>('textDocument/definition', { textDocument: { uri: URI }, position: at(CLICKS, 'FROM clicks', 7) });
  assert.deepEqual(def.range, { start: { line: 3, character: 13 }, end: { line: 3, character: 19 } });
  const colDef = await client.request<Location>('textDocument/definition', { textDocument: { uri: URI }, position: at(CLICKS, 'GROUP BY user_id', 10) });
  assert.deepEqual(colDef.range.start, { line: 4, character: 2 });

  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at(CLICKS, 'clicks (', 1), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => r.range.start.line), [3, 22]);
  const colRefs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at(CLICKS, '  ts ', 3), context: { includeDeclaration: false } });
  assert.deepEqual(colRefs.map((r) => r.range.start), [{ line: 7, character: 16 }, { line: 7, character: 22 }]);
});

test('rename of a table edits its declaration and every reference; columns cannot be renamed', async () => {
  const prep = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: at(CLICKS, 'INTO counts', 6) });
  assert.equal(prep.placeholder, 'counts');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position: at(CLICKS, 'INTO counts', 6), newName: 'user_counts' });
  const edits = edit.changes![URI]!;
  assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[13, 'user_counts'], [20, 'user_counts']]);
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri: URI }, position: at(CLICKS, 'INTO counts', 6), newName: 'clicks' }),
    /already exists/,
  );
  assert.equal(await client.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: at(CLICKS, 'SELECT user_id', 8) }), null);
});

test('formatting upper-cases keywords and indents clauses, never touching names or strings', async () => {
  const uri = 'file:///w/format.flink.sql';
  // `key` is a keyword that is also a column name here: it must keep its case.
  const messy = "set 'parallelism.default' = '2';\ncreate table `select` (\nid bigint,\n    key int,\n  name string   \n) with (\n'connector' = 'datagen'\n);\ncreate table out_t (id bigint, key int) with ('connector' = 'print');\ninsert into out_t\n   select id, key from `select` where name like 'select%';\n";
  await client.open(uri, messy);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  const lines = messy.split('\n');
  for (const e of [...edits].reverse()) {
    const l = lines[e.range.start.line]!;
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  const formatted = lines.join('\n');
  assert.equal(
    formatted,
    "SET 'parallelism.default' = '2';\nCREATE TABLE `select` (\n  id BIGINT,\n  key INT,\n  name STRING\n) WITH (\n  'connector' = 'datagen'\n);\nCREATE TABLE out_t (id BIGINT, key INT) WITH ('connector' = 'print');\nINSERT INTO out_t\nSELECT id, key FROM `select` WHERE name LIKE 'select%';\n",
  );
  // Formatting a formatted file changes nothing.
  await client.replace(uri, 2, formatted);
  assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
});

test('custom request checkpointLab/jobGraph: vertices, partitioners, key-group ranges', async () => {
  const g = await client.request<JobGraphResult>(jobGraphRequest.method, { uri: URI });
  assert.ok(g.ok);
  const keyed = g.vertices.filter((v) => v.key);
  assert.equal(keyed.length, 1);
  assert.deepEqual(keyed[0]!.key!.names, ['user_id']);
  assert.equal(keyed[0]!.maxParallelism, 128);
  assert.equal(keyed[0]!.key!.ranges.length, 4);
  assert.ok(g.edges.some((e) => e.partitioner === 'HASH' && e.keyNames?.[0] === 'user_id'));
  assert.match(g.explain, /HASH/);

  const uri = 'file:///w/broken-graph.flink.sql';
  await client.open(uri, CLICKS.replace('FROM clicks', 'FROM nowhere'));
  const bad = await client.request<JobGraphResult>(jobGraphRequest.method, { uri });
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.errors.some((e) => /^23:\d+: .*nowhere/.test(e)), JSON.stringify(bad));
});

test('custom request checkpointLab/keyPlacement: key → key group → subtask as the runtime computes it', async () => {
  const r = await client.request<KeyPlacementResult>(keyPlacementRequest.method, { uri: URI, keys: ['user-1', ['user-2'], 7] });
  assert.ok(r.ok);
  const v = r.vertices[0]!;
  assert.deepEqual(v.keyNames, ['user_id']);
  const [a, b, c] = v.assignments;
  assert.ok(a!.ok && a.keyGroup >= 0 && a.keyGroup < 128 && a.subtask === Math.floor((a.keyGroup * 4) / 128));
  assert.ok(b!.ok);
  assert.ok(!c!.ok && /not a string/.test(c.error));
});

test('a request with wrong params answers InvalidParams and the server stays up', async () => {
  // A hover without a position used to reach the handler and fail there with a TypeError.
  await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: URI } }), (e: Error & { code?: number }) => {
    assert.equal(e.code, -32602); // InvalidParams
    assert.match(e.message, /invalid hover request: position is missing/);
    return true;
  });
  await assert.rejects(client.request(jobGraphRequest.method, { uri: 'file:///w/not-open.flink.sql' }), /not open/);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.equal(symbols.length, 5);
});
