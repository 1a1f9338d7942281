// Reads print sink output as Flink writes it (`[identifier[:N]> ]±K[fields]`): attributes each line
// to its print table by the prefix and folds a table's changelog into its final rows.
// Pure string handling; imports nothing of ours.

/** A print table of a job: its name and its `print-identifier`, if it has one. */
export interface PrintTable {
  readonly name: string;
  readonly identifier?: string;
}

/** One parsed print line. */
export interface PrintLine {
  readonly table: string;
  /** The 0-based subtask from the `N>` prefix; undefined when the sink runs with parallelism 1. */
  readonly subtask: number | undefined;
  readonly kind: '+I' | '-U' | '+U' | '-D';
  /** The row without its kind: `[f1, f2, ...]`. */
  readonly fields: string;
}

const ROW = /^([+-][IUD])(\[.*\])$/s;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits print output into the lines of the given tables. A job may have at most one print table
 * without an identifier; lines that belong to none of them are returned as `unmatched`.
 */
export function parsePrintLines(text: string, tables: readonly PrintTable[]): { lines: PrintLine[]; unmatched: string[] } {
  const anonymous = tables.filter((t) => t.identifier === undefined);
  if (anonymous.length > 1) {
    throw new Error(`print tables ${anonymous.map((t) => t.name).join(', ')} have no print-identifier: their lines cannot be told apart`);
  }
  const identified = tables
    .filter((t): t is PrintTable & { identifier: string } => t.identifier !== undefined)
    .sort((a, b) => b.identifier.length - a.identifier.length)
    .map((t) => ({ table: t.name, re: new RegExp(`^${escapeRegExp(t.identifier)}(?::(\\d+))?> (.*)$`, 's') }));
  const lines: PrintLine[] = [];
  const unmatched: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let table: string | undefined;
    let subtask: number | undefined;
    let rest = line;
    for (const t of identified) {
      const m = t.re.exec(line);
      if (m) {
        table = t.table;
        subtask = m[1] === undefined ? undefined : Number(m[1]) - 1;
        rest = m[2]!;
        break;
      }
    }
    if (table === undefined && anonymous.length === 1) {
      const m = /^(\d+)> (.*)$/s.exec(line);
      table = anonymous[0]!.name;
      if (m) {
        subtask = Number(m[1]) - 1;
        rest = m[2]!;
      }
    }
    const row = table === undefined ? null : ROW.exec(rest);
    if (table === undefined || !row) {
      unmatched.push(line);
      continue;
    }
    lines.push({ table, subtask, kind: row[1] as PrintLine['kind'], fields: row[2]! });
  }
  return { lines, unmatched };
}

/**
 * Folds a changelog as a retract table: +I/+U add a row, -U/-D remove one. A retraction of a row
 * that is not there is kept as a marked row, so it shows up in a comparison.
 */
export function foldRetractTable(lines: readonly PrintLine[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const delta = l.kind === '+I' || l.kind === '+U' ? 1 : -1;
    counts.set(l.fields, (counts.get(l.fields) ?? 0) + delta);
  }
  const rows: string[] = [];
  for (const [fields, n] of counts) {
    for (let i = 0; i < Math.abs(n); i++) rows.push(n > 0 ? fields : `(retracted more often than inserted) ${fields}`);
  }
  return rows.sort();
}
