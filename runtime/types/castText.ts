// The text CAST(x AS STRING) gives for each type, with Flink 1.15+ semantics (legacy cast
// behaviour off). Imports only types/.
import type { Decimal } from './decimal.js';
import { javaDoubleToString, javaFloatToString } from './javaNumbers.js';
import type { LogicalType } from './logicalType.js';
import { formatDate, formatIntervalDayTime, formatIntervalYearMonth, formatSqlTime, formatSqlTimestamp, truncateMillis } from './temporalText.js';
import { instantToLocal } from './timeZone.js';
import { timePrecision } from './types.js';

/**
 * The CAST-to-STRING text of a non-null value of type `type`:
 * - BOOLEAN `TRUE` / `FALSE`: since Flink 1.15 (FLINK-24403) BooleanToStringCastRule writes the
 *   SQL-standard upper-case literals; the print sink, which uses Boolean.toString, shows lower case.
 * - integers in decimal; FLOAT/DOUBLE as Java's Float/Double.toString (`1.0E7`);
 * - DECIMAL as DecimalData.toString, i.e. BigDecimal.toPlainString (`1.50`, never exponent notation);
 * - DATE `2024-01-01`; TIME(p) `10:00:00[.fff]`; TIMESTAMP(p) `2024-01-01 12:00:00.000` with
 *   exactly p fractional digits; TIMESTAMP_LTZ(p) the same in the session time zone;
 * - INTERVAL DAY TO SECOND `+1 02:03:04.000`, YEAR TO MONTH `+1-06`; strings unchanged.
 * @param localTimeZone the session time zone (`table.local-time-zone`), for TIMESTAMP_LTZ
 */
export function castToStringText(v: unknown, type: LogicalType, localTimeZone: string): string {
  switch (type.root) {
    case 'BOOLEAN':
      return v ? 'TRUE' : 'FALSE';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return String(v);
    case 'FLOAT':
      return javaFloatToString(v as number);
    case 'DOUBLE':
      return javaDoubleToString(v as number);
    case 'DECIMAL':
      return (v as Decimal).toPlainString();
    case 'CHAR':
    case 'VARCHAR':
      return v as string;
    case 'DATE':
      return formatDate(v as number);
    case 'TIME_WITHOUT_TIME_ZONE':
      return formatSqlTime(truncateMillis(v as number, timePrecision(type)), timePrecision(type));
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return formatSqlTimestamp(truncateMillis(v as number, timePrecision(type)), timePrecision(type));
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return formatSqlTimestamp(truncateMillis(instantToLocal(v as number, localTimeZone), timePrecision(type)), timePrecision(type));
    case 'INTERVAL_DAY_TIME':
      return formatIntervalDayTime(v as number);
    case 'INTERVAL_YEAR_MONTH':
      return formatIntervalYearMonth(v as number);
    case 'NULL':
      return 'NULL';
  }
}

/** Code-point length of a string. */
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The first `n` code points of `s`. */
function codePointPrefix(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return s.slice(0, i);
}

/**
 * Fits a string to CHAR(n) / VARCHAR(n) as Flink 1.15+ casts do: longer strings are truncated
 * to n characters (code points); CHAR(n) pads shorter strings with spaces.
 */
export function fitStringLength(s: string, length: number, padToLength: boolean): string {
  if (s.length <= length && !padToLength) return s;
  const n = codePointLength(s);
  if (n > length) return codePointPrefix(s, length);
  if (padToLength && n < length) return s + ' '.repeat(length - n);
  return s;
}
