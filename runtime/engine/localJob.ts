// Executes a job graph on the deterministic scheduler: deploys subtasks into slots, runs one
// seeded step at a time on a virtual job clock, pauses at stop points, and reports through the
// typed event stream. The same graph, seed and options give the same interleaving and output.
import { BarrierHandler } from '../checkpoint/barrierHandler.js';
import { UnalignedBarrierHandler } from '../checkpoint/unalignedBarrierHandler.js';
import { CheckpointCoordinator, type CompletedCheckpoint } from '../checkpoint/checkpointCoordinator.js';
import { assignState } from '../checkpoint/stateAssignment.js';
import type { CheckpointingConfig, RestartStrategyConfig } from '../config/jobConfig.js';
import type { Row } from '../connectors/api.js';
import { FaultInjector, keyValuesOf, type FiredFault } from '../faults/faultInjector.js';
import type { FaultScenario, FaultSpec, RecoveryPhase } from '../faults/faultModel.js';
import { tasksToRestart } from '../recovery/failover.js';
import { createRestartStrategy, type RestartBackoffTimeStrategy } from '../recovery/restartStrategy.js';
import { DeterministicFailureGuard, formatFailedRow, type DeterministicFailure, type FailedRecord } from '../recovery/deterministicFailure.js';
import { rowKindShortString, type RowKind } from '../types/rowKind.js';
import { SeededRandom } from '../util/random.js';
import { placeSubtasks, type Placement } from './cluster.js';
import { deployTasks } from './deployment.js';
import { RuntimeEvents, type JobState, type PausePoint, type RecoveryEvent, type SubtaskMetrics, type TaskState } from './events.js';
import type { RuntimeHost } from './host.js';
import { subtaskDisplayName, type JobGraph } from './jobGraph.js';
import type { SinkFileAccess, SinkObserver } from './operator.js';
import type { StreamTask } from './streamTask.js';

/** Options of one run. */
export interface LocalJobOptions {
  /** Seeds every decision of the scheduler and every random generator. */
  readonly seed: number;
  /** `taskmanager.numberOfTaskSlots`. Default 1. */
  readonly slotsPerTaskManager?: number;
  /** Rows per network buffer. Default 512. */
  readonly bufferSize?: number;
  /** Buffers a channel holds before backpressure. Default 10 (2 exclusive + 8 floating, as Flink). */
  readonly channelCapacity?: number;
  /** Modelled processing cost per record, in job-clock nanoseconds. Default 1000. */
  readonly recordCostNs?: number;
  /** Interval of `metrics` events in job-clock ms. Default 1000. */
  readonly metricsIntervalMs?: number;
  /** `table.local-time-zone`. Default `UTC`. */
  readonly localTimeZone?: string;
  /** Receives print sink lines. */
  readonly printLine?: (line: string, stderr: boolean) => void;
  /** Sees every row reaching a sink. */
  readonly sinkObserver?: SinkObserver;
  /** Checkpointing configuration; checkpoints run only when `enabled`. */
  readonly checkpointing?: CheckpointingConfig;
  /** The restart strategy (Flink's default rule already applied); absent = no restarts. */
  readonly restartStrategy?: RestartStrategyConfig;
  /** Faults to inject. */
  readonly faults?: FaultScenario;
  /** `jobmanager.execution.failover-strategy`: restart the failed task's pipelined region, or everything. Default `region`. */
  readonly failoverStrategy?: 'full' | 'region';
  /** Writes each completed checkpoint durably (the checkpoint completes when it resolves). */
  readonly persistCheckpoint?: (checkpoint: CompletedCheckpoint) => Promise<void>;
  /** A checkpoint or savepoint to start from (`--restore`). */
  readonly restoreFrom?: CompletedCheckpoint;
  /** File access for filesystem sinks. */
  readonly sinkFiles?: SinkFileAccess;
  /** Take a savepoint at this job time (ms); with `stop`, stop the job once it completed (stop-with-savepoint). */
  readonly savepoint?: { readonly atMs: number; readonly stop: boolean };
  /**
   * Fail the job once a failure is proven deterministic (a poison record: see
   * `DeterministicFailureGuard`) instead of restarting it forever as Flink would. Default false.
   */
  readonly stopOnDeterministicFailure?: boolean;
}

/** Why a run stopped. */
export interface FailureInfo {
  readonly vertexId: number;
  readonly subtask: number;
  /** `GroupAggregate[3] (2/4)`. */
  readonly task: string;
  readonly message: string;
  /** Job-clock ms. */
  readonly time: number;
  /** The record the subtask was processing, when it was watched record by record (after an earlier failure). */
  readonly record?: FailedRecord;
}

/** How a failure came about, for the deterministic-failure guard. */
type FailureOrigin = 'record' | 'checkpoint' | 'other';

/**
 * The job time the restart strategy sees for a failure of an attempt in the very instant it was
 * restarted: the next millisecond of Flink's clock. In Flink a redeployed task fails after its
 * restart, so the failure starts a new attempt; exponential-delay would otherwise merge it into the
 * last one (`now <= nextRestartTimestamp`) with no back-off, and the job clock would never move again.
 */
function afterRestart(now: number): number {
  return Math.floor(now) + 1;
}

/** What `step` did. */
export type StepResult =
  | { readonly kind: 'task'; readonly vertexId: number; readonly subtask: number; readonly records: number }
  /** A checkpoint is being written durably: await `done`, then step again. */
  | { readonly kind: 'io'; readonly done: Promise<unknown> }
  | { readonly kind: 'clock'; readonly time: number }
  | { readonly kind: 'paused'; readonly at: PausePoint }
  | { readonly kind: 'done'; readonly state: JobState };

/** A stop condition checked before each subtask step; return true to pause there. */
export type StopCondition = (point: PausePoint & { readonly kind?: RowKind; readonly row?: Row }) => boolean;

const TERMINAL: ReadonlySet<JobState> = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/** The graph with each derived max parallelism replaced by the one a checkpoint was taken with. */
function adoptStoredMaxParallelism(graph: JobGraph, cp: CompletedCheckpoint): JobGraph {
  let changed = false;
  const vertices = graph.vertices.map((v) => {
    const stored = cp.maxParallelism[v.id];
    if (stored === undefined || stored === v.maxParallelism || v.maxParallelismConfigured || stored < v.parallelism) return v;
    changed = true;
    return { ...v, maxParallelism: stored };
  });
  return changed ? { ...graph, vertices } : graph;
}

/** One local execution of a job graph. */
export class LocalJob {
  readonly events = new RuntimeEvents();
  readonly placement: Placement;
  /** All subtasks of the current attempt, vertex by vertex (replaced on every restart). */
  tasks: StreamTask[] = [];
  private state: JobState = 'CREATED';
  private now = 0;
  private readonly rng: SeededRandom;
  private readonly recordCostMs: number;
  private readonly metricsIntervalMs: number;
  private nextMetricsAt: number;
  private current: StreamTask | undefined;
  private chosen: StreamTask | undefined;
  private stopCondition: StopCondition | undefined;
  private pauseRequested = false;
  private resumeFrom: StreamTask | undefined;
  private recordGranularity = false;
  private failure: FailureInfo | undefined;
  /** Every task failure, in order (also those the job recovered from). */
  readonly failures: FailureInfo[] = [];
  private readonly restartStrategy: RestartBackoffTimeStrategy | undefined;
  private restartAt: number | undefined;
  /** Number of restarts so far. */
  restarts = 0;
  private readonly injector: FaultInjector | undefined;
  private sourceRecordsOfEarlierAttempts = 0;
  /** The subtasks a pending region failover restarts (undefined: everything). */
  private restartRegion: ReadonlySet<string> | undefined;
  /** Whether a restart is being carried out (a failure now escalates to a global restart). */
  private restarting = false;
  private savepointId: number | undefined;
  private savepointTriggered = false;
  private stopAfterSavepoint = false;
  /** Every subtask finished; the job finishes once the final checkpoint is durable. */
  private finishPending = false;
  private finalCheckpointId: number | undefined;
  private finalCheckpointAttempts = 0;
  /** Every fault that fired, in order. */
  readonly firedFaults: FiredFault[] = [];
  /** Recognises poison records and failure loops no restart ends. */
  private readonly guard: DeterministicFailureGuard;
  /** The checkpoint the running attempt was restored from (undefined: from the beginning). */
  private attemptCheckpointId: number | undefined;
  /** Faults fired before the running attempt started (a failure after an injected fault is not deterministic). */
  private firedBeforeAttempt = 0;
  /** Job time of the latest restart. */
  private restartedAt: number | undefined;
  /** The latest failed checkpoint, behind a checkpoint failure threshold. */
  private lastCheckpointFailure: { readonly reason: string; readonly message: string } | undefined;
  private failedWith: string | undefined;
  /** Set once a failure is proven deterministic. */
  deterministicFailure: DeterministicFailure | undefined;
  private readonly runnable: StreamTask[] = [];
  /** Present when checkpointing is enabled. */
  readonly coordinator: CheckpointCoordinator | undefined;

  readonly graph: JobGraph;

  constructor(graph: JobGraph, readonly options: LocalJobOptions) {
    // On restore, the max parallelism stored in the checkpoint wins over a derived one (a
    // configured one that differs fails in assignState, as in Flink).
    this.graph = options.restoreFrom ? adoptStoredMaxParallelism(graph, options.restoreFrom) : graph;
    graph = this.graph;
    this.rng = new SeededRandom(options.seed).fork('scheduler');
    this.recordCostMs = (options.recordCostNs ?? 1000) / 1e6;
    this.metricsIntervalMs = options.metricsIntervalMs ?? 1000;
    this.nextMetricsAt = this.metricsIntervalMs;
    this.placement = placeSubtasks(graph, options.slotsPerTaskManager ?? 1);
    this.guard = new DeterministicFailureGuard(graph);
    this.attemptCheckpointId = options.restoreFrom?.id;
    const cp = options.checkpointing;
    if (cp && (cp.enabled || options.savepoint)) {
      const initialDelay = cp.minPauseMs + this.rng.nextFloat() * Math.max(0, cp.intervalMs - cp.minPauseMs);
      this.coordinator = new CheckpointCoordinator(cp, [], (e) => {
        if (e.phase === 'failed') this.lastCheckpointFailure = { reason: e.reason, message: e.message };
        this.events.emit('checkpoint', e);
      }, Math.round(initialDelay));
    }
    if (options.restartStrategy && options.restartStrategy.type !== 'none') {
      const random = new SeededRandom(options.seed).fork('restart-strategy');
      this.restartStrategy = createRestartStrategy(options.restartStrategy, () => random.nextFloat());
    }
    if (options.faults && options.faults.faults.length > 0) {
      this.injector = new FaultInjector(options.faults, {
        failTask: (task, message) => this.failTask(task, new Error(message)),
        tasks: () => this.tasks,
        fired: (f) => {
          this.firedFaults.push(f);
          this.events.emit('fault', f);
        },
        checkpointEffect: (f, id) => this.applyCheckpointFault(f, id),
      });
    }
    if (this.coordinator) {
      this.installCheckpointHooks(this.coordinator);
      const persist = options.persistCheckpoint;
      if (persist) this.coordinator.hooks.persist = (cp) => persist(cp);
    }
    this.tasks = this.deploy(0);
    if (options.restoreFrom) this.restoreAtStart(options.restoreFrom);
    if (options.savepoint && this.coordinator) {
      this.events.on('checkpoint', (e) => {
        if (e.checkpointId !== this.savepointId) return;
        if (e.phase === 'completed' && options.savepoint!.stop) this.stopAfterSavepoint = true;
      });
    }
  }

  /** Triggers a savepoint now (always aligned); returns its id. Needs the checkpoint coordinator. */
  triggerSavepoint(): number | undefined {
    if (!this.coordinator || this.state !== 'RUNNING') return undefined;
    this.savepointId = this.coordinator.trigger(this.now, true);
    return this.savepointId;
  }

  /** Every subtask finished: take the final checkpoint (if checkpointing) and finish on the next step. */
  private takeFinalCheckpoint(): void {
    this.finalCheckpointAttempts++;
    this.finalCheckpointId = this.coordinator?.finalCheckpoint(this.now);
    this.finishPending = true;
  }

  /** Starts from a checkpoint or savepoint: its state goes to the fresh subtasks before they run. */
  private restoreAtStart(cp: CompletedCheckpoint): void {
    this.events.emit('recovery', { time: 0, phase: 'checkpoint-chosen', checkpointId: cp.id, skipped: [] });
    const assigned = assignState(cp, this.tasks);
    if ('error' in assigned) {
      this.failure = { vertexId: -1, subtask: -1, task: this.graph.name, message: assigned.error, time: 0 };
      this.state = 'FAILED';
      return;
    }
    this.coordinator?.continueAfter(cp.id);
    this.events.emit('recovery', { time: 0, phase: 'state-assigned', keyGroups: assigned.keyGroups });
    this.events.emit('recovery', { time: 0, phase: 'sources-rewound', sources: assigned.sources });
    let aborted = 0;
    for (const t of this.tasks) for (const op of t.operators) aborted += (op as { restored?: { aborted: number } }).restored?.aborted ?? 0;
    this.events.emit('recovery', { time: 0, phase: 'transactions-aborted', transactions: aborted });
  }

  /** Checkpoint-level effects of injected faults, by checkpoint id (`next` = the next one written). */
  private readonly checkpointFaults = {
    expire: new Set<number>(),
    failStorage: new Map<number, FaultSpec>(),
    /** Faults armed by a time or restart trigger, for the next checkpoint triggered. */
    failNextStorage: [] as FaultSpec[],
    corrupt: new Map<number, FaultSpec>(),
    corruptAfterCommit: new Map<number, FaultSpec>(),
    crashCommit: new Map<number, FaultSpec[]>(),
  };

  /** Applies a checkpoint-level fault (called by the fault injector). */
  private applyCheckpointFault(f: FaultSpec, checkpointId: number | undefined): void {
    const cf = this.checkpointFaults;
    const injector = this.injector!;
    const phase = f.trigger.kind === 'checkpoint' ? f.trigger.phase : undefined;
    if (checkpointId === undefined) {
      // Reported when it takes effect, on the next checkpoint triggered.
      cf.failNextStorage.push(f);
      return;
    }
    switch (f.action) {
      case 'expire-checkpoint':
        cf.expire.add(checkpointId);
        injector.report(f, undefined, this.now, `acknowledgements of checkpoint ${checkpointId} held past the timeout`);
        break;
      case 'fail-checkpoint-storage':
        cf.failStorage.set(checkpointId, f);
        break;
      case 'corrupt-checkpoint':
        (phase === 'committed' ? cf.corruptAfterCommit : cf.corrupt).set(checkpointId, f);
        break;
      case 'crash-sink-commit':
        cf.crashCommit.set(checkpointId, [...(cf.crashCommit.get(checkpointId) ?? []), f]);
        break;
    }
  }

  /** Lets injected faults take part in checkpoint completion and commits. */
  private installCheckpointHooks(coordinator: CheckpointCoordinator): void {
    const injector = this.injector;
    if (!injector) return;
    const cf = this.checkpointFaults;
    this.events.on('checkpoint', (e) => {
      if (e.phase === 'triggered') {
        injector.onCheckpointPhase(e.checkpointId, 'triggered', this.now);
        // Faults armed by time or restart triggers hit this checkpoint.
        for (const f of cf.failNextStorage.splice(0)) this.applyCheckpointFault(f, e.checkpointId);
      }
    });
    coordinator.acceptsAck = (id) => !cf.expire.has(id);
    coordinator.hooks = {
      finalize: (cp) => {
        injector.onCheckpointPhase(cp.id, 'completed', this.now);
        // Crash-while-committing faults must be known before the first subtask is notified.
        injector.onCheckpointPhase(cp.id, 'committed', this.now, (f) => f.action === 'crash-sink-commit' || f.action === 'corrupt-checkpoint');
        const storageFault = cf.failStorage.get(cp.id);
        if (storageFault) {
          cf.failStorage.delete(cp.id);
          injector.report(storageFault, undefined, this.now, `writing checkpoint ${cp.id} failed`);
          return `Could not write checkpoint ${cp.id}: checkpoint storage failed (injected)`;
        }
        const corrupt = cf.corrupt.get(cp.id);
        if (corrupt) {
          cf.corrupt.delete(cp.id);
          coordinator.corrupted.set(cp.id, 'bytes flipped in its state (injected)');
          injector.report(corrupt, undefined, this.now, `corrupted checkpoint ${cp.id}`);
        }
        return undefined;
      },
      beforeNotify: (id, task) => {
        const crashes = cf.crashCommit.get(id) ?? [];
        const crash = crashes.find((f) => f.target === undefined || (f.target.kind === 'vertex' && f.target.vertexId === task.vertex.id && (f.target.subtask === undefined || f.target.subtask === task.index)));
        if (!crash) return true;
        crashes.splice(crashes.indexOf(crash), 1);
        injector.report(crash, task, this.now, `crashed while committing checkpoint ${id}`);
        this.failTask(task, new Error(`Sink crashed while committing checkpoint ${id} (injected)`));
        return false;
      },
      committed: (id) => {
        cf.crashCommit.delete(id);
        injector.onCheckpointPhase(id, 'committed', this.now);
        const corrupt = cf.corruptAfterCommit.get(id);
        if (corrupt) {
          cf.corruptAfterCommit.delete(id);
          coordinator.corrupted.set(id, 'bytes flipped in its state (injected)');
          injector.report(corrupt, undefined, this.now, `corrupted checkpoint ${id}`);
        }
      },
    };
  }

  /** Deploys fresh subtasks for attempt `attempt` (all, or only a region), wired to the checkpoint coordinator. */
  private deploy(attempt: number, only?: ReadonlySet<string>): StreamTask[] {
    const { options } = this;
    const tasks = deployTasks({
      only,
      graph: this.graph,
      placement: this.placement,
      seed: options.seed,
      attempt,
      bufferSize: options.bufferSize ?? 512,
      channelCapacity: options.channelCapacity ?? 10,
      localTimeZone: options.localTimeZone ?? 'UTC',
      now: () => this.now,
      printLine: (vertexId, subtask, line, stderr) => {
        options.printLine?.(line, stderr);
        if (this.events.has('print')) this.events.emit('print', { vertexId, subtask, time: this.now, line, stderr });
      },
      sinkObserver: options.sinkObserver,
      sinkFiles: options.sinkFiles,
    });
    const cp = options.checkpointing;
    if (this.coordinator && cp) {
      if (!only) this.coordinator.resetTasks(tasks, this.now, attempt === 0);
      for (const t of tasks) {
        const handler = t.reader ? undefined : new BarrierHandler(t.inputs.length, cp.mode);
        const unaligned = !t.reader && cp.unaligned ? new UnalignedBarrierHandler(t.inputs.length) : undefined;
        t.enableCheckpointing(handler, {
          acknowledge: (task, snapshot) => {
            const decision = this.injector?.onAcknowledge(task, snapshot.checkpointId, task.inputs.length > 0, this.now) ?? 'ack';
            if (decision === 'ack' && task.state === 'RUNNING') this.coordinator!.acknowledge(task, snapshot, this.now);
            else if (decision === 'decline') this.coordinator!.decline(snapshot.checkpointId, `${subtaskDisplayName(task.vertex, task.index)} declined checkpoint ${snapshot.checkpointId} (injected)`, this.now);
          },
          decline: (_task, id, reason) => this.coordinator!.decline(id, reason, this.now),
        }, unaligned, cp.alignedCheckpointTimeoutMs);
      }
    }
    return tasks;
  }

  /** The job clock in ms. */
  get time(): number {
    return this.now;
  }

  /** The job's status. */
  get jobState(): JobState {
    return this.state;
  }

  /** Why the job failed, if it did. */
  get failureInfo(): FailureInfo | undefined {
    return this.failure;
  }

  /** The reason the job went FAILED with (e.g. `Recovery is suppressed by …`, a poison record's diagnosis). */
  get failedReason(): string | undefined {
    return this.failedWith;
  }

  /** Records read by source subtasks, over every attempt (replays after a restore included). */
  sourceRecords(): number {
    let n = this.sourceRecordsOfEarlierAttempts;
    for (const t of this.tasks) if (t.reader) n += t.recordsIn;
    return n;
  }

  /** Sets (or clears) the condition checked before each subtask step. */
  setStopCondition(condition: StopCondition | undefined): void {
    this.stopCondition = condition;
  }

  /** When true, each step processes one record, so stop conditions see every record. */
  setRecordGranularity(on: boolean): void {
    this.recordGranularity = on;
  }

  /** Asks a running `run()` to pause before its next step. */
  pause(): void {
    this.pauseRequested = true;
  }

  /** Starts the job: every subtask goes through Flink's deployment states to RUNNING. */
  start(): void {
    if (this.state !== 'CREATED') return;
    this.setJobState('RUNNING');
    const steps: TaskState[] = ['SCHEDULED', 'DEPLOYING', 'INITIALIZING', 'RUNNING'];
    for (const s of steps) for (const t of this.tasks) this.setTaskState(t, s);
  }

  /** Takes one scheduler action: one subtask step, or an advance of the job clock. */
  step(): StepResult {
    if (this.state === 'CREATED') this.start();
    if (TERMINAL.has(this.state)) return { kind: 'done', state: this.state };
    const finalizing = this.coordinator?.finalizing;
    if (finalizing) {
      const coordinator = this.coordinator!;
      return { kind: 'io', done: finalizing.done.then((error) => coordinator.settleFinalizing(error, this.now)) };
    }
    if (this.stopAfterSavepoint) {
      // Stop-with-savepoint: the savepoint completed; every subtask stops and the job finishes.
      this.stopAfterSavepoint = false;
      for (const t of this.tasks) if (t.state === 'RUNNING') this.setTaskState(t, 'FINISHED', `stopped with savepoint ${this.savepointId}`);
      this.emitMetrics();
      this.setJobState('FINISHED', `stopped with savepoint ${this.savepointId}`);
      return { kind: 'done', state: this.state };
    }
    if (this.finishPending && this.restartAt === undefined) {
      this.finishPending = false;
      // The final checkpoint must complete (sinks commit on it) before a bounded job finishes.
      const coordinator = this.coordinator;
      const finalId = this.finalCheckpointId;
      if (this.state === 'RUNNING' && coordinator && finalId !== undefined && !coordinator.completedCheckpoints().some((c) => c.id === finalId)) {
        // The final checkpoint failed. As in Flink, that counts against tolerable-failed-checkpoints:
        // past it the job fails over (every subtask restarts from the latest checkpoint and finishes
        // again); within it the job takes another final checkpoint. (One that completed but was
        // corrupted in storage has been committed by the sinks: the job finishes, as on Flink.)
        const reason = coordinator.failJobReason;
        if (reason !== undefined) {
          coordinator.failJobReason = undefined;
          this.failTask(this.tasks[0]!, new Error(reason), 'checkpoint');
          return TERMINAL.has(this.state) ? { kind: 'done', state: this.state } : { kind: 'clock', time: this.now };
        }
        // Each failed attempt is counted, so the threshold ends this; more attempts are our bug.
        if (this.finalCheckpointAttempts > (this.options.checkpointing?.tolerableFailed ?? 0) + 2) {
          throw new Error(`the final checkpoint failed ${this.finalCheckpointAttempts} times without reaching the tolerable-failed-checkpoints threshold`);
        }
        this.takeFinalCheckpoint();
        return { kind: 'clock', time: this.now };
      }
      if (this.state !== 'RUNNING') return { kind: 'clock', time: this.now };
      this.emitMetrics();
      this.setJobState('FINISHED');
      return { kind: 'done', state: this.state };
    }
    let task = this.current ?? this.chosen;
    if (!task) {
      const runnable = this.collectRunnable();
      if (runnable.length === 0) return this.advanceClock();
      task = runnable.length === 1 ? runnable[0]! : runnable[this.rng.nextInt(0, runnable.length - 1)]!;
      this.chosen = task;
    }
    if (this.stopCondition && this.resumeFrom !== task) {
      const next = task.peekAction();
      if (next) {
        const at: PausePoint = { vertexId: task.vertex.id, subtask: task.index, next: next.action };
        if (this.stopCondition({ ...at, kind: next.kind, row: next.row })) {
          this.resumeFrom = task;
          this.events.emit('paused', { time: this.now, reason: 'stop condition', at });
          return { kind: 'paused', at };
        }
      }
    }
    this.resumeFrom = undefined;
    return this.runTask(task);
  }

  /**
   * Runs until the job ends, a stop condition matches, or `pause()` is called. With a host and a
   * `speed` factor, paces the job clock against the wall clock (1 = real time); otherwise runs as
   * fast as possible, yielding to the event loop every `yieldEveryMs` of wall time.
   */
  async run(host?: RuntimeHost, speed?: number): Promise<StepResult> {
    this.pauseRequested = false;
    const wallStart = host?.wallClockMs() ?? 0;
    const jobStart = this.now;
    let lastYield = wallStart;
    for (let i = 0; ; i++) {
      if (this.pauseRequested) {
        this.pauseRequested = false;
        const at = this.chosen ?? this.current;
        this.events.emit('paused', { time: this.now, reason: 'pause requested' });
        return at
          ? { kind: 'paused', at: { vertexId: at.vertex.id, subtask: at.index, next: at.peekAction()?.action ?? 'record' } }
          : { kind: 'clock', time: this.now };
      }
      const r = this.step();
      if (r.kind === 'done' || r.kind === 'paused') return r;
      if (r.kind === 'io') {
        await r.done;
        continue;
      }
      // Pacing: the job clock only moves on a clock step, so that is where it may run ahead.
      const paced = speed !== undefined && speed > 0 && r.kind === 'clock';
      if (host && (paced || (i & 255) === 0)) {
        let wall = host.wallClockMs();
        if (paced) {
          const due = wallStart + (this.now - jobStart) / speed!;
          // A cancel (Ctrl-C) or pause ends the wait at once, however slow the pacing.
          while (due > wall + 1 && !this.pauseRequested && !TERMINAL.has(this.state)) {
            await host.sleep(Math.min(due - wall, 250));
            wall = host.wallClockMs();
          }
        }
        if (wall - lastYield > 50) {
          lastYield = wall;
          await host.yieldToEventLoop();
        }
      }
    }
  }

  /** Runs synchronously to the end (or a stop condition); for tests and benchmarks. */
  runToEnd(maxSteps = Number.POSITIVE_INFINITY): StepResult {
    for (let i = 0; i < maxSteps; i++) {
      const r = this.step();
      if (r.kind === 'done' || r.kind === 'paused') return r;
      if (r.kind === 'io') throw new Error('durable checkpoints are written asynchronously: use run() instead of runToEnd()');
    }
    throw new Error(`job did not end within ${maxSteps} steps`);
  }

  /** Cancels the job (Flink's cancel): every running subtask goes CANCELING → CANCELED. */
  cancel(reason = 'cancelled by the user'): void {
    if (TERMINAL.has(this.state)) return;
    this.setJobState('CANCELLING', reason);
    this.cancelTasks(reason);
    this.setJobState('CANCELED', reason);
  }

  /** Current metrics of every subtask. */
  metrics(includeKeyGroups = false): SubtaskMetrics[] {
    return this.tasks.map((t) => ({
      vertexId: t.vertex.id,
      subtask: t.index,
      recordsIn: t.recordsIn,
      recordsOut: t.recordsOut,
      busyTimeMs: t.busyTimeMs,
      backPressuredTimeMs: t.backPressuredTimeMs,
      watermark: Number.isFinite(t.watermark) || t.watermark > 0 ? t.watermark : null,
      keyGroups: includeKeyGroups ? t.keyedState?.keyGroupStats() : undefined,
    }));
  }

  private runTask(task: StreamTask): StepResult {
    const injector = this.injector;
    const watch = injector !== undefined && injector.watchesRecords(task);
    // A subtask that failed processing records is stepped record by record, so its next failure names the record.
    const watched = this.guard.watched.size > 0 && this.guard.watched.has(`${task.vertex.id}/${task.index}`);
    const granularity = this.recordGranularity || watch || watched ? 1 : Number.MAX_SAFE_INTEGER;
    if (watch) {
      const next = task.peekAction();
      if (next?.action === 'record' && next.row && injector.beforeRecord(task, keyValuesOf(task, next.row), this.now)) {
        return { kind: 'task', vertexId: task.vertex.id, subtask: task.index, records: 0 };
      }
    }
    let outcome;
    try {
      outcome = task.step(this.now, granularity);
    } catch (e) {
      this.failTask(task, e, 'record', watched ? this.failedRecord(task) : undefined);
      return { kind: 'task', vertexId: task.vertex.id, subtask: task.index, records: 0 };
    }
    if (injector) {
      injector.afterRecords(task, outcome.records, this.now);
      if (task.state !== 'RUNNING' && task.state !== 'FINISHED') return { kind: 'task', vertexId: task.vertex.id, subtask: task.index, records: outcome.records };
    }
    const cost = outcome.records * this.recordCostMs * (injector ? injector.costFactor(task) : 1);
    task.busyUntil = (task.busyUntil > this.now ? task.busyUntil : this.now) + cost;
    task.busyTimeMs += cost;
    this.current = task.hasPending() ? task : undefined;
    this.chosen = undefined;
    if (outcome.watermarkAdvancedTo !== undefined && this.events.has('watermark')) {
      this.events.emit('watermark', { vertexId: task.vertex.id, subtask: task.index, time: this.now, watermark: outcome.watermarkAdvancedTo });
    }
    if (outcome.finished) {
      this.emitTaskState(task, 'RUNNING', 'FINISHED');
      if (this.tasks.every((t) => t.state === 'FINISHED')) {
        this.finalCheckpointAttempts = 0;
        this.takeFinalCheckpoint();
      }
    } else if (!this.current && !task.hasWork(this.now)) {
      // Idle: send partially filled buffers rather than hold them (Flink's buffer timeout).
      task.flushOutputs();
    }
    return { kind: 'task', vertexId: task.vertex.id, subtask: task.index, records: outcome.records };
  }

  private collectRunnable(): StreamTask[] {
    const r = this.runnable;
    r.length = 0;
    for (const t of this.tasks) if (t.canRun(this.now)) r.push(t);
    return r;
  }

  private advanceClock(): StepResult {
    if (this.restartAt !== undefined && (this.restartAt <= this.now || !this.tasks.some((t) => t.state === 'RUNNING'))) {
      this.now = Math.max(this.now, this.restartAt);
      this.restart();
      return { kind: 'clock', time: this.now };
    }
    let next = this.restartAt ?? Number.POSITIVE_INFINITY;
    let anyAlive = false;
    for (const t of this.tasks) {
      if (t.state !== 'RUNNING') continue;
      anyAlive = true;
      if (t.busyUntil > this.now) next = Math.min(next, t.busyUntil);
      if (t.isWaitingForSource() && t.waitUntil > this.now) next = Math.min(next, Math.max(t.waitUntil, t.busyUntil));
    }
    if (anyAlive && this.coordinator) next = Math.min(next, Math.max(this.now, this.coordinator.nextTimerAt()));
    if (anyAlive && this.injector) next = Math.min(next, Math.max(this.now, this.injector.nextTimerAt()));
    for (const t of this.tasks) {
      const d = t.alignmentDeadline();
      if (d !== undefined) next = Math.min(next, Math.max(this.now, d));
    }
    const sp = this.options.savepoint;
    if (anyAlive && sp && !this.savepointTriggered) next = Math.min(next, Math.max(this.now, sp.atMs));
    if (!anyAlive && this.restartAt === undefined) {
      this.setJobState('FINISHED');
      return { kind: 'done', state: this.state };
    }
    if (next === Number.POSITIVE_INFINITY) {
      // Nothing can ever run again: every open subtask waits for input that no one will send.
      // With partial buffers flushed on idle this cannot happen; if it does it is our bug.
      for (const t of this.tasks) t.flushOutputs();
      if (this.collectRunnable().length > 0) return { kind: 'clock', time: this.now };
      throw new Error(`scheduler deadlock at job time ${this.now} ms: ${this.tasks.filter((t) => t.state === 'RUNNING').map((t) => subtaskDisplayName(t.vertex, t.index)).join(', ')} are waiting`);
    }
    const delta = next - this.now;
    for (const t of this.tasks) if (t.state === 'RUNNING' && t.busyUntil <= this.now && t.hasWork(this.now) && !t.hasOutputCapacity()) t.backPressuredTimeMs += delta;
    this.now = next;
    for (const t of this.tasks) t.checkAlignmentTimeout(this.now);
    if (this.restartAt !== undefined && this.restartAt <= this.now) {
      this.restart();
      return { kind: 'clock', time: this.now };
    }
    if (sp && !this.savepointTriggered && this.now >= sp.atMs && this.state === 'RUNNING') {
      this.savepointTriggered = true;
      // Stop-with-savepoint takes a synchronous savepoint: sources emit nothing after its barrier.
      if (sp.stop) for (const t of this.tasks) if (t.reader) t.suspendAfterBarrier = true;
      this.triggerSavepoint();
    }
    if (this.injector) {
      this.injector.onTime(this.now);
      if (this.state !== 'RUNNING') return { kind: 'clock', time: this.now };
    }
    if (this.coordinator) {
      this.coordinator.onTime(this.now);
      const reason = this.coordinator.failJobReason;
      if (reason) {
        // Too many failed checkpoints: a global failure, which the restart strategy may recover.
        this.coordinator.failJobReason = undefined;
        const victim = this.tasks.find((t) => t.state === 'RUNNING');
        if (victim) this.failTask(victim, new Error(reason), 'checkpoint');
        if (TERMINAL.has(this.state)) return { kind: 'done', state: this.state };
        return { kind: 'clock', time: this.now };
      }
    }
    if (this.now >= this.nextMetricsAt) {
      this.nextMetricsAt = (Math.floor(this.now / this.metricsIntervalMs) + 1) * this.metricsIntervalMs;
      this.emitMetrics();
    }
    return { kind: 'clock', time: this.now };
  }

  private emitMetrics(): void {
    if (this.events.has('metrics')) this.events.emit('metrics', { time: this.now, subtasks: this.metrics(true) });
  }

  /**
   * A subtask failed: restart from the latest checkpoint if the restart strategy allows, else fail the job.
   * @param origin `record`: thrown while processing; `checkpoint`: the checkpoint failure threshold
   * @param record the record it was processing, when known
   */
  failTask(task: StreamTask, error: unknown, origin: FailureOrigin = 'other', record?: FailedRecord): void {
    // A SQL runtime error reads as Flink reports it: the Java exception class, then the message.
    const exceptionClass = (error as { exceptionClass?: unknown } | undefined)?.exceptionClass;
    const base = error instanceof Error ? error.message : String(error);
    const message = typeof exceptionClass === 'string' ? `${exceptionClass}: ${base}` : base;
    const info: FailureInfo = { vertexId: task.vertex.id, subtask: task.index, task: subtaskDisplayName(task.vertex, task.index), message, time: this.now, ...(record ? { record } : {}) };
    this.failures.push(info);
    this.emitTaskState(task, task.state, 'FAILED', message);
    task.state = 'FAILED';
    this.current = undefined;
    this.chosen = undefined;
    this.events.emit('recovery', { time: this.now, phase: 'failure-detected', vertexId: info.vertexId, subtask: info.subtask, task: info.task, reason: message });
    const proven = this.observeFailure(info, origin);
    if (proven && this.options.stopOnDeterministicFailure) {
      this.failure = info;
      this.setJobState('FAILING', message);
      this.cancelTasks(`cancelled because ${info.task} failed`);
      this.setJobState('FAILED', proven.diagnosis);
      return;
    }
    const strategy = this.restartStrategy;
    if (strategy) {
      const at = this.restartedAt !== undefined && this.now <= this.restartedAt && this.restartAt === undefined && !this.restarting ? afterRestart(this.now) : this.now;
      strategy.notifyFailure(at);
      if (strategy.canRestart(at)) {
        // The failover strategy decides what restarts: the failed task's pipelined region, or all.
        const failed = [{ vertexId: task.vertex.id, subtask: task.index }];
        const restart = tasksToRestart(this.options.failoverStrategy ?? 'region', this.graph, failed);
        // A failure while another restart is pending or under way escalates to a global restart:
        // both regions come back from the same checkpoint.
        // The checkpoint failure threshold fails the job globally (Flink's handleGlobalFailure).
        const all = restart.length === this.tasks.length || this.restartAt !== undefined || this.restarting || origin === 'checkpoint';
        this.restartRegion = all ? undefined : new Set(restart.map((t) => `${t.vertexId}/${t.subtask}`));
        // A region failover leaves the job RUNNING; a global one restarts it.
        if (all) this.setJobState('RESTARTING', message);
        const cancelled = this.cancelTasks(`cancelled because ${info.task} failed`, this.restartRegion);
        this.events.emit('recovery', { time: this.now, phase: 'tasks-cancelled', tasks: cancelled });
        // Exponential-delay answers the time left until its next restart timestamp (from `at`).
        const delayMs = strategy.getBackoffTimeMs(this.now);
        this.restartAt = this.now + delayMs;
        const cause = { vertexId: info.vertexId, subtask: info.subtask, task: info.task, message, ...(record ? { record } : {}), ...(origin === 'checkpoint' ? { global: true as const } : {}) };
        this.events.emit('recovery', { time: this.now, phase: 'restart-delay', delayMs: Math.round(this.restartAt - this.now), strategy: strategy.describe(), cause });
        return;
      }
    }
    this.failure = info;
    this.setJobState('FAILING', message);
    this.cancelTasks(`cancelled because ${info.task} failed`);
    const why = strategy ? `Recovery is suppressed by ${strategy.describe()}` : 'Recovery is suppressed by NoRestartBackoffTimeStrategy';
    this.setJobState('FAILED', `${why}: ${message}`);
  }

  /** The record a watched subtask (stepped record by record) was processing when it failed. */
  private failedRecord(task: StreamTask): FailedRecord | undefined {
    const input = task.lastInput;
    if (!input || input.size !== 1) return undefined;
    const kind = rowKindShortString(input.kinds[0]!);
    const row = input.rows[0]!;
    return { kind, row, fields: formatFailedRow(kind, row), position: task.recordsIn, sourceTables: this.guard.sourceTablesOf(task.vertex.id), readsSource: task.reader !== undefined };
  }

  /**
   * Shows a failure to the deterministic-failure guard: only failures thrown while processing, or
   * a checkpoint failure threshold, in an attempt where no injected fault fired, and not during a
   * restart, may be deterministic. Returns the proof (and emits it once) when there is one.
   */
  private observeFailure(info: FailureInfo, origin: FailureOrigin): DeterministicFailure | undefined {
    if (origin === 'other' || this.restarting || this.restartAt !== undefined || this.firedFaults.length > this.firedBeforeAttempt) {
      this.guard.interrupt();
      return undefined;
    }
    const task = { vertexId: info.vertexId, subtask: info.subtask, name: info.task };
    const failed = this.lastCheckpointFailure;
    const proven =
      origin === 'record'
        ? this.guard.observe({ time: this.now, checkpointId: this.attemptCheckpointId, task, cause: info.message, ...(info.record ? { record: info.record } : {}) })
        : this.guard.observe({
            time: this.now,
            checkpointId: this.attemptCheckpointId,
            cause: info.message,
            detail: failed ? `the failed checkpoint: ${failed.reason}, ${failed.message.replace(/checkpoint \d+/g, 'checkpoint N')}` : 'no checkpoint failure recorded',
            explanation: this.busySubtasks(),
          });
    if (proven && !this.deterministicFailure) {
      this.deterministicFailure = proven;
      this.events.emit('deterministicFailure', proven);
    }
    return proven;
  }

  /** Subtasks still busy far ahead of the job clock (what holds up a checkpoint), in words. */
  private busySubtasks(): string | undefined {
    const busy = this.tasks.filter((t) => t.busyUntil > this.now + 1);
    if (busy.length === 0) return undefined;
    const parts = busy.slice(0, 3).map((t) => {
      const factor = this.injector?.costFactor(t) ?? 1;
      return `${subtaskDisplayName(t.vertex, t.index)} is busy until job time ${(t.busyUntil / 1000).toFixed(1)} s${factor > 1 ? ` (an injected slow-task fault makes each record ${factor}× slower)` : ''}`;
    });
    return `Checkpoints cannot complete while ${parts.join('; ')}: their barriers wait behind its records until execution.checkpointing.timeout expires them.`;
  }

  /** The restart delay is over: redeploy, restore the latest checkpoint, and run again. */
  private restart(): void {
    this.restartAt = undefined;
    this.restarts++;
    this.restarting = true;
    try {
      this.restartNow();
    } finally {
      this.restarting = false;
    }
  }

  private restartNow(): void {
    const region = this.restartRegion;
    this.restartRegion = undefined;
    this.restartedAt = this.now;
    // The restarted subtasks finish again and take a new final checkpoint then.
    this.finishPending = false;
    this.finalCheckpointAttempts = 0;
    this.firedBeforeAttempt = this.firedFaults.length;
    this.injector?.enterRestart(this.restarts);
    const coordinator = this.coordinator;
    const checkpoint = coordinator?.latest();
    this.attemptCheckpointId = checkpoint?.id;
    const skipped = coordinator ? coordinator.completedCheckpoints().filter((c) => coordinator.corrupted.has(c.id) && (!checkpoint || c.id > checkpoint.id)).map((c) => ({ id: c.id, reason: coordinator.corrupted.get(c.id)! })) : [];
    this.events.emit('recovery', { time: this.now, phase: 'checkpoint-chosen', checkpointId: checkpoint?.id, skipped });
    if (this.failsIn('checkpoint-chosen')) return;
    const inRegion = (t: StreamTask) => !region || region.has(`${t.vertex.id}/${t.index}`);
    for (const t of this.tasks) if (t.reader && inRegion(t)) this.sourceRecordsOfEarlierAttempts += t.recordsIn;
    let restarted: StreamTask[];
    if (region) {
      // Region failover: fresh subtasks for the region only; the rest keeps running.
      restarted = this.deploy(this.restarts, region);
      const byKey = new Map(restarted.map((t) => [`${t.vertex.id}/${t.index}`, t]));
      this.tasks = this.tasks.map((t) => byKey.get(`${t.vertex.id}/${t.index}`) ?? t);
      this.coordinator?.resetTasks(this.tasks, this.now, false);
    } else {
      restarted = this.deploy(this.restarts);
      this.tasks = restarted;
    }
    let keyGroups: Extract<RecoveryEvent, { phase: 'state-assigned' }>['keyGroups'] = [];
    let sources: Extract<RecoveryEvent, { phase: 'sources-rewound' }>['sources'] = [];
    if (checkpoint) {
      const assigned = assignState(checkpoint, restarted);
      if ('error' in assigned) {
        this.failure = { vertexId: -1, subtask: -1, task: this.graph.name, message: assigned.error, time: this.now };
        this.setJobState('FAILED', assigned.error);
        return;
      }
      keyGroups = assigned.keyGroups;
      sources = assigned.sources;
    }
    this.events.emit('recovery', { time: this.now, phase: 'state-assigned', keyGroups });
    if (this.failsIn('state-assigned')) return;
    this.events.emit('recovery', { time: this.now, phase: 'sources-rewound', sources });
    if (this.failsIn('sources-rewound')) return;
    let aborted = 0;
    for (const t of restarted) for (const op of t.operators) aborted += (op as { restored?: { aborted: number } }).restored?.aborted ?? 0;
    this.events.emit('recovery', { time: this.now, phase: 'transactions-aborted', transactions: aborted });
    if (this.failsIn('transactions-aborted')) return;
    const steps: TaskState[] = ['SCHEDULED', 'DEPLOYING', 'INITIALIZING', 'RUNNING'];
    for (const st of steps) for (const t of restarted) this.setTaskState(t, st);
    this.setJobState('RUNNING');
    this.events.emit('recovery', { time: this.now, phase: 'running', attempt: this.restarts });
    if (this.failsIn('running')) return;
    // Faults triggered by this restart hit the job once it runs again.
    this.injector?.onRestart(this.restarts, this.now);
  }

  /** A fail-during-recovery fault for `phase` fails the restart in progress (which starts another). */
  private failsIn(phase: RecoveryPhase): boolean {
    const f = this.injector?.failsRecoveryPhase(phase, this.now);
    if (!f) return false;
    const victim = this.tasks.find((t) => t.state !== 'FAILED') ?? this.tasks[0]!;
    if (victim.state === 'CANCELED' || victim.state === 'CREATED') victim.state = 'RUNNING';
    this.failTask(victim, new Error(`Injected failure during recovery phase ${phase}`));
    return true;
  }

  /** Cancels every subtask still running (or only those of a region); returns how many. */
  private cancelTasks(reason: string, only?: ReadonlySet<string>): number {
    let n = 0;
    for (const t of this.tasks) {
      if (only && !only.has(`${t.vertex.id}/${t.index}`)) continue;
      if (t.state === 'FINISHED' || t.state === 'FAILED' || t.state === 'CANCELED') continue;
      this.setTaskState(t, 'CANCELING', reason);
      this.setTaskState(t, 'CANCELED', reason);
      n++;
    }
    return n;
  }

  private setTaskState(task: StreamTask, state: TaskState, reason?: string): void {
    const previous = task.state;
    task.state = state;
    this.emitTaskState(task, previous, state, reason);
  }

  private emitTaskState(task: StreamTask, previous: TaskState, state: TaskState, reason?: string): void {
    task.state = state;
    if (this.events.has('taskState')) {
      this.events.emit('taskState', { vertexId: task.vertex.id, subtask: task.index, time: this.now, state, previous, reason });
    }
  }

  private setJobState(state: JobState, reason?: string): void {
    const previous = this.state;
    if (previous === state) return;
    this.state = state;
    if (state === 'FAILED') this.failedWith = reason;
    this.events.emit('jobState', { time: this.now, state, previous, reason });
  }
}
