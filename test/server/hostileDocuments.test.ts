// Hostile documents over a real LSP connection to the built server: 5,000 nested parentheses, a
// 100 KB binary file, files over the analysis caps and a large file parsed in the background. Every request
// issued while they are open is answered within a second; malformed params get InvalidParams; a
// cancelled request gets RequestCancelled; the server stays up throughout.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, type DocumentSymbol, type Hover } from 'vscode-languageserver/node';
import { CLICKS, bigJob } from './fixtures.js';
import { LspTestClient } from './lspClient.js';

const NORMAL = 'file:///w/normal.flink.sql';
let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
  await client.open(NORMAL, CLICKS);
  await client.settled(NORMAL, 1);
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

/** Sends a request and returns its answer and how long it took, in ms. */
async function timed<R>(method: string, params: unknown): Promise<{ result: R; ms: number }> {
  const t0 = performance.now();
  const result = await client.request<R>(method, params);
  return { result, ms: performance.now() - t0 };
}

/** Requests on the hostile document and on a normal one, sent right after the hostile one opened. */
async function requestsWhileOpen(uri: string): Promise<number[]> {
  const hover = { textDocument: { uri: NORMAL }, position: { line: 22, character: 8 } };
  const answers = await Promise.all([
    timed<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
    timed<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }),
    timed<unknown[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }),
    timed<Hover | null>('textDocument/hover', hover),
  ]);
  assert.match(JSON.stringify(answers[3]!.result), /clicks/i, 'the normal document still answers');
  return answers.map((a) => a.ms);
}

function assertWithinASecond(ms: number[], what: string): void {
  for (const m of ms) assert.ok(m < 1000, `${what}: a request took ${m.toFixed(0)} ms (all: ${ms.map((x) => x.toFixed(0)).join(', ')})`);
}

test('5,000 nested parentheses: requests are answered within a second and the depth error is published', async () => {
  const uri = 'file:///w/nested.flink.sql';
  const text = `CREATE TABLE src (a BIGINT) WITH ('connector' = 'datagen');\nINSERT INTO src SELECT ${'('.repeat(5000)}a${')'.repeat(5000)} FROM src;\n`;
  assert.ok(text.length > 10_000);
  const from = client.received.length;
  await client.open(uri, text);
  assertWithinASecond(await requestsWhileOpen(uri), 'nested parentheses');
  const d = await client.waitForDiagnostics((x) => x.uri === uri, from);
  assert.equal(d.diagnostics.length, 1);
  assert.match(d.diagnostics[0]!.message, /nested too deeply: more than 64 levels/);
  assert.deepEqual(d.diagnostics[0]!.range.start, { line: 1, character: 'INSERT INTO src SELECT '.length + 64 });
});

test('a 100 KB binary document is not analysed: one error, requests answered within a second', async () => {
  const uri = 'file:///w/binary.flink.sql';
  let seed = 11;
  const chars: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    chars.push(String.fromCharCode(seed >>> 24));
  }
  const from = client.received.length;
  await client.open(uri, chars.join(''));
  assertWithinASecond(await requestsWhileOpen(uri), 'binary document');
  const d = await client.waitForDiagnostics((x) => x.uri === uri, from);
  assert.equal(d.diagnostics.length, 1);
  assert.match(d.diagnostics[0]!.message, /^This file is not text \(it contains NUL characters/);
  const completion = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.deepEqual(completion, []);
});

test('a document over the 128 KB or 2,000-statement analysis caps gets one warning and fast answers', async () => {
  const uri = 'file:///w/huge.flink.sql';
  const text = `-- ${'x'.repeat(300 * 1024)}\n${CLICKS}`;
  const from = client.received.length;
  await client.open(uri, text);
  assertWithinASecond(await requestsWhileOpen(uri), 'huge document');
  const d = await client.waitForDiagnostics((x) => x.uri === uri, from);
  assert.deepEqual(d.diagnostics.map((x) => [x.severity, x.code]), [[2, 'file-too-large']]);
  assert.match(d.diagnostics[0]!.message, /^This file is 30\d KB: the editor analyses job files up to 128 KB/);

  const many = 'file:///w/many.flink.sql';
  const from2 = client.received.length;
  await client.open(many, Array.from({ length: 3000 }, (_, i) => `SET 'k${i}' = 'v';`).join('\n'));
  assertWithinASecond(await requestsWhileOpen(many), 'many statements');
  const d2 = await client.waitForDiagnostics((x) => x.uri === many, from2);
  assert.deepEqual(d2.diagnostics.map((x) => [x.severity, x.code, x.message]), [[2, 'too-many-statements', 'This file has 3000 statements: the editor analyses job files of up to 2000 (checkpoint-lab run and explain have no such limit)']]);
});

test('a large valid document is parsed in the background: requests meanwhile are answered within a second', async (t) => {
  const uri = 'file:///w/large.flink.sql';
  const text = bigJob(4500);
  assert.ok(text.length > 90_000, `${text.length}`);
  const from = client.received.length;
  await client.open(uri, text);
  const latencies: number[] = [];
  // Keep asking until the whole file has been parsed and its diagnostics published.
  let published = false;
  const done = client.waitForDiagnostics((x) => x.uri === uri, from, 120_000).then((d) => {
    published = true;
    return d;
  });
  while (!published) {
    const { ms } = await timed<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    latencies.push(ms);
  }
  const d = await done;
  assert.deepEqual(d.diagnostics.filter((x) => x.severity === 1), []);
  assertWithinASecond(latencies, 'large document');
  t.diagnostic(`${latencies.length} requests while parsing ${Math.round(text.length / 1024)} KB, slowest ${Math.max(...latencies).toFixed(0)} ms`);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols.length, text.match(/^(SET|CREATE TABLE|INSERT INTO)/gm)!.length);
});

test('wrongly typed params get InvalidParams naming the field; the server stays up', async () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['textDocument/hover', { textDocument: { uri: NORMAL }, position: { line: 'x', character: 0 } }, /position\.line must be a non-negative integer/],
    ['textDocument/hover', { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }, /textDocument\.uri must be a string/],
    ['textDocument/completion', { textDocument: { uri: NORMAL }, position: { line: -1, character: 0 } }, /position\.line must be a non-negative integer/],
    ['textDocument/documentSymbol', { textDocument: null }, /textDocument must be an object/],
    ['textDocument/codeLens', [NORMAL], /received parameters by position/], // refused by the connection itself
    ['textDocument/references', { textDocument: { uri: NORMAL }, position: { line: 0, character: 0 }, context: {} }, /context\.includeDeclaration is missing/],
    ['textDocument/rename', { textDocument: { uri: NORMAL }, position: { line: 0, character: 0 }, newName: 42 }, /newName must be a string/],
    ['textDocument/formatting', {}, /textDocument is missing/],
    ['checkpointLab/jobGraph', { uri: {} }, /uri must be a string/],
    ['checkpointLab/keyPlacement', { uri: NORMAL, keys: [{ a: 1 }] }, /keys\[0\] must be a string, a number, null or an array of them/],
    ['checkpointLab/keyPlacement', { uri: NORMAL, vertexId: 'one' }, /vertexId must be a non-negative integer/],
  ];
  for (const [method, params, message] of bad) {
    await assert.rejects(client.request(method, params), (e: Error & { code?: number }) => {
      assert.equal(e.code, -32602, `${method}: ${e.message}`);
      assert.match(e.message, message);
      return true;
    });
  }
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: NORMAL } });
  assert.equal(symbols.length, 5);
});

test('a request cancelled while the server is busy is answered RequestCancelled', async () => {
  const uri = 'file:///w/busy.flink.sql';
  // Opening a large file keeps the server parsing in slices for a while.
  await client.open(uri, bigJob(3500).replace(/orders_/g, 'busy_orders_'));
  const source = new CancellationTokenSource();
  const pending = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(pending, (e: Error & { code?: number }) => {
    assert.equal(e.code, -32800); // RequestCancelled
    return true;
  });
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: NORMAL } });
  assert.equal(symbols.length, 5);
});
