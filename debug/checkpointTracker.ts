// Follows the checkpoint lifecycle from the runtime's events: the checkpoints in progress with
// their per-subtask acknowledgements, and the latest completed and failed ones (for Variables).
import type { LocalJob, RuntimeEventMap } from '../runtime/index.js';

/** A checkpoint in progress. */
export interface CheckpointInProgress {
  readonly id: number;
  /** Job-clock ms. */
  readonly triggeredAt: number;
  readonly isSavepoint: boolean;
  /** Acknowledgements by subtask display name. */
  readonly acks: Map<string, { readonly time: number; readonly alignmentMs: number; readonly stateBytes: number }>;
}

/** What the debugger knows about checkpoints. */
export class CheckpointTracker {
  readonly inProgress = new Map<number, CheckpointInProgress>();
  lastCompleted: Extract<RuntimeEventMap['checkpoint'], { phase: 'completed' }> | undefined;
  lastFailed: Extract<RuntimeEventMap['checkpoint'], { phase: 'failed' }> | undefined;
  completed = 0;
  failed = 0;

  constructor(job: LocalJob) {
    job.events.on('checkpoint', (e) => {
      switch (e.phase) {
        case 'triggered':
          this.inProgress.set(e.checkpointId, { id: e.checkpointId, triggeredAt: e.time, isSavepoint: e.isSavepoint, acks: new Map() });
          break;
        case 'acknowledged': {
          const v = job.graph.vertices[e.vertexId];
          const name = v ? `${v.name} (${e.subtask + 1}/${v.parallelism})` : `${e.vertexId}/${e.subtask}`;
          this.inProgress.get(e.checkpointId)?.acks.set(name, { time: e.time, alignmentMs: e.alignmentMs, stateBytes: e.stateBytes });
          break;
        }
        case 'completed':
          this.inProgress.delete(e.checkpointId);
          this.lastCompleted = e;
          this.completed++;
          break;
        case 'failed':
          this.inProgress.delete(e.checkpointId);
          this.lastFailed = e;
          this.failed++;
          break;
      }
    });
  }
}
