// Benchmark: a cold `checkpoint-lab run` of a tiny job (the built CLI, a new process each time)
// against bare `node -e 0` in the same run, with and without the grammar cache and the code cache. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The tiny job: three datagen rows into a blackhole. */
export const TINY_JOB = `CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');
CREATE TABLE s (id INT) WITH ('connector' = 'blackhole');
INSERT INTO s SELECT id FROM t;
`;

function timeMs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `reps` interleaved rounds; returns the Markdown rows for BENCHMARKS.md. */
export function startupBench(reps: number, log: (line: string) => void): string[] {
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'cl-startup-'));
  const job = join(dir, 'tiny.flink.sql');
  writeFileSync(job, TINY_JOB);
  const noCache = { ...process.env, CHECKPOINT_LAB_NO_GRAMMAR_CACHE: '1' };
  const noCodeCache = { ...process.env, CHECKPOINT_LAB_NO_CODE_CACHE: '1' };
  const variants: [string, () => number][] = [
    ['node -e 0', () => timeMs(['-e', '0'])],
    ['checkpoint-lab --help', () => timeMs(['dist/cli.js', '--help'])],
    ['checkpoint-lab run tiny.flink.sql', () => timeMs(['dist/cli.js', 'run', job])],
    ['the same without the code cache', () => timeMs(['dist/cli.js', 'run', job], noCodeCache)],
    ['the same without the grammar cache', () => timeMs(['dist/cli.js', 'run', job], noCache)],
  ];
  const samples = variants.map(() => [] as number[]);
  variants.forEach(([, f]) => f()); // one warm-up round: the file system cache, not the process
  for (let i = 0; i < reps; i++) variants.forEach(([, f], v) => samples[v]!.push(f()));
  const load = loadavg()[0]!.toFixed(1);
  log(`Cold start, ${reps} interleaved rounds, Node ${process.version}, load average ${load} at the end`);
  const base = median(samples[0]!);
  const rows = ['| command | median wall time | runs | over node -e 0 |', '| --- | --- | --- | --- |'];
  variants.forEach(([name], v) => {
    const m = median(samples[v]!);
    rows.push(`| \`${name}\` | ${(m / 1000).toFixed(3)} s | ${samples[v]!.map((x) => (x / 1000).toFixed(2)).join(', ')} | ${v === 0 ? '—' : `+${((m - base) / 1000).toFixed(3)} s`} |`);
  });
  return rows;
}
