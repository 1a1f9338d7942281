// `checkpoint-lab run JOB`: compiles a job file, runs it on the local runtime, shows progress on
// a terminal and a summary (or one JSON object) at the end.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { compileJob, createLocalRun, formatDiagnostic, type CompiledJob, type LocalRun } from '../runtime/index.js';
import { ExitCode, type CliIo } from './io.js';
import { nodeFileSystem } from './nodeFileSystem.js';
import { nodeHost } from './nodeHost.js';
import { formatCount, formatSummary, runSummaryJson } from './summary.js';

/** Options shared by commands that compile a job file. */
export interface JobFileArgs {
  file: string;
  parallelism?: number;
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
  return diagnostics.some((d) => d.severity === 'error') ? undefined : job;
}

/** Parses an integer option; returns an error message when it is not a positive integer. */
export function positiveInt(name: string, value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `option --${name} expects a positive integer, got '${value}'`;
  return Number(value);
}

export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        parallelism: { type: 'string' },
        speed: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    io.err(`checkpoint-lab run: ${(e as Error).message}\n`);
    return ExitCode.INVALID;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err('checkpoint-lab run: expected exactly one job file, e.g. checkpoint-lab run examples/clickstream-counts.flink.sql\n');
    return ExitCode.INVALID;
  }
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (values.seed !== undefined && (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed))) {
    io.err(`checkpoint-lab run: option --seed expects an integer, got '${values.seed}'\n`);
    return ExitCode.INVALID;
  }
  const parallelism = positiveInt('parallelism', values.parallelism);
  if (typeof parallelism === 'string') {
    io.err(`checkpoint-lab run: ${parallelism}\n`);
    return ExitCode.INVALID;
  }
  let speed: number | undefined;
  if (values.speed !== undefined && values.speed !== 'max') {
    speed = Number(values.speed);
    if (!(speed > 0) || !Number.isFinite(speed)) {
      io.err(`checkpoint-lab run: option --speed expects 'max' or a positive factor (1 = real time), got '${values.speed}'\n`);
      return ExitCode.INVALID;
    }
  }
  const job = loadJob({ file: positionals[0]!, parallelism }, io);
  if (!job) return ExitCode.INVALID;

  const json = values.json === true;
  const run = createLocalRun(job, {
    seed,
    collectResults: json,
    // With --json, stdout carries only the JSON object; what print sinks print goes to stderr.
    printLine: (line, stderr) => (json || stderr ? io.err(`${line}\n`) : io.out(`${line}\n`)),
  });
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
  if (json) io.out(`${JSON.stringify(runSummaryJson(run, wallMs))}\n`);
  else io.err(formatSummary(job, run, wallMs));
  const state = run.job.jobState;
  return state === 'FINISHED' || state === 'CANCELED' ? ExitCode.OK : ExitCode.JOB_FAILED;
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
