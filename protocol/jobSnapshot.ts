// The one picture of a job that every surface shows, whether it ran on the local runtime or on a
// real Flink cluster: vertices, key-group ranges per subtask, checkpoint history and exceptions.
// Wire types only; imports nothing.

/** Flink's JobStatus names. */
export type JobStatusName =
  | 'INITIALIZING'
  | 'CREATED'
  | 'RUNNING'
  | 'FAILING'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELED'
  | 'FINISHED'
  | 'RESTARTING'
  | 'SUSPENDED'
  | 'RECONCILING';

/** Where a snapshot was taken. */
export type JobSnapshotSource =
  | {
      readonly kind: 'local';
      /** The job file, as given. */
      readonly jobFile: string;
      /** The run's seed. */
      readonly seed: number;
    }
  | {
      readonly kind: 'flink';
      /** The JobManager's REST base URL, e.g. `http://127.0.0.1:8081`. */
      readonly restUrl: string;
      /** The cluster's Flink version (`GET /config` → `flink-version`), when known. */
      readonly flinkVersion?: string;
    };

/** An inclusive range of key groups, as Flink's `KeyGroupRange`. */
export interface KeyGroupRangeWire {
  /** First key group, inclusive. */
  readonly start: number;
  /** Last key group, inclusive. */
  readonly end: number;
}

/** One parallel instance of a vertex. */
export interface SubtaskSnapshot {
  /** 0-based subtask index. */
  readonly index: number;
  /** Flink's display name, e.g. `GroupAggregate[3] (2/4)` (1-based for display). */
  readonly displayName: string;
  /**
   * The key groups this subtask owns (`computeKeyGroupRangeForOperatorIndex`), for keyed vertices;
   * null for vertices without keyed input.
   */
  readonly keyGroups: KeyGroupRangeWire | null;
}

/** A job vertex (a chain of operators). */
export interface VertexSnapshot {
  /** Vertex id: Flink's 32-hex JobVertexID, or the local runtime's 0-based index as a string. */
  readonly id: string;
  /** The vertex name (chained operator names joined with ` -> `). */
  readonly name: string;
  readonly parallelism: number;
  /** The number of key groups. */
  readonly maxParallelism: number;
  /** Whether the vertex reads a keyed (HASH) input, so key groups decide where a key lives. */
  readonly keyed: boolean;
  /** Flink's ExecutionState aggregated over the subtasks (e.g. `RUNNING`), when known. */
  readonly status?: string;
  readonly subtasks: readonly SubtaskSnapshot[];
}

/** A connection between two vertices. */
export interface EdgeSnapshot {
  /** Upstream vertex id. */
  readonly source: string;
  /** Downstream vertex id. */
  readonly target: string;
  /** Flink's partitioner name: `HASH`, `FORWARD`, `REBALANCE`, `GLOBAL`, ... */
  readonly shipStrategy: string;
}

/** Flink's checkpoint types. */
export type CheckpointTypeName = 'CHECKPOINT' | 'UNALIGNED_CHECKPOINT' | 'SAVEPOINT' | 'SYNC_SAVEPOINT' | 'FULL_CHECKPOINT';

/** One checkpoint or savepoint in the history. */
export interface CheckpointRecord {
  /** Checkpoint id, from 1. */
  readonly id: number;
  readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  readonly isSavepoint: boolean;
  readonly checkpointType: CheckpointTypeName | string;
  /** When it was triggered, ms (see `JobSnapshot.clock`). */
  readonly triggerTimestamp: number;
  /** When the last subtask acknowledged, ms (see `JobSnapshot.clock`); 0 before the first ack. */
  readonly latestAckTimestamp: number;
  /** Trigger to last acknowledgement (or to failure), ms. */
  readonly endToEndDurationMs: number;
  /** Bytes of state this checkpoint wrote (Flink's `checkpointed_size`). */
  readonly checkpointedSizeBytes: number;
  /** Bytes of state it covers (Flink's `state_size`). */
  readonly stateSizeBytes: number;
  readonly acknowledgedSubtasks: number;
  readonly totalSubtasks: number;
  /** Completed ones: where it was written, when written durably. */
  readonly externalPath?: string;
  /** Failed ones: why. */
  readonly failureMessage?: string;
  /** Bytes buffered during alignment (Flink's `alignment_buffered`), when reported. */
  readonly alignmentBufferedBytes?: number;
  /** Bytes processed during the checkpoint (Flink's `processed_data`), when reported. */
  readonly processedDataBytes?: number;
  /** Bytes of in-flight data persisted by an unaligned checkpoint (Flink's `persisted_data`), when reported. */
  readonly persistedDataBytes?: number;
  /** Per vertex (Flink's `tasks`: TaskCheckpointStatistics), when reported. */
  readonly tasks?: readonly CheckpointTaskRecord[];
}

/** One vertex's share of a checkpoint, as Flink's TaskCheckpointStatistics reports it. */
export interface CheckpointTaskRecord {
  /** The vertex id (Flink's JobVertexID). */
  readonly vertexId: string;
  readonly acknowledgedSubtasks: number;
  readonly totalSubtasks: number;
  /** When its last subtask acknowledged, ms (see `JobSnapshot.clock`). */
  readonly latestAckTimestamp: number;
  /** Trigger to its last acknowledgement, ms. */
  readonly endToEndDurationMs: number;
  readonly stateSizeBytes: number;
  readonly checkpointedSizeBytes: number;
  /** Bytes of in-flight data persisted (unaligned checkpoints). */
  readonly persistedDataBytes: number;
}

/** How checkpointing is configured. */
export interface CheckpointConfigSnapshot {
  /** `exactly_once` or `at_least_once` (lower case, as Flink's REST API writes it). */
  readonly mode: string;
  /** `execution.checkpointing.interval`, ms. */
  readonly intervalMs: number;
  /** `execution.checkpointing.timeout`, ms. */
  readonly timeoutMs: number;
  /** `execution.checkpointing.min-pause`, ms. */
  readonly minPauseMs: number;
  /** `execution.checkpointing.max-concurrent-checkpoints`. */
  readonly maxConcurrent: number;
  /** `execution.checkpointing.unaligned.enabled`. */
  readonly unaligned: boolean;
  /** `execution.checkpointing.aligned-checkpoint-timeout`, ms. */
  readonly alignedCheckpointTimeoutMs: number;
  /** `execution.checkpointing.tolerable-failed-checkpoints`. */
  readonly tolerableFailedCheckpoints: number;
}

/** Checkpoint statistics of a job. */
export interface CheckpointsSnapshot {
  /** Null when checkpointing is disabled. */
  readonly config: CheckpointConfigSnapshot | null;
  readonly counts: {
    readonly triggered: number;
    readonly inProgress: number;
    readonly completed: number;
    readonly failed: number;
    readonly restored: number;
  };
  /** Checkpoints by ascending id (Flink keeps only the last `web.checkpoints.history`). */
  readonly history: readonly CheckpointRecord[];
  /** The checkpoint the current execution was restored from, if any. */
  readonly latestRestored: { readonly id: number; readonly restoreTimestamp: number; readonly isSavepoint: boolean; readonly externalPath?: string } | null;
}

/** A failure the job went through. */
export interface JobExceptionSnapshot {
  /** When it happened, ms (see `JobSnapshot.clock`). */
  readonly timestamp: number;
  /** The exception class, e.g. `java.lang.RuntimeException`, or the runtime's failure kind. */
  readonly exceptionName: string;
  /** The first line of the message. */
  readonly message: string;
  /** The failed task's display name, when known. */
  readonly taskName?: string;
}

/** A job as every panel and the CLI show it. */
export interface JobSnapshot {
  readonly source: JobSnapshotSource;
  /** 32-hex job id. */
  readonly jobId: string;
  readonly name: string;
  readonly state: JobStatusName;
  /**
   * What timestamps mean: `job-time` is ms on the local runtime's virtual job clock from the
   * job's start, `epoch` is ms since 1970 (a Flink cluster).
   */
  readonly clock: 'job-time' | 'epoch';
  /** How long the job has run (or ran), ms. */
  readonly durationMs: number;
  /** Vertices in topological order. */
  readonly vertices: readonly VertexSnapshot[];
  readonly edges: readonly EdgeSnapshot[];
  readonly checkpoints: CheckpointsSnapshot;
  /** Failures, oldest first. */
  readonly exceptions: readonly JobExceptionSnapshot[];
}
