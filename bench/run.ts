// `npm run bench`: runs every benchmark with its baseline in the same process and prints the
// figures as Markdown rows for BENCHMARKS.md. `BENCH_ROWS` overrides the row count.
import { cpus } from 'node:os';
import { checkpointOverheadBench } from './checkpointing.js';
import { keyedCountSql, plainLoopRate, runtimeRate } from './keyedCount.js';
import { recoveryBench } from './recovery.js';

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

// Checkpointing: overhead of in-memory checkpoints on the 1M-key count, then recovery time with
// 1M keys of durable state. `BENCH_CHECKPOINT_ROWS` overrides the overhead benchmark's row count.
const checkpointRows = Number(process.env['BENCH_CHECKPOINT_ROWS'] ?? 5_000_000);
console.log('');
const overheadRows = checkpointOverheadBench(checkpointRows, ['1 s', '200 ms'], 3, (l) => console.log(l));
console.log('');
void recoveryBench(2_400_000, '200 ms', 480_000, 3, (l) => console.log(l)).then((recoveryRows) => {
  console.log('');
  for (const l of overheadRows) console.log(l);
  console.log('');
  for (const l of recoveryRows) console.log(l);
});
