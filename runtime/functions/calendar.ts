// Calendar fields and time-zone helpers for the temporal functions (java.time semantics). The
// calendar arithmetic and zone rules themselves live in runtime/types, shared with CAST and print.
import { civilFromDays, daysFromCivil, daysInMonth, MILLIS_PER_DAY } from '../types/temporalText.js';
import { instantToLocal, localToInstant, zoneOffsetAt } from '../types/timeZone.js';

export { civilFromDays, daysFromCivil, daysInMonth, MILLIS_PER_DAY };

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

/** Whether `year` is a leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
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

/** Whether `zone` is a usable session time zone (IANA name, UTC, or a fixed offset). */
export function isValidTimeZone(zone: string): boolean {
  try {
    zoneOffsetAt(zone, 0);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `epochMillis`, in milliseconds. Throws for an unknown zone. */
export const offsetAt = zoneOffsetAt;

/** The TIMESTAMP value (local wall-clock millis) of an instant in `zone` (TIMESTAMP_LTZ → local). */
export const toLocalMillis = instantToLocal;

/**
 * The instant of a local date-time in `zone`, as `LocalDateTime.atZone(zone)`: in an overlap the
 * earlier offset wins, in a gap the time is moved forward by the gap's length.
 */
export const toEpochMillis = localToInstant;
