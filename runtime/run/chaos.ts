// Chaos testing: runs a job under many random fault schedules drawn from the fault model and
// judges each exactly as `run --faults … --verify` does. Pure runtime code: no host imports, no clock.
import type { FaultKey, FaultScenario } from '../faults/faultModel.js';
import { faultTargetsOf } from '../faults/faultTargets.js';
import { randomFaultSchedule, type IntRange } from '../faults/randomFaultSchedule.js';
import { serializeFaultScenario } from '../faults/serializeFaultScenario.js';
import { placeSubtasks } from '../engine/cluster.js';
import type { CompiledJob } from '../plan/compiledJob.js';
import { SeededRandom } from '../util/random.js';
import { compactVerifyReport, executeRun, judgeScenario, type DivergenceKind, type RunOutcome, type ScenarioVerdict, type VerifyReport } from './verify.js';

export { unexplainedFailure, type DivergenceKind } from './verify.js';

/** Options of a chaos run. */
export interface ChaosOptions {
  /** How many random schedules to run. */
  readonly schedules: number;
  /** Seeds the run (scheduler, datagen) and, with the schedule index, every schedule. */
  readonly seed: number;
  /** Faults per schedule (default 1..3). */
  readonly faultsPerSchedule?: IntRange;
  /** Called after each schedule (1-based count done), e.g. for a progress line. */
  readonly onSchedule?: (done: number, divergences: number) => void;
}

/** A schedule under which the job broke its guarantee. */
export interface ChaosDivergence {
  /** The schedule seed: schedule `schedule` of `--seed` draws its faults from it. */
  readonly seed: number;
  /** 0-based schedule index. */
  readonly schedule: number;
  /** The scenario file (YAML, with the run's `seed`) that reproduces it with `run --faults … --verify`. */
  readonly scenario: string;
  readonly kind: DivergenceKind;
  /** One line: what went wrong. */
  readonly reason: string;
  /** The comparison with the run without faults, at most 5 rows per list. */
  readonly diff: VerifyReport;
}

/** A schedule whose job failed because the schedule made it fail (e.g. more failures than the restart strategy allows). */
export interface ChaosFailedRun {
  readonly seed: number;
  readonly schedule: number;
  readonly scenario: string;
  readonly reason: string;
}

/** The outcome of a chaos run. */
export interface ChaosResult {
  readonly schedules: number;
  /** The run seed (`--seed`). */
  readonly seed: number;
  /** The run without faults every schedule is compared with. */
  readonly reference: {
    readonly state: string;
    readonly sourceRecords: number;
    readonly completedCheckpoints: number;
    readonly jobTimeMs: number;
    readonly error?: string;
  };
  readonly divergences: readonly ChaosDivergence[];
  readonly failedRuns: readonly ChaosFailedRun[];
  /** Schedules whose job finished with every sink meeting its guarantee. */
  readonly passed: number;
  /** The verdict of every schedule, by schedule index (what `run --faults <its scenario> --verify` also says). */
  readonly verdicts: readonly ScenarioVerdict['kind'][];
  /** Faults that fired, over every schedule. */
  readonly faultsFired: number;
  /** Restarts, over every schedule. */
  readonly restarts: number;
  /**
   * Per action: how many faults the schedules contained and how many fired. A fault whose trigger
   * is never reached (a key never seen, a checkpoint never taken) does not fire; an action that
   * rarely fires points at a trigger range or an injector that misses it.
   */
  readonly faultsByAction: Readonly<Record<string, { readonly scheduled: number; readonly fired: number }>>;
}

/** The schedule seed of schedule `index` of a chaos run seeded `seed`. */
export function chaosScheduleSeed(seed: number, index: number): number {
  return new SeededRandom(seed).fork(`chaos-schedule-${index}`).nextUint32();
}


/** Keys `onKey` faults may name: values of one-column unique keys the reference run produced. */
function sampleKeys(reference: RunOutcome, job: CompiledJob, max: number): FaultKey[] {
  const keys: FaultKey[] = [];
  for (const sink of job.sinks) {
    if (sink.uniqueKey?.length !== 1) continue;
    const column = sink.columns[sink.uniqueKey[0]!]!;
    const result = reference.results.find((r) => r.sink === sink.name);
    for (const row of result?.rows ?? []) {
      const v = row[column];
      if ((typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && !keys.includes(v)) keys.push(v);
      if (keys.length >= max) return keys;
    }
  }
  return keys;
}

/**
 * Draws the fault schedules of a chaos run: schedule `i` of a run with these options, against
 * the targets of `job` and the reach (records, checkpoints, time, keys) of its run without faults.
 */
export function scheduleDrawer(job: CompiledJob, reference: RunOutcome, options: Pick<ChaosOptions, 'seed' | 'faultsPerSchedule'>): (index: number) => FaultScenario {
  const taskManagers = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
  const targets = faultTargetsOf(job.graph, taskManagers);
  const lastCheckpoint = reference.completedCheckpoints.length > 0 ? Math.max(...reference.completedCheckpoints) : 0;
  const keys = sampleKeys(reference, job, 8);
  return (index) => {
    const random = new SeededRandom(chaosScheduleSeed(options.seed, index));
    return randomFaultSchedule(() => random.nextFloat(), targets, {
      ...(options.faultsPerSchedule ? { faults: options.faultsPerSchedule } : {}),
      records: { min: 1, max: Math.max(1, reference.sourceRecords) },
      checkpoints: { min: 1, max: lastCheckpoint },
      timeMs: { min: 0, max: Math.max(1, Math.ceil(reference.jobTimeMs)) },
      keys,
      seed: options.seed,
    });
  };
}

/** The scenario file (YAML) of chaos schedule `index`, as chaos prints it for a divergence. */
export function chaosScenarioYaml(scenario: FaultScenario, index: number, seed: number): string {
  return serializeFaultScenario(scenario, `chaos schedule ${index} (schedule seed ${chaosScheduleSeed(seed, index)}) of --seed ${seed}`);
}

/**
 * Runs the job once without faults, then under `schedules` random fault schedules (same run
 * seed), and compares each with the first. A schedule diverges when the job finishes with a sink
 * breaking its guarantee, fails for a reason the schedule does not explain, or the engine errs.
 */
export function runChaos(job: CompiledJob, options: ChaosOptions): ChaosResult {
  const reference = executeRun(job, { seed: options.seed });
  const referenceSummary = {
    state: reference.state,
    sourceRecords: reference.sourceRecords,
    completedCheckpoints: reference.completedCheckpoints.length,
    jobTimeMs: reference.jobTimeMs,
    ...(reference.error !== undefined ? { error: reference.error } : {}),
  };
  const divergences: ChaosDivergence[] = [];
  const failedRuns: ChaosFailedRun[] = [];
  if (reference.state !== 'FINISHED') {
    return { schedules: 0, seed: options.seed, reference: referenceSummary, divergences, failedRuns, passed: 0, verdicts: [], faultsFired: 0, restarts: 0, faultsByAction: {} };
  }
  const draw = scheduleDrawer(job, reference, options);
  // Only an engine hang reaches this: restart loops end by the restart strategy or as a proven
  // deterministic failure, exactly as in `run --verify`.
  const maxSteps = Math.max(200_000, reference.steps * 100);
  const verdicts: ScenarioVerdict['kind'][] = [];
  let passed = 0;
  let faultsFired = 0;
  let restarts = 0;
  const faultsByAction: Record<string, { scheduled: number; fired: number }> = {};
  const stats = (action: string) => (faultsByAction[action] ??= { scheduled: 0, fired: 0 });
  for (let i = 0; i < options.schedules; i++) {
    const scheduleSeed = chaosScheduleSeed(options.seed, i);
    const scenario = draw(i);
    const faulty = executeRun(job, { seed: options.seed, faults: scenario, maxSteps });
    faultsFired += faulty.firedFaults.length;
    for (const f of scenario.faults) stats(f.action).scheduled++;
    for (const f of faulty.firedFaults) stats(f.action).fired++;
    restarts += faulty.restarts;
    const yaml = () => chaosScenarioYaml(scenario, i, options.seed);
    const diverge = (kind: DivergenceKind, reason: string, report: VerifyReport) =>
      divergences.push({ seed: scheduleSeed, schedule: i, scenario: yaml(), kind, reason, diff: compactVerifyReport(report) });
    const { verdict, report } = judgeScenario(job, reference, faulty);
    verdicts.push(verdict.kind);
    if (verdict.kind === 'passed') passed++;
    else if (verdict.kind === 'diverged') diverge(verdict.divergence, verdict.reason, report);
    else failedRuns.push({ seed: scheduleSeed, schedule: i, scenario: yaml(), reason: verdict.reason });
    options.onSchedule?.(i + 1, divergences.length);
  }
  return { schedules: options.schedules, seed: options.seed, reference: referenceSummary, divergences, failedRuns, passed, verdicts, faultsFired, restarts, faultsByAction };
}
