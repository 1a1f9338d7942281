// Custom events for the panels, at a bounded rate: runtime events are collected and sent in one
// batch per PANEL_EVENT_INTERVAL_MS (and at every stop and at the end), with the JobSnapshot when
// it changed and key-group deltas from the latest metrics. Translates; owns no job.
import { PANEL_EVENT_INTERVAL_MS, type CheckpointLifecycleEntry, type DebugCustomEventName, type DebugCustomEvents, type JobStatusName, type KeyGroupsDeltaEventBody, type RecoveryEventBody, type TaskStatesEventBody } from '../protocol/index.js';
import type { CompiledJob, LocalRun } from '../runtime/index.js';
import { watchJobSnapshot } from '../cli/jobSnapshot.js';

/** One custom event, typed by its name. */
export type PanelEvent = { [K in DebugCustomEventName]: { readonly name: K; readonly body: DebugCustomEvents[K] } }[DebugCustomEventName];

/** Collects a run's events and sends them in batches. */
export class PanelEventRelay {
  private seq = 0;
  private jobStates: DebugCustomEvents['checkpointLab/jobState'][] = [];
  private tasks: TaskStatesEventBody['changes'][number][] = [];
  private checkpoints: CheckpointLifecycleEntry[] = [];
  private recovery: RecoveryEventBody['phases'][number][] = [];
  private metrics: KeyGroupsDeltaEventBody['subtasks'] | undefined;
  private metricsTime = 0;
  private dirty = false;
  private snapshot: { snapshot(): DebugCustomEvents['checkpointLab/jobSnapshot']['snapshot'] } | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** While true (a replay), events are not collected. */
  muted = false;

  constructor(private readonly send: (e: PanelEvent) => void) {}

  /** Follows a (new) run: the next batch starts with its full snapshot. */
  attach(compiled: CompiledJob, run: LocalRun, ctx: { jobFile: string; seed: number }): void {
    this.snapshot = watchJobSnapshot(compiled, run, ctx);
    this.dirty = true;
    const ev = run.job.events;
    const vid = (n: number) => String(n);
    ev.on('jobState', (e) => {
      if (this.muted) return;
      this.jobStates.push({ time: e.time, state: e.state as JobStatusName, previous: e.previous as JobStatusName, reason: e.reason });
      this.dirty = true;
    });
    ev.on('taskState', (e) => {
      if (!this.muted) this.tasks.push({ vertexId: vid(e.vertexId), subtask: e.subtask, time: e.time, state: e.state, reason: e.reason });
    });
    ev.on('checkpoint', (e) => {
      if (this.muted) return;
      this.checkpoints.push(e.phase === 'acknowledged' ? { ...e, vertexId: vid(e.vertexId) } : e);
      if (e.phase !== 'acknowledged') this.dirty = true;
    });
    ev.on('recovery', (e) => {
      if (this.muted) return;
      this.recovery.push({ ...e });
      this.dirty = true;
    });
    ev.on('metrics', (e) => {
      if (this.muted) return;
      this.metricsTime = e.time;
      this.metrics = e.subtasks.filter((s) => s.keyGroups).map((s) => ({ vertexId: vid(s.vertexId), subtask: s.subtask, recordsIn: s.recordsIn, recordsOut: s.recordsOut, keyGroups: s.keyGroups! }));
    });
  }

  /** Sends batches every PANEL_EVENT_INTERVAL_MS until `dispose`. */
  start(): void {
    this.timer ??= setInterval(() => this.flush(), PANEL_EVENT_INTERVAL_MS);
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends what was collected since the last batch. */
  flush(): void {
    for (const body of this.jobStates.splice(0)) this.send({ name: 'checkpointLab/jobState', body });
    if (this.tasks.length > 0) this.send({ name: 'checkpointLab/taskStates', body: { changes: this.tasks.splice(0) } });
    if (this.checkpoints.length > 0) this.send({ name: 'checkpointLab/checkpoints', body: { entries: this.checkpoints.splice(0) } });
    if (this.recovery.length > 0) this.send({ name: 'checkpointLab/recovery', body: { phases: this.recovery.splice(0) } });
    if (this.dirty && this.snapshot && !this.muted) {
      this.dirty = false;
      this.send({ name: 'checkpointLab/jobSnapshot', body: { seq: ++this.seq, snapshot: this.snapshot.snapshot() } });
    }
    if (this.metrics) {
      this.send({ name: 'checkpointLab/keyGroups', body: { seq: ++this.seq, time: this.metricsTime, subtasks: this.metrics } });
      this.metrics = undefined;
    }
  }
}
