// Flink's REST answers → the JobSnapshot wire type every surface shows (protocol/jobSnapshot.ts):
// key-group ranges computed from each vertex's parallelism and max parallelism exactly as Flink
// assigns them. Pure functions; no I/O.
import type {
  CheckpointConfigSnapshot,
  CheckpointRecord,
  CheckpointsSnapshot,
  JobExceptionSnapshot,
  JobSnapshot,
  JobStatusName,
  SubtaskSnapshot,
  VertexSnapshot,
} from '../protocol/index.js';
import { computeKeyGroupRangeForOperatorIndex } from '../runtime/index.js';
import type {
  CheckpointConfigInfo,
  CheckpointingStatistics,
  CheckpointStatistics,
  JobDetailsInfo,
  JobExceptionsInfoWithHistory,
} from './flinkRestTypes.js';

/** Everything read from the JobManager for one job. */
export interface FlinkJobReadings {
  readonly restUrl: string;
  readonly flinkVersion?: string;
  readonly details: JobDetailsInfo;
  readonly checkpoints: CheckpointingStatistics | null;
  readonly checkpointConfig: CheckpointConfigInfo | null;
  readonly exceptions: JobExceptionsInfoWithHistory | null;
}

/** Flink reports a disabled checkpoint interval as Long.MAX_VALUE. */
const CHECKPOINTING_DISABLED_INTERVAL = 2 ** 62;

/** Converts a Flink job's REST readings to a JobSnapshot. */
export function flinkJobSnapshot(r: FlinkJobReadings): JobSnapshot {
  const hashInputs = new Set<string>();
  const edges = r.details.plan.nodes.flatMap((node) =>
    (node.inputs ?? []).map((input) => {
      if (input.ship_strategy === 'HASH') hashInputs.add(node.id);
      return { source: input.id, target: node.id, shipStrategy: input.ship_strategy };
    }),
  );
  const vertices: VertexSnapshot[] = r.details.vertices.map((v) => {
    const keyed = hashInputs.has(v.id);
    return {
      id: v.id,
      name: v.name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      keyed,
      status: v.status,
      subtasks: subtaskSnapshots(v.name, v.parallelism, v.maxParallelism, keyed),
    };
  });
  return {
    source: { kind: 'flink', restUrl: r.restUrl, ...(r.flinkVersion ? { flinkVersion: r.flinkVersion } : {}) },
    jobId: r.details.jid,
    name: r.details.name,
    state: r.details.state as JobStatusName,
    clock: 'epoch',
    durationMs: r.details.duration,
    vertices,
    edges,
    checkpoints: checkpointsSnapshot(r.checkpoints, r.checkpointConfig),
    exceptions: exceptionsSnapshot(r.exceptions),
  };
}

/**
 * The subtasks of a vertex as Flink names them (`name (2/4)`), with the key-group range each owns
 * when the vertex is keyed (`computeKeyGroupRangeForOperatorIndex`). Local runs use it too.
 */
export function subtaskSnapshots(name: string, parallelism: number, maxParallelism: number, keyed: boolean): SubtaskSnapshot[] {
  return Array.from({ length: parallelism }, (_, i) => {
    const range = keyed && maxParallelism >= parallelism ? computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, i) : undefined;
    return {
      index: i,
      displayName: `${name} (${i + 1}/${parallelism})`,
      keyGroups: range ? { start: range.startKeyGroup, end: range.endKeyGroup } : null,
    };
  });
}

function checkpointsSnapshot(stats: CheckpointingStatistics | null, config: CheckpointConfigInfo | null): CheckpointsSnapshot {
  const restored = stats?.latest.restored ?? null;
  return {
    config: configSnapshot(config),
    counts: {
      triggered: stats?.counts.total ?? 0,
      inProgress: stats?.counts.in_progress ?? 0,
      completed: stats?.counts.completed ?? 0,
      failed: stats?.counts.failed ?? 0,
      restored: stats?.counts.restored ?? 0,
    },
    history: [...(stats?.history ?? [])].map(checkpointRecord).sort((a, b) => a.id - b.id),
    latestRestored: restored
      ? {
          id: restored.id,
          restoreTimestamp: restored.restore_timestamp,
          isSavepoint: restored.is_savepoint,
          ...(restored.external_path ? { externalPath: restored.external_path } : {}),
        }
      : null,
  };
}

function configSnapshot(c: CheckpointConfigInfo | null): CheckpointConfigSnapshot | null {
  if (!c || c.interval >= CHECKPOINTING_DISABLED_INTERVAL) return null;
  return {
    mode: c.mode,
    intervalMs: c.interval,
    timeoutMs: c.timeout,
    minPauseMs: c.min_pause,
    maxConcurrent: c.max_concurrent,
    unaligned: c.unaligned_checkpoints,
    alignedCheckpointTimeoutMs: c.aligned_checkpoint_timeout,
    tolerableFailedCheckpoints: c.tolerable_failed_checkpoints,
  };
}

function checkpointRecord(c: CheckpointStatistics): CheckpointRecord {
  return {
    id: c.id,
    status: c.status,
    isSavepoint: c.is_savepoint,
    checkpointType: c.checkpoint_type,
    triggerTimestamp: c.trigger_timestamp,
    latestAckTimestamp: c.latest_ack_timestamp,
    endToEndDurationMs: c.end_to_end_duration,
    checkpointedSizeBytes: c.checkpointed_size,
    stateSizeBytes: c.state_size,
    acknowledgedSubtasks: c.num_acknowledged_subtasks,
    totalSubtasks: c.num_subtasks,
    ...(c.external_path ? { externalPath: c.external_path } : {}),
    ...(c.failure_message ? { failureMessage: c.failure_message } : {}),
    ...(c.alignment_buffered !== undefined ? { alignmentBufferedBytes: c.alignment_buffered } : {}),
    ...(c.processed_data !== undefined ? { processedDataBytes: c.processed_data } : {}),
    ...(c.persisted_data !== undefined ? { persistedDataBytes: c.persisted_data } : {}),
    ...(c.tasks
      ? {
          tasks: Object.entries(c.tasks).map(([vertexId, t]) => ({
            vertexId,
            acknowledgedSubtasks: t.num_acknowledged_subtasks,
            totalSubtasks: t.num_subtasks,
            latestAckTimestamp: t.latest_ack_timestamp,
            endToEndDurationMs: t.end_to_end_duration,
            stateSizeBytes: t.state_size,
            checkpointedSizeBytes: t.checkpointed_size,
            persistedDataBytes: t.persisted_data ?? 0,
          })),
        }
      : {}),
  };
}

function exceptionsSnapshot(e: JobExceptionsInfoWithHistory | null): JobExceptionSnapshot[] {
  return [...(e?.exceptionHistory.entries ?? [])]
    .map((x) => ({
      timestamp: x.timestamp,
      exceptionName: x.exceptionName,
      message: firstMessageLine(x.stacktrace, x.exceptionName),
      ...(x.taskName ? { taskName: x.taskName } : {}),
    }))
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** `java.lang.RuntimeException: boom\n\tat ...` → `boom`. */
function firstMessageLine(stacktrace: string, exceptionName: string): string {
  const first = stacktrace.split('\n', 1)[0] ?? '';
  return first.startsWith(`${exceptionName}: `) ? first.slice(exceptionName.length + 2) : first;
}
