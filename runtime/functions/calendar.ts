// Proleptic Gregorian calendar arithmetic and time-zone offsets (java.time semantics) for the
// temporal functions. Uses Intl for IANA zones; no host clock. Imports nothing.

/** Milliseconds per day. */
export const MILLIS_PER_DAY = 86_400_000;

/** A local date-time broken into fields (month 1-12, millisecond 0-999). */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whether `year` is a leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Fields of a local date-time given as milliseconds since 1970-01-01T00:00 (TIMESTAMP value). */
export function fieldsOf(localMillis: number): DateTimeFields {
  const days = Math.floor(localMillis / MILLIS_PER_DAY);
  let ms = localMillis - days * MILLIS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(ms / 3_600_000);
  ms -= hour * 3_600_000;
  const minute = Math.floor(ms / 60_000);
  ms -= minute * 60_000;
  const second = Math.floor(ms / 1000);
  return { year, month, day, hour, minute, second, millisecond: ms - second * 1000 };
}

/** The TIMESTAMP value (local milliseconds) of fields; undefined when a field is out of range. */
export function millisOf(f: DateTimeFields): number | undefined {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(f.year, f.month)) return undefined;
  if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 59) return undefined;
  return daysFromCivil(f.year, f.month, f.day) * MILLIS_PER_DAY + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.millisecond;
}

const FIXED_OFFSET = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A fixed offset in milliseconds for `UTC`, `Z`, `+08:00`, `GMT-5`..., or undefined for a region zone. */
function fixedOffset(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT' || zone === 'UT' || zone === 'Etc/UTC') return 0;
  const m = FIXED_OFFSET.exec(zone);
  if (!m) return undefined;
  const ms = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  return m[1] === '-' ? -ms : ms;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `zone` is a usable session time zone (IANA name, UTC, or a fixed offset). */
export function isValidTimeZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `epochMillis`, in milliseconds. Throws for an unknown zone. */
export function offsetAt(zone: string, epochMillis: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const seconds = Math.floor(epochMillis / 1000) * 1000;
  const parts = formatterFor(zone).formatToParts(new Date(seconds));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = daysFromCivil(year, get('month'), get('day')) * MILLIS_PER_DAY + get('hour') * 3_600_000 + get('minute') * 60_000 + get('second') * 1000;
  return local - seconds;
}

/** The TIMESTAMP value (local wall-clock millis) of an instant in `zone` (TIMESTAMP_LTZ → local). */
export function toLocalMillis(epochMillis: number, zone: string): number {
  return epochMillis + offsetAt(zone, epochMillis);
}

/**
 * The instant of a local date-time in `zone`, as `LocalDateTime.atZone(zone)`: in an overlap the
 * earlier offset wins, in a gap the time is moved forward by the gap's length.
 */
export function toEpochMillis(localMillis: number, zone: string): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return localMillis - fixed;
  const before = offsetAt(zone, localMillis - 86_400_000);
  const after = offsetAt(zone, localMillis + 86_400_000);
  const candidates: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const t = localMillis - o;
    if (offsetAt(zone, t) === o) candidates.push(t);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return localMillis - before;
}
