// Values and types of SQL literals, as Flink's parser types them: integers as INT (BIGINT when
// larger, DECIMAL beyond), exact decimals as DECIMAL(p, s), exponents as DOUBLE, strings as
// CHAR(n) NOT NULL, intervals as milliseconds or months.
import type { IntervalLiteral, NumericLiteral } from '../sql/ast.js';
import { Decimal } from '../types/decimal.js';
import type { LogicalType } from '../types/logicalType.js';
import { typeOf } from '../functions/types.js';

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** The value and type of a numeric literal, or an error. */
export function numericLiteral(lit: NumericLiteral): { value: unknown; type: LogicalType } | { error: string } {
  const text = lit.text;
  if (lit.numericKind === 'approximate') return { value: Number(text), type: typeOf('DOUBLE', false) };
  if (lit.numericKind === 'integer') {
    const v = BigInt(text);
    if (v >= INT_MIN && v <= INT_MAX) return { value: Number(v), type: typeOf('INTEGER', false) };
    if (v >= LONG_MIN && v <= LONG_MAX) {
      return { value: Number.isSafeInteger(Number(v)) ? Number(v) : v, type: typeOf('BIGINT', false) };
    }
    if (text.replace(/^0+/, '').length > 38) return { error: `Numeric literal '${text}' out of range` };
    return { value: Decimal.parse(text), type: typeOf('DECIMAL', false, { precision: Math.max(1, text.replace(/^0+/, '').length), scale: 0 }) };
  }
  const [intPart = '', frac = ''] = text.split('.');
  const digits = (intPart.replace(/^0+/, '') + frac).length;
  const precision = Math.max(digits, frac.length, 1);
  if (precision > 38) return { error: `Numeric literal '${text}' exceeds DECIMAL's maximum precision of 38` };
  return { value: Decimal.parse(text), type: typeOf('DECIMAL', false, { precision, scale: frac.length }) };
}

const MS: Record<string, number> = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000 };

/**
 * An interval literal's value: milliseconds for day-time intervals, months for year-month ones.
 * Accepts Flink's forms: `'5' SECOND`, `'1.5' SECOND`, `'1:30' MINUTE TO SECOND`,
 * `'2 03:04:05' DAY TO SECOND`, `'1-6' YEAR TO MONTH`.
 */
export function intervalLiteral(lit: IntervalLiteral): { value: number; type: LogicalType } | { error: string } {
  const yearMonth = lit.from === 'YEAR' || lit.from === 'MONTH';
  const bad = () => ({ error: `Illegal interval literal format '${lit.value}' for INTERVAL ${lit.from}${lit.to ? ` TO ${lit.to}` : ''}` });
  const text = lit.value.trim();
  const negative = text.startsWith('-');
  const body = negative || text.startsWith('+') ? text.slice(1) : text;
  const sign = negative ? -1 : 1;
  if (yearMonth) {
    if (!lit.to) {
      if (!/^\d+$/.test(body)) return bad();
      const n = Number(body) * (lit.from === 'YEAR' ? 12 : 1);
      return { value: sign * n, type: typeOf('INTERVAL_YEAR_MONTH', false) };
    }
    const m = /^(\d+)-(\d+)$/.exec(body);
    if (!m || lit.to !== 'MONTH') return bad();
    return { value: sign * (Number(m[1]) * 12 + Number(m[2])), type: typeOf('INTERVAL_YEAR_MONTH', false) };
  }
  const units = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
  const from = units.indexOf(lit.from);
  const to = lit.to ? units.indexOf(lit.to) : from;
  if (from < 0 || to < from) return bad();
  // Split "d hh:mm:ss.fff" into the fields from..to.
  const fields = body.split(/[ :]/);
  if (fields.length !== to - from + 1) return bad();
  let ms = 0;
  for (let i = 0; i < fields.length; i++) {
    const unit = units[from + i]!;
    const f = fields[i]!;
    const isLast = i === fields.length - 1;
    if (!(unit === 'SECOND' && isLast ? /^\d+(\.\d{1,9})?$/ : /^\d+$/).test(f)) return bad();
    ms += Math.round(Number(f) * MS[unit]!);
  }
  return { value: sign * ms, type: typeOf('INTERVAL_DAY_TIME', false) };
}

/** Human text of an interval in ms, as Flink's plan descriptions show sizes: `5 s`, `1 min`, `250 ms`. */
export function formatIntervalMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
