// The checkpoint timeline's data: a JobSnapshot's checkpoint history (local run or Flink REST),
// enriched with what the runtime's events add (per-subtask acks, alignment, failure reasons,
// recovery phases). Pure; imports runtime/ and protocol/.
import type { CheckpointDetails, CheckpointVertexDetail, JobSnapshot, RecoveryPhase, SubtaskCheckpointAck, TimelineCheckpoint, TimelineRecovery, TimelineState } from '../protocol/index.js';
import type { RuntimeEventMap } from '../runtime/index.js';

type CheckpointEvent = RuntimeEventMap['checkpoint'];
type RecoveryEvent = RuntimeEventMap['recovery'];

interface CheckpointExtra {
  acks: SubtaskCheckpointAck[];
  triggeredAt: number;
  failureReason?: string;
}

interface RecoveryDraft {
  attempt: number | null;
  failedAt: number;
  runningAt: number | null;
  task: string;
  reason: string;
  restoredCheckpointId: number | null;
  phases: RecoveryPhase[];
}

function phaseDetail(e: RecoveryEvent): string {
  switch (e.phase) {
    case 'failure-detected':
      return `${e.task} failed: ${e.reason}`;
    case 'tasks-cancelled':
      return `${e.tasks} ${e.tasks === 1 ? 'task' : 'tasks'} cancelled`;
    case 'restart-delay':
      return `waiting ${e.delayMs} ms (${e.strategy})`;
    case 'checkpoint-chosen':
      return `${e.checkpointId === undefined ? 'no checkpoint: starting from scratch' : `restoring checkpoint ${e.checkpointId}`}${e.skipped.length > 0 ? `; skipped ${e.skipped.map((s) => `${s.id} (${s.reason})`).join(', ')}` : ''}`;
    case 'state-assigned':
      return `${e.keyGroups.reduce((n, g) => n + g.keys, 0)} keys assigned by key-group range to ${e.keyGroups.length} subtasks`;
    case 'sources-rewound':
      return `${e.sources.length} source ${e.sources.length === 1 ? 'subtask' : 'subtasks'} rewound`;
    case 'transactions-aborted':
      return `${e.transactions} sink ${e.transactions === 1 ? 'transaction' : 'transactions'} aborted`;
    case 'running':
      return `running again (attempt ${e.attempt})`;
  }
}

/** Records checkpoint and recovery events of a local run, and merges them with a JobSnapshot. */
export class TimelineRecorder {
  private readonly extras = new Map<number, CheckpointExtra>();
  private readonly recoveries: RecoveryDraft[] = [];
  private restartStrategy: string | undefined;

  /** Takes one `checkpoint` event. */
  onCheckpoint(e: CheckpointEvent): void {
    if (e.phase === 'triggered') {
      this.extras.set(e.checkpointId, { acks: [], triggeredAt: e.time });
      return;
    }
    const x = this.extras.get(e.checkpointId);
    if (!x) return;
    if (e.phase === 'acknowledged') {
      x.acks.push({ vertexId: String(e.vertexId), subtask: e.subtask, ackTimestamp: e.time, ackLatencyMs: e.time - x.triggeredAt, alignmentMs: e.alignmentMs, stateBytes: e.stateBytes });
    } else if (e.phase === 'failed') x.failureReason = e.reason;
  }

  /** Takes one `recovery` event. */
  onRecovery(e: RecoveryEvent): void {
    if (e.phase === 'failure-detected') {
      this.recoveries.push({ attempt: null, failedAt: e.time, runningAt: null, task: e.task, reason: e.reason, restoredCheckpointId: null, phases: [] });
    }
    const r = this.recoveries[this.recoveries.length - 1];
    if (!r) return;
    r.phases.push({ phase: e.phase, time: e.time, detail: phaseDetail(e) });
    if (e.phase === 'restart-delay') this.restartStrategy = e.strategy;
    if (e.phase === 'checkpoint-chosen') r.restoredCheckpointId = e.checkpointId ?? null;
    if (e.phase === 'running') {
      r.attempt = e.attempt;
      r.runningAt = e.time;
    }
  }

  private merged(c: JobSnapshot['checkpoints']['history'][number]): TimelineCheckpoint {
    const x = this.extras.get(c.id);
    if (!x) return { ...c };
    return {
      ...c,
      ...(x.failureReason !== undefined ? { failureReason: x.failureReason } : {}),
      acks: x.acks,
      maxAlignmentMs: x.acks.reduce((m, a) => Math.max(m, a.alignmentMs), 0),
    };
  }

  /** The timeline of `snapshot`. */
  timeline(snapshot: JobSnapshot): TimelineState {
    const checkpoints = snapshot.checkpoints.history.map((c) => this.merged(c));
    const recoveries: TimelineRecovery[] = this.recoveries.map((r) => ({ ...r, phases: r.phases.slice() }));
    const stamps = [...checkpoints.map((c) => c.triggerTimestamp), ...snapshot.exceptions.map((e) => e.timestamp)];
    const start = snapshot.clock === 'job-time' ? 0 : stamps.length > 0 ? Math.min(...stamps) : 0;
    const end = Math.max(start + snapshot.durationMs * (snapshot.clock === 'job-time' ? 1 : 0), ...checkpoints.map((c) => c.triggerTimestamp + c.endToEndDurationMs), ...stamps);
    return {
      clock: snapshot.clock,
      startTimestamp: start,
      durationMs: Math.max(1, end - start),
      checkpoints,
      recoveries,
      exceptions: snapshot.exceptions,
      ...(this.restartStrategy !== undefined ? { restartStrategy: this.restartStrategy } : {}),
      config: snapshot.checkpoints.config,
    };
  }

  /** One checkpoint's details per vertex and subtask. */
  details(snapshot: JobSnapshot, checkpointId: number, files: readonly { name: string; sizeBytes: number }[]): CheckpointDetails {
    const c = snapshot.checkpoints.history.find((x) => x.id === checkpointId);
    if (!c) return { ok: false, error: `checkpoint ${checkpointId} is not in the job's history (${snapshot.checkpoints.history.map((x) => x.id).join(', ') || 'none'})` };
    const checkpoint = this.merged(c);
    const vertices: CheckpointVertexDetail[] = snapshot.vertices.map((v) => {
      const subtasks = (checkpoint.acks ?? []).filter((a) => a.vertexId === v.id).sort((a, b) => a.subtask - b.subtask);
      // A Flink job reports per vertex (TaskCheckpointStatistics), not per subtask.
      const task = checkpoint.acks === undefined ? checkpoint.tasks?.find((t) => t.vertexId === v.id) : undefined;
      if (task) return { vertexId: v.id, name: v.name, acknowledged: task.acknowledgedSubtasks, total: task.totalSubtasks, stateBytes: task.stateSizeBytes, persistedDataBytes: task.persistedDataBytes, subtasks: [] };
      return {
        vertexId: v.id,
        name: v.name,
        acknowledged: subtasks.length,
        total: v.parallelism,
        stateBytes: subtasks.reduce((n, a) => n + a.stateBytes, 0),
        maxAlignmentMs: subtasks.reduce((m, a) => Math.max(m, a.alignmentMs), 0),
        subtasks,
      };
    });
    return { ok: true, checkpoint, vertices, files: files.map((f) => ({ name: f.name, sizeBytes: f.sizeBytes })) };
  }
}
