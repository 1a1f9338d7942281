// Date-time arithmetic and EXTRACT: TIMESTAMP/TIMESTAMP_LTZ/DATE plus or minus an interval, and
// EXTRACT of calendar fields (TIMESTAMP values are zone-less ms; LTZ values are read in the
// session time zone).
import { typeName } from '../functions/types.js';
import { fixedZoneOffset } from '../types/timeZone.js';
import type { LogicalType } from '../types/logicalType.js';

const DAY_MS = 86_400_000;

/** Temporal `+`/`-`, or undefined when neither side is temporal (plain arithmetic applies). */
export function bindTemporalArithmetic(
  op: '+' | '-' | '*' | '/' | '%',
  l: LogicalType,
  r: LogicalType,
): { type: LogicalType; eval(a: unknown, b: unknown): unknown } | { error: string } | undefined {
  const temporal = (t: LogicalType) =>
    t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE' || t.root === 'DATE' || t.root === 'TIME_WITHOUT_TIME_ZONE';
  const interval = (t: LogicalType) => t.root === 'INTERVAL_DAY_TIME' || t.root === 'INTERVAL_YEAR_MONTH';
  if (!temporal(l) && !temporal(r)) {
    if (interval(l) && interval(r) && l.root === r.root && (op === '+' || op === '-')) {
      return { type: { ...l, nullable: l.nullable || r.nullable }, eval: (a, b) => (a === null || b === null ? null : op === '+' ? (a as number) + (b as number) : (a as number) - (b as number)) };
    }
    return undefined;
  }
  const err = { error: `Cannot apply '${op}' to arguments of type '<${typeName(l)}> ${op} <${typeName(r)}>'` };
  if (op !== '+' && op !== '-') return err;
  // Normalise to (temporal, interval, sign).
  let t: LogicalType;
  let iv: LogicalType;
  let swapped = false;
  if (temporal(l) && interval(r)) {
    t = l;
    iv = r;
  } else if (interval(l) && temporal(r) && op === '+') {
    t = r;
    iv = l;
    swapped = true;
  } else return err;
  const sign = op === '-' ? -1 : 1;
  const type: LogicalType = { ...t, nullable: l.nullable || r.nullable, timeAttribute: undefined };
  const isDate = t.root === 'DATE';
  const isTime = t.root === 'TIME_WITHOUT_TIME_ZONE';
  if (iv.root === 'INTERVAL_DAY_TIME') {
    return {
      type,
      eval: (a, b) => {
        const tv = (swapped ? b : a) as number | null;
        const ms = (swapped ? a : b) as number | null;
        if (tv === null || ms === null) return null;
        if (isDate) return tv + Math.trunc((sign * ms) / DAY_MS);
        if (isTime) return (((tv + sign * ms) % DAY_MS) + DAY_MS) % DAY_MS;
        return tv + sign * ms;
      },
    };
  }
  if (isTime) return err;
  return {
    type,
    eval: (a, b) => {
      const tv = (swapped ? b : a) as number | null;
      const months = (swapped ? a : b) as number | null;
      if (tv === null || months === null) return null;
      return addMonths(isDate ? tv * DAY_MS : tv, sign * months, isDate);
    },
  };
}

function addMonths(ms: number, months: number, isDate: boolean): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const out = Date.UTC(targetYear, targetMonth, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return isDate ? Math.floor(out / DAY_MS) : out;
}

/** EXTRACT(unit FROM value) for DATE, TIMESTAMP and TIMESTAMP_LTZ values. */
export function bindExtract(unit: string, t: LogicalType, localTimeZone: string): { eval(v: unknown): unknown } | { error: string } {
  const isDate = t.root === 'DATE';
  const isTs = t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
  if (!isDate && !isTs) return { error: `EXTRACT needs a DATE or TIMESTAMP, got ${typeName(t)}` };
  const ltz = t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
  const offsetMs = ltz ? fixedZoneOffset(localTimeZone) : 0;
  if (offsetMs === undefined) return { error: `EXTRACT on TIMESTAMP_LTZ supports only UTC or fixed-offset time zones in Checkpoint Lab yet, not '${localTimeZone}'` };
  const fields: Record<string, (d: Date) => number> = {
    YEAR: (d) => d.getUTCFullYear(),
    QUARTER: (d) => Math.floor(d.getUTCMonth() / 3) + 1,
    MONTH: (d) => d.getUTCMonth() + 1,
    DAY: (d) => d.getUTCDate(),
    HOUR: (d) => d.getUTCHours(),
    MINUTE: (d) => d.getUTCMinutes(),
    SECOND: (d) => d.getUTCSeconds(),
    MILLISECOND: (d) => d.getUTCSeconds() * 1000 + d.getUTCMilliseconds(),
    DOW: (d) => d.getUTCDay() + 1,
    DOY: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1,
    EPOCH: (d) => Math.floor(d.getTime() / 1000),
  };
  const f = fields[unit];
  if (!f) return { error: `EXTRACT(${unit} FROM …) is not supported by Checkpoint Lab yet; supported units: ${Object.keys(fields).join(', ')}` };
  if (isDate && ['HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'].includes(unit)) return { error: `Cannot extract ${unit} from a DATE` };
  return { eval: (v) => f(new Date(isDate ? (v as number) * DAY_MS : (v as number) + offsetMs)) };
}
