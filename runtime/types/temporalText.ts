// Text of DATE/TIME/TIMESTAMP values: Flink's SQL text (CAST to STRING, formats), java.time's
// toString forms (what the print sink shows), and the parsers of SQL date-time strings.
// Values are the runtime representation (days, ms of day, ms since epoch). Imports nothing.

/** Milliseconds per day. */
export const MILLIS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian date of a day number. */
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

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Splits local ms into a day number and ms of that day (floor, so pre-1970 works). */
export function splitMillis(ms: number): { days: number; msOfDay: number } {
  const days = Math.floor(ms / MILLIS_PER_DAY);
  return { days, msOfDay: ms - days * MILLIS_PER_DAY };
}

/** `LocalDate.toString()`: `2024-01-01`, `0999-01-01`, `-0001-01-01`, `+10000-01-01`. */
export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  let y: string;
  if (Math.abs(year) < 1000) y = (year < 0 ? '-' : '') + pad(Math.abs(year), 4);
  else y = (year > 9999 ? '+' : '') + String(year);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

function hms(msOfDay: number): { h: number; m: number; s: number; ms: number } {
  return { h: Math.floor(msOfDay / 3_600_000), m: Math.floor(msOfDay / 60_000) % 60, s: Math.floor(msOfDay / 1000) % 60, ms: msOfDay % 1000 };
}

/** `LocalTime.toString()`: `10:15`, `10:15:30`, `10:15:30.120` (seconds only when non-zero, millis as 3 digits). */
export function formatJavaLocalTime(msOfDay: number): string {
  const t = hms(msOfDay);
  let out = `${pad(t.h, 2)}:${pad(t.m, 2)}`;
  if (t.s > 0 || t.ms > 0) {
    out += `:${pad(t.s, 2)}`;
    if (t.ms > 0) out += `.${pad(t.ms, 3)}`;
  }
  return out;
}

/** `LocalDateTime.toString()`: `2024-01-01T10:00`, `2024-01-01T10:00:05`, `2024-01-01T10:00:05.120`. */
export function formatJavaLocalDateTime(ms: number): string {
  const { days, msOfDay } = splitMillis(ms);
  return `${formatDate(days)}T${formatJavaLocalTime(msOfDay)}`;
}

/** `Instant.toString()`: `2024-01-01T10:00:00Z`, `2024-01-01T10:00:00.120Z` (seconds always). */
export function formatJavaInstant(epochMs: number): string {
  const { days, msOfDay } = splitMillis(epochMs);
  const t = hms(msOfDay);
  const frac = t.ms > 0 ? `.${pad(t.ms, 3)}` : '';
  return `${formatDate(days)}T${pad(t.h, 2)}:${pad(t.m, 2)}:${pad(t.s, 2)}${frac}Z`;
}

/** Exactly `precision` fractional digits of a millisecond value (digits past millis are 0). */
function fixedFraction(ms: number, precision: number): string {
  if (precision <= 0) return '';
  const digits = pad(ms, 3);
  return '.' + (precision <= 3 ? digits.slice(0, precision) : digits.padEnd(precision, '0'));
}

/** The fraction as `DateTimeFormatterBuilder.appendFraction(NANO, 0, 9, true)` prints it: no trailing zeros. */
function minimalFraction(ms: number): string {
  return ms === 0 ? '' : '.' + pad(ms, 3).replace(/0+$/, '');
}

/** TIME(p) as CAST to STRING prints it: `10:15:30`, or `10:15:30.120` for TIME(3). */
export function formatSqlTime(msOfDay: number, precision: number): string {
  const t = hms(msOfDay);
  return `${pad(t.h, 2)}:${pad(t.m, 2)}:${pad(t.s, 2)}${fixedFraction(t.ms, precision)}`;
}

/** TIMESTAMP(p) as CAST to STRING prints it: `2024-01-01 12:00:00.000` for p = 3 (exactly p digits). */
export function formatSqlTimestamp(ms: number, precision: number): string {
  const { days, msOfDay } = splitMillis(ms);
  return `${formatDate(days)} ${formatSqlTime(msOfDay, precision)}`;
}

/**
 * A timestamp as the json/csv formats write it (`SQL_TIMESTAMP_FORMAT` or ISO_LOCAL_DATE_TIME):
 * seconds always, fraction without trailing zeros: `2024-01-01 10:00:00`, `2024-01-01T10:00:00.12`.
 */
export function formatFormatTimestamp(ms: number, separator: ' ' | 'T'): string {
  const { days, msOfDay } = splitMillis(ms);
  const t = hms(msOfDay);
  return `${formatDate(days)}${separator}${pad(t.h, 2)}:${pad(t.m, 2)}:${pad(t.s, 2)}${minimalFraction(t.ms)}`;
}

/** TIME as the json/csv formats write it (`SQL_TIME_FORMAT`, HH:mm:ss and a minimal fraction). */
export function formatFormatTime(msOfDay: number, withFraction: boolean): string {
  const t = hms(msOfDay);
  return `${pad(t.h, 2)}:${pad(t.m, 2)}:${pad(t.s, 2)}${withFraction ? minimalFraction(t.ms) : ''}`;
}

function fractionToMillis(frac: string | undefined): number {
  return frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
}

function dateOf(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return daysFromCivil(y, m, d);
}

function timeOf(h: number, mi: number, s: number, ms: number): number | undefined {
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
}

/** CAST(string AS DATE) (Flink's DateTimeUtils.parseDate): `yyyy-M-d`, anything after a space ignored. */
export function parseSqlDate(text: string): number | undefined {
  const ws = text.indexOf(' ');
  const s = ws > 0 ? text.slice(0, ws) : text;
  const m = /^(-?\d{1,9})-(\d{1,2})-(\d{1,2})$/.exec(s);
  return m ? dateOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** CAST(string AS TIME): `H:mm[:ss[.fffffffff]]`; ms of day, fraction truncated to millis. */
export function parseSqlTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?$/.exec(text);
  return m ? timeOf(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), fractionToMillis(m[4])) : undefined;
}

/**
 * CAST(string AS TIMESTAMP) (Flink's DateTimeUtils default formatter
 * `yyyy-[M]M-[d]d[[ ]['T']HH:mm[:ss][.fffffffff]]`): local ms, fraction truncated to millis.
 */
export function parseSqlTimestamp(text: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/.exec(text);
  if (!m) return undefined;
  const days = dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  const time = timeOf(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fractionToMillis(m[7]));
  return days === undefined || time === undefined ? undefined : days * MILLIS_PER_DAY + time;
}

/**
 * A strict `yyyy-MM-dd{sep}HH:mm[:ss[.f…]]` timestamp as the json/csv formats read it
 * (`separator` ' ' for SQL, 'T' for ISO-8601; `requireSeconds` for SQL_TIMESTAMP_FORMAT and
 * java.sql.Timestamp). Returns local ms.
 */
export function parseFormatTimestamp(text: string, separator: ' ' | 'T', requireSeconds: boolean, zoneSuffix: boolean): number | undefined {
  const re = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${separator}(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?${zoneSuffix ? 'Z' : ''}$`);
  const m = re.exec(text);
  if (!m || (requireSeconds && m[6] === undefined)) return undefined;
  const days = dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  const time = timeOf(Number(m[4]), Number(m[5]), Number(m[6] ?? 0), fractionToMillis(m[7]));
  return days === undefined || time === undefined ? undefined : days * MILLIS_PER_DAY + time;
}

/** A strict ISO `yyyy-MM-dd` date (ISO_LOCAL_DATE), as the json format reads it. */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? dateOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** A strict `HH:mm:ss[.f…]` time (SQL_TIME_FORMAT), as the json/csv formats read it. */
export function parseFormatTime(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  return m ? timeOf(Number(m[1]), Number(m[2]), Number(m[3]), fractionToMillis(m[4])) : undefined;
}

/**
 * Truncates a timestamp in ms to `precision` fractional digits as Flink's DateTimeUtils.truncate
 * (zeroLastDigits on epoch millis: toward zero).
 */
export function truncateMillis(ms: number, precision: number): number {
  if (precision >= 3) return ms;
  const f = 10 ** (3 - precision);
  const r = Math.trunc(ms / f) * f;
  return r === 0 ? 0 : r;
}

/** INTERVAL DAY TO SECOND as CAST to STRING prints it: `+1 02:03:04.000`. */
export function formatIntervalDayTime(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  const days = Math.floor(a / MILLIS_PER_DAY);
  const t = hms(a - days * MILLIS_PER_DAY);
  return `${sign}${days} ${pad(t.h, 2)}:${pad(t.m, 2)}:${pad(t.s, 2)}.${pad(t.ms, 3)}`;
}

/** INTERVAL YEAR TO MONTH as CAST to STRING prints it: `+1-06`. */
export function formatIntervalYearMonth(months: number): string {
  const sign = months < 0 ? '-' : '+';
  const a = Math.abs(months);
  return `${sign}${Math.floor(a / 12)}-${pad(a % 12, 2)}`;
}

/** `java.time.Duration.toString()` of a millisecond duration: `PT1H30M`, `PT5S`, `PT0.25S`, `PT-1.5S`, `PT0S`. */
export function formatJavaDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const seconds = Math.floor(ms / 1000);
  const millis = ms - seconds * 1000;
  const effective = seconds < 0 && millis > 0 ? seconds + 1 : seconds;
  const hours = Math.trunc(effective / 3600);
  const minutes = Math.trunc((effective % 3600) / 60);
  const secs = effective % 60;
  let out = 'PT';
  if (hours !== 0) out += `${hours}H`;
  if (minutes !== 0) out += `${minutes}M`;
  if (secs === 0 && millis === 0 && out.length > 2) return out;
  out += seconds < 0 && millis > 0 && secs === 0 ? '-0' : String(secs === 0 ? 0 : secs);
  if (millis > 0) out += '.' + pad(seconds < 0 ? 1000 - millis : millis, 3).replace(/0+$/, '');
  return out + 'S';
}

/** `java.time.Period.toString()` of a month count split into years and months: `P1Y2M`, `P3M`, `P0D`. */
export function formatJavaPeriod(months: number): string {
  if (months === 0) return 'P0D';
  const y = Math.trunc(months / 12);
  const m = months % 12;
  return `P${y !== 0 ? `${y}Y` : ''}${m !== 0 ? `${m}M` : ''}`;
}
