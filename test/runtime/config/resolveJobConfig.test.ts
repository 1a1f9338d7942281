import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceRange } from '../../../runtime/diagnostics.js';
import { allConfigKeys, lookupConfigKey } from '../../../runtime/config/configKeys.js';
import { resolveJobConfig, type ConfigSet } from '../../../runtime/config/resolveJobConfig.js';

/** A SET on line `line`: key literal at columns 5.., value literal after it. */
function set(line: number, key: string, value: string): ConfigSet {
  const keyStart = 5;
  const valueStart = keyStart + key.length + 5;
  return {
    key,
    value,
    keyRange: { start: { line, column: keyStart }, end: { line, column: keyStart + key.length + 2 } },
    valueRange: { start: { line, column: valueStart }, end: { line, column: valueStart + value.length + 2 } },
  };
}
const valueRangeOf = (s: ConfigSet): SourceRange => s.valueRange!;

test('defaults are Flink\'s when nothing is set', () => {
  const { config, diagnostics } = resolveJobConfig([]);
  assert.deepEqual(diagnostics, []);
  assert.equal(config.parallelism, 1);
  assert.equal(config.maxParallelism, -1);
  assert.equal(config.operatorParallelism, 1);
  assert.equal(config.localTimeZone, 'default');
  assert.equal(config.taskSlotsPerTaskManager, 1);
  assert.equal(config.autoWatermarkIntervalMs, 200);
  assert.equal(config.bufferTimeoutMs, 100);
  assert.equal(config.sourceIdleTimeoutMs, 0);
  assert.equal(config.failoverStrategy, 'region');
  assert.equal(config.stateBackend, 'hashmap');
  assert.equal(config.checkpointing.enabled, false);
  assert.equal(config.checkpointing.mode, 'EXACTLY_ONCE');
  assert.equal(config.checkpointing.timeoutMs, 600_000);
  assert.equal(config.checkpointing.minPauseMs, 0);
  assert.equal(config.checkpointing.maxConcurrent, 1);
  assert.equal(config.checkpointing.tolerableFailed, 0);
  assert.equal(config.checkpointing.unaligned, false);
  assert.equal(config.checkpointing.alignedCheckpointTimeoutMs, 0);
  assert.equal(config.checkpointing.numRetained, 1);
  assert.equal(config.checkpointing.externalizedRetention, 'NO_EXTERNALIZED_CHECKPOINTS');
  assert.equal(config.checkpointing.storage, 'jobmanager');
  assert.equal(config.checkpointing.dataInlineThresholdBytes, 20 * 1024);
  assert.equal(config.stateRecovery.claimMode, 'NO_CLAIM');
  assert.equal(config.miniBatch.enabled, false);
  assert.equal(config.checkpointHistorySize, 10);
  assert.equal(config.raw.size, 0);
});

test('restart strategy default: none without checkpointing, exponential-delay with it', () => {
  assert.deepEqual(resolveJobConfig([]).config.restartStrategy, { type: 'none', configured: false });
  const { config } = resolveJobConfig([set(1, 'execution.checkpointing.interval', '10 s')]);
  assert.equal(config.checkpointing.enabled, true);
  assert.equal(config.checkpointing.intervalMs, 10_000);
  assert.deepEqual(config.restartStrategy, {
    type: 'exponential-delay',
    configured: false,
    initialBackoffMs: 1000,
    maxBackoffMs: 60_000,
    backoffMultiplier: 1.5,
    resetBackoffThresholdMs: 3_600_000,
    jitterFactor: 0.1,
    attemptsBeforeResetBackoff: 2147483647,
  });
});

test('restart-strategy.type aliases and options resolve', () => {
  for (const alias of ['none', 'off', 'disable', 'NONE']) {
    const r = resolveJobConfig([set(1, 'restart-strategy.type', alias), set(2, 'execution.checkpointing.interval', '1 s')]);
    assert.deepEqual(r.config.restartStrategy, { type: 'none', configured: true }, alias);
  }
  const fixed = resolveJobConfig([
    set(1, 'restart-strategy.type', 'fixeddelay'),
    set(2, 'restart-strategy.fixed-delay.attempts', '3'),
    set(3, 'restart-strategy.fixed-delay.delay', '5 s'),
  ]);
  assert.deepEqual(fixed.diagnostics, []);
  assert.deepEqual(fixed.config.restartStrategy, { type: 'fixed-delay', configured: true, attempts: 3, delayMs: 5000 });
  const rate = resolveJobConfig([set(1, 'restart-strategy.type', 'failure-rate')]).config.restartStrategy;
  assert.deepEqual(rate, { type: 'failure-rate', configured: true, maxFailuresPerInterval: 1, failureRateIntervalMs: 60_000, delayMs: 1000 });
  const bad = resolveJobConfig([set(4, 'restart-strategy.type', 'fixed')]);
  assert.equal(bad.diagnostics.length, 1);
  assert.equal(bad.diagnostics[0]!.severity, 'error');
  assert.match(bad.diagnostics[0]!.message, /^Could not parse value 'fixed' for key 'restart-strategy.type'\. Expected one of: \[none, off, disable, fixed-delay/);
});

test('options of a strategy not in use are flagged as having no effect', () => {
  const s = set(2, 'restart-strategy.fixed-delay.attempts', '5');
  const r = resolveJobConfig([set(1, 'execution.checkpointing.interval', '1 min'), s]);
  assert.equal(r.config.restartStrategy.type, 'exponential-delay');
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.severity, 'warning');
  assert.match(r.diagnostics[0]!.message, /'restart-strategy\.fixed-delay\.attempts' has no effect: restart-strategy\.type is not set, so Flink uses 'exponential-delay'/);
  assert.deepEqual(r.diagnostics[0]!.range, s.keyRange);
});

test('an invalid duration is an error at the value, in Flink\'s words', () => {
  const s = set(3, 'execution.checkpointing.interval', '10 seconds x');
  const { diagnostics, config } = resolveJobConfig([s], 'job.flink.sql');
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0]!;
  assert.equal(d.severity, 'error');
  assert.equal(d.code, 'invalid-config-value');
  assert.equal(d.file, 'job.flink.sql');
  assert.deepEqual(d.range, valueRangeOf(s));
  assert.match(d.message, /^Could not parse value '10 seconds x' for key 'execution\.checkpointing\.interval'\. Expected a duration like '10 s' or '500 ms'/);
  assert.equal(config.checkpointing.enabled, false);
});

test('enums are case-insensitive and report the allowed values', () => {
  const ok = resolveJobConfig([set(1, 'execution.checkpointing.mode', 'at_least_once'), set(2, 'execution.checkpointing.interval', '1s')]);
  assert.deepEqual(ok.diagnostics, []);
  assert.equal(ok.config.checkpointing.mode, 'AT_LEAST_ONCE');
  const fo = resolveJobConfig([set(1, 'jobmanager.execution.failover-strategy', 'FULL')]);
  assert.equal(fo.config.failoverStrategy, 'full');
  const s = set(2, 'execution.checkpointing.mode', 'exactly');
  const bad = resolveJobConfig([s]);
  assert.equal(bad.diagnostics[0]!.message, "Could not parse value 'exactly' for key 'execution.checkpointing.mode'. Expected one of: [EXACTLY_ONCE, AT_LEAST_ONCE].");
  assert.deepEqual(bad.diagnostics[0]!.range, s.valueRange);
});

test('booleans and ints are checked', () => {
  const b = set(1, 'execution.checkpointing.unaligned.enabled', 'yes');
  const r = resolveJobConfig([b, set(2, 'execution.checkpointing.interval', '1 s')]);
  assert.equal(r.diagnostics[0]!.message, "Could not parse value 'yes' for key 'execution.checkpointing.unaligned.enabled'. Expected either true or false (case insensitive).");
  const t = resolveJobConfig([set(1, 'execution.checkpointing.unaligned.enabled', 'TRUE'), set(2, 'execution.checkpointing.interval', '1 s')]);
  assert.equal(t.config.checkpointing.unaligned, true);
  const i = set(1, 'parallelism.default', 'four');
  assert.match(resolveJobConfig([i]).diagnostics[0]!.message, /Could not parse value 'four' for key 'parallelism\.default'\. Expected an integer\./);
  const mc = set(1, 'execution.checkpointing.max-concurrent-checkpoints', '0');
  const rc = resolveJobConfig([mc, set(2, 'execution.checkpointing.interval', '1 s')]);
  assert.equal(rc.diagnostics[0]!.message, "Could not parse value '0' for key 'execution.checkpointing.max-concurrent-checkpoints'. The maximum number of concurrent attempts must be at least one.");
  assert.deepEqual(rc.diagnostics[0]!.range, mc.valueRange);
});

test('parallelism ranges', () => {
  const zero = set(1, 'parallelism.default', '0');
  const r0 = resolveJobConfig([zero]);
  assert.equal(r0.diagnostics[0]!.severity, 'error');
  assert.match(r0.diagnostics[0]!.message, /Parallelism must be at least one/);
  assert.deepEqual(r0.diagnostics[0]!.range, zero.valueRange);
  const big = set(1, 'pipeline.max-parallelism', '40000');
  const rb = resolveJobConfig([big]);
  assert.match(rb.diagnostics[0]!.message, /Could not parse value '40000' for key 'pipeline\.max-parallelism'\. Expected a value between -1 and 32768\./);
  const mz = set(1, 'pipeline.max-parallelism', '0');
  assert.match(resolveJobConfig([mz]).diagnostics[0]!.message, /Maximum parallelism must be between 1 and 32768/);
  assert.equal(resolveJobConfig([set(1, 'pipeline.max-parallelism', '256')]).config.maxParallelism, 256);
});

test('parallelism larger than max parallelism names both keys', () => {
  const p = set(1, 'parallelism.default', '8');
  const m = set(2, 'pipeline.max-parallelism', '4');
  const r = resolveJobConfig([p, m]);
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0]!;
  assert.equal(d.severity, 'error');
  assert.equal(d.code, 'config-conflict');
  assert.match(d.message, /'parallelism\.default'/);
  assert.match(d.message, /'pipeline\.max-parallelism'/);
  assert.deepEqual(d.range, m.valueRange);
  const t = resolveJobConfig([set(1, 'table.exec.resource.default-parallelism', '16'), set(2, 'pipeline.max-parallelism', '8')]);
  assert.match(t.diagnostics[0]!.message, /The parallelism 16 \('table\.exec\.resource\.default-parallelism'\) is larger than the maximum parallelism 8/);
  assert.equal(resolveJobConfig([set(1, 'parallelism.default', '2'), set(2, 'table.exec.resource.default-parallelism', '3')]).config.operatorParallelism, 3);
});

test('checkpoint interval and timeout below 10 ms are errors', () => {
  const i = set(1, 'execution.checkpointing.interval', '5 ms');
  const r = resolveJobConfig([i]);
  assert.equal(r.diagnostics[0]!.message, 'Checkpoint interval must be larger than or equal to 10 ms');
  assert.deepEqual(r.diagnostics[0]!.range, i.valueRange);
  const t = set(2, 'execution.checkpointing.timeout', '1');
  const rt = resolveJobConfig([set(1, 'execution.checkpointing.interval', '1 s'), t]);
  assert.equal(rt.diagnostics[0]!.message, 'Checkpoint timeout must be larger than or equal to 10 ms');
});

test('unaligned checkpoints under AT_LEAST_ONCE are disabled with Flink\'s warning', () => {
  const u = set(2, 'execution.checkpointing.unaligned.enabled', 'true');
  const r = resolveJobConfig([set(1, 'execution.checkpointing.interval', '1 s'), u, set(3, 'execution.checkpointing.mode', 'AT_LEAST_ONCE')]);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.severity, 'warning');
  assert.match(r.diagnostics[0]!.message, /^Unaligned checkpoints can only be used with checkpointing mode EXACTLY_ONCE/);
  assert.deepEqual(r.diagnostics[0]!.range, u.valueRange);
  assert.equal(r.config.checkpointing.unaligned, false);
});

test('min-pause longer than the interval becomes the interval', () => {
  const r = resolveJobConfig([set(1, 'execution.checkpointing.interval', '1 s'), set(2, 'execution.checkpointing.min-pause', '5 s')]);
  assert.equal(r.config.checkpointing.intervalMs, 5000);
  assert.equal(r.diagnostics[0]!.severity, 'info');
});

test('checkpoint settings without an interval warn that checkpointing is off', () => {
  const m = set(1, 'execution.checkpointing.mode', 'AT_LEAST_ONCE');
  const r = resolveJobConfig([m]);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0]!.message, /has no effect: checkpointing is disabled because 'execution\.checkpointing\.interval' is not set/);
  assert.deepEqual(r.diagnostics[0]!.range, m.keyRange);
});

test('deprecated keys warn and map to the new key; the new key wins when both are set', () => {
  const old = set(1, 'state.checkpoints.dir', 'file:///tmp/ckpt');
  const r = resolveJobConfig([old]);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.severity, 'warning');
  assert.equal(r.diagnostics[0]!.message, "Config uses deprecated configuration key 'state.checkpoints.dir' instead of proper key 'execution.checkpointing.dir'.");
  assert.deepEqual(r.diagnostics[0]!.range, old.keyRange);
  assert.equal(r.config.checkpointing.dir, 'file:///tmp/ckpt');
  assert.equal(r.config.checkpointing.storage, 'filesystem');
  assert.equal(r.config.raw.get('state.checkpoints.dir'), 'file:///tmp/ckpt');

  const both = resolveJobConfig([
    set(1, 'execution.checkpointing.interval', '1 s'),
    set(2, 'execution.checkpointing.unaligned.enabled', 'true'),
    set(3, 'execution.checkpointing.unaligned', 'false'),
  ]);
  assert.equal(both.config.checkpointing.unaligned, true);
  assert.ok(both.diagnostics.some((d) => /'execution\.checkpointing\.unaligned' is ignored because 'execution\.checkpointing\.unaligned\.enabled' is also set/.test(d.message)));
  const bt = resolveJobConfig([set(1, 'execution.buffer-timeout', '5 ms')]);
  assert.equal(bt.config.bufferTimeoutMs, 5);
  assert.equal(resolveJobConfig([set(1, 'execution.buffer-timeout.enabled', 'false')]).config.bufferTimeoutMs, -1);
});

test('unknown keys warn with a did-you-mean', () => {
  const s = set(1, 'execution.checkpointing.intervall', '10 s');
  const r = resolveJobConfig([s]);
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0]!;
  assert.equal(d.severity, 'warning');
  assert.equal(d.code, 'unknown-config-key');
  assert.match(d.message, /Did you mean 'execution\.checkpointing\.interval'\?$/);
  assert.deepEqual(d.range, s.keyRange);
  assert.equal(r.config.raw.get('execution.checkpointing.intervall'), '10 s');
  const far = resolveJobConfig([set(1, 'my.custom.thing', 'x')]).diagnostics[0]!;
  assert.doesNotMatch(far.message, /Did you mean/);
});

test('a later SET of the same key wins', () => {
  const r = resolveJobConfig([set(1, 'parallelism.default', '2'), set(2, 'parallelism.default', '6')]);
  assert.equal(r.config.parallelism, 6);
  assert.equal(r.config.raw.get('parallelism.default'), '6');
});

test('mini-batch parses but is reported unsupported when enabled', () => {
  const s = set(1, 'table.exec.mini-batch.enabled', 'true');
  const r = resolveJobConfig([s, set(2, 'table.exec.mini-batch.allow-latency', '2 s'), set(3, 'table.exec.mini-batch.size', '5000')]);
  assert.deepEqual(r.config.miniBatch, { enabled: true, allowLatencyMs: 2000, size: 5000 });
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.code, 'unsupported');
  assert.deepEqual(r.diagnostics[0]!.range, s.valueRange);
});

test('table.local-time-zone is validated as Flink does', () => {
  assert.deepEqual(resolveJobConfig([set(1, 'table.local-time-zone', 'Europe/Berlin')]).diagnostics, []);
  assert.deepEqual(resolveJobConfig([set(1, 'table.local-time-zone', 'GMT-08:00')]).diagnostics, []);
  const bad = resolveJobConfig([set(1, 'table.local-time-zone', 'UTC+8')]).diagnostics[0]!;
  assert.match(bad.message, /The supported Zone ID is either a full name such as 'America\/Los_Angeles'.*configured Zone ID is 'UTC\+8'/);
  assert.equal(resolveJobConfig([set(1, 'table.local-time-zone', 'Mars/Olympus')]).diagnostics.length, 1);
});

test('catalogue lookups for the language server', () => {
  const ckpt = lookupConfigKey('execution.checkpointing.interval');
  assert.equal(ckpt?.entry.type, 'duration');
  assert.equal(ckpt?.deprecatedName, undefined);
  const old = lookupConfigKey('restart-strategy');
  assert.equal(old?.entry.key, 'restart-strategy.type');
  assert.equal(old?.deprecatedName, 'restart-strategy');
  assert.equal(lookupConfigKey('nope'), undefined);
  const keys = allConfigKeys().map((k) => k.key);
  for (const k of ['parallelism.default', 'pipeline.max-parallelism', 'table.local-time-zone', 'pipeline.auto-watermark-interval', 'taskmanager.numberOfTaskSlots', 'state.backend.type', 'execution.state-recovery.path', 'pipeline.name', 'table.exec.source.idle-timeout']) {
    assert.ok(keys.includes(k), k);
  }
  for (const e of allConfigKeys()) assert.ok(e.description.length > 10, e.key);
  assert.equal(lookupConfigKey('pipeline.auto-watermark-interval')?.entry.defaultValue, '200 ms');
});
