// The end-of-run summary: readable text for people, one JSON object for machines.
import type { CompiledJob, DeterministicFailure, FailedRecord, LocalRun, RecoveryEvent } from '../runtime/index.js';
import { describeRecord } from '../runtime/index.js';

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  // As toLocaleString('en-US') writes it, without loading ICU's number formats (~10 ms at start).
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Checkpoint counts and restart causes of a run, gathered from its events. */
export interface RunStats {
  checkpoints: { completed: number; failed: number; latestId: number | null };
  /** One entry per restart the strategy scheduled: when, after what, how long it waits. */
  restartCauses: { timeMs: number; delayMs: number; task: string; message: string; record?: string }[];
}

/** Starts counting a run's checkpoints and restarts (call before the run starts). */
export function watchRun(run: LocalRun): RunStats {
  const stats: RunStats = { checkpoints: { completed: 0, failed: 0, latestId: null }, restartCauses: [] };
  run.job.events.on('recovery', (e) => {
    if (e.phase !== 'restart-delay') return;
    const c = e.cause;
    stats.restartCauses.push({ timeMs: round(e.time), delayMs: e.delayMs, task: c.task, message: c.message, ...(c.record ? { record: c.record.fields } : {}) });
  });
  run.job.events.on('checkpoint', (e) => {
    if (e.phase === 'completed') {
      stats.checkpoints.completed++;
      stats.checkpoints.latestId = e.checkpointId;
    } else if (e.phase === 'failed') stats.checkpoints.failed++;
  });
  return stats;
}

/** The JSON object `run --json` prints. */
export function runSummaryJson(run: LocalRun, wallMs: number, stats: RunStats): Record<string, unknown> {
  const failure = run.job.failureInfo;
  const proven = run.job.deterministicFailure;
  const sinks: Record<string, unknown> = {};
  for (const s of run.results()) sinks[s.sink] = { rows: s.rows, changelog: s.changelog };
  return {
    status: run.job.jobState,
    jobTimeMs: round(run.job.time),
    wallTimeMs: round(wallMs),
    records: run.job.sourceRecords(),
    sinks,
    checkpoints: stats.checkpoints,
    restarts: run.job.restarts,
    failures: run.job.failures.map((f) => ({ task: f.task, message: f.message, timeMs: round(f.time), ...(f.record ? { record: recordJson(f.record) } : {}) })),
    restartCauses: stats.restartCauses,
    ...(proven ? { deterministicFailure: { ...proven, time: round(proven.time), ...(proven.record ? { record: recordJson(proven.record) } : {}) } } : {}),
    faults: run.job.firedFaults.map((f) => ({ name: f.name, action: f.action, target: f.target, timeMs: round(f.time), detail: f.detail })),
    ...(failure ? { failure: { task: failure.task, message: failure.message, timeMs: round(failure.time) } } : {}),
  };
}

/** The readable summary printed after a run. */
export function formatSummary(job: CompiledJob, run: LocalRun, wallMs: number, stats: RunStats, checkpointDir?: string): string {
  const records = run.job.sourceRecords();
  const lines = [
    '',
    `Job '${job.graph.name}' ${run.job.jobState} after ${(run.job.time / 1000).toFixed(2)} s of job time (${(wallMs / 1000).toFixed(2)} s wall).`,
    `  ${formatCount(records)} source records${run.job.restarts > 0 ? ' (replays after restores included)' : ''}, ${formatCount((records * 1000) / Math.max(wallMs, 1))} records/s.`,
  ];
  for (const v of job.graph.vertices) {
    const tasks = run.job.tasks.filter((t) => t.vertex.id === v.id);
    const out = tasks.map((t) => formatCount(t.recordsIn)).join(' / ');
    lines.push(`  [${v.id}] ${v.name} ×${v.parallelism}: records in per subtask ${out}${run.job.restarts > 0 ? ' (last attempt)' : ''}`);
  }
  if (job.config.checkpointing.enabled) {
    const c = stats.checkpoints;
    lines.push(`  Checkpoints: ${c.completed} completed, ${c.failed} failed${c.latestId !== null ? `, latest ${c.latestId}` : ''}${checkpointDir ? ` (in ${checkpointDir})` : ''}.`);
  }
  if (run.job.restarts > 0) lines.push(`  Restarts: ${run.job.restarts} (failures: ${run.job.failures.map((f) => `${f.task}: ${f.message}`).join('; ')}).`);
  const failure = run.job.failureInfo;
  if (failure) lines.push(`  Failed: ${failure.task} at ${(failure.time / 1000).toFixed(3)} s: ${failure.message}`);
  const proven = run.job.deterministicFailure;
  if (proven && run.job.jobState === 'FAILED' && failure?.time === proven.time) {
    lines.push(`  Stopped instead of restarting forever: ${proven.record ? 'a poison record' : 'a deterministic failure'} (see above; --keep-restarting restarts as Flink would).`);
  }
  return `${lines.join('\n')}\n`;
}

/** The lines printed for each restart: what failed and why (and at which record, when known), then the delay. */
export function formatRestartLine(e: Extract<RecoveryEvent, { phase: 'restart-delay' }>): string {
  const c = e.cause;
  const record = c.record ? `recovery:   at ${describeRecord(c.record, c.task, undefined).replace(/ since the job started/, '')}\n` : '';
  const what = c.global ? 'the job failed' : `${c.task} failed`;
  return `recovery: ${what}: ${c.message}\n${record}recovery: restarting in ${e.delayMs} ms (${e.strategy})\n`;
}

/** The diagnosis printed when a failure is proven deterministic. */
export function formatDeterministicFailure(d: DeterministicFailure, keepRestarting: boolean): string {
  const then = keepRestarting
    ? 'Restarting anyway, as Flink would (--keep-restarting): stop the run with Ctrl-C.'
    : 'Stopping the job (exit 1). Pass --keep-restarting to restart forever as Flink would.';
  return `checkpoint-lab run: ${d.diagnosis}\n${then}\n`;
}

/** A failed record for JSON: its values as printed (raw values may be BigInts or decimals). */
function recordJson(r: FailedRecord): Omit<FailedRecord, 'row'> {
  const { row: _row, ...rest } = r;
  return rest;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
