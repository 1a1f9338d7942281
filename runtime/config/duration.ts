// Parsing of Flink's textual durations (TimeUtils.parseDuration) and memory sizes (MemorySize.parse).
// Imports nothing of ours.

/** Unit labels Flink's TimeUtils accepts (lower case), mapped to milliseconds per unit. */
const DURATION_UNITS: ReadonlyMap<string, number> = new Map<string, number>([
  ['d', 86_400_000],
  ['day', 86_400_000],
  ['days', 86_400_000],
  ['h', 3_600_000],
  ['hour', 3_600_000],
  ['hours', 3_600_000],
  ['min', 60_000],
  ['m', 60_000],
  ['minute', 60_000],
  ['minutes', 60_000],
  ['s', 1000],
  ['sec', 1000],
  ['secs', 1000],
  ['second', 1000],
  ['seconds', 1000],
  ['ms', 1],
  ['milli', 1],
  ['millis', 1],
  ['millisecond', 1],
  ['milliseconds', 1],
  ['µs', 0.001],
  ['us', 0.001],
  ['micro', 0.001],
  ['micros', 0.001],
  ['microsecond', 0.001],
  ['microseconds', 0.001],
  ['ns', 0.000001],
  ['nano', 0.000001],
  ['nanos', 0.000001],
  ['nanosecond', 0.000001],
  ['nanoseconds', 0.000001],
]);

/** The unit list Flink prints when a label is not recognised. */
export const DURATION_UNIT_HELP =
  'DAYS: (d | day | days), HOURS: (h | hour | hours), MINUTES: (min | m | minute | minutes), ' +
  'SECONDS: (s | sec | secs | second | seconds), MILLISECONDS: (ms | milli | millis | millisecond | milliseconds), ' +
  'MICROSECONDS: (µs | us | micro | micros | microsecond | microseconds), NANOSECONDS: (ns | nano | nanos | nanosecond | nanoseconds)';

/**
 * Splits `10 s` into its leading digits and its lower-cased unit label, as Flink's `TimeUtils` and
 * `MemorySize` parsers do; an error message string when there is no leading number.
 */
function splitNumberAndUnit(text: string): { digits: string; label: string } | string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'argument is an empty- or whitespace-only string';
  let pos = 0;
  while (pos < trimmed.length) {
    const c = trimmed.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    pos++;
  }
  const digits = trimmed.slice(0, pos);
  if (digits.length === 0) return 'text does not start with a number';
  return { digits, label: trimmed.slice(pos).trim().toLowerCase() };
}

/**
 * Parses a duration as Flink's `TimeUtils.parseDuration` does: digits, optional whitespace, an
 * optional case-insensitive unit label; no unit means milliseconds.
 * @returns the duration in whole milliseconds (sub-millisecond parts truncated, as
 *   `Duration.toMillis`), or an error message string
 */
export function parseDuration(text: string): number | string {
  const split = splitNumberAndUnit(text);
  if (typeof split === 'string') return split;
  const { digits, label } = split;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return `the value '${digits}' is too large`;
  let perUnit = 1;
  if (label.length > 0) {
    const u = DURATION_UNITS.get(label);
    if (u === undefined) {
      return `Time interval unit label '${label}' does not match any of the recognized units: ${DURATION_UNIT_HELP}`;
    }
    perUnit = u;
  }
  const ms = perUnit >= 1 ? value * perUnit : Math.floor(value * perUnit);
  if (!Number.isSafeInteger(ms)) return `the duration '${text.trim()}' is too large`;
  return ms;
}

/** Formats milliseconds the way Flink's docs show defaults: `200 ms`, `10 s`, `1 min`, `1 h`, `1 d`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

const MEMORY_UNITS: ReadonlyMap<string, number> = new Map<string, number>([
  ['b', 1],
  ['bytes', 1],
  ['k', 1024],
  ['kb', 1024],
  ['kibibytes', 1024],
  ['m', 1024 ** 2],
  ['mb', 1024 ** 2],
  ['mebibytes', 1024 ** 2],
  ['g', 1024 ** 3],
  ['gb', 1024 ** 3],
  ['gibibytes', 1024 ** 3],
  ['t', 1024 ** 4],
  ['tb', 1024 ** 4],
  ['tebibytes', 1024 ** 4],
]);

/**
 * Parses a memory size as Flink's `MemorySize.parse`: digits, optional whitespace, an optional
 * case-insensitive unit (b, k/kb, m/mb, g/gb, t/tb and the long forms); no unit means bytes.
 * @returns the size in bytes, or an error message string
 */
export function parseMemorySize(text: string): number | string {
  const split = splitNumberAndUnit(text);
  if (typeof split === 'string') return split;
  const { digits, label } = split;
  const unit = label.length === 0 ? 1 : MEMORY_UNITS.get(label);
  if (unit === undefined) {
    return `Memory size unit '${label}' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)`;
  }
  const bytes = Number(digits) * unit;
  if (!Number.isSafeInteger(bytes)) return `the memory size '${text.trim()}' is too large`;
  return bytes;
}
