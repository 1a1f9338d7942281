// The typed job configuration: every key the runtime reads, with Flink's defaults applied.
// Types only; imports nothing of ours.

/** `execution.checkpointing.mode`. */
export type CheckpointingMode = 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';

/** `execution.checkpointing.externalized-checkpoint-retention`. */
export type ExternalizedCheckpointRetention =
  | 'DELETE_ON_CANCELLATION'
  | 'RETAIN_ON_CANCELLATION'
  | 'NO_EXTERNALIZED_CHECKPOINTS';

/** The checkpoint settings (`execution.checkpointing.*`). All durations in milliseconds. */
export interface CheckpointingConfig {
  /** True only when `execution.checkpointing.interval` is set (Flink has no default interval). */
  enabled: boolean;
  /**
   * The effective base interval in ms: the configured interval, raised to `minPauseMs` when it is
   * shorter (as the CheckpointCoordinator does). 0 when checkpointing is disabled.
   */
  intervalMs: number;
  mode: CheckpointingMode;
  timeoutMs: number;
  /** Measured from the completion of the previous checkpoint. */
  minPauseMs: number;
  maxConcurrent: number;
  /** Consecutive failures tolerated before the job fails. */
  tolerableFailed: number;
  /**
   * Whether checkpoints are unaligned. False under AT_LEAST_ONCE even when enabled by config,
   * because Flink then disables them with a warning.
   */
  unaligned: boolean;
  unalignedForced: boolean;
  /** 0 = start unaligned; >0 = start aligned and switch after this long. */
  alignedCheckpointTimeoutMs: number;
  /** Completed checkpoints kept (`num-retained`, at least 1). */
  numRetained: number;
  externalizedRetention: ExternalizedCheckpointRetention;
  /** `execution.checkpointing.dir`, if set. */
  dir?: string;
  /** `execution.checkpointing.savepoint-dir`, if set. */
  savepointDir?: string;
  /**
   * The checkpoint storage, resolved as Flink's CheckpointStorageLoader: the configured value, else
   * `filesystem` when a dir is set, else `jobmanager`.
   */
  storage: string;
  incremental: boolean;
  createSubdir: boolean;
  /** State chunks smaller than this many bytes are inlined into `_metadata`. */
  dataInlineThresholdBytes: number;
  checkpointsAfterTasksFinish: boolean;
  /** `interval-during-backlog` in ms, if set. */
  intervalDuringBacklogMs?: number;
}

/** `execution.state-recovery.*`. */
export interface StateRecoveryConfig {
  /** The savepoint or retained checkpoint to start from, if any. */
  path?: string;
  claimMode: 'CLAIM' | 'NO_CLAIM';
  ignoreUnclaimedState: boolean;
}

/**
 * The restart strategy with every value resolved. `configured` is false when
 * `restart-strategy.type` was not set and Flink's default rule chose it (exponential-delay when
 * checkpointing is enabled, none otherwise).
 */
export type RestartStrategyConfig =
  | { type: 'none'; configured: boolean }
  | {
      type: 'fixed-delay';
      configured: boolean;
      /** Restarts allowed (`++attempt <= attempts`). */
      attempts: number;
      delayMs: number;
    }
  | {
      type: 'failure-rate';
      configured: boolean;
      maxFailuresPerInterval: number;
      failureRateIntervalMs: number;
      delayMs: number;
    }
  | {
      type: 'exponential-delay';
      configured: boolean;
      initialBackoffMs: number;
      maxBackoffMs: number;
      backoffMultiplier: number;
      resetBackoffThresholdMs: number;
      /** Fraction of the backoff, in [0, 1]. */
      jitterFactor: number;
      /** Integer.MAX_VALUE (2147483647) means unlimited. */
      attemptsBeforeResetBackoff: number;
    };

/** `table.exec.mini-batch.*` (parsed; the runtime does not batch). */
export interface MiniBatchConfig {
  enabled: boolean;
  allowLatencyMs: number;
  size: number;
}

/** A job's configuration: Flink's defaults overlaid with the job file's SET statements. */
export interface JobConfig {
  /** `parallelism.default` (a configured -1 resolves to 1). */
  parallelism: number;
  /** `pipeline.max-parallelism`; -1 = derive per vertex (computeDefaultMaxParallelism). */
  maxParallelism: number;
  /** `table.exec.resource.default-parallelism`; -1 = unset. */
  tableDefaultParallelism: number;
  /** The parallelism SQL operators run with: the table default if set, else `parallelism`. */
  operatorParallelism: number;
  /** `pipeline.name`, if set. */
  pipelineName?: string;
  /** `table.local-time-zone` as written ('default' = the system zone). */
  localTimeZone: string;
  /** `taskmanager.numberOfTaskSlots`. */
  taskSlotsPerTaskManager: number;
  /** `pipeline.auto-watermark-interval` in ms. */
  autoWatermarkIntervalMs: number;
  /** `execution.buffer-timeout.interval` in ms; -1 when `execution.buffer-timeout.enabled` is false. */
  bufferTimeoutMs: number;
  /** `execution.runtime-mode`. */
  runtimeMode: 'STREAMING' | 'BATCH' | 'AUTOMATIC';
  /** `table.exec.source.idle-timeout` in ms; 0 = idleness detection off. */
  sourceIdleTimeoutMs: number;
  /** `table.exec.state.ttl` in ms; 0 = state never expires. */
  stateTtlMs: number;
  /** `table.exec.sink.not-null-enforcer`: what a NULL written into a NOT NULL sink column does. */
  sinkNotNullEnforcer: 'ERROR' | 'DROP';
  miniBatch: MiniBatchConfig;
  checkpointing: CheckpointingConfig;
  stateRecovery: StateRecoveryConfig;
  /** `state.backend.type` as written, lower case (default `hashmap`). */
  stateBackend: string;
  restartStrategy: RestartStrategyConfig;
  /** `jobmanager.execution.failover-strategy`. */
  failoverStrategy: 'full' | 'region';
  /** `web.checkpoints.history`. */
  checkpointHistorySize: number;
  /** `web.exception-history-size`. */
  exceptionHistorySize: number;
  /** Every key the job file set, as written, to its last value (unknown keys included). */
  raw: Map<string, string>;
}
