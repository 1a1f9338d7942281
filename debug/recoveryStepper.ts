// Walking through a recovery one phase at a time. The runtime carries out a failure's first
// phases in one step and a restart's phases in a later one; the stepper keeps every phase event
// and presents them in order, each with its own data, running the job only when none is left.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { JobGraph, LocalJob, RecoveryEvent } from '../runtime/index.js';
import { describeValue } from './valueTree.js';

/** The phases of the recovery under way, and how many of them were shown. */
export class RecoveryStepper {
  private log: RecoveryEvent[] = [];
  private shown = 0;

  constructor(job: LocalJob) {
    job.events.on('recovery', (e) => {
      // A failure starts a new recovery (a failure during recovery starts over, as Flink does).
      if (e.phase === 'failure-detected') {
        this.log = [];
        this.shown = 0;
      }
      this.log.push(e);
    });
  }

  /** Whether a recovery started and its `running` phase was not shown yet. */
  get inRecovery(): boolean {
    return this.log.length > 0 && this.log[this.shown - 1]?.phase !== 'running';
  }

  /** The phase shown last, if a recovery is being walked through. */
  get current(): RecoveryEvent | undefined {
    return this.shown > 0 ? this.log[this.shown - 1] : undefined;
  }

  /** The stop at a failure shows its first phase. */
  showFailure(): void {
    this.shown = Math.min(1, this.log.length);
  }

  /** An exception filter stopped at `phase`: it is the one shown. */
  showUpTo(phase: string): void {
    const i = this.log.findIndex((e, k) => k >= this.shown - 1 && e.phase === phase);
    if (i >= 0) this.shown = i + 1;
  }

  /** Shows the next phase already carried out, if any. */
  next(): RecoveryEvent | undefined {
    if (this.shown >= this.log.length) return undefined;
    return this.log[this.shown++];
  }

  /** Whether the job has carried out `running` (the recovery is complete), shown or not. */
  reachedRunning(): boolean {
    return this.log.some((e) => e.phase === 'running');
  }

  /** Marks every phase carried out as shown (step over finishes the recovery). */
  showAll(): RecoveryEvent | undefined {
    this.shown = this.log.length;
    return this.log[this.shown - 1];
  }
}

const subtaskName = (graph: JobGraph, vertexId: number, subtask: number): string => {
  const v = graph.vertices[vertexId];
  return v ? `${v.name} (${subtask + 1}/${v.parallelism})` : `vertex ${vertexId} subtask ${subtask}`;
};

/** A phase's data as variables. */
export function recoveryPhaseVariables(e: RecoveryEvent, graph: JobGraph): DebugProtocol.Variable[] {
  const v = (name: string, value: string): DebugProtocol.Variable => ({ name, value, variablesReference: 0 });
  const out = [v('phase', e.phase), v('job time', `${e.time} ms`)];
  switch (e.phase) {
    case 'failure-detected':
      out.push(v('failed subtask', e.task), v('cause', e.reason));
      break;
    case 'tasks-cancelled':
      out.push(v('subtasks cancelled', String(e.tasks)));
      break;
    case 'restart-delay':
      out.push(v('delay', `${e.delayMs} ms`), v('restart strategy', e.strategy));
      break;
    case 'checkpoint-chosen':
      out.push(v('checkpoint', e.checkpointId === undefined ? 'none: the job starts from scratch' : String(e.checkpointId)));
      for (const s of e.skipped) out.push(v(`skipped checkpoint ${s.id}`, s.reason));
      break;
    case 'state-assigned':
      if (e.keyGroups.length === 0) out.push(v('key groups', 'none (no keyed state to restore)'));
      for (const k of e.keyGroups) out.push(v(subtaskName(graph, k.vertexId, k.subtask), `key groups ${k.start}-${k.end}, ${k.keys} keys`));
      break;
    case 'sources-rewound':
      if (e.sources.length === 0) out.push(v('sources', 'none rewound (no checkpoint: they start from the beginning)'));
      for (const s of e.sources) out.push(v(subtaskName(graph, s.vertexId, s.subtask), describeValue(s.position).value));
      break;
    case 'transactions-aborted':
      out.push(v('sink transactions aborted', String(e.transactions)));
      break;
    case 'running':
      out.push(v('attempt', String(e.attempt)));
      break;
  }
  return out;
}
