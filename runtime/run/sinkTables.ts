// Sink tables compared under each sink's end-to-end guarantee: the row-by-row comparison the
// verifier and chaos runs report. Pure runtime code: no host imports.
import type { PlannedSink } from '../plan/compiledJob.js';
import type { SinkResultJson } from './localRun.js';

/**
 * A sink's end-to-end guarantee as the verifier applies it: `exactly-once` output must equal the
 * run without faults; `at-least-once` output may repeat rows (replays after a recovery) but must
 * lose none and end with the right table.
 */
export type SinkGuarantee = 'exactly-once' | 'at-least-once';

/** One distinct row and how many copies of it a difference concerns. */
export interface RowCount {
  /** The row, keyed by column name (values as `toJsonValue` renders them). */
  readonly row: Readonly<Record<string, unknown>>;
  /** Copies (≥ 1). */
  readonly count: number;
}

/** An upsert sink holds a different row for a unique key than the run without faults. */
export interface ChangedRow {
  /** The unique key's values, keyed by column name. */
  readonly key: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, unknown>>;
  readonly actual: Readonly<Record<string, unknown>>;
}

/** Row counts per changelog kind. */
export type ChangelogCounts = Readonly<Record<'+I' | '-U' | '+U' | '-D', number>>;

/** The comparison of one sink. */
export interface SinkVerifyReport {
  readonly sink: string;
  readonly connector: string;
  readonly guarantee: SinkGuarantee;
  /** Why the sink has that guarantee, in one sentence. */
  readonly guaranteeReason: string;
  /** `upsert`: one row per unique key; `multiset`: every row written (and not retracted). */
  readonly table: 'upsert' | 'multiset';
  /** Unique key column names (upsert tables only). */
  readonly uniqueKey?: readonly string[];
  /** Whether the sink meets its guarantee. */
  readonly ok: boolean;
  /** Why it does not (empty when ok). */
  readonly problems: readonly string[];
  /** Rows in the final table of the run without faults / with faults. */
  readonly expectedRows: number;
  readonly actualRows: number;
  /** Rows of the expected table missing from the actual one (upsert: keys missing). */
  readonly lost: readonly RowCount[];
  /** Extra copies in the actual table of rows the expected table has. */
  readonly duplicated: readonly RowCount[];
  /** Rows of the actual table the expected table never has (upsert: keys it does not have). */
  readonly unexpected: readonly RowCount[];
  /** Upsert tables: keys whose final row differs. */
  readonly changed: readonly ChangedRow[];
  /** Sums of the counts above (the lists may be shortened by `compactVerifyReport`). */
  readonly lostCount: number;
  readonly duplicatedCount: number;
  readonly unexpectedCount: number;
  readonly changedCount: number;
  /**
   * The changelogs the sink received: expected, actual, and `duplicated`, the rows received beyond
   * the expected count of each kind (replays after a recovery; what an at-least-once sink shows).
   */
  readonly changelog: { readonly expected: ChangelogCounts; readonly actual: ChangelogCounts; readonly duplicated: number };
}


/** The comparison of a run with faults against the run without. */
export interface VerifyReport {
  /** True when every sink meets its guarantee (and, from `verifyRun`, the run with faults finished). */
  readonly ok: boolean;
  readonly sinks: readonly SinkVerifyReport[];
  /** Why the sink tables were not compared (the run with faults did not finish: its tables are partial). */
  readonly notCompared?: string;
  /** How the run with faults ended (set by `verifyRun`). */
  readonly faultyRun?: {
    readonly state: string;
    readonly restarts: number;
    readonly failures: number;
    readonly firedFaults: number;
    readonly failureReason?: string;
    readonly error?: string;
  };
}


/** The guarantee of a sink, and why. */
export function sinkGuarantee(sink: PlannedSink): { guarantee: SinkGuarantee; reason: string } {
  switch (sink.connector) {
    case 'filesystem':
      return { guarantee: 'exactly-once', reason: 'two-phase commit: only files committed by a completed checkpoint are output' };
    case 'print':
      return { guarantee: 'at-least-once', reason: 'print writes every row as it arrives, so rows replayed after a recovery are printed again' };
    case 'blackhole':
      return sink.uniqueKey
        ? { guarantee: 'exactly-once', reason: 'upserts by the unique key are idempotent: a replayed update overwrites the same row' }
        : { guarantee: 'at-least-once', reason: 'an append-only sink without transactions receives the rows replayed after a recovery again' };
    default:
      return { guarantee: 'at-least-once', reason: `the '${sink.connector}' connector does not take part in checkpoints` };
  }
}

/** Identity of a row (or key): its values in column order. */
function identity(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  return JSON.stringify(columns.map((c) => row[c] ?? null));
}

function pickColumns(row: Readonly<Record<string, unknown>>, columns: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const c of columns) o[c] = row[c];
  return o;
}

/** Distinct rows with their multiplicity, in first-occurrence order. */
function countRows(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): Map<string, RowCount> {
  const m = new Map<string, RowCount>();
  for (const row of rows) {
    const id = identity(row, columns);
    const e = m.get(id);
    m.set(id, e ? { row: e.row, count: e.count + 1 } : { row, count: 1 });
  }
  return m;
}

const NO_CHANGELOG: ChangelogCounts = { '+I': 0, '-U': 0, '+U': 0, '-D': 0 };

/** Compares one sink's final tables. */
function compareSink(sink: PlannedSink, expected: SinkResultJson | undefined, actual: SinkResultJson | undefined): SinkVerifyReport {
  const { guarantee, reason } = sinkGuarantee(sink);
  const columns = sink.columns;
  const expRows = expected?.rows ?? [];
  const actRows = actual?.rows ?? [];
  const lost: RowCount[] = [];
  const duplicated: RowCount[] = [];
  const unexpected: RowCount[] = [];
  const changed: ChangedRow[] = [];
  const keyColumns = sink.uniqueKey?.map((i) => columns[i]!);
  if (keyColumns) {
    const byKey = (rows: readonly Readonly<Record<string, unknown>>[]) => new Map(rows.map((r) => [identity(r, keyColumns), r]));
    const exp = byKey(expRows);
    const act = byKey(actRows);
    for (const [k, row] of exp) {
      const other = act.get(k);
      if (!other) lost.push({ row, count: 1 });
      else if (identity(other, columns) !== identity(row, columns)) changed.push({ key: pickColumns(row, keyColumns), expected: row, actual: other });
    }
    for (const [k, row] of act) if (!exp.has(k)) unexpected.push({ row, count: 1 });
  } else {
    const exp = countRows(expRows, columns);
    const act = countRows(actRows, columns);
    for (const [id, e] of exp) {
      const a = act.get(id)?.count ?? 0;
      if (a < e.count) lost.push({ row: e.row, count: e.count - a });
      else if (a > e.count) duplicated.push({ row: e.row, count: a - e.count });
    }
    for (const [id, a] of act) if (!exp.has(id)) unexpected.push(a);
  }
  const sum = (xs: readonly RowCount[]) => xs.reduce((n, x) => n + x.count, 0);
  const lostCount = sum(lost);
  const duplicatedCount = sum(duplicated);
  const unexpectedCount = sum(unexpected);
  const problems: string[] = [];
  if (lostCount > 0) problems.push(`${lostCount} row(s) lost`);
  if (changed.length > 0) problems.push(`${changed.length} key(s) end with a wrong value`);
  if (unexpectedCount > 0) problems.push(`${unexpectedCount} unexpected row(s)`);
  if (duplicatedCount > 0 && guarantee === 'exactly-once') problems.push(`${duplicatedCount} duplicated row(s) in an exactly-once sink`);
  if (!expected) problems.push('the run without faults has no table for this sink');
  if (!actual) problems.push('the run with faults has no table for this sink');
  const expCl = expected?.changelog ?? NO_CHANGELOG;
  const actCl = actual?.changelog ?? NO_CHANGELOG;
  const kinds = ['+I', '-U', '+U', '-D'] as const;
  const changelogDuplicated = kinds.reduce((n, k) => n + Math.max(0, actCl[k] - expCl[k]), 0);
  return {
    sink: sink.name,
    connector: sink.connector,
    guarantee,
    guaranteeReason: reason,
    table: keyColumns ? 'upsert' : 'multiset',
    ...(keyColumns ? { uniqueKey: keyColumns } : {}),
    ok: problems.length === 0,
    problems,
    expectedRows: expRows.length,
    actualRows: actRows.length,
    lost,
    duplicated,
    unexpected,
    changed,
    lostCount,
    duplicatedCount,
    unexpectedCount,
    changedCount: changed.length,
    changelog: { expected: expCl, actual: actCl, duplicated: changelogDuplicated },
  };
}

/**
 * Compares every sink's final table of a run with faults (`actual`) against the run without
 * (`expected`). An exactly-once sink fails on any difference; an at-least-once sink reports its
 * duplicates but fails only on lost rows, unexpected rows or a wrong upsert value.
 */
export function compareSinkTables(expected: readonly SinkResultJson[], actual: readonly SinkResultJson[], sinks: readonly PlannedSink[]): VerifyReport {
  const reports = sinks.map((s) =>
    compareSink(
      s,
      expected.find((r) => r.sink === s.name),
      actual.find((r) => r.sink === s.name),
    ),
  );
  return { ok: reports.every((r) => r.ok), sinks: reports };
}

/**
 * The report with at most `maxRows` rows listed per kind of difference (counts stay exact), for
 * chaos output and JSON.
 */
export function compactVerifyReport(report: VerifyReport, maxRows = 5): VerifyReport {
  return {
    ...report,
    sinks: report.sinks.map((s) => ({
      ...s,
      lost: s.lost.slice(0, maxRows),
      duplicated: s.duplicated.slice(0, maxRows),
      unexpected: s.unexpected.slice(0, maxRows),
      changed: s.changed.slice(0, maxRows),
    })),
  };
}
