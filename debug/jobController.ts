// The runtime-facing half of the adapter: owns one local run, drives it in bounded time slices
// that yield to the event loop (so pause and disconnect answer while the job runs flat out), and
// reports through a typed event map. Knows nothing of DAP.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldImmediate, setTimeout as sleep } from 'node:timers/promises';
import { createLocalRun, type CompiledJob, type FaultScenario, type LocalJob, type LocalRun, type StepResult } from '../runtime/index.js';
import { RequestError } from './requestError.js';

/** A completed checkpoint or savepoint a run can start from. */
type CompletedCheckpointOf<J extends LocalJob> = NonNullable<J['options']['restoreFrom']>;
import { nodeSinkFiles } from '../cli/nodeSinkFiles.js';
import { watchRun, type RunStats } from '../cli/summary.js';
import { endOfRun } from './endOfRun.js';
import type { ExceptionFilterId } from '../protocol/debugAdapter.js';
import { BreakpointTable } from './breakpoints.js';
import { CheckpointTracker } from './checkpointTracker.js';
import { RecordEvaluator } from './recordEvaluator.js';
import { RecoveryStepper } from './recoveryStepper.js';
import { applyJobAction, RunHistory, type JobAction } from './timeTravel.js';
import { PanelEventRelay } from './panelEvents.js';
import type { LaunchPlan } from './launchPlan.js';
import { ThreadRegistry, type SubtaskKey } from './threadRegistry.js';
import { TypedEmitter } from './typedEmitter.js';
import { keepSourceParallelism } from './rescale.js';
import { StopPolicy } from './stopPolicy.js';
import type { JobControllerEvents, OutputCategory, StepGoal, StopInfo } from './stopInfo.js';

export type { JobControllerEvents, OutputCategory, StepGoal, StopInfo, StopReason } from './stopInfo.js';
import { describeCheckpointEvent, describeFault, describeRecovery } from './runtimeLog.js';

/** Wall-clock length of one uninterrupted slice of job steps, in ms. */
export const SLICE_MS = 8;

/** Drives one debug run. */
export class JobController {
  readonly events = new TypedEmitter<JobControllerEvents>();
  readonly threads = new ThreadRegistry();
  /** The run being debugged (replaced by a rescale). */
  run!: LocalRun;
  /** The compiled job of the current run (a rescale recompiles it). */
  compiled: CompiledJob;
  /** The checkpoints in progress and the latest completed and failed ones. */
  checkpoints!: CheckpointTracker;
  /** SQL over records (evaluate, conditions, logpoints). */
  readonly evaluator: RecordEvaluator;
  /** Breakpoints on the job file's lines. */
  readonly breakpoints: BreakpointTable;
  /** The phases of the recovery under way, for step into. */
  recovery!: RecoveryStepper;
  /** Exception filters: which runtime events stop the job. */
  private readonly policy: StopPolicy;
  private stats!: RunStats;
  private mode: 'created' | 'running' | 'stopped' | 'ended' = 'created';
  private driving = false;
  private pauseRequested = false;
  private goal: StepGoal | undefined;
  /** The subtask that took the last step. */
  private lastStepped: SubtaskKey | undefined;
  private readonly out: { category: OutputCategory; text: string }[] = [];
  private wallStart = 0;
  private disposed = false;
  /** Positions, stops, checkpoints and actions of the current run, for time travel. */
  private history = new RunHistory();
  /** A replay is under way: its output and events were already shown once. */
  private replaying = false;
  /** The run was replaced by a rescale: its history is another run's. */
  private rescaled = false;
  private granularity = false;
  private readonly panels = new PanelEventRelay((e) => this.events.emit('panel', e));

  constructor(readonly plan: LaunchPlan) {
    this.compiled = plan.compiled;
    this.policy = new StopPolicy(plan.noDebug, () => this.replaying, () => this.lastStepped);
    this.evaluator = new RecordEvaluator(() => this.job.graph, plan.compiled.localTimeZone, () => Math.floor(this.job.time));
    this.breakpoints = new BreakpointTable(this.evaluator, plan.compiled.localTimeZone, (text) => this.print('console', text));
    this.attach(plan.compiled, plan.restore?.checkpoint, plan.faults);
  }

  /** Creates the run of `compiled` (from a checkpoint or savepoint, with faults) and follows its events. */
  private attach(compiled: CompiledJob, restoreFrom: CompletedCheckpointOf<LocalJob> | undefined, faults: FaultScenario | undefined): void {
    const plan = this.plan;
    const durable = plan.durable;
    this.compiled = compiled;
    this.run = createLocalRun(compiled, {
      seed: plan.seed,
      collectResults: plan.verify,
      printLine: (line, stderr) => this.print(stderr ? 'stderr' : 'stdout', `${line}\n`),
      faults,
      // A replay passes checkpoints already written: they are not written twice.
      persistCheckpoint: durable ? (cp) => (this.replaying ? Promise.resolve() : durable.persist(cp)) : undefined,
      restoreFrom,
      sinkFiles: nodeSinkFiles(),
    });
    this.stats = watchRun(this.run);
    this.panels.attach(compiled, this.run, { jobFile: plan.jobFile, seed: plan.seed });
    this.checkpoints = new CheckpointTracker(this.run.job);
    this.recovery = new RecoveryStepper(this.run.job);
    const events = this.job.events;
    events.on('fault', (f) => this.print('console', `${describeFault(f)}\n`));
    events.on('recovery', (e) => this.print('console', `${describeRecovery(e)}\n`));
    events.on('checkpoint', (e) => {
      const text = describeCheckpointEvent(e);
      if (text) this.print('console', `${text}\n`);
    });
    events.on('checkpoint', (e) => {
      if (e.phase === 'completed') this.history.checkpointCompleted(e.checkpointId);
    });
    this.policy.watch(this.job);
  }

  /**
   * Rescale: a synchronous savepoint (sources emit nothing after its barrier), then the job is
   * restored from it at parallelism `n` in the same session; stops when the new job is ready.
   */
  requestRescale(n: number): number {
    const job = this.job;
    if (!job.coordinator) throw new RequestError("rescaling needs checkpointing: set 'execution.checkpointing.interval' in the job file");
    if (job.jobState !== 'RUNNING') throw new RequestError(`the job is ${job.jobState}: it can be rescaled while it is RUNNING`);
    const compiledAtN = this.plan.recompile(n);
    if (typeof compiledAtN === 'string') throw new RequestError(compiledAtN);
    const recompiled = keepSourceParallelism(compiledAtN, job.graph);
    for (const t of job.tasks) if (t.reader) t.suspendAfterBarrier = true;
    const id = job.triggerSavepoint();
    if (id === undefined) throw new RequestError('the savepoint could not be triggered');
    const at = this.stoppedSubtask;
    this.resume(() => {
      const failed = this.checkpoints.lastFailed;
      if (failed?.checkpointId === id) return { reason: 'exception', thread: at, description: `Savepoint ${id} failed: not rescaled`, text: failed.message };
      const savepoint = job.coordinator!.completedCheckpoints().find((cp) => cp.id === id);
      if (!savepoint) return undefined;
      const before = this.subtasks().map((s) => s.id);
      job.cancel(`stopped with savepoint ${id} to rescale to parallelism ${n}`);
      this.rescaled = true;
      this.attach(recompiled, savepoint, undefined);
      this.breakpoints.reapply(this.job.graph);
      this.breakpointsChanged();
      const after = this.subtasks().map((s) => s.id);
      this.print('console', `rescaled to parallelism ${n} from savepoint ${id}${this.plan.faults ? ' (the launch scenario\'s faults are not carried over)' : ''}\n`);
      this.events.emit('threadsChanged', { exited: before.filter((x) => !after.includes(x)), started: after.filter((x) => !before.includes(x)) });
      return { reason: 'step', thread: this.firstSubtask(), description: `Rescaled to parallelism ${n} from savepoint ${id}` };
    });
    return id;
  }

  /** The engine. */
  get job(): LocalJob {
    return this.run.job;
  }

  /** Whether the job is stopped (the session may inspect it). */
  get isStopped(): boolean {
    return this.mode === 'stopped';
  }

  /** Whether the job has ended. */
  get hasEnded(): boolean {
    return this.mode === 'ended';
  }

  /** Starts the job: stops at once with `stopOnEntry`, else runs. */
  start(): void {
    if (this.mode !== 'created') return;
    this.wallStart = performance.now();
    this.panels.start();
    for (const w of this.plan.warnings) this.print('console', `${w}\n`);
    if (this.plan.restore?.path) this.print('console', `restoring from ${this.plan.restore.path}\n`);
    if (this.plan.stopOnEntry && !this.plan.noDebug) {
      this.job.start();
      this.stop({ reason: 'entry', thread: this.firstSubtask(), description: 'Stopped before the first record' });
      return;
    }
    this.resume(undefined);
  }

  /** Runs until a breakpoint, an exception or the end (or until `goal` is reached). */
  resume(goal: StepGoal | undefined): void {
    if (this.mode === 'ended' || this.disposed) return;
    this.goal = goal;
    this.policy.pending = undefined;
    this.pauseRequested = false;
    this.mode = 'running';
    this.events.emit('resumed', {});
    if (!this.driving) void this.drive();
  }

  /** Runs until `thread` has processed one element (one record, with record granularity), then stops there. */
  stepElement(thread: SubtaskKey): void {
    const job = this.job;
    this.setGranularity(true);
    this.resume((r) => {
      if (r.kind !== 'task' || r.vertexId !== thread.vertexId || r.subtask !== thread.subtask) return undefined;
      this.setGranularity(this.wantsRecordGranularity());
      const task = job.tasks.find((t) => t.vertex.id === thread.vertexId && t.index === thread.subtask);
      // The next record enters the chain at its first operator (after the source, for a source vertex).
      return { reason: 'step', thread, operator: task?.peekAction()?.action === 'record' && task.vertex.source ? 1 : 0 };
    });
  }

  /** Whether every record must be seen by a stop condition (breakpoints are set). */
  wantsRecordGranularity(): boolean {
    return this.breakpoints.any && !this.plan.noDebug;
  }

  /** Does something to the job that changes its course, remembered for time travel. */
  act(action: JobAction): number | undefined {
    this.history.record(action);
    return applyJobAction(this.job, action);
  }

  private setGranularity(on: boolean): void {
    if (on === this.granularity) return;
    this.granularity = on;
    this.act({ kind: 'granularity', on });
  }

  /**
   * Time travel: back to where the latest checkpoint before this stop completed (`reverse`), or to
   * the previous stop (`back`). The run is replayed from its start with the same seed, faults and
   * debugger actions up to that position, so its state is exactly what it was there.
   */
  travel(kind: 'reverse' | 'back'): void {
    if (this.mode !== 'stopped') throw new RequestError('the job is running: pause it first');
    if (this.rescaled) throw new RequestError('time travel goes back within one run: it is not available after a rescale');
    if (this.compiled.sinks.some((s) => s.files)) throw new RequestError('time travel is not supported yet for jobs with a filesystem sink: replaying would write its files twice');
    this.replay(kind).catch((e: unknown) => {
      this.replaying = false;
      this.print('important', `Checkpoint Lab: time travel failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      this.mode = 'ended';
      this.events.emit('ended', { exitCode: 1 });
    });
  }

  private async replay(kind: 'reverse' | 'back'): Promise<void> {
    const old = this.history;
    const previous = old.previousStop();
    const target = kind === 'reverse' ? old.latestCheckpointBefore() : { at: previous.at, id: undefined };
    const actions = old.actionsUpTo(target.at);
    // Back at a stop: the same subtask and operator as then; back at a checkpoint: the chain's entry.
    const thread = kind === 'back' ? (previous.thread ?? this.lastStop?.thread) : this.lastStop?.thread;
    const operator = kind === 'back' ? previous.operator : undefined;
    this.mode = 'running';
    this.events.emit('resumed', {});
    this.replaying = true;
    this.panels.muted = true;
    this.history = new RunHistory();
    try {
      this.attach(this.plan.compiled, this.plan.restore?.checkpoint, this.plan.faults);
      this.granularity = false;
      const job = this.job;
      // Hit counts go back too: the replay counts the hits of the records it passes, stopping at none.
      this.breakpoints.resetHits();
      if (this.breakpoints.any) {
        job.setStopCondition((point) => {
          const task = job.tasks.find((t) => t.vertex.id === point.vertexId && t.index === point.subtask);
          if (point.next === 'record' && point.row && task) this.breakpoints.check(task, point.row, true);
          return false;
        });
      }
      let next = 0;
      const applyDue = () => {
        while (next < actions.length && actions[next]!.at <= this.history.position) {
          const a = actions[next++]!.action;
          if (a.kind === 'granularity') this.granularity = a.on;
          applyJobAction(job, a);
        }
      };
      let sliceEnd = performance.now() + SLICE_MS;
      while (this.history.position < target.at) {
        applyDue();
        const r = job.step();
        if (r.kind === 'io') await r.done;
        else if (r.kind === 'task' || r.kind === 'clock') this.history.position++;
        this.history.noteStep();
        if (r.kind === 'done') break;
        if (performance.now() >= sliceEnd) {
          await yieldImmediate();
          sliceEnd = performance.now() + SLICE_MS;
        }
      }
      applyDue();
      this.history.adopt(old, target.at);
    } finally {
      this.replaying = false;
      this.panels.muted = false;
    }
    this.mode = 'stopped';
    this.breakpointsChanged();
    const where = kind === 'reverse' ? (target.id === undefined ? 'the start of the job (no checkpoint had completed)' : `checkpoint ${target.id}`) : 'the previous stop';
    this.stop({ reason: 'step', thread: thread ?? this.firstSubtask(), description: `Back at ${where}`, operator });
  }

  /** Sets the exception filters. */
  setExceptionFilters(filters: readonly ExceptionFilterId[]): void {
    this.policy.setFilters(filters);
  }

  /** Installs (or removes) the stop condition that checks breakpoints, after they changed. */
  breakpointsChanged(): void {
    const job = this.job;
    const active = this.wantsRecordGranularity();
    this.setGranularity(active);
    if (!active) {
      job.setStopCondition(undefined);
      return;
    }
    job.setStopCondition((point) => {
      if (point.next !== 'record' || !point.row) return false;
      const task = job.tasks.find((t) => t.vertex.id === point.vertexId && t.index === point.subtask)!;
      const hit = this.breakpoints.check(task, point.row);
      if (!hit) return false;
      this.hit = { reason: 'breakpoint', thread: { vertexId: point.vertexId, subtask: point.subtask }, hitBreakpointIds: [hit.id], operator: hit.position };
      return true;
    });
  }

  /** The breakpoint the stop condition matched. */
  private hit: StopInfo | undefined;

  /** Asks the running job to stop at the end of the current slice. */
  pause(): void {
    if (this.mode === 'running') this.pauseRequested = true;
  }

  /** Ends the session: cancels the job and stops driving. */
  dispose(): void {
    this.disposed = true;
    this.panels.dispose();
    if (this.mode !== 'ended') this.job.cancel('the debug session ended');
    this.mode = 'ended';
  }

  /** Every subtask of the current attempt, in vertex order. */
  subtasks(): { key: SubtaskKey; name: string; id: number }[] {
    return this.job.tasks.map((t) => {
      const key = { vertexId: t.vertex.id, subtask: t.index };
      return { key, id: this.threads.idOf(key), name: `${t.vertex.name} (${t.index + 1}/${t.vertex.parallelism})` };
    });
  }

  private firstSubtask(): SubtaskKey | undefined {
    const t = this.job.tasks[0];
    return t ? { vertexId: t.vertex.id, subtask: t.index } : undefined;
  }

  private print(category: OutputCategory, text: string): void {
    if (this.replaying) return;
    const last = this.out[this.out.length - 1];
    if (last && last.category === category) last.text += text;
    else this.out.push({ category, text });
    // Outside the driving loop (events of a request) the output goes out at once.
    if (!this.driving) this.flushOutput();
  }

  private flushOutput(): void {
    for (const o of this.out.splice(0)) this.events.emit('output', o);
  }

  /** The latest stop. */
  lastStop: StopInfo | undefined;

  /** A fault was fired from the debugger: when stopped, show the failure it caused at once. */
  faultInjected(): void {
    const stop = this.policy.pending;
    if (this.mode !== 'stopped' || !stop) return;
    this.policy.pending = undefined;
    this.stopNow(stop);
  }

  /** Stops at once without running (the answer to a step request goes out first). */
  stopNow(info: StopInfo): void {
    if (this.mode !== 'stopped') return;
    this.events.emit('resumed', {});
    setImmediate(() => this.stop(info));
  }

  /** The subtask the latest stop is about. */
  get stoppedSubtask(): SubtaskKey | undefined {
    return this.lastStop?.thread ?? this.lastStepped ?? this.firstSubtask();
  }

  private stop(info: StopInfo): void {
    this.mode = 'stopped';
    this.lastStop = info;
    if (info.recoveryPhase === 'failure-detected') this.recovery.showFailure();
    else if (info.recoveryPhase !== undefined && info.reason === 'exception') this.recovery.showUpTo(info.recoveryPhase);
    this.setGranularity(this.wantsRecordGranularity());
    this.history.stopped(info);
    this.goal = undefined;
    this.policy.pending = undefined;
    this.pauseRequested = false;
    this.flushOutput();
    this.panels.flush();
    this.events.emit('stopped', info);
  }

  /** The driving loop: bounded slices of steps, then a turn of the event loop. */
  private async drive(): Promise<void> {
    this.driving = true;
    const job = this.job;
    const speed = this.plan.speed;
    const jobStart = job.time;
    const wallStart = performance.now();
    try {
      for (;;) {
        if (this.mode !== 'running' || this.disposed) return;
        if (this.pauseRequested) {
          this.stop({ reason: 'pause', thread: this.lastStepped ?? this.firstSubtask() });
          return;
        }
        const sliceEnd = performance.now() + SLICE_MS;
        for (let i = 1; ; i++) {
          const r = job.step();
          if (r.kind === 'io') {
            await r.done;
            this.history.noteStep();
            break;
          }
          if (r.kind === 'task' || r.kind === 'clock') this.history.position++;
          this.history.noteStep();
          if (r.kind === 'task') this.lastStepped = { vertexId: r.vertexId, subtask: r.subtask };
          if (r.kind === 'done') {
            await this.finish();
            return;
          }
          const stop = this.policy.pending ?? (r.kind === 'paused' ? this.stopAt(r) : undefined) ?? this.policy.lateRecordStop(r, job) ?? this.goal?.(r, job);
          if (stop) {
            this.stop(stop);
            return;
          }
          if (speed !== undefined && r.kind === 'clock') {
            const due = wallStart + (job.time - jobStart) / speed;
            const wait = due - performance.now();
            if (wait > 1) {
              this.flushOutput();
              await sleep(Math.min(wait, 20));
              break;
            }
          }
          if ((i & 63) === 0 && performance.now() >= sliceEnd) break;
        }
        this.flushOutput();
        await yieldImmediate();
      }
    } catch (e) {
      this.print('important', `Checkpoint Lab: the runtime broke an invariant: ${(e as Error).stack ?? String(e)}\n`);
      this.flushOutput();
      this.mode = 'ended';
      this.events.emit('ended', { exitCode: 1 });
    } finally {
      this.driving = false;
    }
  }

  /** A stop condition matched (breakpoints install it); the subclass of the stop is decided there. */
  private stopAt(r: Extract<StepResult, { kind: 'paused' }>): StopInfo {
    const hit = this.hit;
    this.hit = undefined;
    return hit ?? { reason: 'pause', thread: { vertexId: r.at.vertexId, subtask: r.at.subtask } };
  }

  /** The job ended: durable retention, the verifier, the summary, the exit code. */
  private async finish(): Promise<void> {
    this.mode = 'ended';
    this.flushOutput();
    const exitCode = await endOfRun({ plan: this.plan, run: this.run, compiled: this.compiled, stats: this.stats, wallMs: performance.now() - this.wallStart, verify: this.plan.verify && !this.disposed }, (c, t) => this.print(c, t));
    this.flushOutput();
    this.panels.flush();
    this.panels.dispose();
    this.events.emit('ended', { exitCode });
  }
}
