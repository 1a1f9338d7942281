// Benchmark: the keyed count job end to end on the runtime, side by side with a plain loop doing
// the same hashing and counting without the runtime (the practical limit), in one run.
//   datagen sequence of N rows → GROUP BY id % 100000 → COUNT(*) → blackhole, parallelism 4
import { performance } from 'node:perf_hooks';
import { compileJob, createLocalRun } from '../runtime/index.js';
import { KeyRowHasher } from '../runtime/keys/binaryRow.js';
import { computeKeyGroupForKeyHash, computeOperatorIndexForKeyGroup } from '../runtime/keys/keyGroupAssignment.js';

/**
 * The job file of the keyed-count benchmarks, for `rows` source rows counted over
 * `id % distinctKeys`, with extra `SET` statements (`settings`: key → value) placed first.
 */
export function keyedCountSql(rows: number, distinctKeys = 100000, settings: Readonly<Record<string, string>> = {}): string {
  const sets = Object.entries(settings).map(([k, v]) => `SET '${k}' = '${v}';\n`).join('');
  return `
SET 'parallelism.default' = '4';
${sets}CREATE TABLE gen (id BIGINT) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '${rows}'
);
CREATE TABLE sink (k BIGINT, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO sink SELECT id % ${distinctKeys} AS k, COUNT(*) AS cnt FROM gen GROUP BY id % ${distinctKeys};
`;
}

/** Runs the job on the runtime; returns records per second of wall time. */
export function runtimeRate(rows: number): { seconds: number; rate: number } {
  const { job, diagnostics } = compileJob(keyedCountSql(rows), { file: 'bench/keyed-count.flink.sql' });
  if (!job) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {} });
  const t0 = performance.now();
  const end = run.job.runToEnd();
  const seconds = (performance.now() - t0) / 1000;
  if (end.kind !== 'done' || end.state !== 'FINISHED') throw new Error(`bench job ended ${JSON.stringify(end)}`);
  if (run.job.sourceRecords() !== rows) throw new Error(`read ${run.job.sourceRecords()} rows, expected ${rows}`);
  return { seconds, rate: rows / seconds };
}

/**
 * The plain loop: the same sequence, the same key (id % 100000), the same BinaryRowData hash,
 * key group and subtask, and a count per key in one map per subtask — no runtime.
 */
export function plainLoopRate(rows: number): { seconds: number; rate: number; checksum: number } {
  const hasher = new KeyRowHasher(['BIGINT']);
  const counts = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const t0 = performance.now();
  for (let id = 1; id <= rows; id++) {
    const k = id % 100000;
    const kg = computeKeyGroupForKeyHash(hasher.hash1(k), 128);
    const m = counts[computeOperatorIndexForKeyGroup(128, 4, kg)]!;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  const seconds = (performance.now() - t0) / 1000;
  let checksum = 0;
  for (const m of counts) checksum += m.size;
  return { seconds, rate: rows / seconds, checksum };
}
