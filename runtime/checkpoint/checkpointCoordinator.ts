// Flink's CheckpointCoordinator on the job clock: triggers checkpoints at the configured interval
// (respecting min-pause and max-concurrent-checkpoints), collects every subtask's
// acknowledgement, expires checkpoints past the timeout, completes them, tells every subtask
// (where sinks commit), and keeps `num-retained` completed checkpoints.
import type { CheckpointingConfig } from '../config/jobConfig.js';
import type { StreamTask } from '../engine/streamTask.js';
import type { TaskSnapshot } from './taskSnapshot.js';

/** A checkpoint every subtask acknowledged. */
export interface CompletedCheckpoint {
  readonly id: number;
  readonly isSavepoint: boolean;
  /** Job-clock ms. */
  readonly triggeredAt: number;
  readonly completedAt: number;
  /** Every subtask's snapshot, by `vertexId/subtask`. */
  readonly snapshots: ReadonlyMap<string, TaskSnapshot>;
  /** Max parallelism of each vertex when it was taken (restores must keep it). */
  readonly maxParallelism: readonly number[];
  readonly parallelism: readonly number[];
}

/** Why a checkpoint failed, in Flink's CheckpointFailureReason names. */
export type CheckpointFailureReason = 'CHECKPOINT_DECLINED' | 'CHECKPOINT_EXPIRED' | 'CHECKPOINT_SUBSUMED' | 'IO_EXCEPTION' | 'JOB_FAILOVER_REGION';

/** Lifecycle events of checkpoints. */
export type CheckpointEvent =
  | { readonly phase: 'triggered'; readonly checkpointId: number; readonly time: number; readonly isSavepoint: boolean }
  | { readonly phase: 'acknowledged'; readonly checkpointId: number; readonly time: number; readonly vertexId: number; readonly subtask: number; readonly alignmentMs: number; readonly stateBytes: number }
  | { readonly phase: 'completed'; readonly checkpointId: number; readonly time: number; readonly durationMs: number; readonly stateBytes: number }
  | { readonly phase: 'failed'; readonly checkpointId: number; readonly time: number; readonly reason: CheckpointFailureReason; readonly message: string };

interface PendingCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly isSavepoint: boolean;
  readonly acks: Map<string, TaskSnapshot>;
  readonly expiresAt: number;
}

const MINIMAL_CHECKPOINT_TIME = 10;

/** Points where the job (fault injection, durable storage) takes part in completing a checkpoint. */
export interface CompletionHooks {
  /** Before a fully acknowledged checkpoint is finalized: return a message to fail it (IO_EXCEPTION). */
  finalize?(checkpoint: CompletedCheckpoint): string | undefined;
  /** Before a subtask is notified of completion: return false if it failed instead (it is not notified). */
  beforeNotify?(checkpointId: number, task: StreamTask): boolean;
  /** After every subtask was notified (sinks committed). */
  committed?(checkpointId: number): void;
  /**
   * Writes a checkpoint durably; the checkpoint completes (and sinks commit) only once the promise
   * resolves, and fails with IO_EXCEPTION if it rejects. The job takes no step meanwhile, so
   * durable storage never changes a decision.
   */
  persist?(checkpoint: CompletedCheckpoint): Promise<void> | undefined;
}

/** Coordinates the checkpoints of one job execution. */
export class CheckpointCoordinator {
  private nextId = 1;
  private nextTriggerAt: number;
  private lastCompletionAt = Number.NEGATIVE_INFINITY;
  private readonly pending = new Map<number, PendingCheckpoint>();
  private readonly completed: CompletedCheckpoint[] = [];
  private consecutiveFailures = 0;
  /** Set when failures exceed `tolerable-failed-checkpoints`: the job must fail. */
  failJobReason: string | undefined;
  /** Completed checkpoints found corrupted, by id, with why (restores skip them). */
  readonly corrupted = new Map<number, string>();
  hooks: CompletionHooks = {};
  /** Whether acknowledgements of a checkpoint are accepted (false: they are held, and it expires). */
  acceptsAck: (checkpointId: number) => boolean = () => true;
  /** A checkpoint being written durably; the job waits for it before its next step. */
  finalizing: { readonly checkpoint: CompletedCheckpoint; readonly done: Promise<string | undefined> } | undefined;

  constructor(
    private readonly config: CheckpointingConfig,
    private tasks: readonly StreamTask[],
    private readonly emit: (e: CheckpointEvent) => void,
    /** Flink starts the scheduler after a random delay in [min-pause, interval]. */
    initialDelayMs: number,
  ) {
    // Without periodic checkpointing the coordinator only takes savepoints.
    this.nextTriggerAt = config.enabled ? Math.max(MINIMAL_CHECKPOINT_TIME, initialDelayMs) : Number.POSITIVE_INFINITY;
  }

  /** Sets the subtasks (at start, and after a restart, when whatever was pending is aborted). */
  resetTasks(tasks: readonly StreamTask[], now: number, initial: boolean): void {
    for (const id of [...this.pending.keys()]) this.fail(id, 'JOB_FAILOVER_REGION', 'the job is restarting', now);
    this.tasks = tasks;
    if (!initial && this.config.enabled) this.nextTriggerAt = now + this.config.intervalMs;
  }

  /** Completed checkpoints, oldest first. */
  completedCheckpoints(): readonly CompletedCheckpoint[] {
    return this.completed;
  }

  /** The latest completed checkpoint that is not corrupted. */
  latest(): CompletedCheckpoint | undefined {
    for (let i = this.completed.length - 1; i >= 0; i--) if (!this.corrupted.has(this.completed[i]!.id)) return this.completed[i];
    return undefined;
  }

  /** The next job time the coordinator must act (trigger or expiry). */
  nextTimerAt(): number {
    let t = this.nextTriggerAt;
    for (const p of this.pending.values()) t = Math.min(t, p.expiresAt);
    return t;
  }

  /** Acts on the job clock: expires overdue checkpoints and triggers a due one. */
  onTime(now: number): void {
    for (const p of [...this.pending.values()]) {
      if (p.expiresAt <= now) this.fail(p.id, 'CHECKPOINT_EXPIRED', `Checkpoint expired before completing (timeout ${this.config.timeoutMs} ms)`, now);
    }
    if (now < this.nextTriggerAt) return;
    const sources = this.tasks.filter((t) => t.reader && t.state === 'RUNNING');
    if (sources.length === 0) {
      // Every source finished: nothing left to trigger (checkpoints after tasks finish are not modelled).
      this.nextTriggerAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.pending.size >= this.config.maxConcurrent) {
      this.nextTriggerAt = now + this.config.intervalMs;
      return;
    }
    if (this.lastCompletionAt + this.config.minPauseMs > now) {
      this.nextTriggerAt = this.lastCompletionAt + this.config.minPauseMs;
      return;
    }
    this.trigger(now, false);
    this.nextTriggerAt = now + this.config.intervalMs;
  }

  /** Triggers a checkpoint (or savepoint) now: barriers are injected at every running source. */
  trigger(now: number, isSavepoint: boolean): number {
    const id = this.nextId++;
    this.pending.set(id, { id, triggeredAt: now, isSavepoint, acks: new Map(), expiresAt: now + this.config.timeoutMs });
    this.emit({ phase: 'triggered', checkpointId: id, time: now, isSavepoint });
    // Savepoints are always aligned; checkpoints are unaligned from the start when enabled with
    // aligned-checkpoint-timeout 0, and start aligned (switching per subtask on timeout) otherwise.
    const unaligned = !isSavepoint && this.config.unaligned && this.config.alignedCheckpointTimeoutMs === 0;
    const barrier = { type: 'barrier' as const, checkpointId: id, timestamp: now, isSavepoint, unaligned };
    for (const t of this.tasks) if (t.reader && t.state === 'RUNNING') t.triggerCheckpoint(barrier);
    return id;
  }

  /**
   * Every subtask finished: takes the final checkpoint over their final state and completes it at
   * once, so transactional sinks commit what they wrote last (Flink waits for a final checkpoint
   * before a bounded job with checkpointing finishes).
   */
  finalCheckpoint(now: number): number | undefined {
    if (!this.config.enabled || this.tasks.length === 0 || !this.tasks.every((t) => t.state === 'FINISHED')) return undefined;
    const id = this.nextId++;
    const p: PendingCheckpoint = { id, triggeredAt: now, isSavepoint: false, acks: new Map(), expiresAt: now + this.config.timeoutMs };
    this.emit({ phase: 'triggered', checkpointId: id, time: now, isSavepoint: false });
    this.complete(p, now);
    return id;
  }

  /** A subtask acknowledged (Flink's receiveAcknowledgeMessage). */
  acknowledge(task: StreamTask, snapshot: TaskSnapshot, now: number): void {
    const p = this.pending.get(snapshot.checkpointId);
    if (!p) return; // late ack of an expired or aborted checkpoint: discarded
    if (!this.acceptsAck(p.id)) return;
    p.acks.set(`${task.vertex.id}/${task.index}`, snapshot);
    this.emit({ phase: 'acknowledged', checkpointId: p.id, time: now, vertexId: task.vertex.id, subtask: task.index, alignmentMs: snapshot.alignmentMs, stateBytes: snapshot.stateBytes });
    // Finished subtasks are not waited for.
    const waitingFor = this.tasks.filter((t) => t.state === 'RUNNING' || p.acks.has(`${t.vertex.id}/${t.index}`));
    if (waitingFor.every((t) => p.acks.has(`${t.vertex.id}/${t.index}`))) this.complete(p, now);
  }

  /** A subtask declined. */
  decline(checkpointId: number, reason: string, now: number): void {
    if (this.pending.has(checkpointId)) this.fail(checkpointId, 'CHECKPOINT_DECLINED', reason, now);
  }

  private complete(p: PendingCheckpoint, now: number): void {
    this.pending.delete(p.id);
    // Subtasks that finished before the barrier reached them are recorded with their final state.
    for (const t of this.tasks) {
      const key = `${t.vertex.id}/${t.index}`;
      if (!p.acks.has(key) && t.state === 'FINISHED') p.acks.set(key, t.snapshot(p.id, 0));
    }
    const vertices = [...new Set(this.tasks.map((t) => t.vertex))].sort((a, b) => a.id - b.id);
    const cp: CompletedCheckpoint = {
      id: p.id,
      isSavepoint: p.isSavepoint,
      triggeredAt: p.triggeredAt,
      completedAt: now,
      snapshots: p.acks,
      maxParallelism: vertices.map((v) => v.maxParallelism),
      parallelism: vertices.map((v) => v.parallelism),
    };
    const storageError = this.hooks.finalize?.(cp);
    if (storageError !== undefined) {
      this.fail(p.id, 'IO_EXCEPTION', storageError, now);
      return;
    }
    const persisting = this.hooks.persist?.(cp);
    if (persisting) {
      this.finalizing = {
        checkpoint: cp,
        done: persisting.then(
          () => undefined,
          (e: unknown) => `Could not write checkpoint ${cp.id}: ${e instanceof Error ? e.message : String(e)}`,
        ),
      };
      return;
    }
    this.finishCompletion(cp, now);
  }

  /** The durable write of the finalizing checkpoint ended (with an error message, or not). */
  settleFinalizing(error: string | undefined, now: number): void {
    const f = this.finalizing;
    if (!f) return;
    this.finalizing = undefined;
    if (error !== undefined) this.fail(f.checkpoint.id, 'IO_EXCEPTION', error, now);
    else this.finishCompletion(f.checkpoint, now);
  }

  /** Continues checkpoint ids after a restored checkpoint (Flink keeps counting). */
  continueAfter(checkpointId: number): void {
    this.nextId = Math.max(this.nextId, checkpointId + 1);
  }

  private finishCompletion(cp: CompletedCheckpoint, now: number): void {
    const p = { id: cp.id, triggeredAt: cp.triggeredAt, acks: cp.snapshots };
    this.completed.push(cp);
    this.lastCompletionAt = now;
    this.consecutiveFailures = 0;
    // Older pending checkpoints are subsumed.
    for (const id of [...this.pending.keys()]) if (id < p.id) this.fail(id, 'CHECKPOINT_SUBSUMED', `subsumed by checkpoint ${p.id}`, now);
    // num-retained: drop the oldest non-savepoint checkpoints beyond the limit (never the latest).
    while (this.completed.filter((c) => !c.isSavepoint).length > this.config.numRetained) {
      const i = this.completed.findIndex((c) => !c.isSavepoint);
      this.completed.splice(i, 1);
    }
    let bytes = 0;
    for (const s of p.acks.values()) bytes += s.stateBytes;
    this.emit({ phase: 'completed', checkpointId: p.id, time: now, durationMs: now - p.triggeredAt, stateBytes: bytes });
    for (const t of this.tasks) {
      if (t.state !== 'RUNNING' && t.state !== 'FINISHED') continue;
      if (this.hooks.beforeNotify && !this.hooks.beforeNotify(p.id, t)) continue;
      t.notifyCheckpointComplete(p.id);
    }
    this.hooks.committed?.(p.id);
  }

  private fail(id: number, reason: CheckpointFailureReason, message: string, now: number): void {
    this.pending.delete(id);
    this.emit({ phase: 'failed', checkpointId: id, time: now, reason, message });
    // Flink's CheckpointFailureManager counts only these reasons.
    if (reason === 'CHECKPOINT_DECLINED' || reason === 'CHECKPOINT_EXPIRED' || reason === 'IO_EXCEPTION') {
      this.consecutiveFailures++;
      if (this.consecutiveFailures > this.config.tolerableFailed) {
        this.failJobReason = 'Exceeded checkpoint tolerable failure threshold.';
        this.consecutiveFailures = 0;
      }
    }
  }
}
