// `run --verify`: judges the run against a run without faults (same seed) through the runtime's one
// scenario judge, the same one `chaos` uses, so a chaos divergence reproduces here exactly.
import { endedRunOutcome, executeRun, judgeScenario, type RunOutcome, type ScenarioVerdict } from '../runtime/run/verify.js';
import type { CompiledJob, LocalRun } from '../runtime/index.js';
import { ExitCode } from './io.js';
import { formatVerifyReport, verifyReportJson } from './verifyReport.js';

/**
 * Judges a run that ended (its recorded outcome, or the run itself) against a reference run
 * without faults. `exitCode`: 0 passed, 3 diverged, 1 failed (as its faults imply, or no reference).
 */
export function verifyAgainstReference(
  job: CompiledJob,
  seed: number,
  ended: RunOutcome | LocalRun,
): { verdict: ScenarioVerdict; ok: boolean; exitCode: number; text: string; json: Record<string, unknown> } {
  const faulty = 'job' in ended ? endedRunOutcome(ended) : ended;
  // The reference writes its files in memory: it must not touch the real sink directories.
  const reference = executeRun(job, { seed });
  const { verdict, report } = judgeScenario(job, reference, faulty);
  const exitCode = verdict.kind === 'passed' ? ExitCode.OK : verdict.kind === 'diverged' ? ExitCode.DIVERGED : ExitCode.JOB_FAILED;
  return { verdict, ok: verdict.kind === 'passed', exitCode, text: `${formatVerifyReport(report)}${formatVerdict(verdict)}\n`, json: { verdict, ...verifyReportJson(report) } };
}

/** The verdict in one line, in the words `chaos` uses. */
export function formatVerdict(v: ScenarioVerdict): string {
  switch (v.kind) {
    case 'passed':
      return 'Verdict: passed.';
    case 'diverged':
      return `Verdict: diverged (${v.divergence}): ${v.reason}`;
    case 'failed-as-scheduled':
      return `Verdict: failed as its faults imply (not a divergence): ${v.reason}`;
    case 'no-reference':
      return `Verdict: not verified: ${v.reason}`;
  }
}
