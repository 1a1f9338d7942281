// Flink's restart back-off strategies on the job clock: attempts, the failure-rate window,
// exponential growth, merging, reset and jitter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RestartStrategyConfig } from '../../../runtime/config/jobConfig.js';
import { createRestartStrategy, validateRestartStrategyConfig } from '../../../runtime/recovery/restartStrategy.js';
import { SeededRandom } from '../../../runtime/util/random.js';

const noRandom = (): number => {
  throw new Error('random must not be used');
};

function exponential(over: Partial<Extract<RestartStrategyConfig, { type: 'exponential-delay' }>> = {}): RestartStrategyConfig {
  return {
    type: 'exponential-delay',
    configured: true,
    initialBackoffMs: 1000,
    maxBackoffMs: 60_000,
    backoffMultiplier: 1.5,
    resetBackoffThresholdMs: 3_600_000,
    jitterFactor: 0.1,
    attemptsBeforeResetBackoff: 2147483647,
    ...over,
  };
}

test('none never restarts', () => {
  const s = createRestartStrategy({ type: 'none', configured: false }, noRandom);
  assert.equal(s.notifyFailure(0), true);
  assert.equal(s.canRestart(), false);
  assert.equal(s.describe(), 'NoRestartBackoffTimeStrategy');
});

test('fixed-delay allows exactly `attempts` restarts (++attempt <= attempts), each after the delay', () => {
  const s = createRestartStrategy({ type: 'fixed-delay', configured: true, attempts: 2, delayMs: 500 }, noRandom);
  assert.equal(s.notifyFailure(100), true);
  assert.equal(s.canRestart(), true);
  assert.equal(s.getBackoffTimeMs(), 500);
  s.notifyFailure(5000);
  assert.equal(s.canRestart(), true);
  s.notifyFailure(9000);
  assert.equal(s.canRestart(), false, 'the third failure exceeds 2 attempts');
  assert.equal(s.getRestartAttempts(), 3);
  assert.equal(s.describe(), 'FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=2, backoffTimeMS=500)');

  const zero = createRestartStrategy({ type: 'fixed-delay', configured: true, attempts: 0, delayMs: 0 }, noRandom);
  zero.notifyFailure(0);
  assert.equal(zero.canRestart(), false, 'attempts = 0 means no restart at all');
});

test('failure-rate tolerates max-failures-per-interval failures and fails on one more inside the interval', () => {
  const cfg: RestartStrategyConfig = { type: 'failure-rate', configured: true, maxFailuresPerInterval: 3, failureRateIntervalMs: 10_000, delayMs: 250 };
  const s = createRestartStrategy(cfg, noRandom);
  for (const t of [0, 1, 2]) {
    s.notifyFailure(t);
    assert.equal(s.canRestart(), true, `failure at ${t}`);
  }
  s.notifyFailure(3);
  assert.equal(s.canRestart(), false);
  assert.equal(s.getBackoffTimeMs(), 250);
  assert.equal(
    s.describe(),
    'FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=10000,backoffTimeMS=250,maxFailuresPerInterval=3)',
  );
});

test('failure-rate slides its window: the oldest of the last N+1 failures must be more than the interval ago', () => {
  const s = createRestartStrategy({ type: 'failure-rate', configured: true, maxFailuresPerInterval: 2, failureRateIntervalMs: 1000, delayMs: 0 }, noRandom);
  s.notifyFailure(0);
  s.notifyFailure(100);
  assert.equal(s.canRestart(), true);
  s.notifyFailure(1100); // window [0, 100, 1100]: 1100 - 0 > 1000
  assert.equal(s.canRestart(), true);
  s.notifyFailure(1150); // [100, 1100, 1150]: 1050 > 1000
  assert.equal(s.canRestart(), true);
  s.notifyFailure(1200); // [1100, 1150, 1200]: 100
  assert.equal(s.canRestart(), false);
  assert.equal(s.canRestart(2101), true, 'canRestart uses the given job time');

  // The comparison is strict: exactly one interval apart is still "within" it.
  const edge = createRestartStrategy({ type: 'failure-rate', configured: true, maxFailuresPerInterval: 1, failureRateIntervalMs: 1000, delayMs: 0 }, noRandom);
  edge.notifyFailure(0);
  assert.equal(edge.canRestart(), true);
  edge.notifyFailure(1000);
  assert.equal(edge.canRestart(), false);
  const later = createRestartStrategy({ type: 'failure-rate', configured: true, maxFailuresPerInterval: 1, failureRateIntervalMs: 1000, delayMs: 0 }, noRandom);
  later.notifyFailure(0);
  later.notifyFailure(1001);
  assert.equal(later.canRestart(), true);
});

test('exponential-delay grows by the multiplier and is capped at max-backoff', () => {
  const s = createRestartStrategy(exponential({ backoffMultiplier: 2, maxBackoffMs: 10_000, jitterFactor: 0 }), noRandom);
  const backoffs: number[] = [];
  let now = 0;
  for (let i = 0; i < 6; i++) {
    assert.equal(s.notifyFailure(now), true);
    assert.equal(s.canRestart(), true);
    const b = s.getBackoffTimeMs();
    backoffs.push(b);
    now += b + 500; // restarted, then failed again 500 ms later
  }
  assert.deepEqual(backoffs, [1000, 2000, 4000, 8000, 10_000, 10_000]);
  assert.equal(s.getRestartAttempts(), 6);
});

test('exponential-delay truncates the base as a Java long: 1000 * 1.5^k', () => {
  const s = createRestartStrategy(exponential({ jitterFactor: 0 }), noRandom);
  const backoffs: number[] = [];
  let now = 0;
  for (let i = 0; i < 5; i++) {
    s.notifyFailure(now);
    backoffs.push(s.getBackoffTimeMs());
    now += backoffs[i]! + 1;
  }
  assert.deepEqual(backoffs, [1000, 1500, 2250, 3375, 5062]);
});

test('exponential-delay merges failures inside the pending back-off into one attempt', () => {
  const s = createRestartStrategy(exponential({ jitterFactor: 0, backoffMultiplier: 2 }), noRandom);
  assert.equal(s.notifyFailure(0), true); // restart at 1000
  assert.equal(s.notifyFailure(400), false);
  assert.equal(s.getBackoffTimeMs(), 600, 'the time left until the pending restart');
  assert.equal(s.notifyFailure(1000), false, 'now <= nextRestartTimestamp merges, inclusive');
  assert.equal(s.getBackoffTimeMs(1000), 0);
  assert.equal(s.getRestartAttempts(), 1);
  assert.equal(s.notifyFailure(1001), true);
  assert.equal(s.getBackoffTimeMs(), 2000, 'the merged failures did not grow the back-off');
  assert.match(s.describe(), /currentRestartAttempt=2, nextRestartTimestamp=3001\)$/);
});

test('exponential-delay resets after reset-backoff-threshold of running since the restart', () => {
  const run = (secondFailureAt: number): number => {
    const s = createRestartStrategy(exponential({ jitterFactor: 0, backoffMultiplier: 2, resetBackoffThresholdMs: 60_000 }), noRandom);
    s.notifyFailure(0); // restarts at 1000
    s.notifyFailure(2000); // restarts at 4000 (attempt 1: 2000)
    s.notifyFailure(secondFailureAt);
    return s.getBackoffTimeMs();
  };
  assert.equal(run(4000 + 59_999), 4000, 'just under the threshold keeps growing');
  assert.equal(run(4000 + 60_000), 1000, 'at the threshold the back-off starts over');
});

test('exponential-delay allows attempts-before-reset-backoff attempts, then fails', () => {
  const s = createRestartStrategy(exponential({ jitterFactor: 0, attemptsBeforeResetBackoff: 2 }), noRandom);
  s.notifyFailure(0);
  assert.equal(s.canRestart(), true);
  s.notifyFailure(5000);
  assert.equal(s.canRestart(), true);
  s.notifyFailure(20_000);
  assert.equal(s.canRestart(), false);
});

test('exponential-delay jitter stays within ±(long)(backoff * jitter) and never below initial-backoff', () => {
  const seen = new Set<number>();
  for (let seed = 0; seed < 300; seed++) {
    const rng = new SeededRandom(seed);
    const s = createRestartStrategy(exponential(), () => rng.nextFloat());
    s.notifyFailure(0);
    const first = s.getBackoffTimeMs();
    assert.ok(first >= 1000 && first <= 1100, `first back-off ${first}`);
    s.notifyFailure(first + 1);
    const second = s.getBackoffTimeMs();
    assert.ok(second >= 1350 && second <= 1650, `second back-off ${second}`);
    seen.add(second);
  }
  assert.ok(seen.size > 100, 'jitter actually varies');
  // The extremes of the random stream reach the extremes of the jitter range.
  const low = createRestartStrategy(exponential(), () => 0);
  low.notifyFailure(0);
  assert.equal(low.getBackoffTimeMs(), 1000, '1000 - 100 is raised to initial-backoff');
  const high = createRestartStrategy(exponential(), () => 0.999999999);
  high.notifyFailure(0);
  assert.equal(high.getBackoffTimeMs(), 1100);
});

test('exponential-delay jitter is deterministic per seed', () => {
  const sequence = (seed: number): number[] => {
    const rng = new SeededRandom(seed);
    const s = createRestartStrategy(exponential({ jitterFactor: 0.5 }), () => rng.nextFloat());
    const out: number[] = [];
    let now = 0;
    for (let i = 0; i < 8; i++) {
      s.notifyFailure(now);
      out.push(s.getBackoffTimeMs());
      now += out[i]! + 10;
    }
    return out;
  };
  assert.deepEqual(sequence(42), sequence(42));
  assert.notDeepEqual(sequence(42), sequence(43));
});

test('exponential-delay asks for notifyFailure before getBackoffTime, as Flink', () => {
  const s = createRestartStrategy(exponential(), noRandom);
  assert.throws(() => s.getBackoffTimeMs(), /notifyFailure first/);
});

test("invalid configs are rejected with Flink's messages", () => {
  assert.deepEqual(validateRestartStrategyConfig(exponential({ initialBackoffMs: 5000, maxBackoffMs: 1000 })), [
    'Initial backoff cannot be higher than maximum backoff.',
  ]);
  assert.deepEqual(validateRestartStrategyConfig(exponential({ backoffMultiplier: 1, jitterFactor: 2 })), [
    'Backoff multiplier must be greater than 1.',
    'Jitter factor must be >= 0 and <= 1.',
  ]);
  assert.deepEqual(validateRestartStrategyConfig({ type: 'failure-rate', configured: true, maxFailuresPerInterval: 0, failureRateIntervalMs: 1, delayMs: 0 }), [
    'Maximum number of restart attempts per time unit must be greater than 0.',
  ]);
  assert.throws(() => createRestartStrategy({ type: 'fixed-delay', configured: true, attempts: -1, delayMs: 0 }, noRandom), RangeError);
});

test('describe() prints the exponential strategy as Flink toString()', () => {
  const s = createRestartStrategy(exponential(), () => 0.5);
  assert.equal(
    s.describe(),
    'ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=1000, maxBackoffMS=60000, backoffMultiplier=1.5, ' +
      'resetBackoffThresholdMS=3600000, jitterFactor=0.1, attemptsBeforeResetBackoff=2147483647, currentRestartAttempt=0, nextRestartTimestamp=-2147483648)',
  );
});
