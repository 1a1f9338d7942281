// Runs a staged job file on the real Flink test cluster: submits it through the SQL Gateway
// (bridge/submitJobFile), polls each job until it ends, and returns the print sink's output the
// job wrote to taskmanager.out. Run one job at a time: the output is told apart by file offset.
import { setTimeout as delay } from 'node:timers/promises';
import { openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FlinkRestClient, submitJobFile } from '../../../bridge/index.js';
import { nodeFileSystem } from '../../../cli/nodeFileSystem.js';
import { formatDiagnostic } from '../../../runtime/index.js';
import type { FlinkTestCluster } from '../../support/flinkCluster.js';

/** A job that ran on Flink. */
export interface FlinkJobRun {
  readonly jobId: string;
  readonly state: string;
  /** For a job that did not finish: the exception and its causes Flink recorded. */
  readonly failure?: string;
  /** The job's vertices (names and parallelism) from `/jobs/:id`. */
  readonly vertices: readonly FlinkVertex[];
}

/** A job vertex as the JobManager lists it. */
export interface FlinkVertex {
  readonly name: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
}

/** One job file run on Flink: its jobs and what the print sinks wrote meanwhile. */
export interface FlinkRun {
  readonly jobs: readonly FlinkJobRun[];
  /** taskmanager.out from before the submission to after the last job ended. */
  readonly printOutput: string;
  readonly wallMs: number;
}

const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED']);

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readFrom(path: string, offset: number): string {
  const size = sizeOf(path);
  if (size <= offset) return '';
  const buf = Buffer.alloc(size - offset);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

interface JobDetails {
  readonly state: string;
  readonly vertices?: readonly FlinkVertex[];
}

/** Why a job failed: the root exception Flink recorded, shortened. */
async function failureCause(client: FlinkRestClient, jobId: string): Promise<string> {
  const ex = await client.get<{ exceptionHistory?: { entries?: { exceptionName?: string; stacktrace?: string }[] } }>(`/jobs/${jobId}/exceptions`).catch(() => undefined);
  const entry = ex?.exceptionHistory?.entries?.[0];
  if (!entry) return '(no exception recorded)';
  const causes = (entry.stacktrace ?? '').split('\n').filter((l) => /^(Caused by: |\S+(Exception|Error)\b)/.test(l));
  return causes.join('\n') || (entry.exceptionName ?? '(unknown)');
}

/** Cancels the jobs (PATCH /jobs/:id?mode=cancel) and waits up to 30 s until they have ended. */
async function cancelAll(cluster: FlinkTestCluster, client: FlinkRestClient, jobIds: readonly string[]): Promise<void> {
  for (const jobId of jobIds) {
    await fetch(`${cluster.jobManagerUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH', signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  }
  const deadline = Date.now() + 30_000;
  for (const jobId of jobIds) {
    while (Date.now() < deadline) {
      const state = await client.get<JobDetails>(`/jobs/${jobId}`).then((d) => d.state, () => 'UNKNOWN');
      if (TERMINAL.has(state) || state === 'UNKNOWN') break;
      await delay(100);
    }
  }
}

/**
 * Submits the job file and waits until every job it started has ended (at most `timeoutMs`; jobs
 * still running then are cancelled). Throws when Flink rejects a statement or a job does not end
 * in time; a job that FAILED is returned with its `failure`.
 */
export async function runOnFlink(cluster: FlinkTestCluster, file: string, timeoutMs = 90_000): Promise<FlinkRun> {
  const t0 = Date.now();
  const out = join(cluster.logDir, 'taskmanager.out');
  const offset = sizeOf(out);
  const outcome = await submitJobFile({ text: readFileSync(file, 'utf8'), file, fileSystem: nodeFileSystem, gatewayUrl: cluster.gatewayUrl });
  const client = new FlinkRestClient(cluster.jobManagerUrl);
  if (!outcome.ok) {
    // Jobs of statements before the rejected one must not write into the next job's output.
    await cancelAll(cluster, client, outcome.jobIds);
    throw new Error(`Flink rejected ${file}:\n${outcome.diagnostics.map(formatDiagnostic).join('\n')}`);
  }
  if (outcome.jobIds.length === 0) throw new Error(`${file} started no job on Flink`);
  const deadline = t0 + timeoutMs;
  const jobs: FlinkJobRun[] = [];
  for (const jobId of outcome.jobIds) {
    let details: JobDetails;
    for (let wait = 25; ; wait = Math.min(wait * 2, 200)) {
      details = await client.get<JobDetails>(`/jobs/${jobId}`);
      if (TERMINAL.has(details.state)) break;
      if (Date.now() > deadline) {
        await cancelAll(cluster, client, outcome.jobIds);
        throw new Error(`Flink job ${jobId} of ${file} is still ${details.state} after ${timeoutMs} ms; cancelled the file's jobs`);
      }
      await delay(wait);
    }
    const failure = details.state === 'FINISHED' ? undefined : await failureCause(client, jobId);
    jobs.push({ jobId, state: details.state, failure, vertices: (details.vertices ?? []).map((v) => ({ name: v.name, parallelism: v.parallelism, maxParallelism: v.maxParallelism })) });
  }
  return { jobs, printOutput: readFrom(out, offset), wallMs: Date.now() - t0 };
}
