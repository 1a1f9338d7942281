// The verifier: runs a job without and with faults (same seed), records how each run ended, and
// judges the scenario — the one path `run --verify` and `chaos` share. Pure runtime code.
import type { RestartStrategyConfig } from '../config/jobConfig.js';
import { memorySinkFiles } from '../connectors/filesystemSink.js';
import type { FailureInfo, LocalJob } from '../engine/localJob.js';
import type { SinkFileAccess } from '../engine/operator.js';
import type { FiredFault } from '../faults/faultInjector.js';
import type { FaultScenario } from '../faults/faultModel.js';
import type { CompiledJob } from '../plan/compiledJob.js';
import { createLocalRun, type LocalRun, type SinkResultJson } from './localRun.js';
import { compareSinkTables, type VerifyReport } from './sinkTables.js';

export { compactVerifyReport, compareSinkTables, sinkGuarantee } from './sinkTables.js';
export type { ChangedRow, ChangelogCounts, RowCount, SinkGuarantee, SinkVerifyReport, VerifyReport } from './sinkTables.js';

/** How a run ended, as the verifier saw it. */
export interface RunOutcome {
  /** The final job state, or `ERROR` when the engine threw or did not end within its step budget. */
  readonly state: string;
  /** Every sink's final table. */
  readonly results: SinkResultJson[];
  /** Job-clock ms at the end. */
  readonly jobTimeMs: number;
  /** Records read by the source subtasks of the last attempt (all of them without faults). */
  readonly sourceRecords: number;
  readonly restarts: number;
  /** Every task failure, in order. */
  readonly failures: readonly FailureInfo[];
  /** Why the job failed (the reason of its FAILED state), when it did. */
  readonly failureReason?: string;
  readonly firedFaults: readonly FiredFault[];
  /** Ids of the checkpoints that completed, in order; and how many failed. */
  readonly completedCheckpoints: readonly number[];
  readonly failedCheckpoints: number;
  /** Scheduler steps taken (0 when the host ran the job itself). */
  readonly steps: number;
  /** Present when the engine threw (a broken invariant) or ran out of steps. */
  readonly error?: string;
}

/** Why a scenario's run is a divergence. */
export type DivergenceKind =
  /** The run finished but a sink's final table breaks its guarantee. */
  | 'output'
  /** The job failed for a reason no injected fault explains. */
  | 'unexplained-failure'
  /** The engine threw, or the run did not end within its step budget. */
  | 'engine-error';

/** The judgement of one scenario: the same for `chaos` and `run --faults … --verify`. */
export type ScenarioVerdict =
  /** The job finished and every sink met its guarantee. */
  | { readonly kind: 'passed' }
  /** The job failed because its faults made it fail (e.g. more failures than the restart strategy allows). */
  | { readonly kind: 'failed-as-scheduled'; readonly reason: string }
  | { readonly kind: 'diverged'; readonly divergence: DivergenceKind; readonly reason: string }
  /** The run without faults did not finish: there is nothing to compare with. */
  | { readonly kind: 'no-reference'; readonly reason: string };

/** What `verifyRun` returns. */
export interface VerifyRunResult {
  readonly reference: RunOutcome;
  readonly faulty: RunOutcome;
  readonly report: VerifyReport;
  readonly verdict: ScenarioVerdict;
  /** The verdict is `passed`. */
  readonly ok: boolean;
}

/** Options of one verification run. */
export interface ExecuteRunOptions {
  readonly seed: number;
  readonly faults?: FaultScenario;
  /** Scheduler steps after which the run counts as hung (default: unlimited). */
  readonly maxSteps?: number;
  /** Receives print sink lines (default: dropped). */
  readonly printLine?: (line: string, stderr: boolean) => void;
  /** File access for filesystem sinks (default: fresh in-memory files, so nothing touches disk). */
  readonly sinkFiles?: SinkFileAccess;
}

const TERMINAL_STATES: ReadonlySet<string> = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/**
 * Starts recording how a run ends (call before it starts); the returned function builds the
 * outcome once it ended. `executeRun` and the CLI's `run --verify` both record through this.
 */
export function recordOutcome(run: LocalRun): (end?: { readonly steps?: number; readonly error?: string }) => RunOutcome {
  const local = run.job;
  const completed: number[] = [];
  let failedCheckpoints = 0;
  let failureReason: string | undefined;
  local.events.on('checkpoint', (e) => {
    if (e.phase === 'completed') completed.push(e.checkpointId);
    else if (e.phase === 'failed') failedCheckpoints++;
  });
  local.events.on('jobState', (e) => {
    if (e.state === 'FAILED') failureReason = e.reason;
  });
  return (end = {}) =>
    outcomeOf(run, {
      state: end.error !== undefined ? 'ERROR' : local.jobState,
      failureReason: failureReason ?? (local.jobState === 'FAILED' ? local.failureInfo?.message : undefined),
      completedCheckpoints: completed,
      failedCheckpoints,
      steps: end.steps ?? 0,
      error: end.error,
    });
}

/**
 * The outcome of a run that already ended, for a host that did not record it from the start:
 * `completedCheckpoints` lists only the checkpoints still retained and `failedCheckpoints` is 0.
 */
export function endedRunOutcome(run: LocalRun): RunOutcome {
  const local = run.job;
  return outcomeOf(run, {
    state: local.jobState,
    failureReason: local.failedReason ?? (local.jobState === 'FAILED' ? local.failureInfo?.message : undefined),
    completedCheckpoints: local.coordinator?.completedCheckpoints().map((c) => c.id) ?? [],
    failedCheckpoints: 0,
    steps: 0,
  });
}

/** A run's outcome from its job as it is now and what the caller knows of how it ended. */
function outcomeOf(
  run: LocalRun,
  end: {
    readonly state: RunOutcome['state'];
    readonly failureReason: string | undefined;
    readonly completedCheckpoints: number[];
    readonly failedCheckpoints: number;
    readonly steps: number;
    readonly error?: string | undefined;
  },
): RunOutcome {
  const local = run.job;
  return {
    state: end.state,
    results: run.results(),
    jobTimeMs: local.time,
    sourceRecords: local.sourceRecords(),
    restarts: local.restarts,
    failures: [...local.failures],
    ...(end.failureReason !== undefined ? { failureReason: end.failureReason } : {}),
    firedFaults: [...local.firedFaults],
    completedCheckpoints: end.completedCheckpoints,
    failedCheckpoints: end.failedCheckpoints,
    steps: end.steps,
    ...(end.error !== undefined ? { error: end.error } : {}),
  };
}

/**
 * Runs a compiled job synchronously to its end and records how it ended. A poison record stops
 * the run (as `run` does by default). Never throws for engine errors: they become `state: 'ERROR'`.
 */
export function executeRun(job: CompiledJob, options: ExecuteRunOptions): RunOutcome {
  const run = createLocalRun(job, {
    seed: options.seed,
    collectResults: true,
    printLine: options.printLine ?? (() => {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(job.sinks.some((s) => s.files) ? { sinkFiles: options.sinkFiles ?? { ...memorySinkFiles(), runId: 'verify' } } : {}),
    stopOnDeterministicFailure: true,
  });
  const outcome = recordOutcome(run);
  const local: LocalJob = run.job;
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  let steps = 0;
  let error: string | undefined;
  try {
    for (;;) {
      if (steps >= maxSteps) {
        error = `the job did not end within ${maxSteps} scheduler steps (job time ${local.time} ms, ${local.restarts} restarts; last failure: ${local.failures.at(-1)?.message ?? 'none'})`;
        break;
      }
      const r = local.step();
      steps++;
      if (r.kind === 'done') {
        if (!TERMINAL_STATES.has(local.jobState)) {
          const last = local.failures.at(-1);
          error = `the engine ended the run while the job was ${local.jobState}${last ? ` (after '${last.message}' at ${last.time} ms)` : ''}`;
        }
        break;
      }
      if (r.kind === 'paused') throw new Error('the job paused at a stop condition during verification');
      if ((r as { kind: string }).kind === 'io') throw new Error('durable checkpoint storage needs an asynchronous run');
    }
  } catch (e) {
    error = `the engine threw: ${e instanceof Error ? e.message : String(e)}`;
  }
  return outcome({ steps, ...(error !== undefined ? { error } : {}) });
}

/** Adds how the run with faults ended to a table comparison; fails it unless that run finished. */
export function withFaultyRun(report: VerifyReport, faulty: RunOutcome): VerifyReport {
  return {
    ok: report.ok && faulty.state === 'FINISHED',
    sinks: report.sinks,
    ...(report.notCompared !== undefined ? { notCompared: report.notCompared } : {}),
    faultyRun: {
      state: faulty.state,
      restarts: faulty.restarts,
      failures: faulty.failures.length,
      firedFaults: faulty.firedFaults.length,
      ...(faulty.failureReason !== undefined ? { failureReason: faulty.failureReason } : {}),
      ...(faulty.error !== undefined ? { error: faulty.error } : {}),
    },
  };
}

const INJECTED = /\(injected\)|^Injected failure|was lost \(fault /;
const CHECKPOINT_THRESHOLD = 'Exceeded checkpoint tolerable failure threshold.';
const CHECKPOINT_FAILING = new Set(['decline-checkpoint', 'expire-checkpoint', 'fail-checkpoint-storage']);

/**
 * Whether a FAILED run is explained by its faults: `undefined` when every failure was injected
 * (or is the checkpoint failure threshold after injected checkpoint failures) and the restart
 * strategy gave up as configured; otherwise why the failure is a divergence.
 */
export function unexplainedFailure(outcome: RunOutcome, restart: RestartStrategyConfig): string | undefined {
  const fired = new Set(outcome.firedFaults.map((f) => f.action));
  if (fired.size === 0) return `the job failed although no fault fired: ${outcome.failureReason ?? 'no reason given'}`;
  for (const f of outcome.failures) {
    if (INJECTED.test(f.message)) continue;
    if (f.message === CHECKPOINT_THRESHOLD && [...fired].some((a) => CHECKPOINT_FAILING.has(a))) continue;
    return `${f.task} failed at ${f.time} ms for a reason no injected fault explains: ${f.message}`;
  }
  const reason = outcome.failureReason ?? '';
  if (/^(Poison record|Deterministic failure):/.test(reason)) return `the job was stopped in a restart loop no restart ends: ${reason}`;
  if (!reason.startsWith('Recovery is suppressed by')) return `the job failed while recovering: ${reason}`;
  if (restart.type === 'fixed-delay' && outcome.failures.length <= restart.attempts) {
    return `the job failed after ${outcome.failures.length} failure(s) although fixed-delay allows ${restart.attempts} restart(s): ${reason}`;
  }
  return undefined;
}

/**
 * Judges a run with faults against the run without. Only a run that finished has its sink tables
 * compared: a failed or stopped run's tables are partial, so it is judged by why it ended.
 */
export function judgeScenario(job: CompiledJob, reference: RunOutcome, faulty: RunOutcome): { readonly verdict: ScenarioVerdict; readonly report: VerifyReport } {
  if (reference.state !== 'FINISHED') {
    const reason = `the run without faults did not finish (${reference.error ?? reference.failureReason ?? reference.state}); nothing to compare with`;
    return { verdict: { kind: 'no-reference', reason }, report: withFaultyRun({ ok: false, sinks: [], notCompared: reason }, faulty) };
  }
  if (faulty.state === 'FINISHED') {
    const report = withFaultyRun(compareSinkTables(reference.results, faulty.results, job.sinks), faulty);
    if (report.ok) return { verdict: { kind: 'passed' }, report };
    const reason = report.sinks.filter((s) => !s.ok).map((s) => `${s.sink}: ${s.problems.join(', ')}`).join('; ');
    return { verdict: { kind: 'diverged', divergence: 'output', reason }, report };
  }
  const notCompared = withFaultyRun({ ok: false, sinks: [], notCompared: `the run with faults ended ${faulty.state}, so its sink tables are partial` }, faulty);
  if (faulty.state === 'FAILED') {
    const why = unexplainedFailure(faulty, job.config.restartStrategy);
    if (why === undefined) return { verdict: { kind: 'failed-as-scheduled', reason: faulty.failureReason ?? 'failed' }, report: notCompared };
    return { verdict: { kind: 'diverged', divergence: 'unexplained-failure', reason: why }, report: notCompared };
  }
  return { verdict: { kind: 'diverged', divergence: 'engine-error', reason: faulty.error ?? `the job ended in state ${faulty.state}` }, report: notCompared };
}

/**
 * Runs the job without faults, then with `faults`, both with `seed`, each to its end, and judges
 * the scenario. `ok` when the verdict is `passed`.
 */
export function verifyRun(job: CompiledJob, seed: number, faults: FaultScenario, options: Omit<ExecuteRunOptions, 'seed' | 'faults'> = {}): VerifyRunResult {
  const reference = executeRun(job, { maxSteps: options.maxSteps, seed });
  const faulty = executeRun(job, { ...options, seed, faults });
  const { verdict, report } = judgeScenario(job, reference, faulty);
  return { reference, faulty, report, verdict, ok: verdict.kind === 'passed' };
}
