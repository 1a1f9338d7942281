// A local run seen as the JobSnapshot wire type (protocol/jobSnapshot.ts) that a live Flink job
// also gives through the bridge: the CLI's convert step from runtime types to wire types.
import type { CheckpointRecord, JobSnapshot, JobStatusName } from '../protocol/index.js';
import { subtaskSnapshots } from '../bridge/index.js';
import type { CompiledJob, LocalRun } from '../runtime/index.js';

/** What the snapshot needs to know besides the run. */
export interface LocalSnapshotContext {
  readonly jobFile: string;
  readonly seed: number;
  /** The run's job id when it has one (durable checkpoints); else one is derived from file and seed. */
  readonly jobId?: string;
}

/** Records a run's checkpoints as they happen (subscribe before the run starts). */
export function watchJobSnapshot(job: CompiledJob, run: LocalRun, ctx: LocalSnapshotContext): { snapshot(): JobSnapshot } {
  const totalSubtasks = job.graph.vertices.reduce((n, v) => n + v.parallelism, 0);
  const records = new Map<number, { -readonly [K in keyof CheckpointRecord]: CheckpointRecord[K] }>();
  let restored: JobSnapshot['checkpoints']['latestRestored'] = null;
  let restoredCount = 0;
  run.job.events.on('checkpoint', (e) => {
    if (e.phase === 'triggered') {
      records.set(e.checkpointId, {
        id: e.checkpointId,
        status: 'IN_PROGRESS',
        isSavepoint: e.isSavepoint,
        checkpointType: e.isSavepoint ? 'SAVEPOINT' : job.config.checkpointing.unaligned ? 'UNALIGNED_CHECKPOINT' : 'CHECKPOINT',
        triggerTimestamp: e.time,
        latestAckTimestamp: 0,
        endToEndDurationMs: 0,
        checkpointedSizeBytes: 0,
        stateSizeBytes: 0,
        acknowledgedSubtasks: 0,
        totalSubtasks,
      });
      return;
    }
    const r = records.get(e.checkpointId);
    if (!r) return;
    if (e.phase === 'acknowledged') {
      r.acknowledgedSubtasks++;
      r.latestAckTimestamp = e.time;
      r.stateSizeBytes += e.stateBytes;
      r.checkpointedSizeBytes += e.stateBytes;
      r.endToEndDurationMs = e.time - r.triggerTimestamp;
    } else if (e.phase === 'completed') {
      r.status = 'COMPLETED';
      r.endToEndDurationMs = e.durationMs;
      r.stateSizeBytes = e.stateBytes;
      r.checkpointedSizeBytes = e.stateBytes;
    } else if (e.phase === 'failed') {
      r.status = 'FAILED';
      r.endToEndDurationMs = e.time - r.triggerTimestamp;
      r.failureMessage = e.message;
    }
  });
  run.job.events.on('recovery', (e) => {
    if (e.phase === 'checkpoint-chosen' && e.checkpointId !== undefined) {
      restoredCount++;
      restored = { id: e.checkpointId, restoreTimestamp: e.time, isSavepoint: records.get(e.checkpointId)?.isSavepoint ?? false };
    }
  });

  return {
    snapshot(): JobSnapshot {
      const keyedVertices = new Set(job.graph.edges.filter((e) => e.partitioner === 'HASH').map((e) => e.target));
      const history = [...records.values()].sort((a, b) => a.id - b.id).map((r) => ({ ...r }));
      const cp = job.config.checkpointing;
      return {
        source: { kind: 'local', jobFile: ctx.jobFile, seed: ctx.seed },
        jobId: ctx.jobId ?? localJobId(ctx.jobFile, ctx.seed),
        name: job.graph.name,
        state: run.job.jobState as JobStatusName,
        clock: 'job-time',
        durationMs: run.job.time,
        vertices: job.graph.vertices.map((v) => {
          const keyed = keyedVertices.has(v.id);
          return {
            id: String(v.id),
            name: v.name,
            parallelism: v.parallelism,
            maxParallelism: v.maxParallelism,
            keyed,
            subtasks: subtaskSnapshots(v.name, v.parallelism, v.maxParallelism, keyed),
          };
        }),
        edges: job.graph.edges.map((e) => ({ source: String(e.source), target: String(e.target), shipStrategy: e.partitioner })),
        checkpoints: {
          config: cp.enabled
            ? {
                mode: cp.mode.toLowerCase(),
                intervalMs: cp.intervalMs,
                timeoutMs: cp.timeoutMs,
                minPauseMs: cp.minPauseMs,
                maxConcurrent: cp.maxConcurrent,
                unaligned: cp.unaligned,
                alignedCheckpointTimeoutMs: cp.alignedCheckpointTimeoutMs,
                tolerableFailedCheckpoints: cp.tolerableFailed,
              }
            : null,
          counts: {
            triggered: history.length,
            inProgress: history.filter((r) => r.status === 'IN_PROGRESS').length,
            completed: history.filter((r) => r.status === 'COMPLETED').length,
            failed: history.filter((r) => r.status === 'FAILED').length,
            restored: restoredCount,
          },
          history,
          latestRestored: restored,
        },
        exceptions: run.job.failures.map((f) => ({ timestamp: f.time, exceptionName: 'TaskFailure', message: f.message, taskName: f.task })),
      };
    },
  };
}

/** A stable 32-hex id for a local run of a file with a seed (FNV-1a, four lanes). */
function localJobId(jobFile: string, seed: number): string {
  let out = '';
  for (let lane = 0; lane < 4; lane++) {
    let h = 0x811c9dc5 ^ lane;
    for (const ch of `${jobFile}\u0000${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
