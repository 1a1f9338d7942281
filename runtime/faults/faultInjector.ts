// Injects a fault scenario into a running job: counts what each target processed, watches the
// job clock, checkpoints, restarts and recovery phases, and fires each fault once, when its
// trigger is met, by the action it names. The job calls the hooks; the injector decides.
import type { Row } from '../connectors/api.js';
import type { StreamTask } from '../engine/streamTask.js';
import type { CheckpointPhase, FaultKey, FaultSpec, FaultScenario, RecoveryPhase } from './faultModel.js';

/** A fault that fired, for events and reports. */
export interface FiredFault {
  readonly name?: string;
  readonly action: FaultSpec['action'];
  /** `GroupAggregate (2/4)`, `tm-1`, or `job` for untargeted faults. */
  readonly target: string;
  /** Job-clock ms. */
  readonly time: number;
  readonly detail: string;
}

/** What the injector asks of the job. */
export interface FaultActions {
  /** Fails one subtask (it restarts per the restart strategy). */
  failTask(task: StreamTask, message: string): void;
  /** Every subtask of the current attempt. */
  tasks(): readonly StreamTask[];
  /** Reports a fired fault. */
  fired(f: FiredFault): void;
  /**
   * Applies a checkpoint-level fault (expire, fail storage, corrupt, crash the sink commit) to
   * checkpoint `checkpointId`, or to the next checkpoint written when undefined.
   */
  checkpointEffect(fault: FaultSpec, checkpointId: number | undefined): void;
}

/** Actions whose effect is on a checkpoint rather than on a task. */
const CHECKPOINT_EFFECTS: ReadonlySet<FaultSpec['action']> = new Set(['expire-checkpoint', 'fail-checkpoint-storage', 'corrupt-checkpoint', 'crash-sink-commit']);

/** What happens to a subtask's acknowledgement of a checkpoint. */
export type AckDecision = 'ack' | 'decline' | 'withhold';

function keyMatches(want: FaultKey, values: readonly unknown[]): boolean {
  const wanted = Array.isArray(want) ? want : [want];
  if (wanted.length !== values.length) return false;
  return wanted.every((w, i) => {
    const v = values[i];
    if (v === null || v === undefined) return false;
    return typeof v === 'object' ? String(v) === String(w) : String(v) === String(w);
  });
}

/** Runs one scenario against one job execution (across its restarts). */
export class FaultInjector {
  private readonly pending: FaultSpec[];
  private readonly records = new Map<string, number>();
  /** Slow-task factors by `vertexId/subtask` (or `vertexId/*`). */
  private readonly slow = new Map<string, number>();
  private restartCount = 0;

  constructor(scenario: FaultScenario, private readonly job: FaultActions) {
    this.pending = [...scenario.faults];
  }

  /** Whether any fault has not fired yet. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Whether some pending fault needs to see each record of `task` (onKey triggers). */
  watchesRecords(task: StreamTask): boolean {
    return this.pending.some((f) => f.trigger.kind === 'onKey' && this.targets(f, task));
  }

  /** The slow-down factor of a subtask's processing (1 = normal). */
  costFactor(task: StreamTask): number {
    return this.slow.get(`${task.vertex.id}/${task.index}`) ?? this.slow.get(`${task.vertex.id}/*`) ?? 1;
  }

  /** The next job time an `atTime` fault fires. */
  nextTimerAt(): number {
    let t = Number.POSITIVE_INFINITY;
    for (const f of this.pending) if (f.trigger.kind === 'atTime') t = Math.min(t, f.trigger.atMs);
    return t;
  }

  /** The job clock reached `now`: fires due `atTime` faults. */
  onTime(now: number): void {
    for (const f of this.take((f) => f.trigger.kind === 'atTime' && f.trigger.atMs <= now)) this.fireOnTargets(f, now, `at ${now} ms`);
  }

  /** Before `task` processes `row` (only called when `watchesRecords`): fires a matching `onKey` fault. */
  beforeRecord(task: StreamTask, keyValues: readonly unknown[], now: number): boolean {
    const due = this.take((f) => f.trigger.kind === 'onKey' && this.targets(f, task) && keyMatches(f.trigger.key, keyValues));
    for (const f of due) this.fire(f, task, now, `on key ${JSON.stringify(keyValues)}`);
    return due.length > 0;
  }

  /** After `task` processed `n` records: fires `afterRecords` faults whose count is reached. */
  afterRecords(task: StreamTask, n: number, now: number): void {
    if (n === 0) return;
    const keys = [`${task.vertex.id}/${task.index}`, `${task.vertex.id}/*`];
    for (const k of keys) this.records.set(k, (this.records.get(k) ?? 0) + n);
    const due = this.take((f) => {
      if (f.trigger.kind !== 'afterRecords' || !this.targets(f, task)) return false;
      const count = f.target?.kind === 'vertex' && f.target.subtask === undefined ? this.records.get(keys[1]!)! : this.records.get(keys[0]!)!;
      return count >= f.trigger.records;
    });
    for (const f of due) this.fire(f, task, now, `after ${f.trigger.kind === 'afterRecords' ? f.trigger.records : 0} records`);
  }

  /**
   * A subtask is about to acknowledge `checkpointId` (phase `aligned` for tasks with inputs, then
   * `acknowledged`): decide what happens to its ack, and fire checkpoint-phase faults.
   */
  onAcknowledge(task: StreamTask, checkpointId: number, aligned: boolean, now: number): AckDecision {
    let decision: AckDecision = 'ack';
    const phases: CheckpointPhase[] = aligned ? ['triggered', 'aligned', 'acknowledged'] : ['triggered', 'acknowledged'];
    for (const phase of phases) {
      const due = this.take((f) => f.trigger.kind === 'checkpoint' && f.trigger.checkpointId === checkpointId && f.trigger.phase === phase && (f.target === undefined ? false : this.targets(f, task)));
      for (const f of due) {
        switch (f.action) {
          case 'decline-checkpoint':
            decision = 'decline';
            this.report(f, task, now, `declined checkpoint ${checkpointId}`);
            break;
          case 'expire-checkpoint':
            decision = 'withhold';
            this.report(f, task, now, `held its acknowledgement of checkpoint ${checkpointId} past the timeout`);
            break;
          case 'fail-checkpoint-storage':
          case 'corrupt-checkpoint':
          case 'crash-sink-commit':
            this.job.checkpointEffect(f, checkpointId);
            break;
          default:
            this.fire(f, task, now, `at checkpoint ${checkpointId} ${phase}`);
        }
      }
    }
    return decision;
  }

  /**
   * Checkpoint-wide phases (`triggered`, `completed`, `committed`): fires the faults due at this
   * phase that are not tied to one subtask's acknowledgement; checkpoint-level ones go to the job.
   */
  onCheckpointPhase(checkpointId: number, phase: CheckpointPhase, now: number, only?: (f: FaultSpec) => boolean): void {
    const subtaskPhase = phase === 'aligned' || phase === 'acknowledged';
    const due = this.take(
      (f) =>
        (only === undefined || only(f)) &&
        f.trigger.kind === 'checkpoint' &&
        f.trigger.checkpointId === checkpointId &&
        f.trigger.phase === phase &&
        (CHECKPOINT_EFFECTS.has(f.action) ? !(subtaskPhase && f.target?.kind === 'vertex') && (f.action !== 'expire-checkpoint' || f.target === undefined) && (f.action !== 'crash-sink-commit' || phase !== 'triggered') : f.target === undefined || f.target.kind === 'taskmanager' || f.action === 'fail-task' || f.action === 'slow-task'),
    );
    for (const f of due) {
      if (CHECKPOINT_EFFECTS.has(f.action)) this.job.checkpointEffect(f, checkpointId);
      else this.fireOnTargets(f, now, `at checkpoint ${checkpointId} ${phase}`);
    }
  }

  /** Restart number `restart` (1-based) begins: its recovery phases may now fail (fail-during-recovery). */
  enterRestart(restart: number): void {
    this.restartCount = restart;
  }

  /** Restart number `restart` is running again: fires its `restart` faults other than fail-during-recovery. */
  onRestart(restart: number, now: number): void {
    this.restartCount = restart;
    for (const f of this.take((f) => f.trigger.kind === 'restart' && f.trigger.restart === restart && f.action !== 'fail-during-recovery')) {
      this.fireOnTargets(f, now, `at restart ${restart}`);
    }
  }

  /** Whether a `fail-during-recovery` fault fails the current restart in `phase`. */
  failsRecoveryPhase(phase: RecoveryPhase, now: number): FaultSpec | undefined {
    const [f] = this.take((f) => f.action === 'fail-during-recovery' && f.recoveryPhase === phase && f.trigger.kind === 'restart' && f.trigger.restart === this.restartCount);
    if (f) this.job.fired({ name: f.name, action: f.action, target: this.describeTarget(f), time: now, detail: `failed restart ${this.restartCount} in phase ${phase}` });
    return f;
  }

  /** Reports a fault whose effect the caller applies (storage faults, sink commits). */
  report(f: FaultSpec, task: StreamTask | undefined, now: number, detail: string): void {
    this.job.fired({ name: f.name, action: f.action, target: task ? `${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism})` : this.describeTarget(f), time: now, detail });
  }

  private describeTarget(f: FaultSpec): string {
    if (!f.target) return 'job';
    if (f.target.kind === 'taskmanager') return f.target.taskManagerId;
    return f.target.subtask === undefined ? f.target.vertexName : `${f.target.vertexName}[${f.target.subtask}]`;
  }

  private targets(f: FaultSpec, task: StreamTask): boolean {
    const t = f.target;
    if (!t) return true;
    if (t.kind === 'taskmanager') return task.taskManager === t.taskManagerId;
    return t.vertexId === task.vertex.id && (t.subtask === undefined || t.subtask === task.index);
  }

  private take(pred: (f: FaultSpec) => boolean): FaultSpec[] {
    const out: FaultSpec[] = [];
    for (let i = 0; i < this.pending.length; ) {
      if (pred(this.pending[i]!)) out.push(...this.pending.splice(i, 1));
      else i++;
    }
    return out;
  }

  /** Fires a fault on every subtask it targets (time, checkpoint and restart triggers). */
  private fireOnTargets(f: FaultSpec, now: number, why: string): void {
    if (CHECKPOINT_EFFECTS.has(f.action)) {
      // Time or restart triggered: the effect hits the next checkpoint written.
      this.job.checkpointEffect(f, undefined);
      return;
    }
    const tasks = this.job.tasks().filter((t) => this.targets(f, t) && t.state === 'RUNNING');
    if (f.target?.kind === 'taskmanager') {
      const victims = tasks;
      this.report(f, undefined, now, `killed ${f.target.taskManagerId} ${why}: ${victims.length} subtask(s) lost`);
      if (victims.length > 0) this.job.failTask(victims[0]!, `TaskManager ${f.target.taskManagerId} was lost (fault ${f.name ?? f.action})`);
      return;
    }
    if (f.action === 'slow-task') {
      const key = f.target?.kind === 'vertex' ? `${f.target.vertexId}/${f.target.subtask ?? '*'}` : undefined;
      if (key) this.slow.set(key, f.factor ?? 2);
      this.report(f, undefined, now, `slowed down ×${f.factor ?? 2} ${why}`);
      return;
    }
    if (tasks.length === 0) return;
    this.fire(f, tasks[0]!, now, why);
  }

  private fire(f: FaultSpec, task: StreamTask, now: number, why: string): void {
    switch (f.action) {
      case 'slow-task':
        this.slow.set(`${task.vertex.id}/${f.target?.kind === 'vertex' && f.target.subtask !== undefined ? task.index : '*'}`, f.factor ?? 2);
        this.report(f, task, now, `slowed down ×${f.factor ?? 2} ${why}`);
        return;
      case 'kill-taskmanager': {
        this.report(f, task, now, `killed ${task.taskManager} ${why}`);
        this.job.failTask(task, `TaskManager ${task.taskManager} was lost (fault ${f.name ?? f.action})`);
        return;
      }
      default:
        this.report(f, task, now, `failed ${why}`);
        this.job.failTask(task, `Injected failure${f.name ? ` '${f.name}'` : ''} ${why}`);
    }
  }
}

/** Values of a row's key fields, for onKey matching. */
export function keyValuesOf(task: StreamTask, row: Row): unknown[] {
  const key = task.vertex.key;
  return key ? key.fields.map((i) => row[i]) : [];
}
