// Turns a job file's SET statements into a typed JobConfig plus diagnostics, applying Flink's
// defaults, deprecated-key fallbacks and cross-key rules. Imports only config/ and diagnostics.
import type { Diagnostic, SourceRange } from '../diagnostics.js';
import { allConfigKeys, lookupConfigKey, type ConfigKey } from './configKeys.js';
import { defaultConfigValue, parseConfigValue, type ConfigValue } from './configValue.js';
import { didYouMeanSuffix } from './didYouMean.js';
import type {
  CheckpointingConfig,
  CheckpointingMode,
  ExternalizedCheckpointRetention,
  JobConfig,
  RestartStrategyConfig,
} from './jobConfig.js';
import { checkLocalTimeZone } from './timeZone.js';

/** One `SET 'key' = 'value'` statement, with the ranges of its key and value literals. */
export interface ConfigSet {
  key: string;
  value: string;
  keyRange?: SourceRange;
  valueRange?: SourceRange;
}

/** The result of resolving a job's configuration. */
export interface ResolvedJobConfig {
  config: JobConfig;
  diagnostics: Diagnostic[];
}

/** Flink's CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME, in ms. */
export const MINIMAL_CHECKPOINT_TIME_MS = 10;
/** Transformation.UPPER_BOUND_MAX_PARALLELISM. */
export const UPPER_BOUND_MAX_PARALLELISM = 32768;

interface Assigned {
  value: ConfigValue;
  set: ConfigSet;
}

/** Keys that only matter when checkpointing is enabled. */
const CHECKPOINT_ONLY_KEYS = [
  'execution.checkpointing.mode',
  'execution.checkpointing.timeout',
  'execution.checkpointing.min-pause',
  'execution.checkpointing.max-concurrent-checkpoints',
  'execution.checkpointing.tolerable-failed-checkpoints',
  'execution.checkpointing.unaligned.enabled',
  'execution.checkpointing.aligned-checkpoint-timeout',
];

const RESTART_TYPE_NAMES: Record<string, RestartStrategyConfig['type']> = {
  none: 'none',
  off: 'none',
  disable: 'none',
  'fixed-delay': 'fixed-delay',
  fixeddelay: 'fixed-delay',
  'failure-rate': 'failure-rate',
  failurerate: 'failure-rate',
  'exponential-delay': 'exponential-delay',
  exponentialdelay: 'exponential-delay',
};

/**
 * Resolves SET statements (in file order; a later SET of the same key wins) into a JobConfig.
 * Unknown keys are warnings (Flink accepts any key); invalid values are errors at the value.
 * @param file the job file's name, copied into each diagnostic
 */
export function resolveJobConfig(sets: readonly ConfigSet[], file?: string): ResolvedJobConfig {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], code: string, message: string, range?: SourceRange): void => {
    const d: Diagnostic = { severity, code, message };
    if (range) d.range = range;
    if (file !== undefined) d.file = file;
    diagnostics.push(d);
  };

  const raw = new Map<string, string>();
  const current = new Map<string, Assigned>();
  const viaDeprecated = new Map<string, Assigned>();
  const knownNames = allConfigKeys().map((e) => e.key);

  for (const set of sets) {
    raw.set(set.key, set.value);
    const found = lookupConfigKey(set.key);
    if (!found) {
      report(
        'warning',
        'unknown-config-key',
        `Unknown configuration key '${set.key}': Flink accepts any key, but Checkpoint Lab does not know this one and ignores it.${didYouMeanSuffix(set.key, knownNames)}`,
        set.keyRange,
      );
      continue;
    }
    const { entry, deprecatedName } = found;
    if (deprecatedName !== undefined) {
      report(
        'warning',
        'deprecated-config-key',
        `Config uses deprecated configuration key '${deprecatedName}' instead of proper key '${entry.key}'.`,
        set.keyRange,
      );
    }
    const parsed = parseConfigValue(entry, set.value);
    if (!parsed.ok) {
      report(
        'error',
        'invalid-config-value',
        `Could not parse value '${set.value}' for key '${set.key}'. ${parsed.reason}`,
        set.valueRange ?? set.keyRange,
      );
      continue;
    }
    (deprecatedName !== undefined ? viaDeprecated : current).set(entry.key, { value: parsed.value, set });
  }

  // Flink reads the proper key first and falls back to deprecated ones.
  const assigned = new Map<string, Assigned>(viaDeprecated);
  for (const [key, a] of current) {
    const shadowed = viaDeprecated.get(key);
    if (shadowed) {
      report(
        'warning',
        'deprecated-config-key',
        `'${shadowed.set.key}' is ignored because '${key}' is also set.`,
        shadowed.set.keyRange,
      );
    }
    assigned.set(key, a);
  }

  const entryOf = (key: string): ConfigKey => {
    const found = lookupConfigKey(key);
    if (!found) throw new Error(`config key '${key}' missing from the catalogue`);
    return found.entry;
  };
  const get = (key: string): ConfigValue | undefined => assigned.get(key)?.value ?? defaultConfigValue(entryOf(key));
  const num = (key: string): number => get(key) as number;
  const bool = (key: string): boolean => get(key) as boolean;
  const str = (key: string): string | undefined => get(key) as string | undefined;
  const where = (key: string): SourceRange | undefined => {
    const a = assigned.get(key);
    return a ? (a.set.valueRange ?? a.set.keyRange) : undefined;
  };

  // --- parallelism ---
  let parallelism = num('parallelism.default');
  if (parallelism === 0 || parallelism < -1) {
    report('error', 'invalid-config-value', `Invalid value '${parallelism}' for key 'parallelism.default': Parallelism must be at least one.`, where('parallelism.default'));
    parallelism = 1;
  } else if (parallelism === -1) {
    parallelism = 1;
  }
  let maxParallelism = num('pipeline.max-parallelism');
  if (maxParallelism === 0 || maxParallelism < -1) {
    report('error', 'invalid-config-value', `Invalid value '${maxParallelism}' for key 'pipeline.max-parallelism': Maximum parallelism must be between 1 and ${UPPER_BOUND_MAX_PARALLELISM}, or -1 to derive it. Found: ${maxParallelism}`, where('pipeline.max-parallelism'));
    maxParallelism = -1;
  }
  let tableDefaultParallelism = num('table.exec.resource.default-parallelism');
  if (tableDefaultParallelism === 0 || tableDefaultParallelism < -1) {
    report('error', 'invalid-config-value', `Invalid value '${tableDefaultParallelism}' for key 'table.exec.resource.default-parallelism': Parallelism must be at least one, or -1 to use 'parallelism.default'.`, where('table.exec.resource.default-parallelism'));
    tableDefaultParallelism = -1;
  }
  const operatorParallelism = tableDefaultParallelism > 0 ? tableDefaultParallelism : parallelism;
  if (maxParallelism > 0 && operatorParallelism > maxParallelism) {
    const pKey = tableDefaultParallelism > 0 ? 'table.exec.resource.default-parallelism' : 'parallelism.default';
    report(
      'error',
      'config-conflict',
      `The parallelism ${operatorParallelism} ('${pKey}') is larger than the maximum parallelism ${maxParallelism} ('pipeline.max-parallelism'): the parallelism must be smaller than or equal to the max parallelism.`,
      where('pipeline.max-parallelism') ?? where(pKey),
    );
  }

  // --- checkpointing ---
  const checkpointing = resolveCheckpointing(assigned, get, num, bool, str, where, report);

  // --- restart strategy ---
  const restartStrategy = resolveRestartStrategy(assigned, checkpointing.enabled, num, where, report);

  // --- table / misc ---
  const localTimeZone = str('table.local-time-zone') ?? 'default';
  const tzProblem = checkLocalTimeZone(localTimeZone);
  if (tzProblem !== undefined) report('error', 'invalid-config-value', tzProblem, where('table.local-time-zone'));

  const miniBatchEnabled = bool('table.exec.mini-batch.enabled');
  if (miniBatchEnabled) {
    report('warning', 'unsupported', `'table.exec.mini-batch.enabled' is true, but ${entryOf('table.exec.mini-batch.enabled').unsupportedNote}.`, where('table.exec.mini-batch.enabled'));
  }
  const runtimeMode = str('execution.runtime-mode') as JobConfig['runtimeMode'];
  if (runtimeMode !== 'STREAMING') {
    report('warning', 'unsupported', `'execution.runtime-mode' is ${runtimeMode}, but Checkpoint Lab runs every job in STREAMING mode.`, where('execution.runtime-mode'));
  }

  const config: JobConfig = {
    parallelism,
    maxParallelism,
    tableDefaultParallelism,
    operatorParallelism,
    localTimeZone,
    taskSlotsPerTaskManager: num('taskmanager.numberOfTaskSlots'),
    autoWatermarkIntervalMs: num('pipeline.auto-watermark-interval'),
    bufferTimeoutMs: bool('execution.buffer-timeout.enabled') ? num('execution.buffer-timeout.interval') : -1,
    runtimeMode,
    sourceIdleTimeoutMs: num('table.exec.source.idle-timeout'),
    stateTtlMs: num('table.exec.state.ttl'),
    sinkNotNullEnforcer: (str('table.exec.sink.not-null-enforcer') ?? 'ERROR').toUpperCase() as 'ERROR' | 'DROP',
    miniBatch: {
      enabled: miniBatchEnabled,
      allowLatencyMs: num('table.exec.mini-batch.allow-latency'),
      size: num('table.exec.mini-batch.size'),
    },
    checkpointing,
    stateRecovery: {
      claimMode: str('execution.state-recovery.claim-mode') as 'CLAIM' | 'NO_CLAIM',
      ignoreUnclaimedState: bool('execution.state-recovery.ignore-unclaimed-state'),
    },
    stateBackend: (str('state.backend.type') ?? 'hashmap').toLowerCase(),
    restartStrategy,
    failoverStrategy: str('jobmanager.execution.failover-strategy') as 'full' | 'region',
    checkpointHistorySize: num('web.checkpoints.history'),
    exceptionHistorySize: num('web.exception-history-size'),
    raw,
  };
  const pipelineName = str('pipeline.name');
  if (pipelineName !== undefined) config.pipelineName = pipelineName;
  const recoveryPath = str('execution.state-recovery.path');
  if (recoveryPath !== undefined) config.stateRecovery.path = recoveryPath;
  return { config, diagnostics };
}

type Report = (severity: Diagnostic['severity'], code: string, message: string, range?: SourceRange) => void;

function resolveCheckpointing(
  assigned: Map<string, Assigned>,
  get: (key: string) => ConfigValue | undefined,
  num: (key: string) => number,
  bool: (key: string) => boolean,
  str: (key: string) => string | undefined,
  where: (key: string) => SourceRange | undefined,
  report: Report,
): CheckpointingConfig {
  const configuredInterval = get('execution.checkpointing.interval') as number | undefined;
  let enabled = configuredInterval !== undefined;
  if (configuredInterval !== undefined && configuredInterval < MINIMAL_CHECKPOINT_TIME_MS) {
    report('error', 'invalid-config-value', `Checkpoint interval must be larger than or equal to ${MINIMAL_CHECKPOINT_TIME_MS} ms`, where('execution.checkpointing.interval'));
    enabled = false;
  }
  const timeoutMs = num('execution.checkpointing.timeout');
  if (timeoutMs < MINIMAL_CHECKPOINT_TIME_MS) {
    report('error', 'invalid-config-value', `Checkpoint timeout must be larger than or equal to ${MINIMAL_CHECKPOINT_TIME_MS} ms`, where('execution.checkpointing.timeout'));
  }
  const minPauseMs = num('execution.checkpointing.min-pause');
  let intervalMs = enabled ? (configuredInterval as number) : 0;
  if (enabled && intervalMs < minPauseMs) {
    report('info', 'config-conflict', `The checkpoint interval (${intervalMs} ms) is shorter than 'execution.checkpointing.min-pause' (${minPauseMs} ms): Flink uses the min pause as the interval.`, where('execution.checkpointing.interval'));
    intervalMs = minPauseMs;
  }
  if (!enabled && configuredInterval === undefined) {
    for (const key of CHECKPOINT_ONLY_KEYS) {
      const a = assigned.get(key);
      if (a) {
        report('warning', 'checkpointing-disabled', `'${a.set.key}' has no effect: checkpointing is disabled because 'execution.checkpointing.interval' is not set.`, a.set.keyRange);
      }
    }
  }
  const mode = str('execution.checkpointing.mode') as CheckpointingMode;
  let unaligned = bool('execution.checkpointing.unaligned.enabled');
  if (unaligned && mode !== 'EXACTLY_ONCE') {
    report('warning', 'config-conflict', 'Unaligned checkpoints can only be used with checkpointing mode EXACTLY_ONCE: Flink disables them for this job.', where('execution.checkpointing.unaligned.enabled') ?? where('execution.checkpointing.mode'));
    unaligned = false;
  }
  let numRetained = num('execution.checkpointing.num-retained');
  if (numRetained < 1) {
    report('warning', 'invalid-config-value', `Invalid configuration for maximum number of retained checkpoints (${numRetained}), using default 1.`, where('execution.checkpointing.num-retained'));
    numRetained = 1;
  }
  const dir = str('execution.checkpointing.dir');
  const configuredStorage = str('execution.checkpointing.storage');
  const result: CheckpointingConfig = {
    enabled,
    intervalMs,
    mode,
    timeoutMs,
    minPauseMs,
    maxConcurrent: num('execution.checkpointing.max-concurrent-checkpoints'),
    tolerableFailed: num('execution.checkpointing.tolerable-failed-checkpoints'),
    unaligned,
    unalignedForced: bool('execution.checkpointing.unaligned.forced'),
    alignedCheckpointTimeoutMs: num('execution.checkpointing.aligned-checkpoint-timeout'),
    numRetained,
    externalizedRetention: str('execution.checkpointing.externalized-checkpoint-retention') as ExternalizedCheckpointRetention,
    storage: configuredStorage ?? (dir !== undefined ? 'filesystem' : 'jobmanager'),
    incremental: bool('execution.checkpointing.incremental'),
    createSubdir: bool('execution.checkpointing.create-subdir'),
    dataInlineThresholdBytes: num('execution.checkpointing.data-inline-threshold'),
    checkpointsAfterTasksFinish: bool('execution.checkpointing.checkpoints-after-tasks-finish'),
  };
  if (dir !== undefined) result.dir = dir;
  const savepointDir = str('execution.checkpointing.savepoint-dir');
  if (savepointDir !== undefined) result.savepointDir = savepointDir;
  const backlog = get('execution.checkpointing.interval-during-backlog') as number | undefined;
  if (backlog !== undefined) result.intervalDuringBacklogMs = backlog;
  return result;
}

function resolveRestartStrategy(
  assigned: Map<string, Assigned>,
  checkpointingEnabled: boolean,
  num: (key: string) => number,
  where: (key: string) => SourceRange | undefined,
  report: Report,
): RestartStrategyConfig {
  const typeSet = assigned.get('restart-strategy.type');
  const configured = typeSet !== undefined;
  const type: RestartStrategyConfig['type'] = configured
    ? RESTART_TYPE_NAMES[String(typeSet.value).toLowerCase()]!
    : checkpointingEnabled
      ? 'exponential-delay'
      : 'none';

  // Options of a strategy that is not the one in use have no effect: say so.
  for (const [key, a] of assigned) {
    if (!key.startsWith('restart-strategy.') || key === 'restart-strategy.type') continue;
    const family = key.split('.')[1];
    if (family !== type) {
      const why = configured
        ? `restart-strategy.type is '${String(typeSet.value)}'`
        : `restart-strategy.type is not set, so Flink uses '${type}' (${checkpointingEnabled ? 'checkpointing is enabled' : 'checkpointing is disabled'})`;
      report('warning', 'config-no-effect', `'${a.set.key}' has no effect: ${why}.`, a.set.keyRange);
    }
  }

  switch (type) {
    case 'none':
      return { type, configured };
    case 'fixed-delay':
      return {
        type,
        configured,
        attempts: num('restart-strategy.fixed-delay.attempts'),
        delayMs: num('restart-strategy.fixed-delay.delay'),
      };
    case 'failure-rate':
      return {
        type,
        configured,
        maxFailuresPerInterval: num('restart-strategy.failure-rate.max-failures-per-interval'),
        failureRateIntervalMs: num('restart-strategy.failure-rate.failure-rate-interval'),
        delayMs: num('restart-strategy.failure-rate.delay'),
      };
    case 'exponential-delay': {
      const initialBackoffMs = num('restart-strategy.exponential-delay.initial-backoff');
      const maxBackoffMs = num('restart-strategy.exponential-delay.max-backoff');
      const resetBackoffThresholdMs = num('restart-strategy.exponential-delay.reset-backoff-threshold');
      for (const [key, v, label] of [
        ['restart-strategy.exponential-delay.initial-backoff', initialBackoffMs, 'Initial backoff'],
        ['restart-strategy.exponential-delay.max-backoff', maxBackoffMs, 'Maximum backoff'],
        ['restart-strategy.exponential-delay.reset-backoff-threshold', resetBackoffThresholdMs, 'Threshold duration for exponential backoff reset'],
      ] as const) {
        if (v < 1) report('error', 'invalid-config-value', `${label} must be at least 1 ms.`, where(key));
      }
      return {
        type,
        configured,
        initialBackoffMs,
        maxBackoffMs,
        backoffMultiplier: num('restart-strategy.exponential-delay.backoff-multiplier'),
        resetBackoffThresholdMs,
        jitterFactor: num('restart-strategy.exponential-delay.jitter-factor'),
        attemptsBeforeResetBackoff: num('restart-strategy.exponential-delay.attempts-before-reset-backoff'),
      };
    }
  }
}
