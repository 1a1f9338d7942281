// The typed event stream out of the runtime: the one way the CLI, the debug adapter and the
// panels learn what happens. Emission is skipped when nobody listens.
import type { CheckpointEvent } from '../checkpoint/checkpointCoordinator.js';
import type { FiredFault } from '../faults/faultInjector.js';
import type { DeterministicFailure, FailedRecord } from '../recovery/deterministicFailure.js';

/** Flink's ExecutionState names. */
export type TaskState =
  | 'CREATED'
  | 'SCHEDULED'
  | 'DEPLOYING'
  | 'INITIALIZING'
  | 'RUNNING'
  | 'FINISHED'
  | 'CANCELING'
  | 'CANCELED'
  | 'FAILED';

/** Flink's JobStatus names. */
export type JobState =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING';

/** Identifies a subtask. */
export interface SubtaskRef {
  readonly vertexId: number;
  /** 0-based. */
  readonly subtask: number;
}

/** Per-subtask counters. */
export interface SubtaskMetrics extends SubtaskRef {
  /** Records read from the network input or from the source. */
  readonly recordsIn: number;
  /** Records written to the network output or to the sink. */
  readonly recordsOut: number;
  /** Job-clock milliseconds spent processing. */
  readonly busyTimeMs: number;
  /** Job-clock milliseconds spent unable to write because downstream buffers were full. */
  readonly backPressuredTimeMs: number;
  /** The subtask's current watermark (ms), or null before the first. */
  readonly watermark: number | null;
  /** Keyed vertices only: key count and approximate state bytes per key group it owns. */
  readonly keyGroups?: readonly { readonly keyGroup: number; readonly keys: number; readonly stateBytes: number }[];
}

/** Every event the runtime emits, by name. `time` is always the job clock in ms. */
export interface RuntimeEventMap {
  jobState: { readonly time: number; readonly state: JobState; readonly previous: JobState; readonly reason?: string };
  taskState: SubtaskRef & { readonly time: number; readonly state: TaskState; readonly previous: TaskState; readonly reason?: string };
  /** A subtask's combined input watermark advanced. */
  watermark: SubtaskRef & { readonly time: number; readonly watermark: number };
  /** Periodic metrics of every subtask (every `metricsIntervalMs` of job time, and at the end). */
  metrics: { readonly time: number; readonly subtasks: readonly SubtaskMetrics[] };
  /** A line a print sink wrote. */
  print: SubtaskRef & { readonly time: number; readonly line: string; readonly stderr: boolean };
  /** A checkpoint was triggered, acknowledged by a subtask, completed or failed. */
  checkpoint: CheckpointEvent;
  /** A phase of recovery after a failure, in order: the debugger steps through exactly these. */
  recovery: RecoveryEvent;
  /** An injected fault fired. */
  fault: FiredFault;
  /**
   * Attempts restored from the same checkpoint failed identically (a poison record, or a loop no
   * restart ends). Emitted once, when proven; the job stops only if `stopOnDeterministicFailure`.
   */
  deterministicFailure: DeterministicFailure;
  /** The job paused (a stop condition matched or `pause()` was called). */
  paused: { readonly time: number; readonly reason: string; readonly at?: PausePoint };
}

/** The phases of recovery, each with its data (`time` is the job clock in ms). */
export type RecoveryEvent =
  | { readonly time: number; readonly phase: 'failure-detected'; readonly vertexId: number; readonly subtask: number; readonly task: string; readonly reason: string }
  | { readonly time: number; readonly phase: 'tasks-cancelled'; readonly tasks: number }
  | {
      readonly time: number;
      readonly phase: 'restart-delay';
      readonly delayMs: number;
      readonly strategy: string;
      /** The failure this restart recovers from. */
      readonly cause: RestartCause;
    }
  | {
      readonly time: number;
      readonly phase: 'checkpoint-chosen';
      /** The restored checkpoint; undefined = no checkpoint, the job starts from scratch. */
      readonly checkpointId: number | undefined;
      /** Newer checkpoints passed over because they are corrupted (more forgiving than Flink, on purpose). */
      readonly skipped: readonly { readonly id: number; readonly reason: string }[];
    }
  | {
      readonly time: number;
      readonly phase: 'state-assigned';
      readonly keyGroups: readonly { readonly vertexId: number; readonly subtask: number; readonly start: number; readonly end: number; readonly keys: number }[];
    }
  | { readonly time: number; readonly phase: 'sources-rewound'; readonly sources: readonly { readonly vertexId: number; readonly subtask: number; readonly position: unknown }[] }
  | { readonly time: number; readonly phase: 'transactions-aborted'; readonly transactions: number }
  | { readonly time: number; readonly phase: 'running'; readonly attempt: number };

/** Why a restart happens: the failed subtask and its error. */
export interface RestartCause {
  readonly vertexId: number;
  /** 0-based. */
  readonly subtask: number;
  /** `GroupAggregate (2/4)`. */
  readonly task: string;
  /** The error, as Flink reports it (`ArithmeticException: / by zero`). */
  readonly message: string;
  /** The record the subtask was processing, when it was watched record by record (after an earlier failure). */
  readonly record?: FailedRecord;
  /** A job-wide failure (the checkpoint failure threshold): `task` is only the subtask it was reported on. */
  readonly global?: true;
}

/** Where the runtime paused. */
export interface PausePoint extends SubtaskRef {
  /** What the subtask was about to do. */
  readonly next: 'record' | 'watermark' | 'barrier' | 'endOfInput' | 'poll';
}

export type RuntimeEventName = keyof RuntimeEventMap;
export type RuntimeListener<K extends RuntimeEventName> = (event: RuntimeEventMap[K]) => void;

/** A small typed emitter; `has` lets hot paths skip building events nobody reads. */
export class RuntimeEvents {
  private readonly listeners: { [K in RuntimeEventName]?: RuntimeListener<K>[] } = {};

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends RuntimeEventName>(name: K, listener: RuntimeListener<K>): () => void {
    const list = (this.listeners[name] ??= []) as RuntimeListener<K>[];
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Whether anybody listens to `name`. */
  has(name: RuntimeEventName): boolean {
    const list = this.listeners[name];
    return list !== undefined && list.length > 0;
  }

  /** Delivers an event to its listeners, in subscription order. */
  emit<K extends RuntimeEventName>(name: K, event: RuntimeEventMap[K]): void {
    const list = this.listeners[name] as RuntimeListener<K>[] | undefined;
    if (!list) return;
    for (const l of list.slice()) l(event);
  }
}
