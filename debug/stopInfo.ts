// The vocabulary between the adapter's controller and its DAP session: why and where the job
// stopped, what goes to the Debug Console, and the typed event map (no `sendEvent(name, ...any)`).
import type { LocalJob, StepResult } from '../runtime/index.js';
import type { PanelEvent } from './panelEvents.js';
import type { SubtaskKey } from './threadRegistry.js';

/** Why the job stopped, as DAP names it. */
export type StopReason = 'entry' | 'pause' | 'breakpoint' | 'step' | 'exception' | 'function breakpoint';

/** A stop of the whole job (every subtask stops at once). */
export interface StopInfo {
  readonly reason: StopReason;
  /** The subtask the stop is about; undefined when none in particular. */
  readonly thread?: SubtaskKey;
  readonly description?: string;
  readonly text?: string;
  readonly hitBreakpointIds?: readonly number[];
  /** The chain position the stop is at (0 = the source or first operator): the call stack ends there. */
  readonly operator?: number;
  /** The recovery phase the stop shows (its data goes to Variables). */
  readonly recoveryPhase?: string;
}

/** Debug Console categories. */
export type OutputCategory = 'stdout' | 'stderr' | 'console' | 'important';

/** What the controller tells the session. */
export interface JobControllerEvents {
  stopped: StopInfo;
  output: { readonly category: OutputCategory; readonly text: string };
  /** A custom event for the panels (batched, bounded rate). */
  panel: PanelEvent;
  /** Subtasks went away and others came (a rescale). */
  threadsChanged: { readonly exited: readonly number[]; readonly started: readonly number[] };
  /** The job moves again: every reference into its state is stale. */
  resumed: Record<string, never>;
  /** The job ended; `exitCode` is the CLI's (0 finished, 1 failed, 3 verify found a difference). */
  ended: { readonly exitCode: number };
}

/** Decides after each step whether the current goal (a step request) is reached. */
export type StepGoal = (r: StepResult, job: LocalJob) => StopInfo | undefined;

