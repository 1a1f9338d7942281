// Benchmark: the language server over a real stdio connection to the built dist/server.js on a
// 600-line job file: first diagnostics of a session (cold process, parser warm-up included) and the
// latency of diagnostics after single-character edits (warm p50/p95), plus the planner's publish.
// Run: node esbuild.mjs && node --import tsx bench/languageServer.ts
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver/node';

const EDITS = Number(process.env['BENCH_LSP_EDITS'] ?? 60);

/** A 600-line job file of repeated table pairs and INSERTs. */
function bigJob(lines = 600): string {
  let text = "SET 'parallelism.default' = '2';\n\n";
  for (let i = 0; text.split('\n').length < lines; i++) {
    text += `CREATE TABLE orders_${i} (\n  order_id BIGINT,\n  user_id  STRING,\n  amount   DECIMAL(10, 2),\n  ts       TIMESTAMP(3),\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND\n) WITH (\n  'connector' = 'datagen',\n  'number-of-rows' = '100'\n);\n\nCREATE TABLE totals_${i} (\n  user_id STRING,\n  total   DECIMAL(38, 2),\n  n       BIGINT\n) WITH (\n  'connector' = 'print'\n);\n\nINSERT INTO totals_${i}\nSELECT user_id, SUM(amount) AS total, COUNT(*) AS n\nFROM orders_${i}\nWHERE amount > 10\nGROUP BY user_id;\n\n`;
  }
  return text;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  // BENCH_LSP_SERVER points at another build of the server (e.g. an older commit's) to compare.
  const server = process.env['BENCH_LSP_SERVER'] ?? join(import.meta.dirname, '..', 'dist', 'server.js');
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (at: number) => void }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const at = performance.now();
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.match(p)) waiting.splice(i, 1)[0]!.resolve(at);
    }
  });
  connection.listen();
  const next = (match: (p: PublishDiagnosticsParams) => boolean): Promise<number> => new Promise((resolve) => waiting.push({ match, resolve }));

  const uri = 'file:///bench/big.flink.sql';
  const text = bigJob();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { semanticDiagnosticsDelayMs: 250 } });
  await connection.sendNotification('initialized', {});
  // First diagnostics: open right after start-up, as an editor restoring a session does.
  const openedAt = performance.now();
  const first = next((p) => p.uri === uri && p.version === 1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version: 1, text } });
  const firstAt = await first;
  const planned1 = await next((p) => p.uri === uri && p.version === 1);

  // Warm edits: type a character into a WHERE clause, then delete it, alternating statements.
  const lines = text.split('\n');
  const whereLines = lines.flatMap((l, i) => (l.startsWith('WHERE amount > 10') ? [i] : []));
  const fast: number[] = [];
  let version = 1;
  for (let k = 0; k < EDITS; k++) {
    const line = whereLines[(k * 7) % whereLines.length]!;
    const insert = k % 2 === 0;
    version++;
    const v = version;
    const published = next((p) => p.uri === uri && p.version === v);
    const sentAt = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [insert ? { range: { start: { line, character: 17 }, end: { line, character: 17 } }, text: '0' } : { range: { start: { line, character: 17 }, end: { line, character: 18 } }, text: '' }],
    });
    fast.push((await published) - sentAt);
  }
  // The planner's diagnostics after the last edit (after the 250 ms quiet period).
  const lastSent = performance.now();
  const planned = await next((p) => p.uri === uri && p.version === version);
  const plannedAfterEdit = planned - lastSent;

  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((r) => child.once('exit', r));
  connection.dispose();

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`Language server, ${lines.length}-line job file over stdio, Node ${process.version}`);
  console.log(`  spawn → open: ${ms(openedAt - t0)}; first diagnostics ${ms(firstAt - openedAt)} after open (${ms(firstAt - t0)} after spawn); planner's ${ms(planned1 - openedAt)} after open`);
  console.log(`  ${EDITS} edits: diagnostics after an edit p50 ${ms(percentile(fast, 50))}, p95 ${ms(percentile(fast, 95))}, max ${ms(Math.max(...fast))}`);
  console.log(`  planner's diagnostics after the last edit: ${ms(plannedAfterEdit)} (250 ms quiet period included)`);
  console.log('');
  console.log('| benchmark | figure |');
  console.log('| --- | --- |');
  console.log(`| LSP first diagnostics, ${lines.length}-line file (cold server) | ${ms(firstAt - openedAt)} after open, ${ms(firstAt - t0)} after spawn |`);
  console.log(`| LSP diagnostics after an edit, ${lines.length}-line file, ${EDITS} edits | p50 ${ms(percentile(fast, 50))}, p95 ${ms(percentile(fast, 95))} |`);
  console.log(`| LSP planner diagnostics after an edit (250 ms quiet period + compile) | ${ms(plannedAfterEdit)} |`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
