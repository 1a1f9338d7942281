// `checkpoint-lab run JOB`: compiles a job file, runs it on the local runtime, shows progress on
// a terminal and a summary (or one JSON object) at the end.
import { performance } from 'node:perf_hooks';
import {
  checkLocalRunFootprint,
  compileJob,
  createLocalRun,
  faultTargetsOf,
  findRestorePoint,
  formatDiagnostic,
  openDurableCheckpoints,
  parseFaultDuration,
  parseFaultScenario,
  placeSubtasks,
  type CompiledJob,
  type FaultScenario,
  type LocalRun,
  type RestorePoint,
} from '../runtime/index.js';
import { parseOrAnswer, usageError } from './commandLine.js';
import { COMMANDS, SPEED_RANGE } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';
import { nodeCheckpointFs } from './nodeCheckpointFs.js';
import { nodeFileSystem } from './nodeFileSystem.js';
import { nodeSinkFiles } from './nodeSinkFiles.js';
import { nodeHost } from './nodeHost.js';
import { watchJobSnapshot } from './jobSnapshot.js';
import { formatCount, formatDeterministicFailure, formatRestartLine, formatSummary, runSummaryJson, watchRun } from './summary.js';
import { verifyAgainstReference } from './verify.js';
import { recordOutcome } from '../runtime/run/verify.js';

/** Options shared by commands that compile a job file. */
export interface JobFileArgs {
  file: string;
  parallelism?: number;
  /** Only the plan is wanted (explain): the local runtime's memory limit is not checked. */
  planOnly?: boolean;
}

/** Reads and compiles a job file; prints diagnostics; undefined when it is invalid. */
export function loadJob(args: JobFileArgs, io: CliIo): CompiledJob | undefined {
  let text: string;
  try {
    text = io.readFile(args.file);
  } catch (e) {
    io.err(`checkpoint-lab: cannot read job file '${args.file}': ${(e as Error).message}\n`);
    return undefined;
  }
  const { job, diagnostics } = compileJob(text, { file: args.file, parallelism: args.parallelism, fileSystem: nodeFileSystem });
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error') || !job) return undefined;
  const tooLarge = args.planOnly ? undefined : checkLocalRunFootprint(job.graph);
  if (tooLarge) {
    io.err(`${args.file}: error: ${tooLarge}\n`);
    return undefined;
  }
  return job;
}

/** Parses an integer option; returns an error message when it is not a positive integer. */
export function positiveInt(name: string, value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `option --${name} expects a positive integer, got '${value}'`;
  return Number(value);
}

/** `--seed`: any integer a double holds exactly (negative too, as Java's long seeds); default 0. */
export function parseSeed(value: string | undefined): number | string {
  if (value === undefined) return 0;
  const seed = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(seed)) return `option --seed expects an integer between -(2^53-1) and 2^53-1, got '${value}'`;
  return seed;
}

/** `--speed`: 'max' (undefined: unpaced) or a pacing factor within SPEED_RANGE. */
export function parseSpeed(value: string | undefined): number | undefined | string {
  if (value === undefined || value === 'max') return undefined;
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed < SPEED_RANGE.min || speed > SPEED_RANGE.max) {
    return `option --speed expects 'max' or a factor from ${SPEED_RANGE.min} to ${SPEED_RANGE.max} (1 = real time), got '${value}'`;
  }
  return speed;
}

export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  const spec = COMMANDS.run;
  const parsed = parseOrAnswer(spec, argv, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    return usageError(spec, 'expected exactly one job file, e.g. checkpoint-lab run examples/clickstream-counts.flink.sql', io);
  }
  const seed = parseSeed(values.seed);
  if (typeof seed === 'string') return usageError(spec, seed, io);
  const parallelism = positiveInt('parallelism', values.parallelism);
  if (typeof parallelism === 'string') return usageError(spec, parallelism, io);
  const speed = parseSpeed(values.speed);
  if (typeof speed === 'string') return usageError(spec, speed, io);
  const job = loadJob({ file: positionals[0]!, parallelism }, io);
  if (!job) return ExitCode.INVALID;

  // Savepoints: at a job time, optionally stopping the job (Flink's stop-with-savepoint).
  let savepoint: { atMs: number; stop: boolean } | undefined;
  const spFlag = values['stop-with-savepoint-at'] !== undefined ? 'stop-with-savepoint-at' : values['savepoint-at'] !== undefined ? 'savepoint-at' : undefined;
  if (spFlag) {
    const text = values[spFlag]!;
    const atMs = parseFaultDuration(text);
    if (typeof atMs === 'string') {
      io.err(`checkpoint-lab run: option --${spFlag} expects a job time like '2.5s' or '500ms': ${atMs}\n`);
      return ExitCode.INVALID;
    }
    if (!job.config.checkpointing.savepointDir) {
      io.err(`checkpoint-lab run: option --${spFlag} needs 'execution.checkpointing.savepoint-dir' to be set in the job file\n`);
      return ExitCode.INVALID;
    }
    savepoint = { atMs, stop: spFlag === 'stop-with-savepoint-at' };
  }

  // Fault scenario: validated against this job's vertices and TaskManagers.
  let faults: FaultScenario | undefined;
  if (values.faults !== undefined) {
    let text: string;
    try {
      text = io.readFile(values.faults);
    } catch (e) {
      io.err(`checkpoint-lab run: cannot read fault scenario '${values.faults}': ${(e as Error).message}\n`);
      return ExitCode.INVALID;
    }
    const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
    const parsedScenario = parseFaultScenario(text, values.faults, faultTargetsOf(job.graph, tms));
    for (const d of parsedScenario.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (!parsedScenario.scenario) return ExitCode.INVALID;
    faults = parsedScenario.scenario;
  }
  const runSeed = values.seed === undefined && faults?.seed !== undefined ? faults.seed : seed;

  // Durable checkpoints and the restore point.
  const durableHost = { fs: nodeCheckpointFs, random: Math.random, wallClockMs: () => Date.now() };
  let restoreFrom: RestorePoint | undefined;
  if (values.restore !== undefined) {
    restoreFrom = await findRestorePoint(nodeCheckpointFs, values.restore, job.config.checkpointing.dir);
    for (const s of restoreFrom.skipped) {
      io.err(`checkpoint-lab run: WARNING: skipping corrupted checkpoint ${s.path} (Flink would fail the restore; Checkpoint Lab falls back to an older one):\n${s.problems.map((p) => `    ${p}`).join('\n')}\n`);
    }
    if (restoreFrom.error) {
      io.err(`checkpoint-lab run: ${restoreFrom.error}\n`);
      return ExitCode.INVALID;
    }
    io.err(`checkpoint-lab run: restoring from ${restoreFrom.path}\n`);
  }
  let durable;
  try {
    durable = await openDurableCheckpoints(job, durableHost, restoreFrom);
  } catch (e) {
    io.err(`checkpoint-lab run: cannot use checkpoint directory '${job.config.checkpointing.dir}': ${(e as Error).message}\n`);
    return ExitCode.INVALID;
  }
  for (const p of durable?.problems ?? []) io.err(`checkpoint-lab run: cleaned up after an earlier crash: ${p.path ?? ''}: ${p.problem}\n`);

  const json = values.json === true;
  // EXPLAIN statements print their job graph, as the SQL client does; they are not executed.
  for (const text of job.explained) (json ? io.err : io.out)(`${text}\n`);
  if (job.graph.vertices.length === 0) return ExitCode.OK;
  const run = createLocalRun(job, {
    seed: runSeed,
    collectResults: json || values.verify === true,
    // With --json, stdout carries only the JSON object; what print sinks print goes to stderr.
    printLine: (line, stderr) => (json || stderr ? io.err(`${line}\n`) : io.out(`${line}\n`)),
    faults,
    persistCheckpoint: durable ? (cp) => durable.persist(cp) : undefined,
    restoreFrom: restoreFrom?.checkpoint,
    sinkFiles: nodeSinkFiles(durable?.jobId),
    savepoint,
    // A poison record stops the run with its diagnosis unless Flink's endless restarts are asked for.
    stopOnDeterministicFailure: values['keep-restarting'] !== true,
  });
  const stats = watchRun(run);
  const outcome = values.verify === true ? recordOutcome(run) : undefined;
  const snapshot = json ? watchJobSnapshot(job, run, { jobFile: positionals[0]!, seed: runSeed, jobId: durable?.jobId }) : undefined;
  if (!json) {
    run.job.events.on('fault', (f) => io.err(`fault: ${f.name ? `'${f.name}' ` : ''}${f.action} on ${f.target} at ${(f.time / 1000).toFixed(3)} s: ${f.detail}\n`));
    run.job.events.on('recovery', (e) => {
      if (e.phase === 'restart-delay') io.err(formatRestartLine(e));
      if (e.phase === 'checkpoint-chosen') io.err(`recovery: ${e.checkpointId === undefined ? 'no checkpoint: starting from scratch' : `restoring checkpoint ${e.checkpointId}`}${e.skipped.length > 0 ? ` (skipped corrupted ${e.skipped.map((k) => k.id).join(', ')})` : ''}\n`);
    });
  }
  if (!json) run.job.events.on('deterministicFailure', (d) => io.err(formatDeterministicFailure(d, values['keep-restarting'] === true)));
  const progress = json || !io.isTerminal ? undefined : startProgress(run, io);
  const interrupted = onInterrupt(() => run.job.cancel('interrupted (SIGINT)'));
  const wallStart = performance.now();
  try {
    await run.job.run(nodeHost, speed);
  } finally {
    interrupted.dispose();
    progress?.stop();
  }
  const wallMs = performance.now() - wallStart;
  for (const path of durable?.savepoints ?? []) io.err(`Savepoint written to ${path} (resume with --restore ${path})\n`);
  if (durable && job.config.checkpointing.dir) {
    const kept = await durable.onTermination(run.job.jobState);
    if (!json) {
      io.err(
        kept
          ? `Checkpoints of this run are retained in ${durable.jobDir} (externalized-checkpoint-retention ${job.config.checkpointing.externalizedRetention}); resume with --restore latest\n`
          : `Checkpoints of this run were discarded as the job ended ${run.job.jobState} (externalized-checkpoint-retention ${job.config.checkpointing.externalizedRetention})\n`,
      );
    }
  }
  let verifyExit: number | undefined;
  let verification: Record<string, unknown> | undefined;
  if (outcome) {
    const v = verifyAgainstReference(job, runSeed, outcome());
    verification = v.json;
    if (!json) io.err(v.text);
    verifyExit = v.exitCode;
  }
  if (json) io.out(`${JSON.stringify({ ...runSummaryJson(run, wallMs, stats), ...(verification ? { verify: verification } : {}), job: snapshot?.snapshot() })}\n`);
  else io.err(formatSummary(job, run, wallMs, stats, durable?.jobDir));
  // With --verify the verdict decides (a divergence is 3 even when the job failed), as in chaos.
  if (verifyExit !== undefined && run.job.jobState !== 'CANCELED') return verifyExit;
  const state = run.job.jobState;
  if (state !== 'FINISHED' && state !== 'CANCELED') return ExitCode.JOB_FAILED;
  return ExitCode.OK;
}

function startProgress(run: LocalRun, io: CliIo): { stop(): void } {
  let lastRecords = 0;
  let lastWall = performance.now();
  const timer = setInterval(() => {
    const records = run.job.sourceRecords();
    const wall = performance.now();
    const rate = ((records - lastRecords) * 1000) / Math.max(1, wall - lastWall);
    lastRecords = records;
    lastWall = wall;
    io.err(`\r\x1b[2K${formatCount(records)} records · ${formatCount(Math.round(rate))} rec/s · job time ${(run.job.time / 1000).toFixed(1)} s`);
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      io.err('\r\x1b[2K');
    },
  };
}

function onInterrupt(handler: () => void): { dispose(): void } {
  const h = () => handler();
  process.once('SIGINT', h);
  return { dispose: () => void process.off('SIGINT', h) };
}
