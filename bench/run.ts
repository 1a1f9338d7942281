// `npm run bench [-- NAME...]`: runs the benchmarks (all, or those named: keyed, checkpointing,
// recovery, flink, startup), each with its baseline in the same process, and prints the figures as
// Markdown rows for BENCHMARKS.md. `BENCH_ROWS` overrides the keyed count's row count.
import { cpus } from 'node:os';
import { checkpointOverheadBench } from './checkpointing.js';
import { flinkComparisonBench } from './flinkComparison.js';
import { keyedCountSql, plainLoopRate, runtimeRate } from './keyedCount.js';
import { recoveryBench } from './recovery.js';
import { startupBench } from './startup.js';

const names = ['keyed', 'checkpointing', 'recovery', 'flink', 'startup'];
const selected = process.argv.slice(2);
const unknown = selected.filter((n) => !names.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${names.join(', ')}`);
  process.exit(2);
}
const runs = (name: string) => selected.length === 0 || selected.includes(name);

const rows = Number(process.env['BENCH_ROWS'] ?? 10_000_000);
const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M rec/s`;

function keyedCountBench(): void {
  console.log(`Keyed count, ${rows.toLocaleString('en-US')} rows, parallelism 4 — ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  console.log(keyedCountSql(rows).trim().split('\n').map((l) => `    ${l}`).join('\n'));
  // Warm both paths once on a small input so neither pays JIT warm-up in the measured run.
  runtimeRate(200_000);
  plainLoopRate(200_000);
  const results: { runtime: number; plain: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const r = runtimeRate(rows);
    const p = plainLoopRate(rows);
    results.push({ runtime: r.rate, plain: p.rate });
    console.log(`  run ${i + 1}: runtime ${fmt(r.rate)} (${r.seconds.toFixed(2)} s), plain loop ${fmt(p.rate)} (${p.seconds.toFixed(2)} s), ratio ${(r.rate / p.rate).toFixed(3)}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rt = median(results.map((r) => r.runtime));
  const pl = median(results.map((r) => r.plain));
  console.log('');
  console.log('| benchmark | runtime | plain loop | ratio |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| keyed count (${rows / 1e6}M rows, p=4), median of 3 | ${fmt(rt)} | ${fmt(pl)} | ${(rt / pl).toFixed(3)} |`);
}

async function main(): Promise<void> {
  if (runs('keyed')) keyedCountBench();
  // Checkpointing: overhead of in-memory checkpoints on the 1M-key count, then recovery time with
  // 1M keys of durable state. `BENCH_CHECKPOINT_ROWS` overrides the overhead benchmark's row count.
  const checkpointRows = Number(process.env['BENCH_CHECKPOINT_ROWS'] ?? 5_000_000);
  let overheadRows: string[] = [];
  if (runs('checkpointing')) {
    console.log('');
    overheadRows = checkpointOverheadBench(checkpointRows, ['1 s', '200 ms'], 3, (l) => console.log(l));
  }
  let recoveryRows: string[] = [];
  if (runs('recovery')) {
    console.log('');
    recoveryRows = await recoveryBench(2_400_000, '200 ms', 480_000, 3, (l) => console.log(l));
  }
  for (const table of [overheadRows, recoveryRows]) {
    if (table.length === 0) continue;
    console.log('');
    for (const l of table) console.log(l);
  }
  // Cold start of the built CLI against bare Node (`BENCH_STARTUP_RUNS` rounds, default 9).
  if (runs('startup')) {
    console.log('');
    const startupRows = startupBench(Number(process.env['BENCH_STARTUP_RUNS'] ?? 9), (l) => console.log(l));
    console.log('');
    for (const l of startupRows) console.log(l);
  }
  // Runtime vs Apache Flink: starts its own local cluster (flink/*.sh) and stops it.
  // `BENCH_FLINK_ROWS` overrides its row count.
  if (runs('flink')) {
    console.log('');
    try {
      const flinkRows = await flinkComparisonBench(Number(process.env['BENCH_FLINK_ROWS'] ?? 20_000_000), 3, (l) => console.log(l));
      console.log('');
      for (const l of flinkRows) console.log(l);
    } catch (e) {
      console.error(`Runtime vs Apache Flink: not measured: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }
  }
}

void main();
