// Differential tests: every job file of the corpus (test/fixtures/differential/ and examples/) runs
// on the local runtime (the built CLI) and on the real Flink test cluster, and every sink's final
// table must be the same; key-placement jobs also check each GROUP BY key's subtask.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { requireFlinkCluster } from '../support/flinkCluster.js';
import { describeJob, listCorpus, stageJob, CORPUS_DIR, type JobTables } from './differential/corpus.js';
import { diffTables, formatTableDiff, tablesAgree, type TableDiff } from './differential/compareTables.js';
import { runOnFlink, type FlinkRun } from './differential/flinkEngine.js';
import { checkKeyPlacement, readKeysById, type KeyJob } from './differential/keyPlacement.js';
import { foldRetractTable, parsePrintLines, type PrintLine } from './differential/printLines.js';
import { runOnRuntime, type RuntimeRun } from './differential/runtimeEngine.js';
import { readCommittedRows } from './differential/sinkFiles.js';

/**
 * Jobs whose print sink is chained to a one-column GROUP BY aggregate: the print prefix of each
 * key's rows is the subtask that owns the key. Their rows end with MIN(id), the input row id.
 */
const KEY_JOBS: readonly KeyJob[] = [
  {
    job: 'keyPlacementString',
    keyType: 'sql-string',
    sink: 'string_keys',
    input: 'inputs/string-keys/keys.json',
    read: { format: 'json', idField: 'id', keyField: 'k' },
  },
  {
    job: 'keyPlacementInt',
    keyType: 'sql-int',
    sink: 'int_keys',
    input: 'inputs/int-keys/keys.csv',
    read: { format: 'csv', idColumn: 0, keyColumn: 1, nullLiteral: 'NULL' },
  },
  {
    job: 'keyPlacementBigint',
    keyType: 'sql-bigint',
    sink: 'bigint_keys',
    input: 'inputs/bigint-keys/keys.json',
    read: { format: 'json', idField: 'id', keyField: 'k' },
  },
];

/**
 * Differences between the runtime and Flink that are known and not yet resolved (runtime bugs to
 * fix in runtime/, not here). Each entry is asserted to be exactly the difference seen, so the
 * test fails as soon as either side changes: then fix the runtime or update the entry. Keep this
 * list short: a corpus job should be one both engines must agree on.
 */
type KnownDifference =
  | {
      /** Both engines finish, and one sink's final tables differ by exactly these rows. */
      readonly kind: 'rows';
      readonly job: string;
      readonly sink: string;
      /** What differs and why. */
      readonly why: string;
      readonly onlyInFlink: readonly string[];
      readonly onlyInRuntime: readonly string[];
    }
  | {
      /** The final tables agree, but the print/blackhole sink runs at another parallelism (so print prefixes differ). */
      readonly kind: 'sink-parallelism';
      readonly job: string;
      readonly sink: string;
      readonly why: string;
      readonly flink: number;
      readonly runtime: number;
    }
  | {
      /** Flink fails the job with this exception text; the runtime finishes with these final tables. */
      readonly kind: 'flink-fails';
      readonly job: string;
      readonly why: string;
      readonly flinkFailure: string;
      readonly runtimeRows: Readonly<Record<string, readonly string[]>>;
    };

const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    kind: 'rows',
    job: 'knownTimestampMicros',
    sink: 'precise_out',
    why: 'TIMESTAMP(6)/TIMESTAMP(9): Flink keeps micro- and nanoseconds, the runtime cuts every timestamp to milliseconds',
    onlyInFlink: [
      '[1, 2024-01-01T00:00:00.123456, 2024-01-01T00:00:00.123456789, 2024-01-01T00:00:00.123456, 2024-01-01T00:00:00.654321, 2024-01-01 00:00:00.123456, 2024-01-01T00:00:01.123456]',
      '[2, 2024-06-30T23:59:59.999999, 2024-06-30T23:59:59.000000001, 2024-01-01T00:00:00.123456, 2024-01-01T00:00:00.654321, 2024-06-30 23:59:59.999999, 2024-07-01T00:00:00.999999]',
    ],
    onlyInRuntime: [
      '[1, 2024-01-01T00:00:00.123, 2024-01-01T00:00:00.123, 2024-01-01T00:00:00.123, 2024-01-01T00:00:00.654, 2024-01-01 00:00:00.123000, 2024-01-01T00:00:01.123]',
      '[2, 2024-06-30T23:59:59.999, 2024-06-30T23:59:59, 2024-01-01T00:00:00.123, 2024-01-01T00:00:00.654, 2024-06-30 23:59:59.999000, 2024-07-01T00:00:00.999]',
    ],
  },
];

/**
 * Jobs both engines must fail, as Flink does: each failure must contain the given text (Flink's
 * exception, the runtime's failure message).
 */
const FAILING_JOBS: readonly { readonly job: string; readonly why: string; readonly flinkFailure: string; readonly runtimeFailure: string }[] = [
  {
    job: 'csvEmptyNumberFails',
    why: 'an empty csv field of an INT column without csv.null-literal is not a number',
    flinkFailure: 'java.lang.NumberFormatException: For input string: ""',
    runtimeFailure: `field 'v' (INT): For input string: ""`,
  },
  {
    job: 'sinkNotNullFails',
    why: "a NULL written into a sink's PRIMARY KEY (hence NOT NULL) column, with the default sink NOT NULL enforcer",
    flinkFailure: "EnforcerException: Column 'sensor' is NOT NULL, however, a null value is being written into it.",
    runtimeFailure: "EnforcerException: Column 'sensor' is NOT NULL, however, a null value is being written into it.",
  },
];

const totals = { jobs: 0, sinks: 0, rows: 0, keys: 0, failing: 0, knownDifferences: 0, flinkMs: 0, runtimeMs: 0 };
const corpus = listCorpus();
const workRoot = mkdtempSync(join(tmpdir(), 'checkpoint-lab-differential-'));
let failures = 0;

after(() => {
  if (failures === 0) rmSync(workRoot, { recursive: true, force: true });
  else console.error(`differential: the staged jobs and both engines' output are kept in ${workRoot}`);
});

/** The print lines of the job's print tables; a line that looks printed but fits no table fails. */
function printLinesOf(engine: string, output: string, tables: JobTables): PrintLine[] {
  const { lines, unmatched } = parsePrintLines(output, tables.print);
  const stray = unmatched.filter((l) => /^(\S.*> )?[+-][IUD]\[/.test(l));
  assert.ok(stray.length === 0, `${engine} printed lines that belong to no print table of the job (identifier or prefix differs?):\n${stray.slice(0, 20).join('\n')}`);
  return lines;
}

/** The runtime's final table of each print and filesystem sink, canonical rows; and its print lines. */
function runtimeTables(tables: JobTables, runtimeFile: string, runtime: RuntimeRun): { rows: Map<string, string[]>; print: PrintLine[] } {
  const rows = new Map<string, string[]>();
  const print = printLinesOf('the runtime', runtime.stderr, tables);
  for (const t of tables.print) {
    const folded = foldRetractTable(print.filter((l) => l.table === t.name));
    // The runtime's own final table (--json) must be what its print lines fold to.
    assert.equal(folded.length, runtime.summary.sinks[t.name]?.rows.length, `the runtime's --json table ${t.name} and its print lines disagree`);
    rows.set(t.name, folded);
  }
  for (const t of tables.filesystem) {
    const committed = readCommittedRows(join(dirname(runtimeFile), t.path), t).rows;
    assert.equal(committed.length, runtime.summary.sinks[t.name]?.rows.length, `the runtime's --json table ${t.name} and its committed files disagree`);
    rows.set(t.name, committed);
  }
  return { rows, print };
}

/** Flink's final table of each print and filesystem sink, canonical rows; and its print lines. */
function flinkTables(tables: JobTables, flinkFile: string, flink: FlinkRun): { rows: Map<string, string[]>; print: PrintLine[] } {
  const rows = new Map<string, string[]>();
  const print = printLinesOf('Flink', flink.printOutput, tables);
  for (const t of tables.print) rows.set(t.name, foldRetractTable(print.filter((l) => l.table === t.name)));
  for (const t of tables.filesystem) rows.set(t.name, readCommittedRows(join(dirname(flinkFile), t.path), t).rows);
  for (const [name, r] of rows) assert.ok(r.length > 0, `sink ${name} holds no row on Flink: a corpus job must write something to every sink it compares`);
  return { rows, print };
}

/**
 * The parallelism of the job vertex that writes to `table`: named `Sink: <table>` (print; the
 * runtime's blackhole too) or `<table>[id]: Writer` (Flink's blackhole, a SinkV2), if any.
 */
function sinkParallelism(vertices: readonly { readonly name: string; readonly parallelism: number }[], table: string): number | undefined {
  const t = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`Sink: ${t}(\\[\\d+\\])?(?=$|[ ,)])|(^|[ (,])${t}\\[\\d+\\]: Writer`);
  return vertices.find((v) => re.test(v.name))?.parallelism;
}

/**
 * Each print and blackhole sink runs at the same parallelism on both engines (for print that is
 * whether lines carry an `N>` subtask prefix and how many subtasks there are).
 */
function assertSinkParallelism(job: string, tables: JobTables, flink: FlinkRun, runtime: RuntimeRun): void {
  const problems: string[] = [];
  for (const sink of [...tables.print.map((t) => t.name), ...tables.blackhole]) {
    const f = sinkParallelism(flink.jobs.flatMap((j) => j.vertices), sink);
    const r = sinkParallelism(runtime.summary.job?.vertices ?? [], sink);
    const known = KNOWN_DIFFERENCES.find((k) => k.kind === 'sink-parallelism' && k.job === job && k.sink === sink);
    const want = known?.kind === 'sink-parallelism' ? { flink: known.flink, runtime: known.runtime } : undefined;
    if (f === undefined || r === undefined) problems.push(`sink ${sink}: no job vertex named after it (Flink ${f}, runtime ${r})`);
    else if (want ? f !== want.flink || r !== want.runtime : f !== r) {
      problems.push(`sink ${sink} runs at parallelism ${f} on Flink and ${r} on the runtime${want ? ` (recorded: ${want.flink} and ${want.runtime})` : ''}`);
    }
  }
  assert.ok(problems.length === 0, `${job}: sink parallelism differs\n${problems.join('\n')}`);
}

/** Asserts each sink agrees, or differs exactly as a known difference says. */
function assertAgreement(job: string, diffs: readonly TableDiff[]): void {
  const problems: string[] = [];
  for (const d of diffs) {
    const known = KNOWN_DIFFERENCES.find((k) => k.kind === 'rows' && k.job === job && k.sink === d.sink);
    if (known?.kind === 'rows') {
      const same =
        JSON.stringify(d.onlyInFlink) === JSON.stringify([...known.onlyInFlink].sort()) &&
        JSON.stringify(d.onlyInRuntime) === JSON.stringify([...known.onlyInRuntime].sort());
      if (!same) problems.push(`known difference of ${job}/${d.sink} (${known.why}) changed:\n${formatTableDiff(d)}`);
    } else if (!tablesAgree(d)) {
      problems.push(formatTableDiff(d));
    }
  }
  for (const k of KNOWN_DIFFERENCES) {
    if (k.kind === 'rows' && k.job === job && !diffs.some((d) => d.sink === k.sink)) problems.push(`known difference of ${job}/${k.sink}: the job has no such sink`);
  }
  assert.ok(problems.length === 0, `${job}: the runtime and Flink disagree\n${problems.join('\n')}`);
}

/** Checks the key placement of a key job: chaining on both engines, then every key's subtask. */
function assertKeyPlacement(spec: KeyJob, flink: FlinkRun, runtime: RuntimeRun, flinkPrint: readonly PrintLine[], runtimePrint: readonly PrintLine[]): number {
  const isAggWithSink = (name: string) => name.includes('GroupAggregate') && name.includes(`Sink: ${spec.sink}`);
  const rv = runtime.summary.job?.vertices.find((v) => isAggWithSink(v.name));
  assert.ok(rv, `the runtime does not chain the print sink ${spec.sink} to the GroupAggregate: ${JSON.stringify(runtime.summary.job?.vertices.map((v) => v.name))}`);
  const fv = flink.jobs.flatMap((j) => j.vertices).find((v) => isAggWithSink(v.name));
  assert.ok(fv, `Flink does not chain the print sink ${spec.sink} to the GroupAggregate: ${JSON.stringify(flink.jobs.flatMap((j) => j.vertices.map((v) => v.name)))}`);
  assert.equal(rv.parallelism, fv.parallelism, 'aggregate parallelism');
  assert.equal(rv.maxParallelism, fv.maxParallelism, 'aggregate max parallelism');
  assert.ok(fv.parallelism > 1, 'a key-placement job needs parallelism > 1 to print subtask prefixes');
  const keys = readKeysById(spec, join(CORPUS_DIR, spec.input));
  const { problems, keysChecked } = checkKeyPlacement(spec, keys, flinkPrint, runtimePrint, fv.maxParallelism, fv.parallelism);
  const shown = problems.slice(0, 20).join('\n');
  assert.ok(problems.length === 0, `${spec.job}: ${problems.length} of ${keysChecked} keys placed differently\n${shown}${problems.length > 20 ? `\n… and ${problems.length - 20} more` : ''}`);
  return keysChecked;
}

test('the Flink test cluster is available', () => {
  const cluster = requireFlinkCluster();
  assert.match(cluster.flinkVersion, /^2\./);
});

for (const job of corpus) {
  const known = KNOWN_DIFFERENCES.some((k) => k.job === job.name);
  const fails = FAILING_JOBS.some((f) => f.job === job.name);
  const title = known ? 'the runtime and Flink differ exactly as recorded' : fails ? 'the runtime fails like Flink' : 'the runtime and Flink agree';
  test(`${job.name}: ${title}`, async () => {
    try {
      const cluster = requireFlinkCluster();
      const tables = describeJob(job.file);
      const dir = join(workRoot, job.name.replace(/[\\/]/g, '-'));
      const runtimeFile = stageJob(job, tables, join(dir, 'runtime'));
      const flinkFile = stageJob(job, tables, join(dir, 'flink'));
      // The runtime runs while Flink does: it neither reads nor writes Flink's files.
      const runtimeRun = runOnRuntime(runtimeFile);
      runtimeRun.catch(() => undefined);
      const flink = await runOnFlink(cluster, flinkFile);
      const runtime = await runtimeRun;
      const failed = flink.jobs.filter((j) => j.state !== 'FINISHED');
      const flinkOutcome = () => flink.jobs.map((j) => `${j.state}${j.failure ? `:\n${j.failure}` : ''}`).join(', ');
      const failing = FAILING_JOBS.find((f) => f.job === job.name);
      const knownFailure = KNOWN_DIFFERENCES.find((k) => k.kind === 'flink-fails' && k.job === job.name);
      if (failing) {
        assert.ok(failed.some((j) => j.failure?.includes(failing.flinkFailure)), `${job.name} (${failing.why}): Flink was expected to fail with ${failing.flinkFailure}; its jobs ended ${flinkOutcome()}`);
        assert.equal(runtime.summary.status, 'FAILED', `${job.name} (${failing.why}): the runtime was expected to fail like Flink`);
        assert.ok(runtime.summary.failure?.message?.includes(failing.runtimeFailure), `${job.name}: the runtime failed with ${JSON.stringify(runtime.summary.failure)}, expected ${failing.runtimeFailure}`);
        totals.failing++;
      } else if (knownFailure?.kind === 'flink-fails') {
        assert.equal(runtime.summary.status, 'FINISHED', `the runtime's run ended ${runtime.summary.status}: ${JSON.stringify(runtime.summary.failure)}`);
        const r = runtimeTables(tables, runtimeFile, runtime);
        assert.ok(
          failed.some((j) => j.failure?.includes(knownFailure.flinkFailure)),
          `known difference of ${job.name} (${knownFailure.why}) changed: Flink was expected to fail with ${knownFailure.flinkFailure}, its jobs ended ${flinkOutcome()}`,
        );
        assert.deepEqual(Object.fromEntries(r.rows), Object.fromEntries(Object.entries(knownFailure.runtimeRows).map(([k, v]) => [k, [...v].sort()])), `known difference of ${job.name}: the runtime's tables changed`);
        totals.knownDifferences++;
      } else {
        assert.ok(failed.length === 0, `Flink: ${failed.map((j) => `job ${j.jobId} ended ${j.state}\n${j.failure ?? ''}`).join('\n')}`);
        assert.equal(runtime.summary.status, 'FINISHED', `the runtime's run ended ${runtime.summary.status}: ${JSON.stringify(runtime.summary.failure)}`);
        const r = runtimeTables(tables, runtimeFile, runtime);
        const f = flinkTables(tables, flinkFile, flink);
        const diffs = [...f.rows].map(([sink, rows]) => diffTables(sink, rows, r.rows.get(sink) ?? []));
        assertAgreement(job.name, diffs);
        assertSinkParallelism(job.name, tables, flink, runtime);
        const spec = KEY_JOBS.find((k) => k.job === job.name);
        if (spec) totals.keys += assertKeyPlacement(spec, flink, runtime, f.print, r.print);
        totals.knownDifferences += KNOWN_DIFFERENCES.filter((k) => k.job === job.name).length;
        totals.rows += diffs.reduce((n, d) => n + d.flinkRows, 0);
      }
      totals.sinks += tables.print.length + tables.filesystem.length + tables.blackhole.length;
      totals.jobs++;
      totals.flinkMs += flink.wallMs;
      totals.runtimeMs += runtime.wallMs;
    } catch (e) {
      failures++;
      throw e;
    }
  });
}

test('every corpus job and key-placement job was compared', (t) => {
  t.diagnostic(
    `differential: ${totals.jobs} of ${corpus.length} jobs compared, ${totals.sinks} sinks, ${totals.rows} rows, ${totals.keys} keys checked, ` +
      `${totals.failing} failing as on Flink, ${totals.knownDifferences} known differences confirmed ` +
      `(Flink ${(totals.flinkMs / 1000).toFixed(1)} s, runtime ${(totals.runtimeMs / 1000).toFixed(1)} s)`,
  );
  assert.equal(totals.jobs, corpus.length);
  for (const k of KEY_JOBS) assert.ok(corpus.some((j) => j.name === k.job), `key-placement job ${k.job} is not in the corpus`);
  assert.ok(totals.keys > 0);
  for (const k of [...KNOWN_DIFFERENCES, ...FAILING_JOBS]) assert.ok(corpus.some((j) => j.name === k.job), `${k.job} is listed but is no corpus job`);
});
