// `run --verify`: runs the job again without faults (same seed) as the reference, and compares
// every sink's final table with the faulty run's.
import { compareSinkTables } from '../runtime/run/verify.js';
import { createLocalRun, memorySinkFiles, type CompiledJob, type LocalRun } from '../runtime/index.js';
import { formatVerifyReport, verifyReportJson } from './verifyReport.js';

/** Compares a finished run with a fault-free reference run of the same job and seed. */
export function verifyAgainstReference(job: CompiledJob, seed: number, run: LocalRun): { ok: boolean; text: string; json: Record<string, unknown> } {
  // The reference writes its files in memory: it must not touch the real sink directories.
  const reference = createLocalRun(job, { seed, collectResults: true, printLine: () => {}, sinkFiles: { ...memorySinkFiles(), runId: 'reference' } });
  reference.job.runToEnd();
  const report = compareSinkTables(reference.results(), run.results(), job.sinks);
  return { ok: report.ok, text: formatVerifyReport(report), json: verifyReportJson(report) };
}
