// `npm run bench`: runs every benchmark with its baseline in the same process and prints the
// figures as Markdown rows for BENCHMARKS.md. `BENCH_ROWS` overrides the row count.
import { cpus } from 'node:os';
import { keyedCountSql, plainLoopRate, runtimeRate } from './keyedCount.js';

const rows = Number(process.env['BENCH_ROWS'] ?? 10_000_000);
const fmt = (n: number) => `${(n / 1e6).toFixed(2)}M rec/s`;

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
