// The one fault model shared by the API, the CLI, scenario files and the debugger: actions,
// targets, triggers and which action accepts which. Types and tables only; imports nothing but types.
import type { SourceRange } from '../diagnostics.js';

/** Every fault action, as written in a scenario file. */
export const FAULT_ACTIONS = [
  'fail-task',
  'kill-taskmanager',
  'decline-checkpoint',
  'expire-checkpoint',
  'corrupt-checkpoint',
  'fail-checkpoint-storage',
  'crash-sink-commit',
  'slow-task',
  'fail-during-recovery',
] as const;

/** A fault action. */
export type FaultAction = (typeof FAULT_ACTIONS)[number];

/** The observable phases of a recovery, in order (the debugger steps through these). */
export const RECOVERY_PHASES = [
  'failure-detected',
  'tasks-cancelled',
  'restart-delay',
  'checkpoint-chosen',
  'state-assigned',
  'sources-rewound',
  'transactions-aborted',
  'running',
] as const;

/** A recovery phase. */
export type RecoveryPhase = (typeof RECOVERY_PHASES)[number];

/** The phases of one checkpoint a trigger can name, in order. */
export const CHECKPOINT_PHASES = ['triggered', 'aligned', 'acknowledged', 'completed', 'committed'] as const;

/**
 * A checkpoint phase: `triggered` (the coordinator triggered it; for a subtask target, the subtask
 * received the barrier or trigger), `aligned` (the target subtask aligned its barriers),
 * `acknowledged` (the target subtask acknowledged; for a TaskManager, any of its subtasks),
 * `completed` (the coordinator completed it and wrote `_metadata`), `committed` (the sinks
 * committed its transactions on notify-complete).
 */
export type CheckpointPhase = (typeof CHECKPOINT_PHASES)[number];

/** Trigger kinds, as the keys of a fault's `when`. */
export const TRIGGER_KINDS = ['afterRecords', 'atTime', 'checkpoint', 'onKey', 'restart'] as const;

/** A trigger kind. */
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** One field of a key: a scalar compared with the key field's value. */
export type FaultKeyField = string | number | boolean;

/** A key for `onKey`: a scalar for a one-field key, a list (in key-field order) for a composite key. */
export type FaultKey = FaultKeyField | readonly FaultKeyField[];

/** When a fault fires. Every fault fires at most once. */
export type FaultTrigger =
  /** After the target has processed `records` records (counted since the job started, across restarts). */
  | { readonly kind: 'afterRecords'; readonly records: number }
  /** At job-clock time `atMs` (ms since the job started). */
  | { readonly kind: 'atTime'; readonly atMs: number }
  /** When checkpoint `checkpointId` (1-based, as Flink numbers them) reaches `phase`. */
  | { readonly kind: 'checkpoint'; readonly checkpointId: number; readonly phase: CheckpointPhase }
  /** The first time the target processes a record with this key. */
  | { readonly kind: 'onKey'; readonly key: FaultKey }
  /** During (or, for running faults, once running after) the `restart`-th restart (1-based). */
  | { readonly kind: 'restart'; readonly restart: number };

/**
 * What a fault hits. A vertex target without `subtask` means every subtask of the vertex: record
 * and key triggers fire on the subtask that reaches them (and act on it), time, checkpoint and
 * restart triggers act on every subtask of the vertex.
 */
export type FaultTarget =
  | {
      readonly kind: 'vertex';
      /** The job vertex id. */
      readonly vertexId: number;
      /** The vertex name as `explain` shows it (chained operator names joined with ` -> `). */
      readonly vertexName: string;
      /** 0-based subtask index, absent for the whole vertex. */
      readonly subtask?: number;
    }
  | {
      readonly kind: 'taskmanager';
      /** `tm-0`, `tm-1`, … */
      readonly taskManagerId: string;
    };

/** One fault of a scenario. */
export interface FaultSpec {
  /** Optional label shown in events and reports. */
  readonly name?: string;
  readonly action: FaultAction;
  /** Absent only for actions whose target is optional (see FAULT_ACTION_RULES). */
  readonly target?: FaultTarget;
  readonly trigger: FaultTrigger;
  /** `slow-task` only: how many times slower the target processes records (> 1). */
  readonly factor?: number;
  /** `fail-during-recovery` only: the recovery phase in which the failure happens. */
  readonly recoveryPhase?: RecoveryPhase;
  /** Where the fault is written in its scenario file (set by the parser, absent otherwise). */
  readonly range?: SourceRange;
}

/** A fault scenario: the faults to inject into one run. */
export interface FaultScenario {
  /** The run's seed, when the scenario fixes one. */
  readonly seed?: number;
  readonly faults: readonly FaultSpec[];
}

/** What kind of target an action takes. */
export type TargetRule = 'vertex' | 'optional-vertex' | 'taskmanager';

/** Which targets, triggers and fields an action accepts. */
export interface FaultActionRule {
  readonly target: TargetRule;
  /** Whether a vertex target must contain a sink operator. */
  readonly sinkOnly?: boolean;
  /** The trigger kinds the action accepts. */
  readonly triggers: readonly TriggerKind[];
  /** The checkpoint phases accepted with a `checkpoint` trigger. */
  readonly phases: readonly CheckpointPhase[];
  /** The phases accepted when the fault has a target, if narrower than `phases`. */
  readonly phasesWithTarget?: readonly CheckpointPhase[];
  /** Action-specific required fields. */
  readonly fields: readonly ('factor' | 'recoveryPhase')[];
  /** One line for help texts and messages. */
  readonly summary: string;
}

const ALL_PHASES = CHECKPOINT_PHASES;

/** The rules of the fault model: what each action needs. */
export const FAULT_ACTION_RULES: Readonly<Record<FaultAction, FaultActionRule>> = {
  'fail-task': {
    target: 'vertex',
    triggers: ['afterRecords', 'atTime', 'checkpoint', 'onKey', 'restart'],
    phases: ALL_PHASES,
    fields: [],
    summary: 'the target subtask throws an exception and fails',
  },
  'kill-taskmanager': {
    target: 'taskmanager',
    triggers: ['atTime', 'checkpoint', 'restart'],
    phases: ALL_PHASES,
    fields: [],
    summary: 'the TaskManager is lost with every subtask in its slots',
  },
  'decline-checkpoint': {
    target: 'vertex',
    triggers: ['checkpoint'],
    phases: ['triggered', 'aligned'],
    fields: [],
    summary: 'the target subtask declines the checkpoint instead of snapshotting',
  },
  'expire-checkpoint': {
    target: 'optional-vertex',
    triggers: ['checkpoint'],
    phases: ['triggered', 'aligned'],
    fields: [],
    summary: "the target's acknowledgements (all, without a target) are held past the checkpoint timeout",
  },
  'corrupt-checkpoint': {
    target: 'optional-vertex',
    triggers: ['checkpoint'],
    phases: ['completed', 'committed'],
    fields: [],
    summary: "bytes are flipped in the completed checkpoint's files (the target's state files, or _metadata without a target)",
  },
  'fail-checkpoint-storage': {
    target: 'optional-vertex',
    triggers: ['checkpoint', 'atTime'],
    phases: ['triggered', 'aligned', 'completed'],
    phasesWithTarget: ['triggered', 'aligned'],
    fields: [],
    summary:
      "checkpoint storage writes fail from the phase on: the target's state writes, or without a target every write (phase completed: only the _metadata write)",
  },
  'crash-sink-commit': {
    target: 'vertex',
    sinkOnly: true,
    triggers: ['checkpoint'],
    phases: ['committed'],
    fields: [],
    summary: 'the sink fails while committing the transactions of the checkpoint',
  },
  'slow-task': {
    target: 'vertex',
    triggers: ['afterRecords', 'atTime', 'checkpoint', 'onKey', 'restart'],
    phases: ALL_PHASES,
    fields: ['factor'],
    summary: 'the target processes records `factor` times slower from then on (backpressure, long alignments)',
  },
  'fail-during-recovery': {
    target: 'optional-vertex',
    triggers: ['restart'],
    phases: [],
    fields: ['recoveryPhase'],
    summary: 'a failure happens in the given phase of the given restart',
  },
};

/** Whether an operator name is a sink's, as Flink names sinks (`Sink: <table>`). */
export function isSinkOperatorName(name: string): boolean {
  return name.startsWith('Sink:');
}
