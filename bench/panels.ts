// Benchmark of the panels: bundle sizes (raw and gzip), first render of a 32,768-key-group map in
// headless Chromium (Debian's chromium + playwright-core, the tests' scripted host), frame times
// while the host pushes updates at its bounded rate, and the keyed count's speed with a panel's
// model attached versus without. Run: node esbuild.mjs --production && node --import tsx bench/panels.ts
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeHost } from '../cli/nodeHost.js';
import { PanelModel } from '../panels/index.js';
import type { JobSnapshot } from '../protocol/index.js';
import { compileJob, computeKeyGroupRangeForOperatorIndex, createLocalRun, type SubtaskMetrics } from '../runtime/index.js';
import { subtaskSnapshots } from '../bridge/index.js';
import { launchChromium, nodeScheduler, openPanel, REPO_ROOT, startPanelServer } from '../test/panels/support/browserHost.js';
import { DARK } from '../test/panels/support/themes.js';
import { keyedCountSql } from './keyedCount.js';

const log = (l: string) => console.log(l);
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function bundleSizes(): string[] {
  const dir = join(REPO_ROOT, 'dist/webview');
  const rows = ['| file | size | gzip |', '| --- | --- | --- |'];
  for (const f of readdirSync(dir).filter((f) => !f.endsWith('.map')).sort()) {
    const bytes = readFileSync(join(dir, f));
    rows.push(`| dist/webview/${f} | ${kib(statSync(join(dir, f)).size)} | ${kib(gzipSync(bytes).length)} |`);
  }
  return rows;
}

/** A keyed job of `maxParallelism` key groups over `parallelism` subtasks. */
function bigJob(maxParallelism: number, parallelism: number): JobSnapshot {
  return {
    source: { kind: 'local', jobFile: 'bench.flink.sql', seed: 0 },
    jobId: '0'.repeat(32),
    name: 'bench',
    state: 'RUNNING',
    clock: 'job-time',
    durationMs: 0,
    vertices: [{ id: '1', name: 'GroupAggregate', parallelism, maxParallelism, keyed: true, subtasks: subtaskSnapshots('GroupAggregate', parallelism, maxParallelism, true) }],
    edges: [],
    checkpoints: { config: null, counts: { triggered: 0, inProgress: 0, completed: 0, failed: 0, restored: 0 }, history: [], latestRestored: null },
    exceptions: [],
  };
}

/** Metrics with every key group holding some keys (a different spread per `round`). */
function metrics(maxParallelism: number, parallelism: number, round: number): SubtaskMetrics[] {
  return Array.from({ length: parallelism }, (_, subtask) => {
    const r = computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, subtask);
    const keyGroups = [];
    for (let kg = r.startKeyGroup; kg <= r.endKeyGroup; kg++) {
      const keys = ((kg * 2654435761 + round * 40503) >>> 0) % 50;
      keyGroups.push({ keyGroup: kg, keys, stateBytes: keys * 48 });
    }
    return { vertexId: 1, subtask, recordsIn: 0, recordsOut: 0, busyTimeMs: 0, backPressuredTimeMs: 0, watermark: null, keyGroups };
  });
}

async function browserFigures(): Promise<string[]> {
  const server = await startPanelServer();
  const browser = await launchChromium();
  const rows = ['| key groups | subtasks | canvas draw | message → map drawn | updates received | frames | frames > 33 ms | worst frame |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  try {
    for (const [maxP, p] of [[32768, 128], [4096, 32], [128, 4]] as const) {
      const first: number[] = [];
      const draws: number[] = [];
      for (let i = 0; i < 3; i++) {
        const model = new PanelModel({ scheduler: nodeScheduler });
        model.setJob(bigJob(maxP, p));
        model.setMetrics(metrics(maxP, p, 0), 0);
        const panel = await openPanel(browser, server.origin, 'partitions', model, DARK);
        await panel.page.waitForSelector('canvas.kg-map[data-render-ms]');
        const t = (await panel.page.evaluate('({ first: Number(document.body.dataset.firstDrawnAt) - Number(document.body.dataset.snapshotAt), draw: Number(document.querySelector("canvas.kg-map").dataset.renderMs) })')) as { first: number; draw: number };
        first.push(t.first);
        draws.push(t.draw);
        await panel.close();
      }
      // Updates: the host changes the metrics 50 times a second for 5 s; the model sends at most 10/s.
      const model = new PanelModel({ scheduler: nodeScheduler });
      model.setJob(bigJob(maxP, p));
      model.setMetrics(metrics(maxP, p, 0), 0);
      const panel = await openPanel(browser, server.origin, 'partitions', model, DARK);
      await panel.page.waitForSelector('canvas.kg-map[data-render-ms]');
      await panel.page.evaluate(`(() => { const f = window.__frames = []; let last = performance.now(); const tick = (t) => { f.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
      const t0 = performance.now();
      for (let round = 1; performance.now() - t0 < 5000; round++) {
        model.setMetrics(metrics(maxP, p, round), round * 20);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 300));
      const frames = (await panel.page.evaluate('(window.__stop = true, window.__frames.slice(1))')) as number[];
      const updates = panel.toPanel.filter((m) => m.type === 'update').length;
      await panel.close();
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      rows.push(`| ${maxP.toLocaleString('en-US')} | ${p} | ${med(draws).toFixed(1)} ms | ${med(first).toFixed(1)} ms | ${updates} in 5 s | ${frames.length} | ${frames.filter((f) => f > 33.4).length} | ${Math.max(...frames).toFixed(1)} ms |`);
      log(`  ${maxP} key groups: draw ${draws.map((d) => d.toFixed(1)).join(', ')} ms; message → drawn ${first.map((d) => d.toFixed(1)).join(', ')} ms; ${updates} updates, ${frames.length} frames`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

/** The keyed count run on Node with and without a panel model attached (events, metrics, updates serialized as postMessage would). */
async function jobSpeed(rows: number): Promise<string[]> {
  const sql = keyedCountSql(rows, 100000, { 'execution.checkpointing.interval': '100 ms' });
  const once = async (withPanel: boolean): Promise<number> => {
    const { job } = compileJob(sql, { file: 'bench/keyed-count.flink.sql' });
    const run = createLocalRun(job!, { seed: 1, collectResults: false, printLine: () => {} });
    let bytes = 0;
    if (withPanel) {
      const model = new PanelModel({ scheduler: nodeScheduler });
      const c = model.connect((m) => (bytes += JSON.stringify(m).length));
      c.receive({ type: 'ready', panel: 'partitions' });
      model.observeRuntime(run.job.events);
      run.job.events.on('metrics', (e) => model.setMetrics(run.job.metrics(true), e.time));
    }
    const t0 = performance.now();
    await run.job.run(nodeHost);
    void bytes;
    return performance.now() - t0;
  };
  await once(false);
  const without: number[] = [];
  const withPanel: number[] = [];
  for (let i = 0; i < 3; i++) {
    without.push(await once(false));
    withPanel.push(await once(true));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  log(`  without ${without.map((x) => x.toFixed(0)).join(', ')} ms; with a panel ${withPanel.map((x) => x.toFixed(0)).join(', ')} ms`);
  return ['| job | without a panel | with a panel model attached | speed ratio |', '| --- | --- | --- | --- |', `| keyed count ${(rows / 1e6).toFixed(0)}M rows, 100k keys, p=4, checkpoints every 100 ms (median of 3) | ${med(without).toFixed(0)} ms | ${med(withPanel).toFixed(0)} ms | ${(med(without) / med(withPanel)).toFixed(3)} |`];
}

async function main(): Promise<void> {
  log('Bundle sizes');
  const sizes = bundleSizes();
  log('Map render and updates in headless Chromium');
  const browser = await browserFigures();
  log('Job speed with a panel');
  const speed = await jobSpeed(Number(process.env['BENCH_PANEL_ROWS'] ?? 2_000_000));
  for (const table of [sizes, browser, speed]) log(`\n${table.join('\n')}`);
}

void main();
