// The debug adapter's wire types: launch arguments (with the launch.json schema generated from one
// table), custom requests and custom events (`checkpointLab/...`). Imports nothing.

/** A fault as written inline in launch.json: the same fields as one entry of a scenario file's `faults`. */
export interface InlineFault {
  /** Shown when the fault fires. */
  readonly name?: string;
  /** A fault action of the scenario schema, e.g. `fail-task`, `kill-taskmanager`. */
  readonly action: string;
  /** `GroupAggregate[1]`, `Source: clicks`, `tm-1` … */
  readonly target?: string;
  /** The trigger: `{ afterRecords: 80 }`, `{ atTime: '2s' }`, `{ checkpoint: 3, phase: 'completed' }` … */
  readonly when?: Readonly<Record<string, unknown>>;
  /** Further action-specific fields (`for`, `factor`, `phase` …). */
  readonly [field: string]: unknown;
}

/** The arguments of a `checkpoint-lab` launch configuration. */
export interface CheckpointLabLaunchArguments {
  /** Path of the `.flink.sql` job file. */
  job: string;
  /** A fault scenario: a path to a `.faults.yaml` file, or the list of faults inline. */
  faults?: string | InlineFault[];
  /** Seeds every decision of the run. Default 0 (or the scenario's `seed`). */
  seed?: number;
  /** Overrides `parallelism.default`. */
  parallelism?: number;
  /** Overrides `execution.checkpointing.dir`: completed checkpoints are written durably there. */
  checkpointDir?: string;
  /** `latest` (the newest complete checkpoint under the checkpoint directory) or a checkpoint or savepoint path. */
  restore?: string;
  /** Stop before the first record. */
  stopOnEntry?: boolean;
  /** `max` (as fast as possible on the virtual job clock) or a factor of the job clock against the wall clock (1 = real time). */
  speed?: 'max' | number;
  /** Run without breakpoints or stops (Run Without Debugging). */
  noDebug?: boolean;
  /** At the end, run the job again without faults and compare every sink's final table. */
  verify?: boolean;
}

/** A JSON-schema fragment of one launch attribute, as package.json's `configurationAttributes` holds it. */
export interface LaunchAttributeSchema {
  readonly type?: string | readonly string[];
  readonly description: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly items?: Readonly<Record<string, unknown>>;
  readonly anyOf?: readonly Readonly<Record<string, unknown>>[];
}

/** The JSON type name(s) of a TypeScript attribute type (`integer` is a `number`). */
type JsonTypeOf<T> = T extends string ? 'string' : T extends number ? 'number' | 'integer' : T extends boolean ? 'boolean' : T extends readonly unknown[] ? 'array' : 'object';

/** Whether a union of JSON type names has one member (number/integer counts as one). */
type IsSingle<J, All = J> = J extends unknown ? ([Exclude<All, J | 'number' | 'integer'>] extends [never] ? true : false) : never;

/** One attribute's schema: `type` for a single JSON type, `anyOf` (one entry per type) for a union. */
type AttributeFor<T, J = JsonTypeOf<NonNullable<T>>> = [IsSingle<J>] extends [true]
  ? LaunchAttributeSchema & { readonly type: J }
  : LaunchAttributeSchema & { readonly anyOf: readonly (Readonly<Record<string, unknown>> & { readonly type: J })[] };

/** Every launch attribute, none forgotten, each with a schema whose JSON type fits the TypeScript type. */
type LaunchAttributeTable = { readonly [K in keyof CheckpointLabLaunchArguments]-?: AttributeFor<CheckpointLabLaunchArguments[K]> };

/** The one table of launch attributes; package.json's `configurationAttributes.launch` is checked against it by a test. */
export const LAUNCH_ATTRIBUTES: LaunchAttributeTable = {
  job: { type: 'string', description: 'Path of the .flink.sql job file to run.', default: '${file}' },
  faults: {
    description: 'A fault scenario: the path of a .faults.yaml file, or the faults inline (each as in a scenario file: action, target, when).',
    anyOf: [
      { type: 'string' },
      { type: 'array', items: { type: 'object', required: ['action'], properties: { name: { type: 'string' }, action: { type: 'string' }, target: { type: 'string' }, when: { type: 'object' } } } },
    ],
  },
  seed: { type: 'integer', description: 'Seeds every decision of the run (scheduling, datagen, RAND()). Default 0, or the scenario\'s seed.', default: 0 },
  parallelism: { type: 'integer', description: 'Overrides parallelism.default.', minimum: 1 },
  checkpointDir: { type: 'string', description: 'Overrides execution.checkpointing.dir: completed checkpoints are written durably there.' },
  restore: { type: 'string', description: '"latest" (newest complete checkpoint under the checkpoint directory) or the path of a checkpoint or savepoint to start from.' },
  stopOnEntry: { type: 'boolean', description: 'Stop before the job processes its first record.', default: false },
  speed: {
    description: '"max" runs as fast as possible on the virtual job clock; a number paces the job clock against the wall clock (1 = real time).',
    anyOf: [{ type: 'string', enum: ['max'] }, { type: 'number', exclusiveMinimum: 0 }],
    default: 'max',
  },
  noDebug: { type: 'boolean', description: 'Run without breakpoints or stops.', default: false },
  verify: { type: 'boolean', description: 'At the end, run the job again without faults (same seed) and compare every sink\'s final table.', default: false },
};

/** Launch attributes that must be given. */
export const REQUIRED_LAUNCH_ATTRIBUTES: readonly (keyof CheckpointLabLaunchArguments)[] = ['job'];

/** The debug type in launch.json. */
export const DEBUG_TYPE = 'checkpoint-lab';

/** The exception breakpoint filters the adapter offers (DAP `exceptionBreakpointFilters`). */
export const EXCEPTION_FILTERS = [
  { filter: 'taskFailure', label: 'Task failure', description: 'Stop when a subtask fails (an exception, an injected fault, a lost TaskManager).', default: true },
  { filter: 'checkpointCompleted', label: 'Checkpoint completed', description: 'Stop when a checkpoint or savepoint completes.', default: false },
  { filter: 'checkpointFailed', label: 'Checkpoint failed or declined', description: 'Stop when a checkpoint fails, is declined or expires.', default: false },
  { filter: 'recoveryPhase', label: 'Recovery phase', description: 'Stop at each phase of a recovery: tasks cancelled, restart delay, checkpoint chosen, state assigned, sources rewound, transactions aborted, running.', default: false },
  { filter: 'lateRecord', label: 'Late record dropped', description: 'Stop when a window aggregate drops a record whose window already fired.', default: false },
] as const;

/** An exception filter id. */
export type ExceptionFilterId = (typeof EXCEPTION_FILTERS)[number]['filter'];

/** `checkpointLab/injectFault`: a fault of the runtime's fault model, fired now. */
export interface InjectFaultArguments {
  /** `fail-task` (a subtask throws) or `kill-taskmanager` (a TaskManager and its subtasks are lost). */
  readonly action: string;
  /** `GroupAggregate[1]` (0-based subtask; without `[i]` the first running one), `Source: clicks`, `tm-1`. */
  readonly target: string;
  /** A trigger as in a scenario file; only faults that fire now can be injected during a session. */
  readonly when?: Readonly<Record<string, unknown>>;
}

/** What an injected fault did. */
export interface InjectFaultResult {
  /** E.g. `failed GroupAggregate -> Sink: paid (2/2)`. */
  readonly fired: string;
}

/** `checkpointLab/triggerCheckpoint` and `checkpointLab/triggerSavepoint`: the id of the triggered checkpoint. */
export interface TriggerCheckpointResult {
  readonly checkpointId: number;
}

/** `checkpointLab/rescale`: stop with a savepoint and restore it at a new parallelism, in the same session. */
export interface RescaleArguments {
  /** The new `parallelism.default`, at least 1. */
  readonly parallelism: number;
}

/** What a rescale did. */
export interface RescaleResult {
  readonly savepointId: number;
  readonly parallelism: number;
}

/** Every custom request of the debug adapter: method → arguments and result. */
export interface DebugCustomRequests {
  'checkpointLab/injectFault': { readonly args: InjectFaultArguments; readonly result: InjectFaultResult };
  'checkpointLab/triggerCheckpoint': { readonly args: Record<string, never>; readonly result: TriggerCheckpointResult };
  'checkpointLab/triggerSavepoint': { readonly args: Record<string, never>; readonly result: TriggerCheckpointResult };
  'checkpointLab/rescale': { readonly args: RescaleArguments; readonly result: RescaleResult };
}

/** A custom request method. */
export type DebugCustomRequestMethod = keyof DebugCustomRequests;

/** The custom request methods, for dispatch and tests. */
export const DEBUG_CUSTOM_REQUESTS: readonly DebugCustomRequestMethod[] = ['checkpointLab/injectFault', 'checkpointLab/triggerCheckpoint', 'checkpointLab/triggerSavepoint', 'checkpointLab/rescale'];
