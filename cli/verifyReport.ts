// How `run --verify` and `chaos` show a verification: readable text per sink, and a JSON form.
// Imports runtime types only.
import type { RowCount, SinkVerifyReport, VerifyReport } from '../runtime/run/verify.js';

/** A row as `user_id=u1, cnt=43`. */
function formatRow(row: Readonly<Record<string, unknown>>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function listRows(label: string, rows: readonly RowCount[], total: number, indent: string): string[] {
  if (total === 0) return [];
  const lines = [`${indent}${label} ${total}:`];
  for (const r of rows) lines.push(`${indent}  ${formatRow(r.row)}${r.count > 1 ? `  ×${r.count}` : ''}`);
  const shownCopies = rows.reduce((n, r) => n + r.count, 0);
  if (shownCopies < total) lines.push(`${indent}  … and ${total - shownCopies} more`);
  return lines;
}

function sinkHeadline(s: SinkVerifyReport): string {
  const what = `${s.sink} (${s.connector}, ${s.guarantee}, ${s.table} table)`;
  if (s.ok && s.duplicatedCount === 0) {
    const replays = s.changelog.duplicated > 0 ? `; ${s.changelog.duplicated} changelog row(s) received again after recovery` : '';
    return `${what}: OK, ${s.actualRows} row(s) equal to the run without faults${replays}`;
  }
  const parts: string[] = [];
  if (s.lostCount > 0) parts.push(`lost ${s.lostCount}`);
  if (s.changedCount > 0) parts.push(`wrong value for ${s.changedCount} key(s)`);
  if (s.unexpectedCount > 0) parts.push(`unexpected ${s.unexpectedCount}`);
  if (s.duplicatedCount > 0) parts.push(`duplicated ${s.duplicatedCount}`);
  const verdict = s.ok ? 'OK (at-least-once: duplicates are allowed)' : 'FAILED';
  return `${what}: ${verdict}: ${parts.join(', ')}`;
}

/**
 * The verification as text: one headline per sink (OK, or lost / duplicated / unexpected counts)
 * followed by the first rows of each difference, and how the run with faults ended.
 */
export function formatVerifyReport(report: VerifyReport, maxRows = 5): string {
  const lines: string[] = ['Verification against the run without faults (same seed):'];
  const run = report.faultyRun;
  if (run) {
    const faults = `${run.firedFaults} fault(s) fired, ${run.failures} failure(s), ${run.restarts} restart(s)`;
    lines.push(`  run with faults: ${run.state}; ${faults}`);
    if (run.failureReason) lines.push(`    why it failed: ${run.failureReason}`);
    if (run.error) lines.push(`    engine error: ${run.error}`);
  }
  if (report.notCompared !== undefined) {
    lines.push(`  sink tables not compared: ${report.notCompared}`);
    return `${lines.join('\n')}\n`;
  }
  for (const s of report.sinks) {
    lines.push(`  ${sinkHeadline(s)}`);
    const indent = '    ';
    lines.push(...listRows('lost', s.lost.slice(0, maxRows), s.lostCount, indent));
    if (s.changedCount > 0) {
      lines.push(`${indent}wrong value for ${s.changedCount} key(s):`);
      for (const c of s.changed.slice(0, maxRows)) lines.push(`${indent}  ${formatRow(c.key)}: expected ${formatRow(c.expected)}, got ${formatRow(c.actual)}`);
      if (s.changed.length > maxRows || s.changed.length < s.changedCount) lines.push(`${indent}  … and ${s.changedCount - Math.min(maxRows, s.changed.length)} more`);
    }
    lines.push(...listRows('unexpected', s.unexpected.slice(0, maxRows), s.unexpectedCount, indent));
    lines.push(...listRows('duplicated', s.duplicated.slice(0, maxRows), s.duplicatedCount, indent));
    if (!s.ok) lines.push(`${indent}(${s.guarantee}: ${s.guaranteeReason})`);
  }
  lines.push(report.ok ? 'Every sink meets its guarantee.' : 'DIVERGED: the run with faults does not match the run without.');
  return `${lines.join('\n')}\n`;
}

/** The verification as a JSON value for `run --verify --json` (at most `maxRows` rows per list). */
export function verifyReportJson(report: VerifyReport, maxRows = 100): Record<string, unknown> {
  return {
    ok: report.ok,
    ...(report.notCompared !== undefined ? { notCompared: report.notCompared } : {}),
    ...(report.faultyRun ? { faultyRun: report.faultyRun } : {}),
    sinks: report.sinks.map((s) => ({
      sink: s.sink,
      connector: s.connector,
      guarantee: s.guarantee,
      table: s.table,
      ...(s.uniqueKey ? { uniqueKey: s.uniqueKey } : {}),
      ok: s.ok,
      problems: s.problems,
      expectedRows: s.expectedRows,
      actualRows: s.actualRows,
      lost: { count: s.lostCount, rows: s.lost.slice(0, maxRows) },
      duplicated: { count: s.duplicatedCount, rows: s.duplicated.slice(0, maxRows) },
      unexpected: { count: s.unexpectedCount, rows: s.unexpected.slice(0, maxRows) },
      changed: { count: s.changedCount, rows: s.changed.slice(0, maxRows) },
      changelog: s.changelog,
    })),
  };
}
