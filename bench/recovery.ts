// Benchmark: recovery time with 1M keys of state — wall time from a task failure to running again,
// against the wall time to read the restored checkpoint's files. Durable checkpoints in a temp dir.
// Imports the runtime and cli/nodeCheckpointFs (Node file access); nothing else of the CLI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldImmediate, setTimeout as sleep } from 'node:timers/promises';
import { nodeCheckpointFs } from '../cli/nodeCheckpointFs.js';
import { checkpointFromStorage } from '../runtime/checkpoint/durableCheckpoints.js';
import { loadCheckpoint } from '../runtime/checkpoint/storage/index.js';
import { createLocalRun, faultTargetsOf, formatDiagnostic, openDurableCheckpoints, parseFaultScenario, placeSubtasks, type RuntimeHost } from '../runtime/index.js';
import { DISTINCT_KEYS, checkpointedCountSql, compileBenchJob, timeSnapshots } from './checkpointing.js';

/** Wall and job time of one recovery phase, from the `failure-detected` event. */
export interface RecoveryPhaseTiming {
  readonly phase: string;
  /** Wall-clock ms since `failure-detected`. */
  readonly wallMs: number;
  /** Job-clock ms since `failure-detected`. */
  readonly jobMs: number;
}

/** What the recovery benchmark measured. */
export interface RecoveryFigures {
  readonly rows: number;
  readonly interval: string;
  /** The fault, as its scenario YAML. */
  readonly scenario: string;
  /** Wall-clock ms from `failure-detected` to `running`. */
  readonly failureToRunningWallMs: number;
  /** The restart back-off (job clock) the restart strategy chose. */
  readonly restartDelayJobMs: number;
  /** Wall-clock ms between `restart-delay` and `checkpoint-chosen` (the back-off's wall cost). */
  readonly restartDelayWallMs: number;
  /** Every recovery phase, in order. */
  readonly phases: readonly RecoveryPhaseTiming[];
  /** The restored checkpoint. */
  readonly checkpointId: number;
  /** Keys restored into the GroupAggregate subtasks (from the `state-assigned` event). */
  readonly restoredKeys: number;
  /** The restored checkpoint's directory. */
  readonly checkpointPath: string;
  /** Its size on disk: `_metadata` plus state files. */
  readonly checkpointBytesOnDisk: number;
  /** Wall-clock ms of `loadCheckpoint` (read, verify checksums, decode) of that checkpoint. */
  readonly loadCheckpointMs: number;
  /** Wall-clock ms to convert the loaded checkpoint to the engine's form (what `--restore` adds). */
  readonly fromStorageMs: number;
  /** Durable writes during the run: wall ms of each (the job takes no step meanwhile). */
  readonly persistWallMs: readonly number[];
  /** Wall ms of the synchronous snapshots at the barrier, per checkpoint written. */
  readonly snapshotWallMs: readonly number[];
}

/** A RuntimeHost on Node's timers (the same as the CLI's). */
const host: RuntimeHost = {
  wallClockMs: () => performance.now(),
  sleep: async (ms) => void (await sleep(ms)),
  yieldToEventLoop: async () => void (await yieldImmediate()),
};

/**
 * Runs the 1M-key count over `rows` rows with durable checkpoints every `interval` (job clock) in
 * a temp dir, fails GroupAggregate subtask 1 after `failAfterRecords` of its records, and measures
 * the recovery; pauses once the job runs again, reads the restored checkpoint back, and cleans up.
 */
export async function recoveryRun(rows: number, interval: string, failAfterRecords: number): Promise<RecoveryFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'checkpoint-lab-bench-'));
  try {
    const sql = checkpointedCountSql(rows, { 'execution.checkpointing.interval': interval, 'execution.checkpointing.dir': dir });
    const job = compileBenchJob(sql, 'bench/recovery.flink.sql');
    const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
    const scenarioText = `faults:\n  - action: fail-task\n    target: GroupAggregate[1]\n    when: { afterRecords: ${failAfterRecords} }\n`;
    const parsed = parseFaultScenario(scenarioText, 'bench/recovery.faults.yaml', faultTargetsOf(job.graph, tms));
    if (!parsed.scenario) throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
    const durable = await openDurableCheckpoints(job, { fs: nodeCheckpointFs, random: Math.random, wallClockMs: Date.now });
    if (!durable) throw new Error('durable checkpoints are not enabled');
    const persistWallMs: number[] = [];
    const timing = timeSnapshots();
    try {
      const run = createLocalRun(job, {
        seed: 1,
        collectResults: false,
        printLine: () => {},
        faults: parsed.scenario,
        persistCheckpoint: async (cp) => {
          const t0 = performance.now();
          await durable.persist(cp);
          persistWallMs.push(performance.now() - t0);
        },
      });
      const marks: { phase: string; wall: number; job: number }[] = [];
      let checkpointId: number | undefined;
      let restoredKeys = 0;
      let restartDelayJobMs = 0;
      run.job.events.on('recovery', (e) => {
        marks.push({ phase: e.phase, wall: performance.now(), job: e.time });
        if (e.phase === 'restart-delay') restartDelayJobMs = e.delayMs;
        if (e.phase === 'checkpoint-chosen') checkpointId = e.checkpointId;
        if (e.phase === 'state-assigned') for (const g of e.keyGroups) restoredKeys += g.keys;
        // Running again: stop here and read the restored checkpoint back while it is the latest.
        if (e.phase === 'running') run.job.pause();
      });
      const end = await run.job.run(host);
      if (end.kind === 'done' || run.job.restarts !== 1) throw new Error(`recovery bench: expected one restart, got ${run.job.restarts} (${JSON.stringify(end)})`);
      run.job.cancel('benchmark done');
      if (checkpointId === undefined) throw new Error('recovery bench: the failure came before the first checkpoint; fail later');
      if (restoredKeys !== DISTINCT_KEYS) throw new Error(`recovery bench: checkpoint ${checkpointId} holds ${restoredKeys} keys, not ${DISTINCT_KEYS}; fail later`);
      const start = marks.find((m) => m.phase === 'failure-detected')!;
      const at = (phase: string) => marks.find((m) => m.phase === phase)!;
      const checkpointPath = `${durable.jobDir}/chk-${checkpointId}`;
      const t0 = performance.now();
      const loaded = await loadCheckpoint(nodeCheckpointFs, checkpointPath);
      const loadCheckpointMs = performance.now() - t0;
      if (!loaded.ok) throw new Error(`recovery bench: cannot read ${checkpointPath}: ${loaded.problems.map((p) => p.problem).join('; ')}`);
      const t1 = performance.now();
      const restored = checkpointFromStorage(loaded.value);
      const fromStorageMs = performance.now() - t1;
      if (restored.id !== checkpointId) throw new Error('recovery bench: read a different checkpoint');
      return {
        rows,
        interval,
        scenario: scenarioText,
        failureToRunningWallMs: at('running').wall - start.wall,
        restartDelayJobMs,
        restartDelayWallMs: at('checkpoint-chosen').wall - at('restart-delay').wall,
        phases: marks.map((m) => ({ phase: m.phase, wallMs: m.wall - start.wall, jobMs: m.job - start.job })),
        checkpointId,
        restoredKeys,
        checkpointPath,
        checkpointBytesOnDisk: loaded.value.totalSizeBytes,
        loadCheckpointMs,
        fromStorageMs,
        persistWallMs,
        snapshotWallMs: [...timing.wallMs.values()],
      };
    } finally {
      timing.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The recovery benchmark: `runs` runs of `recoveryRun`, each printed phase by phase, then Markdown
 * rows with the medians. Returns the Markdown rows.
 */
export async function recoveryBench(rows: number, interval: string, failAfterRecords: number, runs: number, log: (line: string) => void): Promise<string[]> {
  log(`Recovery: keyed count over ${DISTINCT_KEYS.toLocaleString('en-US')} keys, ${rows.toLocaleString('en-US')} rows, parallelism 4, durable checkpoints every ${interval} (job clock) to a temp dir`);
  log(`  fault: fail-task GroupAggregate[1] after ${failAfterRecords.toLocaleString('en-US')} of its records`);
  const results: RecoveryFigures[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await recoveryRun(rows, interval, failAfterRecords);
    results.push(r);
    log(`  run ${i + 1}: checkpoints written: ${r.persistWallMs.map((ms, j) => `${(r.snapshotWallMs[j] ?? 0).toFixed(0)} ms sync snapshot + ${ms.toFixed(0)} ms durable write`).join('; ')}`);
    for (const p of r.phases) log(`    ${p.phase.padEnd(21)} +${p.wallMs.toFixed(1).padStart(7)} ms wall  +${p.jobMs.toFixed(0).padStart(5)} ms job`);
    log(`    restored checkpoint ${r.checkpointId}: ${r.restoredKeys.toLocaleString('en-US')} keys, ${(r.checkpointBytesOnDisk / 1e6).toFixed(2)} MB on disk; loadCheckpoint (read, verify, decode) ${r.loadCheckpointMs.toFixed(0)} ms, to the engine's form ${r.fromStorageMs.toFixed(0)} ms`);
  }
  const r = results[0]!;
  const m = (f: (x: RecoveryFigures) => number) => median(results.map(f));
  return [
    "| benchmark | failure → running (wall) | restart back-off | read the checkpoint's files (`loadCheckpoint`) | checkpoint on disk |",
    '| --- | --- | --- | --- | --- |',
    `| recovery, 1M keys (p=4), checkpoint ${r.checkpointId} with ${r.restoredKeys.toLocaleString('en-US')} keys, median of ${runs} | ${m((x) => x.failureToRunningWallMs).toFixed(0)} ms | ${r.restartDelayJobMs} ms of job time, ${m((x) => x.restartDelayWallMs).toFixed(2)} ms wall | ${m((x) => x.loadCheckpointMs).toFixed(0)} ms (+ ${m((x) => x.fromStorageMs).toFixed(0)} ms to the engine's form) | ${(r.checkpointBytesOnDisk / 1e6).toFixed(2)} MB |`,
  ];
}
