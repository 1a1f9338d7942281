// Benchmark: the built debug adapter (dist/debugAdapter.js) driven by a real DAP client: pause
// latency of a job running flat out, Variables pages of a 1M-key state, throughput under the
// adapter vs the CLI, and reverse-continue vs reading the same checkpoint from disk.
// Run: node esbuild.mjs && node --import tsx bench/debugAdapter.ts [pause] [state] [throughput]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { findRestorePoint } from '../runtime/index.js';
import { nodeCheckpointFs } from '../cli/nodeCheckpointFs.js';
import { keyedCountSql } from './keyedCount.js';

const REPO = join(import.meta.dirname, '..');
const ADAPTER = join(REPO, 'dist', 'debugAdapter.js');
const dir = mkdtempSync(join(tmpdir(), 'checkpoint-lab-bench-dap-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function adapter(): Promise<{ dc: DebugClient; output: () => string }> {
  const dc = new DebugClient('node', ADAPTER, 'checkpoint-lab', { cwd: REPO });
  dc.defaultTimeout = 600_000;
  let console = '';
  dc.on('output', (e: DebugProtocol.OutputEvent) => {
    if (e.body.category === 'console') console += e.body.output;
  });
  await dc.start();
  await dc.initializeRequest({ adapterID: 'checkpoint-lab', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  return { dc, output: () => console };
}

async function until(dc: DebugClient, event: string, send: () => Promise<unknown>): Promise<{ e: DebugProtocol.Event; ms: number }> {
  const waiting = dc.waitForEvent(event);
  const t0 = performance.now();
  await send();
  const e = await waiting;
  return { e, ms: performance.now() - t0 };
}

async function pauseLatency(): Promise<string> {
  const job = join(dir, 'endless.flink.sql');
  writeFileSync(job, keyedCountSql(2_000_000_000, 100000));
  const { dc } = await adapter();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ job })]);
    await new Promise((r) => setTimeout(r, 1000));
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { e, ms: t } = await until(dc, 'stopped', () => dc.pauseRequest({ threadId: 1 }));
      latencies.push(t);
      await dc.continueRequest({ threadId: (e as DebugProtocol.StoppedEvent).body.threadId ?? 1 });
      await new Promise((r) => setTimeout(r, 100 + (i % 5) * 37));
    }
    return `pause of a job running flat out (keyed count, p=4), 20 pauses: median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))}`;
  } finally {
    await dc.stop();
  }
}

/** 3M distinct keys at parallelism 1, 1M per second of job time: checkpoints every second see ~1M, ~2M keys. */
function millionKeyJob(checkpointDir: string): string {
  const job = join(dir, 'million-keys.flink.sql');
  writeFileSync(
    job,
    `SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '1 s';
SET 'execution.checkpointing.dir' = 'file://${checkpointDir}';
CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3000000');
CREATE TABLE sink (id BIGINT, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT id, COUNT(*) AS cnt FROM gen GROUP BY id;
`,
  );
  return job;
}

async function largeStateAndReverse(): Promise<string[]> {
  const checkpointDir = join(dir, 'ckpt');
  const job = millionKeyJob(checkpointDir);
  const { dc } = await adapter();
  const out: string[] = [];
  try {
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.launch({ job }),
      dc.waitForEvent('initialized').then(async () => {
        await dc.setExceptionBreakpointsRequest({ filters: ['taskFailure', 'checkpointCompleted'] });
        await dc.configurationDoneRequest();
      }),
    ]);
    let e = (await stopped) as DebugProtocol.StoppedEvent;
    const agg = (await dc.threadsRequest()).body.threads.find((t) => t.name.startsWith('GroupAggregate'))!;
    // The first checkpoint comes after a random initial delay: go on to one with ~1M keys in state.
    let tGroups = 0;
    let groups: DebugProtocol.Variable[] = [];
    let keys = 0;
    for (;;) {
      const frame = (await dc.stackTraceRequest({ threadId: agg.id })).body.stackFrames[0]!;
      const t0 = performance.now();
      const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
      const keyed = scopes.find((s) => s.name === 'Keyed State')!;
      groups = (await dc.variablesRequest({ variablesReference: keyed.variablesReference })).body.variables;
      tGroups = performance.now() - t0;
      keys = groups.reduce((n, g) => n + (g.indexedVariables ?? 0), 0);
      if (keys >= 900_000) break;
      e = (await until(dc, 'stopped', () => dc.continueRequest({ threadId: agg.id }))).e as DebugProtocol.StoppedEvent;
    }
    let t0: number;
    const big = groups.reduce((a, g) => ((g.indexedVariables ?? 0) > (a.indexedVariables ?? 0) ? g : a));
    t0 = performance.now();
    const page = (await dc.variablesRequest({ variablesReference: big.variablesReference, start: 0, count: 100 })).body.variables;
    const tFirst = performance.now() - t0;
    t0 = performance.now();
    await dc.variablesRequest({ variablesReference: big.variablesReference, start: Math.max(0, (big.indexedVariables ?? 0) - 100), count: 100 });
    const tLast = performance.now() - t0;
    t0 = performance.now();
    const all = (await dc.variablesRequest({ variablesReference: big.variablesReference })).body.variables;
    const tAll = performance.now() - t0;
    out.push(`Variables with ${keys.toLocaleString('en-US')} keys in state (${groups.length} key groups): scopes + key-group list ${ms(tGroups)}; first page of 100 keys of a ${big.indexedVariables} key group ${ms(tFirst)} (${page.length} rows), its last page ${ms(tLast)}, all ${all.length} at once ${ms(tAll)}`);
    // Reverse-continue to the checkpoint just completed, after moving on a little.
    for (let i = 0; i < 3; i++) await until(dc, 'stopped', () => dc.nextRequest({ threadId: agg.id }));
    const back = await until(dc, 'stopped', () => dc.reverseContinueRequest({ threadId: e.body.threadId ?? agg.id }));
    const t1 = performance.now();
    const restore = await findRestorePoint(nodeCheckpointFs, 'latest', `file://${checkpointDir}`);
    const tRead = performance.now() - t1;
    if (!restore.checkpoint) throw new Error(`no checkpoint to read: ${restore.error}`);
    out.push(`reverse-continue to checkpoint ${restore.checkpoint.id} (${(back.e as DebugProtocol.StoppedEvent).body.description}): ${ms(back.ms)}; reading the same checkpoint from disk (${restore.path}): ${ms(tRead)}; ratio ${(back.ms / tRead).toFixed(2)}`);
  } finally {
    await dc.stop();
  }
  return out;
}

async function throughput(): Promise<string> {
  const rows = Number(process.env['BENCH_DAP_ROWS'] ?? 5_000_000);
  const job = join(dir, 'keyed-count.flink.sql');
  writeFileSync(job, keyedCountSql(rows));
  const rateOf = (text: string) => Number(/([\d,]+) records\/s/.exec(text)![1]!.replace(/,/g, ''));
  const cli: number[] = [];
  const dap: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'run', job], { encoding: 'utf8' });
    cli.push(rateOf(r.stderr));
    const { dc, output } = await adapter();
    try {
      const exited = dc.waitForEvent('exited');
      await Promise.all([dc.configurationSequence(), dc.launch({ job, noDebug: true })]);
      await exited;
      dap.push(rateOf(output()));
    } finally {
      await dc.stop();
    }
  }
  const c = median(cli);
  const d = median(dap);
  return `keyed count ${(rows / 1e6).toFixed(0)}M rows p=4, median of 3: CLI ${(c / 1e6).toFixed(2)}M rec/s, adapter (no breakpoints) ${(d / 1e6).toFixed(2)}M rec/s, ratio ${(d / c).toFixed(3)}`;
}

async function main(): Promise<void> {
  const selected = process.argv.slice(2);
  const runs = (name: string) => selected.length === 0 || selected.includes(name);
  try {
    if (runs('pause')) console.log(await pauseLatency());
    if (runs('state')) for (const l of await largeStateAndReverse()) console.log(l);
    if (runs('throughput')) console.log(await throughput());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
