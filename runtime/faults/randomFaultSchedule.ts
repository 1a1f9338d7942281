// Draws random, valid fault schedules from the fault model for `checkpoint-lab chaos`: a few faults
// with triggers inside a job's plausible range. Deterministic for a given random stream. Imports the fault model only.
import {
  FAULT_ACTIONS,
  FAULT_ACTION_RULES,
  RECOVERY_PHASES,
  type FaultAction,
  type FaultKey,
  type FaultScenario,
  type FaultSpec,
  type FaultTarget,
  type FaultTrigger,
  type TriggerKind,
} from './faultModel.js';
import { vertexHasSink, type FaultTargets, type FaultTargetVertex } from './faultTargets.js';

/** An inclusive integer range. */
export interface IntRange {
  readonly min: number;
  readonly max: number;
}

/** What a random schedule may contain. */
export interface RandomFaultScheduleOptions {
  /** How many faults (default 1..3). */
  readonly faults?: IntRange;
  /** `afterRecords` values: records a target processes in one run (e.g. 1..source rows). */
  readonly records: IntRange;
  /** `checkpoint` ids the run reaches; `max` 0 (or less than `min`) = no checkpoint triggers. */
  readonly checkpoints: IntRange;
  /** `atTime` values in ms of job clock; absent = no atTime triggers. */
  readonly timeMs?: IntRange;
  /** `restart` triggers up to this restart number (default 2; 0 = none). */
  readonly maxRestart?: number;
  /** Keys `onKey` may name (absent or empty = no onKey triggers). */
  readonly keys?: readonly FaultKey[];
  /** The actions to draw from (default: every action the targets allow). */
  readonly actions?: readonly FaultAction[];
  /** Slow-task factors are drawn in (1, this] with one decimal (default 10). */
  readonly maxSlowFactor?: number;
  /** Written into the scenario as its `seed`. */
  readonly seed?: number;
}

/** Uniform integer in [min, max] from a [0, 1) stream. */
function int(random: () => number, min: number, max: number): number {
  return min + Math.min(max - min, Math.floor(random() * (max - min + 1)));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[int(random, 0, items.length - 1)]!;
}

/**
 * Draws a random schedule that `parseFaultScenario` accepts for the same targets. Actions with no
 * possible target or trigger under the options are left out.
 * @param random uniform in [0, 1); the same stream gives the same schedule
 * @throws RangeError when no action is possible (no vertices, no TaskManagers, no triggers)
 */
export function randomFaultSchedule(random: () => number, targets: FaultTargets, options: RandomFaultScheduleOptions): FaultScenario {
  const count = options.faults ?? { min: 1, max: 3 };
  const hasCheckpoints = options.checkpoints.max >= Math.max(1, options.checkpoints.min);
  const hasRecords = options.records.max >= Math.max(0, options.records.min);
  const maxRestart = options.maxRestart ?? 2;
  const keys = options.keys ?? [];

  /** Trigger kinds usable for an action on a given target vertex (undefined = no vertex). */
  const usableTriggers = (action: FaultAction, vertex: FaultTargetVertex | undefined): TriggerKind[] =>
    FAULT_ACTION_RULES[action].triggers.filter((k) => {
      switch (k) {
        case 'afterRecords':
          return vertex !== undefined && hasRecords;
        case 'onKey':
          return vertex !== undefined && vertex.keyed !== false && keys.length > 0;
        case 'atTime':
          return options.timeMs !== undefined && options.timeMs.max >= Math.max(0, options.timeMs.min);
        case 'checkpoint':
          return hasCheckpoints;
        case 'restart':
          return maxRestart >= 1;
      }
    });
  const candidateVertices = (action: FaultAction): FaultTargetVertex[] =>
    targets.vertices.filter((v) => (!FAULT_ACTION_RULES[action].sinkOnly || vertexHasSink(v)) && v.parallelism > 0);
  const possible = (action: FaultAction): boolean => {
    const rule = FAULT_ACTION_RULES[action];
    if (rule.target === 'taskmanager') return targets.taskManagers.length > 0 && usableTriggers(action, undefined).length > 0;
    const vs = candidateVertices(action);
    if (vs.some((v) => usableTriggers(action, v).length > 0)) return true;
    return rule.target === 'optional-vertex' && usableTriggers(action, undefined).length > 0;
  };
  const actions = (options.actions ?? FAULT_ACTIONS).filter(possible);
  if (actions.length === 0) throw new RangeError('randomFaultSchedule: no fault action is possible with these targets and options');

  const faults: FaultSpec[] = [];
  const n = int(random, count.min, count.max);
  for (let i = 0; i < n; i++) {
    const action = pick(random, actions);
    const rule = FAULT_ACTION_RULES[action];
    let target: FaultTarget | undefined;
    let vertex: FaultTargetVertex | undefined;
    if (rule.target === 'taskmanager') {
      target = { kind: 'taskmanager', taskManagerId: pick(random, targets.taskManagers) };
    } else {
      const vs = candidateVertices(action).filter((v) => usableTriggers(action, v).length > 0);
      const withoutTarget = rule.target === 'optional-vertex' && usableTriggers(action, undefined).length > 0;
      if (vs.length > 0 && !(withoutTarget && random() < 0.5)) {
        vertex = pick(random, vs);
        const whole = random() < 0.25;
        target = whole
          ? { kind: 'vertex', vertexId: vertex.id, vertexName: vertex.name }
          : { kind: 'vertex', vertexId: vertex.id, vertexName: vertex.name, subtask: int(random, 0, vertex.parallelism - 1) };
      }
    }
    const trigger = drawTrigger(random, pick(random, usableTriggers(action, vertex)), action, target !== undefined, options, keys, maxRestart);
    const spec: FaultSpec = {
      action,
      ...(target ? { target } : {}),
      trigger,
      ...(action === 'slow-task' ? { factor: drawFactor(random, options.maxSlowFactor ?? 10) } : {}),
      ...(action === 'fail-during-recovery' ? { recoveryPhase: pick(random, RECOVERY_PHASES) } : {}),
    };
    faults.push(spec);
  }
  return options.seed === undefined ? { faults } : { seed: options.seed, faults };
}

function drawTrigger(
  random: () => number,
  kind: TriggerKind,
  action: FaultAction,
  hasTarget: boolean,
  options: RandomFaultScheduleOptions,
  keys: readonly FaultKey[],
  maxRestart: number,
): FaultTrigger {
  switch (kind) {
    case 'afterRecords':
      return { kind, records: int(random, Math.max(0, options.records.min), options.records.max) };
    case 'atTime':
      return { kind, atMs: int(random, Math.max(0, options.timeMs!.min), options.timeMs!.max) };
    case 'checkpoint':
      return {
        kind,
        checkpointId: int(random, Math.max(1, options.checkpoints.min), options.checkpoints.max),
        phase: pick(random, (hasTarget ? FAULT_ACTION_RULES[action].phasesWithTarget : undefined) ?? FAULT_ACTION_RULES[action].phases),
      };
    case 'onKey':
      return { kind, key: pick(random, keys) };
    case 'restart':
      return { kind, restart: int(random, 1, maxRestart) };
  }
}

/** A factor in (1, max] with one decimal, e.g. 3.7. */
function drawFactor(random: () => number, max: number): number {
  const tenths = int(random, 11, Math.max(11, Math.floor(max * 10)));
  return tenths / 10;
}
