// The end of a debug run, as the CLI ends `run`: savepoints written, checkpoint retention, the
// summary, the verifier's verdict with `verify`, and the exit code (0 finished, 1 failed, 3 diverged).
import type { CompiledJob, LocalRun } from '../runtime/index.js';
import { formatSummary, type RunStats } from '../cli/summary.js';
import { verifyAgainstReference } from '../cli/verify.js';
import type { LaunchPlan } from './launchPlan.js';
import type { OutputCategory } from './stopInfo.js';

/** What the end of a run reports on. */
export interface EndedRun {
  readonly plan: LaunchPlan;
  readonly run: LocalRun;
  readonly compiled: CompiledJob;
  readonly stats: RunStats;
  readonly wallMs: number;
  /** Run the verifier (launched with `verify` and not disconnected). */
  readonly verify: boolean;
}

/** Prints the end of a run to the Debug Console; returns the exit code. */
export async function endOfRun(r: EndedRun, print: (category: OutputCategory, text: string) => void): Promise<number> {
  const job = r.run.job;
  const durable = r.plan.durable;
  for (const path of durable?.savepoints ?? []) print('console', `Savepoint written to ${path}\n`);
  if (durable && r.compiled.config.checkpointing.dir) {
    const kept = await durable.onTermination(job.jobState);
    print('console', kept ? `Checkpoints of this run are retained in ${durable.jobDir}\n` : `Checkpoints of this run were discarded as the job ended ${job.jobState}\n`);
  }
  print('console', formatSummary(r.compiled, r.run, r.wallMs, r.stats, durable?.jobDir));
  let exitCode = job.jobState === 'FINISHED' || job.jobState === 'CANCELED' ? 0 : 1;
  if (r.verify) {
    const v = verifyAgainstReference(r.compiled, r.plan.seed, r.run);
    print(v.ok ? 'console' : 'important', v.text);
    if (!v.ok && exitCode === 0) exitCode = 3;
  }
  return exitCode;
}
