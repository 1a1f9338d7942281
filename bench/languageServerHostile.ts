// Benchmark: the language server's worst-case response time with a hostile document open, over a
// real stdio connection to the built dist/server.js. For each document, in a fresh server: open it,
// then keep sending requests (its symbols, a hover on a normal file) until the planner's diagnostics
// are published (at most BENCH_LSP_CAP_MS); report the slowest answer, when the parser's diagnostics
// came, and the server's resident memory. Run: node esbuild.mjs && node --import tsx bench/languageServerHostile.ts
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';

const TABLES = `CREATE TABLE src (a BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
CREATE TABLE snk (s BIGINT) WITH ('connector' = 'print');
`;
const NORMAL = `${TABLES}INSERT INTO snk SELECT a + 1 FROM src;\n`;

function binary(bytes: number): string {
  let seed = 3;
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out.push(String.fromCharCode(seed >>> 24));
  }
  return out.join('');
}

function largeJob(lines: number): string {
  const out = ["SET 'parallelism.default' = '2';", ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(`CREATE TABLE orders_${i} (order_id BIGINT, user_id STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3),`);
    out.push(`  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'datagen', 'number-of-rows' = '100');`);
    out.push(`CREATE TABLE totals_${i} (user_id STRING, total DECIMAL(38, 2), n BIGINT) WITH ('connector' = 'print');`);
    out.push(`INSERT INTO totals_${i} SELECT user_id, SUM(amount) AS total, COUNT(*) AS n FROM orders_${i}`);
    out.push('WHERE amount > 10 GROUP BY user_id;', '');
  }
  return out.join('\n');
}

const DOCUMENTS: Array<{ name: string; text: string }> = [
  { name: '5,000 nested parentheses', text: `${TABLES}INSERT INTO snk SELECT ${'('.repeat(5000)}a${')'.repeat(5000)} FROM src;\n` },
  { name: '100 KB binary', text: binary(100_000) },
  { name: '63 nested function calls (at the nesting limit)', text: `${TABLES}INSERT INTO snk SELECT ${'ABS('.repeat(63)}a${')'.repeat(63)} FROM src;\n` },
  { name: '63 nested CASE (at the nesting limit)', text: `${TABLES}INSERT INTO snk SELECT ${'CASE WHEN a > 0 THEN '.repeat(63)}a${' END'.repeat(63)} FROM src;\n` },
  { name: '1,000-term a + a + … (at the depth limit)', text: `${TABLES}INSERT INTO snk SELECT ${Array(1000).fill('a').join(' + ')} FROM src;\n` },
  { name: '5,000-term a + a + … (over the depth limit)', text: `${TABLES}INSERT INTO snk SELECT ${Array(5000).fill('a').join(' + ')} FROM src;\n` },
  { name: 'valid job file, 1,700 lines', text: largeJob(1700) },
  { name: '300 KB (over the analysis cap)', text: `-- ${'x'.repeat(300 * 1024)}\n${NORMAL}` },
];

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Stop measuring a document after this long (a blocked server may never answer), in ms. */
const CAP_MS = Number(process.env['BENCH_LSP_CAP_MS'] ?? 60_000);

interface Measured {
  slowest: number;
  pairs: number;
  diagnosticsAfter: number | undefined;
  rssBefore: number;
  rssAfter: number;
}

/** A fresh server: open a normal file, wait for it, then open `text` and keep asking until its diagnostics come (or CAP_MS). */
async function measure(server: string, text: string): Promise<Measured> {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // The first publish of a file (the parser's diagnostics), and the second (the planner's).
  const published = new Map<string, number>();
  const planned = new Map<string, number>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    if (!published.has(p.uri)) published.set(p.uri, performance.now());
    else if (!planned.has(p.uri)) planned.set(p.uri, performance.now());
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { semanticDiagnosticsDelayMs: 250 } });
  await connection.sendNotification('initialized', {});
  const normal = 'file:///bench/normal.flink.sql';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: normal, languageId: 'flinksql', version: 1, text: NORMAL } });
  while (!published.has(normal)) await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: normal } });

  const uri = 'file:///bench/hostile.flink.sql';
  const rssBefore = rssMb(child.pid!);
  const openedAt = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version: 1, text } });
  const latencies: number[] = [];
  let capped = false;
  while ((!planned.has(uri) || latencies.length < 10) && !capped) {
    const sent = performance.now();
    const pair = Promise.all([
      connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
      connection.sendRequest('textDocument/hover', { textDocument: { uri: normal }, position: { line: 2, character: 27 } }),
    ]);
    const left = CAP_MS - (sent - openedAt);
    capped = (await Promise.race([pair.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), Math.max(0, left)).unref())])) as boolean;
    latencies.push(performance.now() - sent);
  }
  const rssAfter = rssMb(child.pid!);
  child.kill();
  connection.dispose();
  const at = published.get(uri);
  return { slowest: Math.max(...latencies), pairs: latencies.length, diagnosticsAfter: at === undefined ? undefined : at - openedAt, rssBefore, rssAfter };
}

async function main(): Promise<void> {
  // BENCH_LSP_SERVER points at another build of the server (e.g. an older commit's) to compare.
  const server = process.env['BENCH_LSP_SERVER'] ?? join(import.meta.dirname, '..', 'dist', 'server.js');
  const only = process.env['BENCH_LSP_DOCUMENTS']?.split(',').map(Number);
  const rows: string[] = [];
  let worst = 0;
  const ms = (n: number | undefined, capped: boolean) => (n === undefined || capped ? `> ${(CAP_MS / 1000).toFixed(0)} s` : `${n.toFixed(0)} ms`);
  console.log(`Language server with a hostile document open, over stdio, Node ${process.version}; a fresh server per document (${server})`);
  for (const [i, doc] of DOCUMENTS.entries()) {
    if (only && !only.includes(i)) continue;
    const m = await measure(server, doc.text);
    const capped = m.slowest >= CAP_MS - 1;
    worst = Math.max(worst, m.slowest);
    const size = `${Math.round(doc.text.length / 1024)} KB`;
    console.log(`  ${doc.name} (${size}): ${m.pairs} request pairs, slowest ${ms(m.slowest, capped)}; diagnostics after ${ms(m.diagnosticsAfter, false)}; RSS ${m.rssBefore.toFixed(0)} → ${m.rssAfter.toFixed(0)} MB`);
    rows.push(`| ${doc.name} (${size}) | ${ms(m.slowest, capped)} (${m.pairs} pairs) | ${ms(m.diagnosticsAfter, false)} | ${m.rssBefore.toFixed(0)} → ${m.rssAfter.toFixed(0)} MB |`);
  }
  console.log('');
  console.log('| hostile document open | slowest request | its diagnostics after | server RSS |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  console.log(`\nWorst response time with a hostile document open: ${worst >= CAP_MS - 1 ? `> ${CAP_MS / 1000} s` : `${worst.toFixed(0)} ms`}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
