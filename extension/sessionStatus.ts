// The status bar item of the active `checkpoint-lab` debug session, and the adapter trace: both
// fed by a debug adapter tracker that sees every DAP message. Imports vscode and protocol.
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../protocol/index.js';
import type { Config } from './config.js';

/** What the status bar knows of one session, from the adapter's events. */
interface SessionState {
  /** `running`, `stopped (breakpoint)`, `finished`, `failed (exit 1)` … */
  state: string;
}

/** A DAP message as the tracker sees it. */
interface DapMessage {
  readonly type?: string;
  readonly event?: string;
  readonly command?: string;
  readonly body?: Record<string, unknown>;
}

/** Requests after which a stopped job runs again. */
const RESUMING_REQUESTS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'reverseContinue', 'stepBack']);

/** Wording of the adapter's exit codes (the CLI's). */
function endedState(exitCode: unknown): string {
  if (exitCode === 0) return 'finished';
  if (exitCode === 3) return 'finished, verify found a difference';
  return `failed (exit ${String(exitCode)})`;
}

/** The status bar item and the DAP trace of `checkpoint-lab` sessions. */
export class SessionStatus implements vscode.Disposable, vscode.DebugAdapterTrackerFactory {
  private readonly item = vscode.window.createStatusBarItem('checkpointLab.session', vscode.StatusBarAlignment.Left, 50);
  private readonly sessions = new Map<string, SessionState>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly config: Config,
    private readonly trace: vscode.LogOutputChannel,
  ) {
    this.item.name = 'Checkpoint Lab job';
    this.item.command = 'workbench.debug.action.focusCallStackView';
    this.disposables.push(
      this.item,
      vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, this),
      vscode.debug.onDidChangeActiveDebugSession(() => this.render()),
      vscode.debug.onDidTerminateDebugSession((s) => {
        this.sessions.delete(s.id);
        this.render();
      }),
    );
  }

  createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
    const state: SessionState = { state: 'starting' };
    this.sessions.set(session.id, state);
    this.render();
    const log = (direction: string, m: DapMessage): void => {
      const level = this.config.traceDebugAdapter;
      if (level === 'off') return;
      const what = m.type === 'event' ? `event ${m.event}` : `${m.type} ${m.command}`;
      this.trace.info(`${direction} ${level === 'verbose' ? JSON.stringify(m) : what}`);
    };
    return {
      onWillReceiveMessage: (m: DapMessage) => {
        log('→', m);
        // The adapter answers continue and steps without a `continued` event.
        if (m.type === 'request' && RESUMING_REQUESTS.has(m.command ?? '') && state.state.startsWith('stopped')) {
          state.state = 'running';
          this.render();
        }
      },
      onDidSendMessage: (m: DapMessage) => {
        log('←', m);
        if (m.type !== 'event') return;
        if (m.event === 'stopped') state.state = `stopped (${String(m.body?.reason ?? 'paused')})`;
        else if (m.event === 'continued' || (m.event === 'initialized' && state.state === 'starting')) state.state = 'running';
        else if (m.event === 'exited') state.state = endedState(m.body?.exitCode);
        else return;
        this.render();
      },
      onWillStartSession: () => {
        state.state = 'running';
        this.render();
      },
      onError: (e) => this.trace.error(`debug adapter: ${e.message}`),
      onExit: (code, signal) => {
        if (code !== 0 && code !== undefined) this.trace.warn(`debug adapter exited with ${code ?? signal}`);
      },
    };
  }

  private render(): void {
    const active = vscode.debug.activeDebugSession;
    const s = active && active.type === DEBUG_TYPE ? this.sessions.get(active.id) : undefined;
    if (!s || !active) {
      this.item.hide();
      return;
    }
    this.item.text = `$(pulse) Flink job: ${s.state}`;
    this.item.tooltip = `Checkpoint Lab: ${active.name} is ${s.state}`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
