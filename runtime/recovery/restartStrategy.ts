// Flink's restart back-off strategies (RestartBackoffTimeStrategy and its four implementations),
// driven by the job clock and an injected random source. Imports only config types.
import type { RestartStrategyConfig } from '../config/jobConfig.js';

/** Integer.MAX_VALUE, Flink's "infinite" for attempts-before-reset-backoff. */
const INTEGER_MAX_VALUE = 2147483647;

/** ExponentialDelayRestartBackoffTimeStrategy.DEFAULT_NEXT_RESTART_TIMESTAMP (Integer.MIN_VALUE). */
const DEFAULT_NEXT_RESTART_TIMESTAMP = -2147483648;

/**
 * Decides whether a failed job may restart and how long to wait first, as Flink's
 * `RestartBackoffTimeStrategy`. The engine calls, at the moment of a failure (job clock, ms):
 * `notifyFailure(now)`, then `canRestart()`, then `getBackoffTimeMs()`.
 */
export interface RestartBackoffTimeStrategy {
  /** The strategy's type as `restart-strategy.type` names it. */
  readonly type: RestartStrategyConfig['type'];
  /**
   * Records a failure at `nowMs` (job clock, ms).
   * @returns true when the failure counts as a new restart attempt; false when it was merged into
   *   the attempt already pending (only exponential-delay merges: a failure inside the back-off
   *   window of the previous one)
   */
  notifyFailure(nowMs: number): boolean;
  /**
   * Whether the job may restart after the failures notified so far.
   * @param nowMs job clock in ms; defaults to the time of the latest `notifyFailure`
   */
  canRestart(nowMs?: number): boolean;
  /**
   * How long to wait before restarting, in ms.
   * @param nowMs job clock in ms; defaults to the time of the latest `notifyFailure` (only
   *   exponential-delay depends on it: it returns the time left until its next restart timestamp)
   */
  getBackoffTimeMs(nowMs?: number): number;
  /** The number of restart attempts counted so far (merged failures not included). */
  getRestartAttempts(): number;
  /** Flink's `toString()` of the strategy, e.g. `FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=1000)`. */
  describe(): string;
}

/**
 * The problems Flink's strategy constructors reject (their `checkArgument` messages), for a config
 * that bypassed `resolveJobConfig`'s checks. Empty when the config is valid.
 */
export function validateRestartStrategyConfig(config: RestartStrategyConfig): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  switch (config.type) {
    case 'none':
      break;
    case 'fixed-delay':
      check(Number.isInteger(config.attempts) && config.attempts >= 0, 'Maximum number of restart attempts must be at least 0.');
      check(config.delayMs >= 0, 'Backoff time between restart attempts must be at least 0 ms.');
      break;
    case 'failure-rate':
      check(
        Number.isInteger(config.maxFailuresPerInterval) && config.maxFailuresPerInterval > 0,
        'Maximum number of restart attempts per time unit must be greater than 0.',
      );
      check(config.failureRateIntervalMs > 0, 'Failures interval must be greater than 0 ms.');
      check(config.delayMs >= 0, 'Backoff time must be at least 0 ms.');
      break;
    case 'exponential-delay':
      check(config.initialBackoffMs >= 1, 'Initial backoff must be at least 1.');
      check(config.maxBackoffMs >= 1, 'Maximum backoff must be at least 1.');
      check(config.initialBackoffMs <= config.maxBackoffMs, 'Initial backoff cannot be higher than maximum backoff.');
      check(config.backoffMultiplier > 1, 'Backoff multiplier must be greater than 1.');
      check(config.resetBackoffThresholdMs >= 1, 'Threshold duration for exponential backoff reset must be at least 1.');
      check(config.jitterFactor >= 0 && config.jitterFactor <= 1, 'Jitter factor must be >= 0 and <= 1.');
      check(config.attemptsBeforeResetBackoff >= 1, 'The attemptsBeforeResetBackoff must be at least 1.');
      break;
  }
  return problems;
}

/**
 * Creates the strategy for a resolved `restart-strategy.*` config.
 * @param random uniform in [0, 1), seeded by the run; used only for exponential-delay's jitter
 * @throws RangeError when the config is invalid (callers validate with
 *   `validateRestartStrategyConfig` or `resolveJobConfig` first)
 */
export function createRestartStrategy(config: RestartStrategyConfig, random: () => number): RestartBackoffTimeStrategy {
  const problems = validateRestartStrategyConfig(config);
  if (problems.length > 0) throw new RangeError(`Invalid restart strategy: ${problems.join(' ')}`);
  switch (config.type) {
    case 'none':
      return new NoRestartBackoffTimeStrategy();
    case 'fixed-delay':
      return new FixedDelayRestartBackoffTimeStrategy(config.attempts, config.delayMs);
    case 'failure-rate':
      return new FailureRateRestartBackoffTimeStrategy(config.maxFailuresPerInterval, config.failureRateIntervalMs, config.delayMs);
    case 'exponential-delay':
      return new ExponentialDelayRestartBackoffTimeStrategy(config, random);
  }
}

/** Flink's NoRestartBackoffTimeStrategy: never restarts. */
class NoRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  readonly type = 'none' as const;
  private failures = 0;
  notifyFailure(): boolean {
    this.failures++;
    return true;
  }
  canRestart(): boolean {
    return false;
  }
  getBackoffTimeMs(): number {
    return 0;
  }
  getRestartAttempts(): number {
    return this.failures;
  }
  describe(): string {
    return 'NoRestartBackoffTimeStrategy';
  }
}

/** Flink's FixedDelayRestartBackoffTimeStrategy: `attempts` restarts, each after the same delay. */
class FixedDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  readonly type = 'fixed-delay' as const;
  private currentRestartAttempt = 0;
  constructor(
    private readonly maxNumberRestartAttempts: number,
    private readonly backoffTimeMs: number,
  ) {}
  notifyFailure(): boolean {
    this.currentRestartAttempt++;
    return true;
  }
  canRestart(): boolean {
    return this.currentRestartAttempt <= this.maxNumberRestartAttempts;
  }
  getBackoffTimeMs(): number {
    return this.backoffTimeMs;
  }
  getRestartAttempts(): number {
    return this.currentRestartAttempt;
  }
  describe(): string {
    return `FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=${this.maxNumberRestartAttempts}, backoffTimeMS=${this.backoffTimeMs})`;
  }
}

/**
 * Flink's FailureRateRestartBackoffTimeStrategy: keeps the timestamps of the last
 * `maxFailuresPerInterval + 1` failures; once that queue is full (more than the maximum), a restart
 * is allowed only when the oldest of them lies more than the interval before now.
 */
class FailureRateRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  readonly type = 'failure-rate' as const;
  private readonly failureTimestamps: number[] = [];
  private lastFailureMs = 0;
  private failures = 0;
  constructor(
    private readonly maxFailuresPerInterval: number,
    private readonly failuresIntervalMs: number,
    private readonly backoffTimeMs: number,
  ) {}
  notifyFailure(nowMs: number): boolean {
    if (this.isFailureTimestampsQueueFull()) this.failureTimestamps.shift();
    this.failureTimestamps.push(nowMs);
    this.lastFailureMs = nowMs;
    this.failures++;
    return true;
  }
  canRestart(nowMs: number = this.lastFailureMs): boolean {
    if (!this.isFailureTimestampsQueueFull()) return true;
    return nowMs - this.failureTimestamps[0]! > this.failuresIntervalMs;
  }
  getBackoffTimeMs(): number {
    return this.backoffTimeMs;
  }
  getRestartAttempts(): number {
    return this.failures;
  }
  describe(): string {
    return `FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=${this.failuresIntervalMs},backoffTimeMS=${this.backoffTimeMs},maxFailuresPerInterval=${this.maxFailuresPerInterval})`;
  }
  private isFailureTimestampsQueueFull(): boolean {
    return this.failureTimestamps.length > this.maxFailuresPerInterval;
  }
}

type ExponentialDelayConfig = Extract<RestartStrategyConfig, { type: 'exponential-delay' }>;

/**
 * Flink's ExponentialDelayRestartBackoffTimeStrategy (1.19+): the back-off grows as
 * `initial * multiplier^attempt` (plus jitter, capped at the maximum, at least the initial value);
 * failures inside the pending back-off window merge into that attempt; after
 * `resetBackoffThreshold` of running since the last restart the attempt count resets to 0; at most
 * `attemptsBeforeResetBackoff` attempts between resets.
 */
class ExponentialDelayRestartBackoffTimeStrategy implements RestartBackoffTimeStrategy {
  readonly type = 'exponential-delay' as const;
  private currentRestartAttempt = 0;
  private nextRestartTimestamp = DEFAULT_NEXT_RESTART_TIMESTAMP;
  private lastFailureMs = 0;
  private totalAttempts = 0;
  constructor(
    private readonly config: ExponentialDelayConfig,
    private readonly random: () => number,
  ) {}
  notifyFailure(nowMs: number): boolean {
    this.lastFailureMs = nowMs;
    // Merge failures into one attempt while tasks are still waiting to be restarted.
    if (nowMs <= this.nextRestartTimestamp) return false;
    if (nowMs - this.nextRestartTimestamp >= this.config.resetBackoffThresholdMs) this.currentRestartAttempt = 0;
    this.nextRestartTimestamp = nowMs + this.calculateActualBackoffTime();
    this.currentRestartAttempt++;
    this.totalAttempts++;
    return true;
  }
  canRestart(): boolean {
    return this.currentRestartAttempt <= this.config.attemptsBeforeResetBackoff;
  }
  getBackoffTimeMs(nowMs: number = this.lastFailureMs): number {
    if (this.nextRestartTimestamp === DEFAULT_NEXT_RESTART_TIMESTAMP) {
      throw new Error('ExponentialDelayRestartBackoffTimeStrategy: call notifyFailure first.');
    }
    return Math.max(0, this.nextRestartTimestamp - nowMs);
  }
  getRestartAttempts(): number {
    return this.totalAttempts;
  }
  describe(): string {
    const c = this.config;
    const attempts = c.attemptsBeforeResetBackoff >= INTEGER_MAX_VALUE ? INTEGER_MAX_VALUE : c.attemptsBeforeResetBackoff;
    return (
      `ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=${c.initialBackoffMs}, maxBackoffMS=${c.maxBackoffMs}, ` +
      `backoffMultiplier=${javaDouble(c.backoffMultiplier)}, resetBackoffThresholdMS=${c.resetBackoffThresholdMs}, ` +
      `jitterFactor=${javaDouble(c.jitterFactor)}, attemptsBeforeResetBackoff=${attempts}, ` +
      `currentRestartAttempt=${this.currentRestartAttempt}, nextRestartTimestamp=${this.nextRestartTimestamp})`
    );
  }
  /** `max(initial, min(base + jitter(base), max))` with `base = (long) (initial * multiplier^attempt)`. */
  private calculateActualBackoffTime(): number {
    const c = this.config;
    // Capped at 2^53-1 so that a huge attempt count stays finite (Java's long would saturate).
    const base = Math.min(Number.MAX_SAFE_INTEGER, Math.trunc(c.initialBackoffMs * Math.pow(c.backoffMultiplier, this.currentRestartAttempt)));
    return Math.max(c.initialBackoffMs, Math.min(base + this.calculateJitterBackoffMs(base), c.maxBackoffMs));
  }
  /** Uniform integer in [-(long)(base * jitter), +(long)(base * jitter)]; 0 when jitter is 0. */
  private calculateJitterBackoffMs(base: number): number {
    if (this.config.jitterFactor === 0) return 0;
    const offset = Math.trunc(base * this.config.jitterFactor);
    const span = 2 * offset + 1;
    const draw = Math.min(span - 1, Math.floor(this.random() * span));
    return -offset + draw;
  }
}

/** A double as Java's `Double.toString` prints simple values (`1.5`, `2.0`, `0.1`). */
function javaDouble(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}
