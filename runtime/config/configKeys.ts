// The catalogue of Flink configuration keys a job file may SET: names, deprecated keys, types,
// Flink's defaults and one-line descriptions (for validation, hover and completion). Imports nothing.

/** How a key's value is parsed (Flink's ConfigOption types). */
export type ConfigValueType =
  /** TimeUtils.parseDuration forms: `10 s`, `500 ms`, `1 min`; a plain number is milliseconds. */
  | 'duration'
  /** A 32-bit Java int. */
  | 'int'
  /** A 64-bit Java long (kept within the safe-integer range here). */
  | 'long'
  /** A Java double. */
  | 'double'
  /** `true` or `false`, case-insensitive. */
  | 'boolean'
  /** One of `enumValues`, case-insensitive as Flink's enum parsing. */
  | 'enum'
  /** Free text. */
  | 'string'
  /** MemorySize.parse forms: `20 kb`, `128 mb`; a plain number is bytes. */
  | 'memory';

/** One Flink configuration key. */
export interface ConfigKey {
  /** The key as Flink 2.x names it. */
  readonly key: string;
  /** Older names Flink still reads (with a deprecation warning) as fallbacks for `key`. */
  readonly deprecatedKeys: readonly string[];
  readonly type: ConfigValueType;
  /** For `enum`: the accepted values in Flink's spelling. */
  readonly enumValues?: readonly string[];
  /** For `string`: well-known values, offered by completion (any text is accepted). */
  readonly knownValues?: readonly string[];
  /** For `int`/`long`/`double`: the inclusive range accepted. */
  readonly min?: number;
  readonly max?: number;
  /** Flink's default as its docs print it; absent means "(none)". */
  readonly defaultValue?: string;
  /** One line, in Flink's terms. */
  readonly description: string;
  /** Flink's own message when a number is outside `min`/`max` (instead of the generic one). */
  readonly rangeMessage?: string;
  /** Set when the local runtime parses the key but does not act on it (shown on use). */
  readonly unsupportedNote?: string;
}

function k(
  key: string,
  type: ConfigValueType,
  defaultValue: string | undefined,
  description: string,
  extra: Partial<Omit<ConfigKey, 'key' | 'type' | 'defaultValue' | 'description'>> = {},
): ConfigKey {
  const entry: ConfigKey = { key, type, description, deprecatedKeys: extra.deprecatedKeys ?? [], ...extra };
  return defaultValue === undefined ? entry : { ...entry, defaultValue };
}

const CHECKPOINTING_MODES = ['EXACTLY_ONCE', 'AT_LEAST_ONCE'] as const;
const RETENTION = ['DELETE_ON_CANCELLATION', 'RETAIN_ON_CANCELLATION', 'NO_EXTERNALIZED_CHECKPOINTS'] as const;
/** Every spelling `restart-strategy.type` accepts (Flink lower-cases the value before matching). */
export const RESTART_STRATEGY_VALUES = [
  'none',
  'off',
  'disable',
  'fixed-delay',
  'fixeddelay',
  'failure-rate',
  'failurerate',
  'exponential-delay',
  'exponentialdelay',
] as const;

const KEYS: readonly ConfigKey[] = [
  // --- parallelism and pipeline ---
  k('parallelism.default', 'int', '1', 'Default parallelism for jobs.', { min: -1 }),
  k('pipeline.max-parallelism', 'int', '-1', 'The program-wide maximum parallelism used for operators which have not specified one; it bounds rescaling and is the number of key groups (-1 derives it from the parallelism).', { min: -1, max: 32768 }),
  k('pipeline.name', 'string', undefined, 'The job name used for printing and logging.'),
  k('pipeline.auto-watermark-interval', 'duration', '200 ms', 'The interval of the automatic watermark emission; watermarks are used throughout the streaming system to keep track of the progress of time.'),
  k('execution.buffer-timeout.enabled', 'boolean', 'true', 'If disabled, the buffer timeout is ignored and buffers are flushed only when full.'),
  k('execution.buffer-timeout.interval', 'duration', '100 ms', 'The maximum time frequency for flushing the output buffers; 0 flushes after every record.', { deprecatedKeys: ['execution.buffer-timeout'] }),
  k('execution.runtime-mode', 'enum', 'STREAMING', 'Runtime execution mode of DataStream programs: the pipeline can be executed as streaming or batch.', { enumValues: ['STREAMING', 'BATCH', 'AUTOMATIC'] }),
  k('taskmanager.numberOfTaskSlots', 'int', '1', 'The number of parallel operator or user function instances that a single TaskManager can run.', { min: 1 }),

  // --- table ---
  k('table.local-time-zone', 'string', 'default', "The local time zone defines the current session time zone id, used when converting to/from TIMESTAMP WITH LOCAL TIME ZONE; 'default' uses the system time zone.", { knownValues: ['default', 'UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Shanghai'] }),
  k('table.exec.resource.default-parallelism', 'int', '-1', 'Sets default parallelism for all operators (such as aggregate, join, filter) to run with parallel instances; -1 falls back to the environment parallelism.', { min: -1 }),
  k('table.exec.source.idle-timeout', 'duration', '0 ms', 'When a source does not receive any elements for the timeout time, it will be marked as temporarily idle, so downstream tasks can advance watermarks without waiting for it; 0 disables idleness detection.'),
  k('table.exec.state.ttl', 'duration', '0 ms', 'Specifies a minimum time interval for how long idle state (state which was not updated) will be retained; 0 means state is never cleaned up.'),
  k('table.exec.sink.not-null-enforcer', 'enum', 'ERROR', 'Determines how Flink enforces NOT NULL column constraints when inserting null values: ERROR fails the job, DROP drops the row silently.', { enumValues: ['ERROR', 'DROP'] }),
  k('table.exec.mini-batch.enabled', 'boolean', 'false', 'Specifies whether to enable MiniBatch optimization, which buffers input records to reduce state access.', { unsupportedNote: 'the local runtime does not do mini-batch aggregation yet: operators emit an update per record, as with mini-batch disabled' }),
  k('table.exec.mini-batch.allow-latency', 'duration', '0 ms', 'The maximum latency can be used for MiniBatch to buffer input records.'),
  k('table.exec.mini-batch.size', 'long', '-1', 'The maximum number of input records can be buffered for MiniBatch.'),

  // --- checkpointing ---
  k('execution.checkpointing.interval', 'duration', undefined, 'Gets the interval in which checkpoints are periodically scheduled; checkpointing is disabled when it is not set.'),
  k('execution.checkpointing.mode', 'enum', 'EXACTLY_ONCE', 'The checkpointing mode (exactly-once vs. at-least-once).', { enumValues: CHECKPOINTING_MODES }),
  k('execution.checkpointing.timeout', 'duration', '10 min', 'The maximum time that a checkpoint may take before being discarded.'),
  k('execution.checkpointing.min-pause', 'duration', '0 ms', 'The minimal pause between checkpointing attempts, measured from the completion of the previous checkpoint.'),
  k('execution.checkpointing.max-concurrent-checkpoints', 'int', '1', 'The maximum number of checkpoint attempts that may be in progress at the same time.', { min: 1, rangeMessage: 'The maximum number of concurrent attempts must be at least one.' }),
  k('execution.checkpointing.tolerable-failed-checkpoints', 'int', '0', 'The tolerable checkpoint consecutive failure number; 0 means no checkpoint failures are tolerated and the job fails on the first one.', { min: 0, rangeMessage: 'The tolerable failure checkpoint number must be non-negative.' }),
  k('execution.checkpointing.unaligned.enabled', 'boolean', 'false', 'Enables unaligned checkpoints, which greatly reduce checkpointing times under backpressure by persisting in-flight data.', { deprecatedKeys: ['execution.checkpointing.unaligned'] }),
  k('execution.checkpointing.aligned-checkpoint-timeout', 'duration', '0 ms', 'Only relevant if unaligned checkpoints are enabled: a checkpoint starts aligned and switches to unaligned when alignment exceeds this timeout; 0 starts unaligned.', { deprecatedKeys: ['execution.checkpointing.alignment-timeout'] }),
  k('execution.checkpointing.unaligned.forced', 'boolean', 'false', 'Forces unaligned checkpoints, particularly allowing them for iterative jobs.'),
  k('execution.checkpointing.unaligned.max-subtasks-per-channel-state-file', 'int', '5', 'The maximum number of subtasks that share the same channel state file.', { min: 1 }),
  k('execution.checkpointing.externalized-checkpoint-retention', 'enum', 'NO_EXTERNALIZED_CHECKPOINTS', 'Externalized checkpoints write their meta data out to persistent storage; this decides whether they are retained when the job is cancelled or fails.', { enumValues: RETENTION }),
  k('execution.checkpointing.num-retained', 'int', '1', 'The maximum number of completed checkpoints to retain.', { deprecatedKeys: ['state.checkpoints.num-retained'] }),
  k('execution.checkpointing.dir', 'string', undefined, 'The default directory used for storing the data files and meta data of checkpoints.', { deprecatedKeys: ['state.checkpoints.dir', 'state.backend.fs.checkpointdir'] }),
  k('execution.checkpointing.storage', 'string', undefined, "The checkpoint storage implementation to be used to checkpoint state: 'jobmanager', 'filesystem' or a factory class name.", { deprecatedKeys: ['state.checkpoint-storage'], knownValues: ['jobmanager', 'filesystem'] }),
  k('execution.checkpointing.savepoint-dir', 'string', undefined, 'The default directory for savepoints.', { deprecatedKeys: ['state.savepoints.dir'] }),
  k('execution.checkpointing.incremental', 'boolean', 'false', 'Option whether to create incremental checkpoints, if possible.', { deprecatedKeys: ['state.backend.incremental'] }),
  k('execution.checkpointing.create-subdir', 'boolean', 'true', 'Whether to create sub-directories named by job id under the checkpoint directory.', { deprecatedKeys: ['state.checkpoints.create-subdir'] }),
  k('execution.checkpointing.data-inline-threshold', 'memory', '20 kb', 'The minimum size of state data files; smaller state chunks are stored inline in the root checkpoint metadata file.'),
  k('execution.checkpointing.write-buffer-size', 'int', '4096', 'The default size of the write buffer for the checkpoint streams that write to file systems.'),
  k('execution.checkpointing.checkpoints-after-tasks-finish', 'boolean', 'true', 'Whether checkpoints continue after some tasks have finished.', { deprecatedKeys: ['execution.checkpointing.checkpoints-after-tasks-finish.enabled'] }),
  k('execution.checkpointing.interval-during-backlog', 'duration', undefined, 'If set, the checkpoint interval used while any source reports isProcessingBacklog=true.'),
  k('execution.checkpointing.cleaner.parallel-mode', 'boolean', 'true', 'Whether the checkpoint cleaner discards a checkpoint\'s state in parallel.'),
  k('execution.checkpointing.local-backup.enabled', 'boolean', 'false', 'Enables task-local backup of state for faster local recovery.', { deprecatedKeys: ['state.backend.local-recovery'] }),
  k('execution.checkpointing.file-merging.enabled', 'boolean', 'false', 'Whether to merge small checkpoint files into fewer bigger files.'),

  // --- state recovery and backend ---
  k('execution.state-recovery.path', 'string', undefined, 'Path to a savepoint or retained checkpoint to restore the job from.', { deprecatedKeys: ['execution.savepoint.path'] }),
  k('execution.state-recovery.claim-mode', 'enum', 'NO_CLAIM', 'Describes the mode how Flink should restore from the given savepoint or retained checkpoint.', { enumValues: ['CLAIM', 'NO_CLAIM'], deprecatedKeys: ['execution.savepoint-restore-mode'] }),
  k('execution.state-recovery.ignore-unclaimed-state', 'boolean', 'false', 'Allow to skip savepoint state that cannot be restored, e.g. of an operator removed from the job.', { deprecatedKeys: ['execution.savepoint.ignore-unclaimed-state'] }),
  k('state.backend.type', 'string', 'hashmap', "The state backend to be used to store state: 'hashmap', 'rocksdb', 'forst' or a factory class name.", { knownValues: ['hashmap', 'rocksdb', 'forst'] }),

  // --- restart strategies ---
  k('restart-strategy.type', 'enum', undefined, "Defines the restart strategy to use in case of job failures: 'none', 'fixed-delay', 'failure-rate' or 'exponential-delay'. If unset, exponential-delay is used when checkpointing is enabled, otherwise none.", { enumValues: RESTART_STRATEGY_VALUES, deprecatedKeys: ['restart-strategy'] }),
  k('restart-strategy.fixed-delay.attempts', 'int', '1', "The number of times that Flink retries the execution before the job is declared as failed if restart-strategy.type is 'fixed-delay'.", { min: 0 }),
  k('restart-strategy.fixed-delay.delay', 'duration', '1 s', "Delay between two consecutive restart attempts if restart-strategy.type is 'fixed-delay'."),
  k('restart-strategy.failure-rate.max-failures-per-interval', 'int', '1', "Maximum number of restarts in given time interval before failing a job if restart-strategy.type is 'failure-rate'.", { min: 1 }),
  k('restart-strategy.failure-rate.failure-rate-interval', 'duration', '1 min', "Time interval for measuring failure rate if restart-strategy.type is 'failure-rate'."),
  k('restart-strategy.failure-rate.delay', 'duration', '1 s', "Delay between two consecutive restart attempts if restart-strategy.type is 'failure-rate'."),
  k('restart-strategy.exponential-delay.initial-backoff', 'duration', '1 s', "Starting duration between restarts if restart-strategy.type is 'exponential-delay'."),
  k('restart-strategy.exponential-delay.max-backoff', 'duration', '1 min', "The highest possible duration between restarts if restart-strategy.type is 'exponential-delay'."),
  k('restart-strategy.exponential-delay.backoff-multiplier', 'double', '1.5', 'Backoff value is multiplied by this value after every failure, until max backoff is reached.', { min: 1 }),
  k('restart-strategy.exponential-delay.reset-backoff-threshold', 'duration', '1 h', 'Threshold when the backoff is reset to its initial value: the time the job must run without failure.'),
  k('restart-strategy.exponential-delay.jitter-factor', 'double', '0.1', 'Jitter specified as a portion of the backoff, so that many jobs do not restart at the same time.', { min: 0, max: 1 }),
  k('restart-strategy.exponential-delay.attempts-before-reset-backoff', 'int', 'infinite', 'The number of times that Flink retries the execution before failing the job; the count is reset together with the backoff.', { min: 1 }),
  k('jobmanager.execution.failover-strategy', 'enum', 'region', "The failover strategy: 'full' restarts all tasks, 'region' restarts only the pipelined region of the failed task.", { enumValues: ['full', 'region'] }),

  // --- web / rest (for the Flink bridge and the REST-shaped views) ---
  k('web.checkpoints.history', 'int', '10', 'Number of checkpoints to remember for recent history.', { min: 0 }),
  k('web.exception-history-size', 'int', '16', 'The maximum number of failures collected by the exception history per job.', { min: 0 }),
  k('rest.port', 'int', '8081', 'The port that the REST server listens on.', { min: 0, max: 65535 }),
];

const BY_KEY = new Map<string, ConfigKey>();
const BY_DEPRECATED = new Map<string, ConfigKey>();
for (const entry of KEYS) {
  BY_KEY.set(entry.key, entry);
  for (const d of entry.deprecatedKeys) BY_DEPRECATED.set(d, entry);
}

/** The result of looking a key up: the entry, and whether the key used was a deprecated name. */
export interface ConfigKeyLookup {
  entry: ConfigKey;
  /** The deprecated name that was used, when it was not the current key. */
  deprecatedName?: string;
}

/** Finds a key by its current or a deprecated name (keys are case-sensitive, as in Flink). */
export function lookupConfigKey(key: string): ConfigKeyLookup | undefined {
  const entry = BY_KEY.get(key);
  if (entry) return { entry };
  const old = BY_DEPRECATED.get(key);
  return old ? { entry: old, deprecatedName: key } : undefined;
}

/** Every key in the catalogue, in catalogue order. */
export function allConfigKeys(): readonly ConfigKey[] {
  return KEYS;
}
