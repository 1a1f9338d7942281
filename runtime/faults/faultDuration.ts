// Durations in fault scenarios (`500ms`, `2.5s`, `1 min`): Flink's TimeUtils syntax plus a decimal
// fraction. Imports only runtime/config's duration parser.
import { parseDuration } from '../config/duration.js';

const DECIMAL = /^(\d+)\.(\d+)\s*(.*)$/s;

/**
 * Parses a duration as Flink's `TimeUtils.parseDuration` (digits, optional space, an optional
 * unit label; no unit = ms) and also accepts a decimal fraction (`2.5s`, `1.5 min`), computed
 * exactly and truncated to whole milliseconds.
 * @returns milliseconds, or an error message
 */
export function parseFaultDuration(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed.startsWith('-')) return 'a duration must not be negative';
  const m = DECIMAL.exec(trimmed);
  if (!m) return parseDuration(trimmed);
  const [, whole, fraction, label] = m as unknown as [string, string, string, string];
  // Milliseconds per 10^6 units, through Flink's own unit table (exact for every unit down to ns).
  const perMillionUnits = parseDuration(`1000000 ${label.trim()}`);
  if (typeof perMillionUnits === 'string') return perMillionUnits;
  const scaled = BigInt(whole + fraction) * BigInt(perMillionUnits);
  const ms = scaled / (10n ** BigInt(fraction.length) * 1000000n);
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) return `the duration '${trimmed}' is too large`;
  return Number(ms);
}

/** Formats milliseconds so that `parseFaultDuration` reads them back exactly: `250ms`, `2.5s`, `60s`. */
export function formatFaultDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`not a duration in ms: ${ms}`);
  if (ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}
