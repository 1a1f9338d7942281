// Compiles and runs SQL text for planner tests, collecting print lines and sink tables.
import assert from 'node:assert/strict';
import { compileJob, createLocalRun, formatDiagnostic, type CompiledJob, type SinkResultJson } from '../../../runtime/index.js';

/** Compiles SQL that must be valid. */
export function compile(sql: string, file = 'test.flink.sql'): CompiledJob {
  const { job, diagnostics } = compileJob(sql, { file });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, errors.map(formatDiagnostic).join('\n'));
  return job!;
}

/** The error diagnostics of SQL that must be invalid, formatted as file:line:col: error: message. */
export function errorsOf(sql: string): string[] {
  const { job, diagnostics } = compileJob(sql, { file: 'bad.flink.sql' });
  assert.equal(job, undefined, 'expected the job file to be rejected');
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

/** Runs SQL to the end; returns the print lines and every sink's final table. */
export function run(sql: string, seed = 1): { lines: string[]; results: SinkResultJson[]; state: string; job: CompiledJob } {
  const job = compile(sql);
  const lines: string[] = [];
  const r = createLocalRun(job, { seed, collectResults: true, printLine: (l) => lines.push(l) });
  const end = r.job.runToEnd();
  assert.equal(end.kind, 'done');
  return { lines, results: r.results(), state: r.job.jobState, job };
}

/** A bounded datagen table over a sequence `id` 1..n plus computed columns. */
export function seqTable(name: string, n: number, computed = ''): string {
  return `CREATE TABLE ${name} (id BIGINT${computed ? `, ${computed}` : ''}) WITH (
  'connector' = 'datagen', 'rows-per-second' = '1000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '${n}');\n`;
}
