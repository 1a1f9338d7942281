// Time travel on a deterministic runtime: a run is a pure function of (job, seed, faults) and of
// what the debugger did to it, so every stop has a position (the number of scheduler steps taken)
// and any earlier position is reached exactly by replaying the same steps and actions.
import type { LocalJob } from '../runtime/index.js';
import type { SubtaskKey } from './threadRegistry.js';

/** Something the debugger did to the job that changes what it does next. */
export type JobAction =
  | { readonly kind: 'granularity'; readonly on: boolean }
  | { readonly kind: 'fail'; readonly vertexId: number; readonly subtask: number; readonly message: string }
  | { readonly kind: 'checkpoint' }
  | { readonly kind: 'savepoint' };

/** Applies an action; returns the checkpoint id for triggers. */
export function applyJobAction(job: LocalJob, a: JobAction): number | undefined {
  switch (a.kind) {
    case 'granularity':
      job.setRecordGranularity(a.on);
      return undefined;
    case 'fail': {
      const task = job.tasks.find((t) => t.vertex.id === a.vertexId && t.index === a.subtask);
      if (task) job.failTask(task, new Error(a.message));
      return undefined;
    }
    case 'checkpoint':
      return job.coordinator?.trigger(job.time, false);
    case 'savepoint':
      return job.triggerSavepoint();
  }
}

/** The positions and actions of one run. */
export class RunHistory {
  /** Scheduler steps taken (task and clock steps; I/O waits and pauses do not count). */
  position = 0;
  private actions: { at: number; action: JobAction }[] = [];
  /** Earlier stops (position, and the stop's thread and operator), oldest first. */
  private stops: { at: number; thread?: SubtaskKey; operator?: number }[] = [];
  /** Where each checkpoint had completed. */
  private checkpoints: { id: number; at: number }[] = [];
  private completedSinceNote: number[] = [];

  /** Records an action taken now. */
  record(action: JobAction): void {
    this.actions.push({ at: this.position, action });
  }

  /** A checkpoint completed during the current step. */
  checkpointCompleted(id: number): void {
    this.completedSinceNote.push(id);
  }

  /** After a step: checkpoints that completed in it are placed at the new position. */
  noteStep(): void {
    for (const id of this.completedSinceNote.splice(0)) this.checkpoints.push({ id, at: this.position });
  }

  /** The job stopped at the current position. */
  stopped(stop: { thread?: SubtaskKey; operator?: number }): void {
    if (this.stops[this.stops.length - 1]?.at !== this.position) this.stops.push({ at: this.position, thread: stop.thread, operator: stop.operator });
  }

  /** The latest checkpoint completed strictly before the current position (else the start). */
  latestCheckpointBefore(): { id?: number; at: number } {
    for (let i = this.checkpoints.length - 1; i >= 0; i--) if (this.checkpoints[i]!.at < this.position) return this.checkpoints[i]!;
    return { at: 0 };
  }

  /** The stop before the current one (else the start). */
  previousStop(): { at: number; thread?: SubtaskKey; operator?: number } {
    for (let i = this.stops.length - 1; i >= 0; i--) if (this.stops[i]!.at < this.position) return this.stops[i]!;
    return { at: 0 };
  }

  /** The actions to replay up to and including `target`, in order. */
  actionsUpTo(target: number): { at: number; action: JobAction }[] {
    return this.actions.filter((a) => a.at <= target);
  }

  /** After a replay to `target`: the earlier run's actions and stops up to there are this run's too. */
  adopt(old: RunHistory, target: number): void {
    this.actions = old.actions.filter((a) => a.at <= target);
    this.stops = old.stops.filter((s) => s.at < target);
  }
}
