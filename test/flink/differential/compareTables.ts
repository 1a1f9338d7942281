// Compares two engines' final tables as multisets of canonical row texts and renders the
// difference for a test failure: rows only in Flink, rows only in the runtime, with counts.
// Pure; imports only the json reader.
import { canonicalJson, parseJsonPreserving } from './jsonText.js';

/** How two multisets of rows differ. */
export interface TableDiff {
  readonly sink: string;
  readonly flinkRows: number;
  readonly runtimeRows: number;
  /** Rows Flink has more often than the runtime (sorted, repeated as often as the surplus). */
  readonly onlyInFlink: string[];
  /** Rows the runtime has more often than Flink. */
  readonly onlyInRuntime: string[];
}

function counts(rows: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

function surplus(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [row, n] of a) for (let i = (b.get(row) ?? 0); i < n; i++) out.push(row);
  return out.sort();
}

/** The multiset difference of two tables. */
export function diffTables(sink: string, flink: readonly string[], runtime: readonly string[]): TableDiff {
  const f = counts(flink);
  const r = counts(runtime);
  return { sink, flinkRows: flink.length, runtimeRows: runtime.length, onlyInFlink: surplus(f, r), onlyInRuntime: surplus(r, f) };
}

/** Whether the two tables are equal as multisets. */
export function tablesAgree(d: TableDiff): boolean {
  return d.onlyInFlink.length === 0 && d.onlyInRuntime.length === 0;
}

function listed(title: string, rows: readonly string[], limit: number): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, limit).map((r) => `    ${r}`);
  if (rows.length > limit) shown.push(`    … and ${rows.length - limit} more`);
  return [`  ${title} (${rows.length}):`, ...shown];
}

/** A row's fields for display: a print row `[a, b]` split at `, `, a canonical csv/json row parsed. */
function fieldsOf(row: string): string[] {
  if (row.startsWith('["') || row.startsWith('{')) {
    try {
      const v = parseJsonPreserving(row);
      if (v.kind === 'array') return v.items.map((x) => (x.kind === 'string' ? x.value : canonicalJson(x)));
      if (v.kind === 'object') return [...v.fields].map(([k, x]) => `${k}=${canonicalJson(x)}`);
    } catch {
      // not a canonical row: shown whole
    }
    return [row];
  }
  return row.startsWith('[') && row.endsWith(']') ? row.slice(1, -1).split(', ') : [row];
}

/**
 * Where a row only in Flink and a row only in the runtime with the same first field differ,
 * column by column (e.g. `column 29: Flink 1730615400, runtime 1730611800`).
 */
function columnHints(d: TableDiff, limit: number): string[] {
  const byFirst = (rows: readonly string[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const f = fieldsOf(r);
      const k = f[0] ?? '';
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const flink = byFirst(d.onlyInFlink);
  const runtime = byFirst(d.onlyInRuntime);
  const hints: string[] = [];
  for (const [first, fr] of flink) {
    const rr = runtime.get(first);
    if (fr.length !== 1 || rr?.length !== 1) continue;
    const a = fieldsOf(fr[0]!);
    const b = fieldsOf(rr[0]!);
    if (a.length !== b.length) continue;
    const cols = a.flatMap((x, i) => (x === b[i] ? [] : [`column ${i + 1}: Flink ${x}, runtime ${b[i]}`]));
    hints.push(`    first field ${first}: ${cols.join('; ')}`);
  }
  if (hints.length === 0) return [];
  return [`  rows with the same first field, by column (${hints.length}):`, ...hints.slice(0, limit), ...(hints.length > limit ? [`    … and ${hints.length - limit} more`] : [])];
}

/** A readable report of a difference, at most `limit` rows per side. */
export function formatTableDiff(d: TableDiff, limit = 20): string {
  return [
    `sink ${d.sink}: Flink has ${d.flinkRows} rows, the runtime ${d.runtimeRows}; ${d.onlyInFlink.length} only in Flink, ${d.onlyInRuntime.length} only in the runtime`,
    ...columnHints(d, limit),
    ...listed('only in Flink', d.onlyInFlink, limit),
    ...listed('only in the runtime', d.onlyInRuntime, limit),
  ].join('\n');
}
