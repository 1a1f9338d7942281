// The DAP face of a debug run: translates each request to the controller and each controller
// event to exactly one DAP event. Errors of every request are mapped here, in `respond`.
import { basename, resolve } from 'node:path';
import { BreakpointEvent, Event, ExitedEvent, InitializedEvent, ThreadEvent, LoggingDebugSession, OutputEvent, StoppedEvent, TerminatedEvent, Thread } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CheckpointLabLaunchArguments } from '../protocol/debugAdapter.js';
import { JobController } from './jobController.js';
import { LaunchError, prepareLaunch } from './launchPlan.js';
import { RequestError } from './requestError.js';
import { frameOf, stackFramesOf } from './stackFrames.js';
import { taskOfThread } from './chainFrames.js';
import { JobVariables } from './variables.js';
import { EXCEPTION_FILTERS, type DebugCustomRequestMethod, type ExceptionFilterId } from '../protocol/debugAdapter.js';
import { consoleCompletions, parseConsoleCommand } from './consoleCommands.js';
import { injectFault, triggerCheckpoint } from './jobActions.js';
import { recoveryPhaseVariables } from './recoveryStepper.js';
import { stepInto, stepOut, stepOver } from './stepRequests.js';

/** How long `launch` waits for `configurationDone` (clients that never send it still start). */
const CONFIGURATION_TIMEOUT_MS = 2000;

/** One debug session: one job. */
export class CheckpointLabSession extends LoggingDebugSession {
  private controller: JobController | undefined;
  private vars: JobVariables | undefined;
  /** Breakpoints set before launch (clients send them between `initialized` and `configurationDone`). */
  private pendingBreakpoints: { path: string; breakpoints: DebugProtocol.SourceBreakpoint[] } | undefined;
  private pendingFilters: ExceptionFilterId[] | undefined;
  /** The thread of the latest stop (the Debug Console's context without a frame). */
  private stoppedThread: number | undefined;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  /** Sends a response whose body `handler` computes; any error becomes an error response, the session stays. */
  private respond<R extends DebugProtocol.Response>(response: R, handler: () => R['body'] | Promise<R['body']>): void {
    Promise.resolve()
      .then(handler)
      .then(
        (body) => {
          if (body !== undefined) response.body = body;
          this.sendResponse(response);
        },
        (e: unknown) => {
          const known = e instanceof RequestError || e instanceof LaunchError;
          const message = known ? e.message : `internal error in ${response.command}: ${e instanceof Error ? e.message : String(e)}`;
          this.sendErrorResponse(response, { id: known ? 1 : 2, format: message.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')')), showUser: true });
        },
      );
  }

  /** The controller, or an error for requests that need a launched job. */
  private job(): JobController {
    if (!this.controller) throw new RequestError("no job is running: send 'launch' first");
    return this.controller;
  }

  /** The controller of a stopped job, or an error. */
  private stopped(): JobController {
    const c = this.job();
    if (!c.isStopped) throw new RequestError(c.hasEnded ? 'the job has ended' : 'the job is running: pause it first');
    return c;
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    this.respond(response, () => ({
      supportsConfigurationDoneRequest: true,
      supportsTerminateRequest: true,
      supportsEvaluateForHovers: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: [' '],
      supportsExceptionInfoRequest: true,
      supportsStepBack: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((f) => ({ ...f })),
    }));
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured();
    this.respond(response, () => undefined);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    this.respond(response, async () => {
      if (this.controller) throw new RequestError('this session already runs a job');
      const plan = await prepareLaunch(args as Partial<CheckpointLabLaunchArguments>, process.cwd());
      const c = new JobController(plan);
      this.controller = c;
      this.vars = new JobVariables(c);
      c.events.on('resumed', () => this.vars?.reset());
      c.events.on('output', (o) => this.sendEvent(new OutputEvent(o.text, o.category)));
      c.events.on('stopped', (s) => {
        this.stoppedThread = s.thread ? c.threads.idOf(s.thread) : undefined;
        const e = new StoppedEvent(s.reason, this.stoppedThread, s.text) as DebugProtocol.StoppedEvent;
        e.body.allThreadsStopped = true;
        if (s.description) e.body.description = s.description;
        if (s.hitBreakpointIds) e.body.hitBreakpointIds = [...s.hitBreakpointIds];
        this.sendEvent(e);
      });
      c.events.on('panel', (p) => this.sendEvent(new Event(p.name, p.body)));
      c.events.on('threadsChanged', (t) => {
        for (const id of t.exited) this.sendEvent(new ThreadEvent('exited', id));
        for (const id of t.started) this.sendEvent(new ThreadEvent('started', id));
      });
      c.events.on('ended', (x) => {
        this.sendEvent(new ExitedEvent(x.exitCode));
        this.sendEvent(new TerminatedEvent());
      });
      if (this.pendingFilters) c.setExceptionFilters(this.pendingFilters);
      if (this.pendingBreakpoints) {
        for (const b of this.applyBreakpoints(this.pendingBreakpoints.path, this.pendingBreakpoints.breakpoints)) this.sendEvent(new BreakpointEvent('changed', b));
      }
      // Configuration requests (breakpoints, exception filters) are welcome once the job is compiled.
      this.sendEvent(new InitializedEvent());
      await Promise.race([this.configurationDone, new Promise((r) => setTimeout(r, CONFIGURATION_TIMEOUT_MS))]);
      // Start after the launch response is on its way.
      setImmediate(() => c.start());
      return undefined;
    });
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.respond(response, () => {
      const path = args.source?.path;
      const requested = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
      if (typeof path !== 'string') throw new RequestError('setBreakpoints needs source.path');
      if (!this.controller) {
        this.pendingBreakpoints = { path, breakpoints: requested };
        return { breakpoints: requested.map((b) => ({ verified: false, line: b.line, message: 'Verified once the job is launched' })) };
      }
      return { breakpoints: this.applyBreakpoints(path, requested) };
    });
  }

  private applyBreakpoints(path: string, requested: DebugProtocol.SourceBreakpoint[]): DebugProtocol.Breakpoint[] {
    const c = this.job();
    if (resolve(path) !== c.plan.jobFile) {
      return requested.map((b) => ({ verified: false, line: b.line, message: `Breakpoints go in the job file of this session (${basename(c.plan.jobFile)})` }));
    }
    const result = c.breakpoints.set(c.job.graph, requested);
    c.breakpointsChanged();
    return result.map((b) => ({ ...b, source: { name: basename(c.plan.jobFile), path: c.plan.jobFile } }));
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.respond(response, () => {
      const known = new Set<string>(EXCEPTION_FILTERS.map((f) => f.filter));
      const filters = args.filters ?? [];
      const unknown = filters.filter((f) => !known.has(f));
      if (unknown.length > 0) throw new RequestError(`unknown exception filter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the filters are ${[...known].join(', ')}`);
      if (this.controller) this.controller.setExceptionFilters(filters as ExceptionFilterId[]);
      else this.pendingFilters = filters as ExceptionFilterId[];
      return { breakpoints: filters.map(() => ({ verified: true })) };
    });
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    this.respond(response, () => ({ threads: this.controller ? this.controller.subtasks().map((s) => new Thread(s.id, s.name)) : [] }));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.respond(response, () => {
      this.job().pause();
      return undefined;
    });
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    this.respond(response, () => {
      this.stopped().resume(undefined);
      return { allThreadsContinued: true };
    });
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.respond(response, () => {
      const c = this.stopped();
      const task = taskOfThread(c, args.threadId);
      stepOver(c, { vertexId: task.vertex.id, subtask: task.index });
      return undefined;
    });
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.respond(response, () => {
      const c = this.stopped();
      const task = taskOfThread(c, args.threadId);
      stepInto(c, { vertexId: task.vertex.id, subtask: task.index });
      return undefined;
    });
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.respond(response, () => {
      const c = this.stopped();
      taskOfThread(c, args.threadId);
      stepOut(c);
      return undefined;
    });
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    this.respond(response, () => {
      this.stopped().travel('reverse');
      return undefined;
    });
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse): void {
    this.respond(response, () => {
      this.stopped().travel('back');
      return undefined;
    });
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    this.respond(response, () => {
      const stop = this.stopped().lastStop;
      if (stop?.reason !== 'exception') throw new RequestError('the job did not stop on an exception');
      return { exceptionId: stop.description ?? 'exception', description: stop.text, breakMode: 'always' as const };
    });
  }

  protected override completionsRequest(response: DebugProtocol.CompletionsResponse, args: DebugProtocol.CompletionsArguments): void {
    this.respond(response, () => ({ targets: consoleCompletions(this.job(), args.text ?? '', args.column ?? (args.text ?? '').length + 1) }));
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.respond(response, () => {
      const c = this.stopped();
      const frames = stackFramesOf(c, args.threadId);
      const start = args.startFrame ?? 0;
      const end = args.levels ? start + args.levels : frames.length;
      return { stackFrames: frames.slice(start, end), totalFrames: frames.length };
    });
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.respond(response, () => {
      const c = this.stopped();
      const frame = frameOf(args.frameId);
      const scopes = this.vars!.scopes(taskOfThread(c, frame.threadId), frame.position);
      const phase = c.lastStop?.recoveryPhase !== undefined ? c.recovery.current : undefined;
      if (phase) scopes.unshift(this.vars!.listScope(`Recovery: ${phase.phase}`, recoveryPhaseVariables(phase, c.job.graph)));
      return { scopes };
    });
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.respond(response, () => {
      this.stopped();
      return { variables: this.vars!.variables(args.variablesReference, args.start ?? 0, args.count ?? 0) };
    });
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.respond(response, () => {
      if (typeof args.expression !== 'string') throw new RequestError('evaluate needs an expression');
      const command = args.context === 'repl' ? parseConsoleCommand(args.expression) : undefined;
      if (command) return { result: command.command.run(this.job(), command.rest), variablesReference: 0 };
      const c = this.stopped();
      const frame = args.frameId !== undefined ? frameOf(args.frameId) : undefined;
      const threadId = frame?.threadId ?? this.stoppedThread;
      if (threadId === undefined) throw new RequestError('no subtask is selected: pick a thread in the Call Stack');
      const task = taskOfThread(c, threadId);
      const position = frame?.position ?? c.lastStop?.operator ?? (task.vertex.source ? 1 : 0);
      const r = this.job().evaluator.evaluate(task, args.expression, position);
      return { result: r.result, type: r.type, variablesReference: 0 };
    });
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.controller?.dispose();
    this.respond(response, () => undefined);
    // The session is over: the adapter process ends once the response is out.
    this.shutdown();
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.respond(response, () => {
      const c = this.job();
      if (!c.hasEnded) {
        c.dispose();
        this.sendEvent(new TerminatedEvent());
      }
      return undefined;
    });
  }

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    this.respond(response, () => {
      const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
      switch (command as DebugCustomRequestMethod) {
        case 'checkpointLab/injectFault':
          return injectFault(this.job(), a);
        case 'checkpointLab/triggerCheckpoint':
          return { checkpointId: triggerCheckpoint(this.job(), false) };
        case 'checkpointLab/triggerSavepoint':
          return { checkpointId: triggerCheckpoint(this.job(), true) };
        case 'checkpointLab/rescale': {
          const n = a.parallelism;
          if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw new RequestError(`rescale needs 'parallelism', a positive integer, got ${JSON.stringify(n)}`);
          return { savepointId: this.job().requestRescale(n), parallelism: n };
        }
        default:
          throw new RequestError(`unknown request '${command}'`);
      }
    });
  }
}
