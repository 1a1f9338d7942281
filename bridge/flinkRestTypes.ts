// The JobManager REST API's answers that the bridge reads, with Flink's own field names
// (JobDetailsInfo, CheckpointingStatistics, CheckpointConfigInfo, JobExceptionsInfoWithHistory,
// MultipleJobsDetails, DashboardConfiguration). Types only; imports nothing.

/** `GET /config`. */
export interface DashboardConfiguration {
  readonly 'flink-version': string;
  readonly 'flink-revision'?: string;
  readonly 'timezone-offset'?: number;
}

/** One row of `GET /jobs/overview`. */
export interface JobOverviewRow {
  readonly jid: string;
  readonly name: string;
  readonly state: string;
  readonly 'start-time': number;
  readonly 'end-time': number;
  readonly duration: number;
  readonly 'last-modification': number;
}

/** `GET /jobs/overview`. */
export interface MultipleJobsDetails {
  readonly jobs: readonly JobOverviewRow[];
}

/** A vertex of `GET /jobs/:jobid`. */
export interface JobVertexDetailsInfo {
  readonly id: string;
  readonly name: string;
  readonly maxParallelism: number;
  readonly parallelism: number;
  readonly status: string;
  readonly 'start-time': number;
  readonly 'end-time': number;
  readonly duration: number;
  readonly tasks: Readonly<Record<string, number>>;
  readonly metrics: Readonly<Record<string, number | boolean>>;
}

/** A node of the job plan in `GET /jobs/:jobid` (JsonPlanGenerator). */
export interface JobPlanNode {
  readonly id: string;
  readonly parallelism: number;
  readonly description: string;
  readonly inputs?: readonly { readonly num: number; readonly id: string; readonly ship_strategy: string; readonly exchange: string }[];
}

/** `GET /jobs/:jobid`. */
export interface JobDetailsInfo {
  readonly jid: string;
  readonly name: string;
  readonly state: string;
  readonly 'job-type'?: string;
  readonly 'start-time': number;
  readonly 'end-time': number;
  readonly duration: number;
  readonly maxParallelism: number;
  readonly now: number;
  readonly timestamps: Readonly<Record<string, number>>;
  readonly vertices: readonly JobVertexDetailsInfo[];
  readonly plan: { readonly jid: string; readonly name: string; readonly nodes: readonly JobPlanNode[] };
}

/** One entry of the checkpoint history (`className` in_progress | completed | failed). */
export interface CheckpointStatistics {
  readonly className: 'in_progress' | 'completed' | 'failed';
  readonly id: number;
  readonly status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  readonly is_savepoint: boolean;
  readonly trigger_timestamp: number;
  readonly latest_ack_timestamp: number;
  readonly checkpointed_size: number;
  readonly state_size: number;
  readonly end_to_end_duration: number;
  readonly num_subtasks: number;
  readonly num_acknowledged_subtasks: number;
  readonly checkpoint_type: string;
  readonly external_path?: string;
  readonly discarded?: boolean;
  readonly failure_timestamp?: number;
  readonly failure_message?: string;
  readonly alignment_buffered?: number;
  readonly processed_data?: number;
  readonly persisted_data?: number;
  /** Vertex id → that vertex's share (TaskCheckpointStatistics). */
  readonly tasks?: Readonly<Record<string, TaskCheckpointStatistics>>;
}

/** One vertex's share of a checkpoint (`TaskCheckpointStatistics`). */
export interface TaskCheckpointStatistics {
  readonly id: number;
  readonly status: string;
  readonly latest_ack_timestamp: number;
  readonly checkpointed_size: number;
  readonly state_size: number;
  readonly end_to_end_duration: number;
  readonly alignment_buffered?: number;
  readonly processed_data?: number;
  readonly persisted_data?: number;
  readonly num_subtasks: number;
  readonly num_acknowledged_subtasks: number;
}

/** `GET /jobs/:jobid/checkpoints`. */
export interface CheckpointingStatistics {
  readonly counts: { readonly restored: number; readonly total: number; readonly in_progress: number; readonly completed: number; readonly failed: number };
  readonly latest: {
    readonly completed: CheckpointStatistics | null;
    readonly savepoint: CheckpointStatistics | null;
    readonly failed: CheckpointStatistics | null;
    readonly restored: { readonly id: number; readonly restore_timestamp: number; readonly is_savepoint: boolean; readonly external_path?: string } | null;
  };
  readonly history: readonly CheckpointStatistics[];
}

/** `GET /jobs/:jobid/checkpoints/config`. */
export interface CheckpointConfigInfo {
  readonly mode: string;
  readonly interval: number;
  readonly timeout: number;
  readonly min_pause: number;
  readonly max_concurrent: number;
  readonly unaligned_checkpoints: boolean;
  readonly tolerable_failed_checkpoints: number;
  readonly aligned_checkpoint_timeout: number;
  readonly externalization?: { readonly enabled: boolean; readonly delete_on_cancellation: boolean };
}

/** An entry of `GET /jobs/:jobid/exceptions` (2.x exception history). */
export interface ExceptionInfo {
  readonly exceptionName: string;
  readonly stacktrace: string;
  readonly timestamp: number;
  readonly taskName?: string | null;
  readonly endpoint?: string | null;
}

/** `GET /jobs/:jobid/exceptions`. */
export interface JobExceptionsInfoWithHistory {
  readonly exceptionHistory: { readonly entries: readonly (ExceptionInfo & { readonly concurrentExceptions?: readonly ExceptionInfo[] })[]; readonly truncated: boolean };
}
