// Benchmark: checkpoint overhead — the keyed count with 1M distinct keys, checkpointing off and on
// (in-memory checkpoints, job-clock interval), in one run. Imports the runtime; no file access.
//   datagen sequence of N rows → GROUP BY id % 1000000 → COUNT(*) → blackhole, parallelism 4
import { performance } from 'node:perf_hooks';
import { compileJob, createLocalRun, type CompiledJob } from '../runtime/index.js';
import { keyedCountSql } from './keyedCount.js';
import { StreamTask } from '../runtime/engine/streamTask.js';

/** Distinct keys of the checkpointing benchmarks. */
export const DISTINCT_KEYS = 1_000_000;

/**
 * The job file of the checkpointing benchmarks, for `rows` source rows: the keyed count over
 * `id % 1000000`, with extra `SET` statements (`settings`: key → value) placed first.
 */
export function checkpointedCountSql(rows: number, settings: Readonly<Record<string, string>> = {}): string {
  return keyedCountSql(rows, DISTINCT_KEYS, settings);
}

/** Compiles a benchmark job file; throws on diagnostics (a broken benchmark, not a user error). */
export function compileBenchJob(sql: string, file: string): CompiledJob {
  const { job, diagnostics } = compileJob(sql, { file });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!job || errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return job;
}

/** One completed checkpoint of a benchmark run. */
export interface CheckpointFigure {
  readonly id: number;
  /** Job-clock ms from trigger to completion. */
  readonly durationMs: number;
  /** The runtime's estimate of the state's size, in bytes. */
  readonly stateBytes: number;
  /** Keyed-state entries snapshotted for it, over all subtasks (one per key in this job). */
  readonly keys: number;
  /** Wall-clock ms the subtasks spent taking their synchronous snapshots for it. */
  readonly snapshotWallMs: number;
}

/** Wall time spent inside synchronous snapshots, and keys snapshotted, per checkpoint id. */
export interface SnapshotTiming {
  /** Checkpoint id → wall-clock ms spent in snapshots, summed over subtasks. */
  readonly wallMs: Map<number, number>;
  /** Checkpoint id → keyed-state entries snapshotted, summed over subtasks. */
  readonly keys: Map<number, number>;
  /** Stops timing (restores the method). */
  stop(): void;
}

/**
 * Times every subtask snapshot (StreamTask.snapshot, the synchronous copy of state at the
 * barrier) until `stop()`. Instrumentation only: the method is wrapped, then restored.
 */
export function timeSnapshots(): SnapshotTiming {
  const proto = StreamTask.prototype;
  const original = proto.snapshot;
  const wallMs = new Map<number, number>();
  const keyCounts = new Map<number, number>();
  proto.snapshot = function (this: StreamTask, checkpointId: number, alignmentMs: number) {
    const t0 = performance.now();
    const s = original.call(this, checkpointId, alignmentMs);
    wallMs.set(checkpointId, (wallMs.get(checkpointId) ?? 0) + performance.now() - t0);
    let keys = 0;
    for (const g of s.keyGroups) for (const entries of Object.values(g.states)) keys += entries.size;
    keyCounts.set(checkpointId, (keyCounts.get(checkpointId) ?? 0) + keys);
    return s;
  };
  return { wallMs, keys: keyCounts, stop: () => void (proto.snapshot = original) };
}

/** One run of the checkpoint-overhead job. */
export interface OverheadRun {
  /** The checkpoint interval (job clock) as written, or undefined with checkpointing off. */
  readonly interval: string | undefined;
  readonly seconds: number;
  /** Source records per second of wall time. */
  readonly rate: number;
  /** Job-clock ms at the end. */
  readonly jobTimeMs: number;
  /** Periodic checkpoints completed while the job ran. */
  readonly checkpoints: readonly CheckpointFigure[];
  /** The final checkpoint a bounded job takes when every subtask finished (undefined when off). */
  readonly finalCheckpoint: CheckpointFigure | undefined;
  /** Checkpoints that failed. */
  readonly failedCheckpoints: number;
}

/**
 * Runs the 1M-key count over `rows` rows with checkpointing off (`interval` undefined) or every
 * `interval` of job time (e.g. `1 s`), in memory, and times it end to end.
 */
export function checkpointOverheadRun(rows: number, interval: string | undefined): OverheadRun {
  const settings: Record<string, string> = interval === undefined ? {} : { 'execution.checkpointing.interval': interval };
  const job = compileBenchJob(checkpointedCountSql(rows, settings), 'bench/checkpoint-overhead.flink.sql');
  const timing = timeSnapshots();
  try {
    const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {} });
    const completed: { id: number; durationMs: number; stateBytes: number }[] = [];
    let failed = 0;
    // The final checkpoint is the one triggered once every subtask has finished.
    let finalId: number | undefined;
    run.job.events.on('checkpoint', (e) => {
      if (e.phase === 'triggered' && run.job.tasks.every((t) => t.state === 'FINISHED')) finalId = e.checkpointId;
      if (e.phase === 'completed') completed.push({ id: e.checkpointId, durationMs: e.durationMs, stateBytes: e.stateBytes });
      if (e.phase === 'failed') failed++;
    });
    const t0 = performance.now();
    const end = run.job.runToEnd();
    const seconds = (performance.now() - t0) / 1000;
    if (end.kind !== 'done' || end.state !== 'FINISHED') throw new Error(`bench job ended ${JSON.stringify(end)}`);
    if (run.job.sourceRecords() !== rows) throw new Error(`read ${run.job.sourceRecords()} rows, expected ${rows}`);
    const figures = completed.map((c) => ({
      id: c.id,
      durationMs: c.durationMs,
      stateBytes: c.stateBytes,
      keys: timing.keys.get(c.id) ?? 0,
      snapshotWallMs: timing.wallMs.get(c.id) ?? 0,
    }));
    return {
      interval,
      seconds,
      rate: rows / seconds,
      jobTimeMs: run.job.time,
      checkpoints: figures.filter((f) => f.id !== finalId),
      finalCheckpoint: figures.find((f) => f.id === finalId),
      failedCheckpoints: failed,
    };
  } finally {
    timing.stop();
  }
}

const fmtRate = (n: number) => `${(n / 1e6).toFixed(2)}M rec/s`;
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One checkpoint as a short text: `#2 1,000,000 keys, 40.0 MB est., 3.7 ms job, 1.03 s sync snapshot`. */
function checkpointText(c: CheckpointFigure): string {
  return `#${c.id} ${c.keys.toLocaleString('en-US')} keys, ${fmtMB(c.stateBytes)} est., ${c.durationMs.toFixed(1)} ms job, ${(c.snapshotWallMs / 1000).toFixed(2)} s sync snapshot`;
}

/**
 * The checkpoint-overhead benchmark: `rounds` rounds of (off, each interval) over `rows` rows,
 * interleaved so load drifts hit every variant alike; prints each run, then Markdown rows with the
 * median throughput per variant. Returns the Markdown rows.
 */
export function checkpointOverheadBench(rows: number, intervals: readonly string[], rounds: number, log: (line: string) => void): string[] {
  log(`Checkpoint overhead: keyed count over ${DISTINCT_KEYS.toLocaleString('en-US')} keys, ${rows.toLocaleString('en-US')} rows, parallelism 4, in-memory checkpoints`);
  log(checkpointedCountSql(rows, { 'execution.checkpointing.interval': '<interval>' }).trim().split('\n').map((l) => `    ${l}`).join('\n'));
  // Warm every path (aggregate, snapshot) on a small input so none pays JIT warm-up when measured.
  checkpointOverheadRun(300_000, undefined);
  checkpointOverheadRun(300_000, '50 ms');
  const variants: (string | undefined)[] = [undefined, ...intervals];
  const runs = new Map<string | undefined, OverheadRun[]>(variants.map((v) => [v, []]));
  for (let i = 0; i < rounds; i++) {
    for (const v of variants) {
      const r = checkpointOverheadRun(rows, v);
      runs.get(v)!.push(r);
      const cps = r.checkpoints.length === 0 ? 'no periodic checkpoint' : `${r.checkpoints.length} periodic: ${r.checkpoints.map(checkpointText).join('; ')}`;
      const fin = r.finalCheckpoint ? `; final ${checkpointText(r.finalCheckpoint)}` : '';
      log(`  round ${i + 1}, ${v === undefined ? 'checkpointing off' : `interval ${v}`}: ${fmtRate(r.rate)} (${r.seconds.toFixed(2)} s wall, ${r.jobTimeMs.toFixed(0)} ms job)${v === undefined ? '' : `, ${cps}${fin}`}${r.failedCheckpoints > 0 ? `, ${r.failedCheckpoints} failed` : ''}`);
    }
  }
  const off = median(runs.get(undefined)!.map((r) => r.rate));
  const rowsOut = [
    '| benchmark | checkpointing off | checkpointing on | throughput overhead | overhead without the final checkpoint | checkpoints completed | state per checkpoint (runtime estimate) | sync snapshot per checkpoint (wall) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const v of intervals) {
    const rs = runs.get(v)!;
    const on = median(rs.map((r) => r.rate));
    const mid = rs.find((r) => r.rate === on)!;
    const all = [...mid.checkpoints, ...(mid.finalCheckpoint ? [mid.finalCheckpoint] : [])];
    const full = all.filter((c) => c.keys === DISTINCT_KEYS);
    const sizes = full.length > 0 ? `${fmtMB(full[0]!.stateBytes)} (${DISTINCT_KEYS.toLocaleString('en-US')} keys)` : '—';
    const partial = all.length - full.length;
    // The bounded job's final checkpoint is a fixed cost per run; a streaming job never pays it.
    const periodicOnly = median(rs.map((r) => rows / (r.seconds - (r.finalCheckpoint?.snapshotWallMs ?? 0) / 1000)));
    const snapshot = all.length > 0 ? `${(median(all.map((c) => c.snapshotWallMs)) / 1000).toFixed(2)} s (median)` : '—';
    rowsOut.push(
      `| keyed count, 1M keys (${rows / 1e6}M rows, p=4), interval ${v} of job time, median of ${rounds} | ${fmtRate(off)} | ${fmtRate(on)} | ${((1 - on / off) * 100).toFixed(1)}% | ${((1 - periodicOnly / off) * 100).toFixed(1)}% | ${mid.checkpoints.length} periodic + ${mid.finalCheckpoint ? 1 : 0} final | ${sizes}${partial > 0 ? `; ${partial} earlier with fewer keys` : ''} | ${snapshot} |`,
    );
  }
  return rowsOut;
}
