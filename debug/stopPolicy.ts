// Exception filters: which runtime events stop the job (a task failure, a checkpoint completed or
// failed, each recovery phase, a late record dropped). Events arrive inside a step; the stop they
// decide is taken after it.
import type { LocalJob, StepResult } from '../runtime/index.js';
import type { ExceptionFilterId } from '../protocol/debugAdapter.js';
import { describeCheckpointEvent, describeRecovery } from './runtimeLog.js';
import type { StopInfo } from './stopInfo.js';
import type { SubtaskKey } from './threadRegistry.js';

/** Turns runtime events into stops, per the exception filters. */
export class StopPolicy {
  private filters = new Set<ExceptionFilterId>(['taskFailure']);
  /** Late records dropped so far per window operator instance. */
  private readonly lateSeen = new Map<object, number>();
  /** The stop an event decided during the current step. */
  pending: StopInfo | undefined;

  constructor(
    private readonly noDebug: boolean,
    private readonly replaying: () => boolean,
    private readonly lastStepped: () => SubtaskKey | undefined,
  ) {}

  setFilters(filters: readonly ExceptionFilterId[]): void {
    this.filters = new Set(filters);
  }

  /** Follows a (new) run's events. */
  watch(job: LocalJob): void {
    const quiet = () => this.noDebug || this.replaying();
    job.events.on('recovery', (e) => {
      if (quiet()) return;
      if (e.phase === 'failure-detected') {
        if (this.filters.has('taskFailure')) this.pending ??= { reason: 'exception', thread: { vertexId: e.vertexId, subtask: e.subtask }, description: `${e.task} failed`, text: e.reason, recoveryPhase: e.phase };
      } else if (this.filters.has('recoveryPhase')) {
        this.pending ??= { reason: 'exception', thread: this.lastStepped(), description: `Recovery: ${e.phase}`, text: describeRecovery(e), recoveryPhase: e.phase };
      }
    });
    job.events.on('checkpoint', (e) => {
      if (quiet()) return;
      if (e.phase === 'completed' && this.filters.has('checkpointCompleted')) this.pending ??= { reason: 'exception', thread: this.lastStepped(), description: `Checkpoint ${e.checkpointId} completed`, text: describeCheckpointEvent(e) };
      if (e.phase === 'failed' && this.filters.has('checkpointFailed')) this.pending ??= { reason: 'exception', thread: this.lastStepped(), description: `Checkpoint ${e.checkpointId} failed`, text: e.message };
    });
  }

  /** `lateRecord` filter: a window subtask dropped a record in the step just taken. */
  lateRecordStop(r: StepResult, job: LocalJob): StopInfo | undefined {
    if (r.kind !== 'task' || !this.filters.has('lateRecord') || this.noDebug) return undefined;
    const task = job.tasks.find((t) => t.vertex.id === r.vertexId && t.index === r.subtask);
    for (const op of task?.operators ?? []) {
      const dropped = (op as { lateRecordsDropped?: number }).lateRecordsDropped;
      if (dropped === undefined) continue;
      const before = this.lateSeen.get(op) ?? 0;
      this.lateSeen.set(op, dropped);
      if (dropped > before) return { reason: 'exception', thread: { vertexId: r.vertexId, subtask: r.subtask }, description: 'Late record dropped', text: `${task!.vertex.name} (${r.subtask + 1}/${task!.vertex.parallelism}) dropped a record whose window already fired (${dropped} so far)` };
    }
    return undefined;
  }
}
