// `checkpoint-lab chaos` through runChaosCommand with a capturing io: JSON shape, exit codes,
// the human report with reproducing scenarios, and usage errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runChaosCommand } from '../../cli/chaos.js';
import { runRunCommand } from '../../cli/run.js';
import type { CliIo } from '../../cli/io.js';
import { formatVerifyReport, verifyReportJson } from '../../cli/verifyReport.js';
import type { PlannedSink } from '../../runtime/plan/compiledJob.js';
import { compareSinkTables } from '../../runtime/run/verify.js';
import { appendJob, randomClicksJob } from '../runtime/run/jobs.js';

/** An io that captures stdout and stderr and serves job files from memory (or examples/). */
function capture(files: Record<string, string>, isTerminal = false): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTerminal,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readFile(path: string) {
      if (path in files) return files[path]!;
      if (path.startsWith('examples/')) return readFileSync(path, 'utf8');
      throw new Error(`ENOENT: no such file '${path}'`);
    },
  };
  return io;
}

const RANDOM_CLICKS = randomClicksJob();
const RESTARTING = appendJob('print', { 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '10' });

test('chaos --json prints exactly one object with schedules and divergences, and exits 0 without any', async () => {
  const io = capture({ 'jobs/restarting.flink.sql': RESTARTING });
  const code = await runChaosCommand(['jobs/restarting.flink.sql', '--schedules', '40', '--seed', '2', '--json'], io);
  const out = JSON.parse(io.stdout) as { schedules: number; divergences: unknown[]; passed: number; failedRuns: unknown[]; faultsFired: number };
  assert.equal(code, 0, io.stderr);
  assert.equal(out.schedules, 40);
  assert.deepEqual(out.divergences, []);
  assert.equal(out.passed + out.failedRuns.length, 40);
  assert.ok(out.faultsFired > 0);
  assert.equal(io.stdout.trim().split('\n').length, 1, 'one line of JSON');
});

test('chaos --json exits 3 and gives each divergence its seed, scenario and diff', async () => {
  const io = capture({ 'jobs/clicks.flink.sql': RANDOM_CLICKS });
  const code = await runChaosCommand(['jobs/clicks.flink.sql', '--schedules', '25', '--seed', '3', '--json'], io);
  assert.equal(code, 3);
  const out = JSON.parse(io.stdout) as { schedules: number; divergences: { seed: number; scenario: string; diff: { ok: boolean; sinks: { sink: string }[] } }[] };
  assert.equal(out.schedules, 25);
  assert.ok(out.divergences.length > 0);
  for (const d of out.divergences) {
    assert.ok(Number.isInteger(d.seed));
    assert.match(d.scenario, /^seed: 3\nfaults:\n {2}- /m);
    assert.equal(d.diff.ok, false);
    assert.equal(d.diff.sinks[0]!.sink, 'clicks_per_user');
  }
});

test('chaos without --json reports each divergence with the command and scenario that reproduce it', async () => {
  const io = capture({ 'jobs/clicks.flink.sql': RANDOM_CLICKS }, true);
  const code = await runChaosCommand(['jobs/clicks.flink.sql', '--schedules', '10', '--seed', '3', '--faults-per-schedule', '1'], io);
  assert.equal(code, 3);
  assert.match(io.stdout, /^Chaos: 10 random fault schedule\(s\) of 'clicks' \(--seed 3\)/);
  assert.match(io.stdout, /Divergence 1 of \d+: schedule \d+ \(seed \d+\): output/);
  assert.match(io.stdout, /checkpoint-lab run jobs\/clicks\.flink\.sql --faults chaos-\d+\.faults\.yaml --verify/);
  assert.match(io.stdout, /^ {4}faults:$/m, 'the scenario YAML is printed');
  assert.match(io.stdout, /clicks_per_user \(print, at-least-once, upsert table\): FAILED: wrong value for \d+ key\(s\)/);
  assert.match(io.stderr, /schedule 10\/10 · \d+ divergence\(s\)/, 'a progress line on a terminal');
});

test('usage errors and invalid job files exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [[], /exactly one job file/],
    [['examples/clickstream-counts.flink.sql', '--schedules', '0'], /--schedules expects a positive integer/],
    [['examples/clickstream-counts.flink.sql', '--seed', 'x'], /--seed expects an integer/],
    [['examples/clickstream-counts.flink.sql', '--faults-per-schedule', '3..1'], /--faults-per-schedule/],
    [['examples/clickstream-counts.flink.sql', '--frobnicate'], /frobnicate/],
    [['jobs/missing.flink.sql'], /cannot read job file 'jobs\/missing\.flink\.sql'/],
  ];
  for (const [args, message] of cases) {
    const io = capture({});
    assert.equal(await runChaosCommand(args, io), 2, args.join(' '));
    assert.match(io.stderr, message);
    assert.equal(io.stdout, '');
  }
  const bad = capture({ 'bad.flink.sql': "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nINSERT INTO t SELECT b FROM t;\n" });
  assert.equal(await runChaosCommand(['bad.flink.sql'], bad), 2);
  assert.match(bad.stderr, /bad\.flink\.sql:2:\d+: error: /);
});

test('formatVerifyReport: OK per sink, or lost / duplicated counts with the first rows; verifyReportJson keeps counts', () => {
  const sink = (name: string, connector: string): PlannedSink => ({ name, connector, columns: ['id', 'user'], types: [], updating: false, line: 1 });
  const rows = (ids: number[]) => ids.map((id) => ({ id, user: `u${id % 3}` }));
  const cl = { '+I': 0, '-U': 0, '+U': 0, '-D': 0 };
  const expected = [
    { sink: 'files', columns: ['id', 'user'], rows: rows([1, 2, 3, 4, 5, 6, 7, 8]), changelog: { ...cl, '+I': 8 } },
    { sink: 'printed', columns: ['id', 'user'], rows: rows([1, 2]), changelog: { ...cl, '+I': 2 } },
    { sink: 'same', columns: ['id', 'user'], rows: rows([1]), changelog: { ...cl, '+I': 1 } },
  ];
  const actual = [
    { sink: 'files', columns: ['id', 'user'], rows: rows([1, 2]), changelog: { ...cl, '+I': 2 } },
    { sink: 'printed', columns: ['id', 'user'], rows: rows([1, 2, 2, 2]), changelog: { ...cl, '+I': 4 } },
    { sink: 'same', columns: ['id', 'user'], rows: rows([1]), changelog: { ...cl, '+I': 1 } },
  ];
  const report = compareSinkTables(expected, actual, [sink('files', 'filesystem'), sink('printed', 'print'), sink('same', 'blackhole')]);
  const text = formatVerifyReport(report, 2);
  assert.match(text, /^ {2}files \(filesystem, exactly-once, multiset table\): FAILED: lost 6$/m);
  assert.match(text, /^ {4}lost 6:\n {6}id=3, user=u0\n {6}id=4, user=u1\n {6}… and 4 more$/m);
  assert.match(text, /^ {2}printed \(print, at-least-once, multiset table\): OK \(at-least-once: duplicates are allowed\): duplicated 2$/m);
  assert.match(text, /^ {6}id=2, user=u2 {2}×2$/m);
  assert.match(text, /^ {2}same \(blackhole, at-least-once, multiset table\): OK, 1 row\(s\) equal to the run without faults$/m);
  assert.match(text, /DIVERGED/);
  const json = verifyReportJson(report, 1) as { ok: boolean; sinks: { sink: string; lost: { count: number; rows: unknown[] }; duplicated: { count: number } }[] };
  assert.equal(json.ok, false);
  assert.deepEqual(json.sinks.map((s) => [s.sink, s.lost.count, s.lost.rows.length, s.duplicated.count]), [
    ['files', 6, 1, 0],
    ['printed', 0, 0, 2],
    ['same', 0, 0, 0],
  ]);
});

test('with 20..30 faults per schedule, each divergence chaos prints reproduces with run --faults <its scenario> --verify (exit 3), each scheduled failure too (exit 1)', async () => {
  const io = capture({ 'jobs/clicks.flink.sql': RANDOM_CLICKS });
  const code = await runChaosCommand(['jobs/clicks.flink.sql', '--schedules', '4', '--seed', '3', '--faults-per-schedule', '20..30', '--json'], io);
  assert.equal(code, 3, io.stderr);
  const out = JSON.parse(io.stdout) as { divergences: { schedule: number; kind: string; reason: string; scenario: string }[] };
  assert.ok(out.divergences.length > 0);
  for (const d of out.divergences.slice(0, 2)) {
    const run = capture({ 'jobs/clicks.flink.sql': RANDOM_CLICKS, [`chaos-${d.schedule}.faults.yaml`]: d.scenario });
    const again = await runRunCommand(['jobs/clicks.flink.sql', '--faults', `chaos-${d.schedule}.faults.yaml`, '--verify'], run);
    assert.equal(again, 3, `schedule ${d.schedule} reproduces: ${run.stderr.slice(-400)}`);
    assert.ok(run.stderr.includes(`Verdict: diverged (${d.kind}): ${d.reason}`), `the same verdict for schedule ${d.schedule}`);
  }
  const fewRestarts = appendJob('print', { 'execution.checkpointing.interval': '100 ms', 'restart-strategy.type': 'fixed-delay', 'restart-strategy.fixed-delay.attempts': '2' });
  const io2 = capture({ 'jobs/few.flink.sql': fewRestarts });
  assert.equal(await runChaosCommand(['jobs/few.flink.sql', '--schedules', '4', '--seed', '3', '--faults-per-schedule', '20..30', '--json'], io2), 0, io2.stderr);
  const failed = (JSON.parse(io2.stdout) as { failedRuns: { scenario: string; reason: string }[] }).failedRuns;
  assert.ok(failed.length > 0, 'fixed-delay with 2 attempts gives up under 20 faults');
  for (const f of failed.slice(0, 2)) {
    const run = capture({ 'jobs/few.flink.sql': fewRestarts, 'failed.faults.yaml': f.scenario });
    assert.equal(await runRunCommand(['jobs/few.flink.sql', '--faults', 'failed.faults.yaml', '--verify'], run), 1);
    assert.ok(run.stderr.includes(`Verdict: failed as its faults imply (not a divergence): ${f.reason}`));
    assert.match(run.stderr, /sink tables not compared: the run with faults ended FAILED, so its sink tables are partial/);
  }
});
