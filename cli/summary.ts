// The end-of-run summary: readable text for people, one JSON object for machines.
import type { CompiledJob, LocalRun } from '../runtime/index.js';

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The JSON object `run --json` prints. */
export function runSummaryJson(run: LocalRun, wallMs: number): Record<string, unknown> {
  const failure = run.job.failureInfo;
  const sinks: Record<string, unknown> = {};
  for (const s of run.results()) sinks[s.sink] = { rows: s.rows, changelog: s.changelog };
  return {
    status: run.job.jobState,
    jobTimeMs: round(run.job.time),
    wallTimeMs: round(wallMs),
    records: run.job.sourceRecords(),
    sinks,
    ...(failure ? { failure: { task: failure.task, message: failure.message, timeMs: round(failure.time) } } : {}),
  };
}

/** The readable summary printed after a run. */
export function formatSummary(job: CompiledJob, run: LocalRun, wallMs: number): string {
  const records = run.job.sourceRecords();
  const lines = [
    '',
    `Job '${job.graph.name}' ${run.job.jobState} after ${(run.job.time / 1000).toFixed(2)} s of job time (${(wallMs / 1000).toFixed(2)} s wall).`,
    `  ${formatCount(records)} source records, ${formatCount((records * 1000) / Math.max(wallMs, 1))} records/s.`,
  ];
  for (const v of job.graph.vertices) {
    const tasks = run.job.tasks.filter((t) => t.vertex.id === v.id);
    const out = tasks.map((t) => formatCount(t.recordsIn)).join(' / ');
    lines.push(`  [${v.id}] ${v.name} ×${v.parallelism}: records in per subtask ${out}`);
  }
  const failure = run.job.failureInfo;
  if (failure) lines.push(`  Failed: ${failure.task} at ${(failure.time / 1000).toFixed(3)} s: ${failure.message}`);
  return `${lines.join('\n')}\n`;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
