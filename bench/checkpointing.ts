// Benchmark: checkpoint overhead — the keyed count with 1M distinct keys, checkpointing off and on
// (in-memory checkpoints, job-clock interval), in one run. Imports the runtime; no file access.
//   datagen sequence of N rows → GROUP BY id % 1000000 → COUNT(*) → blackhole, parallelism 4
import { performance } from 'node:perf_hooks';
import { compileJob, createLocalRun, type CompiledJob } from '../runtime/index.js';
import { StreamTask } from '../runtime/engine/streamTask.js';

/** Distinct keys of the checkpointing benchmarks. */
export const DISTINCT_KEYS = 1_000_000;

/**
 * The job file of the checkpointing benchmarks, for `rows` source rows: the keyed count over
 * `id % 1000000`, with extra `SET` statements (`settings`: key → value) placed first.
 */
export function checkpointedCountSql(rows: number, settings: Readonly<Record<string, string>> = {}): string {
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
INSERT INTO sink SELECT id % ${DISTINCT_KEYS} AS k, COUNT(*) AS cnt FROM gen GROUP BY id % ${DISTINCT_KEYS};
`;
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
  /** Keys in the keyed state snapshotted for it (over all subtasks). */
  readonly keys: number;
  /** Wall-clock ms the subtasks spent taking their synchronous snapshots for it. */
  readonly snapshotWallMs: number;
}

/** Wall time spent inside synchronous snapshots, per checkpoint id. */
interface SnapshotTiming {
  readonly wallMs: Map<number, number>;
  readonly keys: Map<number, number>;
}

/**
 * Runs `body` while timing every subtask snapshot (StreamTask.snapshot, the synchronous copy of
 * state at the barrier). Instrumentation only: the method is wrapped, then restored.
 */
export function timingSnapshots<T>(body: (timing: SnapshotTiming) => T): T {
  const proto = StreamTask.prototype;
  const original = proto.snapshot;
  const timing: SnapshotTiming = { wallMs: new Map(), keys: new Map() };
  proto.snapshot = function (this: StreamTask, checkpointId: number, alignmentMs: number) {
    const t0 = performance.now();
    const s = original.call(this, checkpointId, alignmentMs);
    timing.wallMs.set(checkpointId, (timing.wallMs.get(checkpointId) ?? 0) + performance.now() - t0);
    let keys = 0;
    for (const g of s.keyGroups) for (const entries of Object.values(g.states)) keys += entries.length;
    timing.keys.set(checkpointId, (timing.keys.get(checkpointId) ?? 0) + keys);
    return s;
  };
  try {
    return body(timing);
  } finally {
    proto.snapshot = original;
  }
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
  return timingSnapshots((timing) => {
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
  });
}
