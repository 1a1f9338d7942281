// Benchmark: the keyed count job file on the runtime and on a local Apache Flink session cluster
// (flink/install.sh, start.sh, stop.sh) in one run. Starts and stops its own cluster; imports the
// runtime and the bridge. A benchmark, never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { clusterStateFile, FlinkRestClient, readClusterState, submitJobFile } from '../bridge/index.js';
import { nodeFileSystem } from '../cli/nodeFileSystem.js';
import { compileJob, createLocalRun, formatDiagnostic, type CompiledJob, type Diagnostic } from '../runtime/index.js';
import { keyedCountSql } from './keyedCount.js';

/** Parallelism of both engines: one subtask per core of the 2-core project machine. */
export const COMPARISON_PARALLELISM = 2;

const JOB_FILE = 'bench/keyed-count-vs-flink.flink.sql';

/**
 * The job file both engines run: the keyed count of `keyedCountSql` (100,000 keys, blackhole) with
 * parallelism 2, a checkpoint every second, and a bounded random `id` (`number-of-rows`) instead of
 * the sequence: Flink's datagen sequence keeps every value it has not emitted yet in memory and in
 * each checkpoint, so tens of millions of rows cannot be checkpointed (see BENCHMARKS.md).
 * `sink` 'print' is the variant that measures the time to the first output line.
 */
export function comparisonSql(rows: number, sink: 'blackhole' | 'print' = 'blackhole'): string {
  let text = keyedCountSql(rows, 100_000, { 'execution.checkpointing.interval': '1 s' });
  const edits: [string, string][] = [
    ["SET 'parallelism.default' = '4';", `SET 'parallelism.default' = '${COMPARISON_PARALLELISM}';`],
    [
      `'fields.id.kind' = 'sequence',\n  'fields.id.start' = '1',\n  'fields.id.end' = '${rows}'`,
      `'number-of-rows' = '${rows}',\n  'fields.id.kind' = 'random',\n  'fields.id.min' = '1',\n  'fields.id.max' = '1000000000'`,
    ],
    ["'connector' = 'blackhole'", `'connector' = '${sink}'`],
  ];
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`keyedCountSql no longer contains ${JSON.stringify(from)}; update bench/flinkComparison.ts`);
    text = text.replace(from, to);
  }
  return text;
}

/** One measured run of the blackhole job on one engine. */
export interface MainRun {
  /** Source records per second of processing. */
  readonly rate: number;
  /** Wall ms of processing: the runtime's `runToEnd`; Flink's first subtask RUNNING → last FINISHED. */
  readonly processingMs: number;
  /** Wall ms from submission (runtime: before compiling) to FINISHED. */
  readonly submitToFinishedMs: number;
  /** CPU ms used meanwhile: the runtime's process during processing; Flink's TaskManager from submission to FINISHED. */
  readonly cpuMs: number;
  /** Checkpoints completed (the runtime's interval is job time, Flink's wall time). */
  readonly checkpoints: number;
  /** What the figures are made of, for the log. */
  readonly detail: string;
}

/** One measured time to the first output line (the print variant, stopped there). */
export interface FirstOutputRun {
  /** Wall ms from submission (runtime: before compiling) to the first printed line. */
  readonly firstOutputMs: number;
  readonly detail: string;
}

const fmtRate = (n: number) => `${(n / 1e6).toFixed(2)}M rec/s`;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** A time: milliseconds below a second, else seconds. */
const fmtT = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : fmtS(ms));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function compileOrThrow(text: string): CompiledJob {
  const { job, diagnostics } = compileJob(text, { file: JOB_FILE });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!job || errors.length > 0) throw new Error(errors.map((d) => formatDiagnostic(d)).join('\n'));
  return job;
}

/** The runtime: compile the print variant and run it until its first line. */
export function runtimeFirstOutput(rows: number): FirstOutputRun {
  const t0 = performance.now();
  const job = compileOrThrow(comparisonSql(rows, 'print'));
  const compiled = performance.now();
  let first: number | undefined;
  const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => void (first ??= performance.now()) });
  run.job.setStopCondition(() => first !== undefined);
  const end = run.job.runToEnd();
  if (first === undefined) throw new Error(`the runtime's print job ended ${JSON.stringify(end)} without printing`);
  return { firstOutputMs: first - t0, detail: `compile ${(compiled - t0).toFixed(0)} ms` };
}

/** The runtime: compile and run the blackhole job to the end. */
export function runtimeMainRun(rows: number): MainRun {
  const t0 = performance.now();
  const job = compileOrThrow(comparisonSql(rows));
  const run = createLocalRun(job, { seed: 1, collectResults: false, printLine: () => {} });
  let checkpoints = 0;
  run.job.events.on('checkpoint', (e) => void (e.phase === 'completed' && checkpoints++));
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const end = run.job.runToEnd();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (end.kind !== 'done' || end.state !== 'FINISHED') throw new Error(`the runtime's job ended ${JSON.stringify(end)}`);
  if (run.job.sourceRecords() !== rows) throw new Error(`the runtime read ${run.job.sourceRecords()} rows, expected ${rows}`);
  return {
    rate: rows / ((t2 - t1) / 1000),
    processingMs: t2 - t1,
    submitToFinishedMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    checkpoints,
    detail: `compile ${(t1 - t0).toFixed(0)} ms, processing ${fmtS(t2 - t1)} (${fmtS(run.job.time)} of job time)`,
  };
}

/** A running cluster, from flink/start.sh's state file. */
export interface FlinkCluster {
  readonly jobManager: FlinkRestClient;
  readonly gatewayUrl: string;
  readonly logDir: string;
  /** The TaskManager's pid, to read its CPU time. */
  readonly taskManagerPid: number;
  /** FLINK_VERSION, e.g. 2.3.0. */
  readonly version: string;
}

interface JobDetails {
  readonly state: string;
  readonly 'start-time': number;
  readonly 'end-time': number;
  readonly vertices: readonly { readonly id: string; readonly name: string; readonly metrics: Readonly<Record<string, number | boolean>> }[];
}

/** Runs a flink/ script with the bench's run dir; returns its exit status. */
function flinkScript(script: string, runDir: string): number {
  const r = spawnSync('bash', [`flink/${script}`], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHECKPOINT_LAB_FLINK_RUN_DIR: runDir } });
  return r.status ?? 1;
}

/** Starts a fresh cluster in `runDir` (a failure is a clear Error); returns it and the wall ms it took. */
function startCluster(runDir: string): { cluster: FlinkCluster; startMs: number } {
  if (existsSync(clusterStateFile(runDir))) {
    throw new Error(`a Flink cluster is already recorded in ${runDir} and the benchmark needs a fresh one: stop it with CHECKPOINT_LAB_FLINK_RUN_DIR=${runDir} flink/stop.sh`);
  }
  const t0 = performance.now();
  if (flinkScript('start.sh', runDir) !== 0) throw new Error(`flink/start.sh failed (its output is above); logs in ${runDir}/log`);
  const startMs = performance.now() - t0;
  const env = readClusterState(runDir);
  if (!env['JOBMANAGER_URL'] || !env['SQL_GATEWAY_URL'] || !env['LOG_DIR']) throw new Error(`${runDir}/cluster.env lacks JOBMANAGER_URL, SQL_GATEWAY_URL or LOG_DIR`);
  const cluster = { jobManager: new FlinkRestClient(env['JOBMANAGER_URL']), gatewayUrl: env['SQL_GATEWAY_URL'], logDir: env['LOG_DIR'], taskManagerPid: Number(env['TASKMANAGER_PID']), version: env['FLINK_VERSION'] ?? '?' };
  return { cluster, startMs };
}

/** Runs `body` on a fresh cluster and always stops it (also on Ctrl-C). */
async function withCluster<T>(runDir: string, log: (line: string) => void, body: (cluster: FlinkCluster) => Promise<T>): Promise<T> {
  const { cluster, startMs } = startCluster(runDir);
  log(`  Flink cluster started in ${fmtS(startMs)} (${runDir})`);
  const onSignal = () => {
    flinkScript('stop.sh', runDir);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  try {
    return await body(cluster);
  } finally {
    process.removeListener('SIGINT', onSignal);
    flinkScript('stop.sh', runDir);
  }
}

let clockTicks: number | undefined;

/** CPU ms (user + system, all threads) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim() || 100);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

async function submit(cluster: FlinkCluster, text: string): Promise<string> {
  const out = await submitJobFile({ text, file: JOB_FILE, fileSystem: nodeFileSystem, gatewayUrl: cluster.gatewayUrl });
  if (!out.ok) throw new Error(`Flink rejected the job file:\n${out.diagnostics.map((d: Diagnostic) => formatDiagnostic(d)).join('\n')}`);
  const jobId = out.jobIds[0];
  if (jobId === undefined) throw new Error('the job file submitted no job');
  return jobId;
}

async function waitForEnd(cluster: FlinkCluster, jobId: string, timeoutMs: number): Promise<JobDetails> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await cluster.jobManager.get<JobDetails>(`/jobs/${jobId}`);
    if (['FINISHED', 'FAILED', 'CANCELED'].includes(job.state)) return job;
    if (Date.now() > deadline) {
      await cancel(cluster, jobId);
      throw new Error(`Flink job ${jobId} still ${job.state} after ${fmtS(timeoutMs)}; cancelled`);
    }
    await sleep(100);
  }
}

async function cancel(cluster: FlinkCluster, jobId: string): Promise<void> {
  await cluster.jobManager.patch(`/jobs/${jobId}?mode=cancel`);
  for (let i = 0; i < 300; i++) {
    const { state } = await cluster.jobManager.get<{ state: string }>(`/jobs/${jobId}`);
    if (state === 'CANCELED' || state === 'FINISHED' || state === 'FAILED') return;
    await sleep(100);
  }
}

async function failureOf(cluster: FlinkCluster, jobId: string): Promise<string> {
  const ex = await cluster.jobManager.get<{ rootException?: string }>(`/jobs/${jobId}/exceptions`).catch(() => ({ rootException: undefined }));
  return ex.rootException?.split('\n', 1)[0] ?? 'no root exception reported';
}

/**
 * Flink: submit the print variant through the SQL Gateway and watch the TaskManager's stdout (where
 * the print sink writes) for the first line; then cancel the job.
 */
export async function flinkFirstOutput(cluster: FlinkCluster, rows: number): Promise<FirstOutputRun> {
  const out = join(cluster.logDir, 'taskmanager.out');
  let offset = existsSync(out) ? statSync(out).size : 0;
  let first: number | undefined;
  const buf = Buffer.alloc(64 * 1024);
  const watch = setInterval(() => {
    if (first !== undefined || !existsSync(out)) return;
    const size = statSync(out).size;
    if (size <= offset) return;
    const fd = openSync(out, 'r');
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - offset), offset);
    closeSync(fd);
    if (/[+-][IUD]\[/.test(buf.toString('utf8', 0, n))) first = Date.now();
    else offset = size;
  }, 2);
  const t0 = Date.now();
  let jobId: string | undefined;
  try {
    jobId = await submit(cluster, comparisonSql(rows, 'print'));
    const statementsMs = Date.now() - t0;
    while (first === undefined) {
      if (Date.now() - t0 > 180_000) throw new Error(`no print output from Flink job ${jobId} within 180 s (watching ${out})`);
      const { state } = await cluster.jobManager.get<{ state: string }>(`/jobs/${jobId}`);
      if (state === 'FAILED' || state === 'CANCELED') throw new Error(`Flink job ${jobId} ended ${state} before printing: ${await failureOf(cluster, jobId)}`);
      await sleep(20);
    }
    return { firstOutputMs: first - t0, detail: `statements ${fmtS(statementsMs)}` };
  } finally {
    clearInterval(watch);
    if (jobId !== undefined) await cancel(cluster, jobId);
  }
}

/** Flink: submit the blackhole job and wait until it is FINISHED; figures from the JobManager's REST API. */
export async function flinkMainRun(cluster: FlinkCluster, rows: number): Promise<MainRun> {
  const cpu0 = cpuMsOf(cluster.taskManagerPid);
  const t0 = Date.now();
  const jobId = await submit(cluster, comparisonSql(rows));
  const statementsMs = Date.now() - t0;
  const job = await waitForEnd(cluster, jobId, 600_000);
  if (job.state !== 'FINISHED') throw new Error(`Flink job ${jobId} ended ${job.state}: ${await failureOf(cluster, jobId)}`);
  const cpuMs = cpuMsOf(cluster.taskManagerPid) - cpu0;
  let firstRunning = Number.POSITIVE_INFINITY;
  let lastFinished = 0;
  for (const v of job.vertices) {
    const times = await cluster.jobManager.get<{ subtasks: { timestamps: Record<string, number> }[] }>(`/jobs/${jobId}/vertices/${v.id}/subtasktimes`);
    for (const s of times.subtasks) {
      firstRunning = Math.min(firstRunning, s.timestamps['RUNNING'] ?? Number.POSITIVE_INFINITY);
      lastFinished = Math.max(lastFinished, s.timestamps['FINISHED'] ?? 0);
    }
  }
  const source = job.vertices.find((v) => v.name.startsWith('Source:'));
  const read = source?.metrics['write-records'];
  if (read !== rows) throw new Error(`Flink's source wrote ${String(read)} records, expected ${rows}`);
  const cps = await cluster.jobManager.get<{ counts: { completed: number; failed: number } }>(`/jobs/${jobId}/checkpoints`);
  const processingMs = lastFinished - firstRunning;
  return {
    rate: rows / (processingMs / 1000),
    processingMs,
    submitToFinishedMs: job['end-time'] - t0,
    cpuMs,
    checkpoints: cps.counts.completed,
    detail:
      `statements ${fmtS(statementsMs)}, job created → first task RUNNING ${fmtS(firstRunning - job['start-time'])}, ` +
      `processing ${fmtS(processingMs)}` +
      (cps.counts.failed > 0 ? `, ${cps.counts.failed} checkpoint trigger(s) declined while tasks started or finished` : ''),
  };
}

/** The 1-minute load average, for the log: other processes share this machine. */
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
const mainText = (r: MainRun) => `${fmtRate(r.rate)}, submission → FINISHED ${fmtS(r.submitToFinishedMs)}, CPU ${fmtS(r.cpuMs)}, ${r.checkpoints} checkpoints (${r.detail})`;

/**
 * The comparison: the runtime's first-output probe first (cold when nothing ran before in this
 * process), Flink's cold probe on one fresh cluster, then on a second fresh cluster the cold
 * blackhole job and `rounds` rounds of (runtime probe, runtime job, Flink probe, Flink job).
 * Logs every run; returns Markdown rows with medians and ratios. Throws when Flink is unavailable.
 */
export async function flinkComparisonBench(rows: number, rounds: number, log: (line: string) => void): Promise<string[]> {
  log(`Runtime vs Apache Flink: keyed count, ${rows.toLocaleString('en-US')} rows, parallelism ${COMPARISON_PARALLELISM}, checkpoints every 1 s`);
  log(comparisonSql(rows).trim().split('\n').map((l) => `    ${l}`).join('\n'));
  const runDir = resolve(process.env['CHECKPOINT_LAB_FLINK_BENCH_RUN_DIR'] ?? 'out/flink-bench-cluster');
  if (flinkScript('install.sh', runDir) !== 0) throw new Error('flink/install.sh failed (its output is above): Apache Flink could not be installed');

  const rtCold = runtimeFirstOutput(rows);
  log(`  runtime, first job in this process (${load()}): first output after ${fmtT(rtCold.firstOutputMs)} (${rtCold.detail})`);
  const flinkCold = await withCluster(runDir, log, (c) => flinkFirstOutput(c, rows));
  log(`  Flink, first job on a fresh cluster (${load()}): first output after ${fmtT(flinkCold.firstOutputMs)} (${flinkCold.detail})`);

  const rt: { first: FirstOutputRun; main: MainRun }[] = [];
  const fl: { first: FirstOutputRun; main: MainRun }[] = [];
  let version = '?';
  const flinkColdMain = await withCluster(runDir, log, async (c) => {
    version = c.version;
    const cold = await flinkMainRun(c, rows);
    log(`  Flink, first job on a fresh cluster (${load()}): ${mainText(cold)}`);
    for (let i = 0; i < rounds; i++) {
      const r = { first: runtimeFirstOutput(rows), main: runtimeMainRun(rows) };
      rt.push(r);
      log(`  round ${i + 1} (${load()}), runtime: first output ${fmtT(r.first.firstOutputMs)} (${r.first.detail}); ${mainText(r.main)}`);
      const f = { first: await flinkFirstOutput(c, rows), main: await flinkMainRun(c, rows) };
      fl.push(f);
      log(`  round ${i + 1} (${load()}), Flink: first output ${fmtT(f.first.firstOutputMs)} (${f.first.detail}); ${mainText(f.main)}`);
    }
    return cold;
  });

  const m = (xs: typeof rt, f: (r: (typeof rt)[number]) => number) => median(xs.map(f));
  const rate = [m(rt, (r) => r.main.rate), m(fl, (r) => r.main.rate)] as const;
  const first = [m(rt, (r) => r.first.firstOutputMs), m(fl, (r) => r.first.firstOutputMs)] as const;
  const cpu = [m(rt, (r) => (r.main.cpuMs / rows) * 1e6), m(fl, (r) => (r.main.cpuMs / rows) * 1e6)] as const;
  const done = [m(rt, (r) => r.main.submitToFinishedMs), m(fl, (r) => r.main.submitToFinishedMs)] as const;
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  const of = `median of ${rounds}`;
  return [
    `| keyed count, ${rows / 1e6}M rows, p=${COMPARISON_PARALLELISM}, checkpoints every 1 s | runtime | Flink ${version} | runtime / Flink |`,
    '| --- | --- | --- | --- |',
    `| throughput, source records per second of processing (${of}) | ${fmtRate(rate[0])} | ${fmtRate(rate[1])} | ${ratio(rate[0], rate[1])} |`,
    `| throughput, cold (first job on a fresh cluster) | — | ${fmtRate(flinkColdMain.rate)} | — |`,
    `| CPU time per million records (runtime: its process while processing; Flink: the TaskManager, submission → FINISHED; ${of}) | ${fmtS(cpu[0])} | ${fmtS(cpu[1])} | ${ratio(cpu[0], cpu[1])} |`,
    `| time to first output, warm (${of}) | ${fmtT(first[0])} | ${fmtT(first[1])} | ${ratio(first[0], first[1])} |`,
    `| time to first output, cold (first job in the process / on a fresh cluster) | ${fmtT(rtCold.firstOutputMs)} | ${fmtT(flinkCold.firstOutputMs)} | ${ratio(rtCold.firstOutputMs, flinkCold.firstOutputMs)} |`,
    `| submission → FINISHED, warm (${of}) | ${fmtS(done[0])} | ${fmtS(done[1])} | ${ratio(done[0], done[1])} |`,
    `| submission → FINISHED, cold (first job on a fresh cluster) | — | ${fmtS(flinkColdMain.submitToFinishedMs)} | — |`,
  ];
}
