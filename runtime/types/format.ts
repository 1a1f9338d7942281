// Text of values for output: the print sink's field text (String.valueOf of the external Java
// object Flink converts each field to), Row.toString lines, and JSON values for machine output.
// Imports only types/.
import { castToStringText } from './castText.js';
import type { Decimal } from './decimal.js';
import { floatToShortestNumber, javaDoubleToString, javaFloatToString } from './javaNumbers.js';
import type { LogicalType } from './logicalType.js';
import { rowKindShortString, type RowKind } from './rowKind.js';
import { formatDate, formatJavaDuration, formatJavaInstant, formatJavaLocalDateTime, formatJavaLocalTime, formatJavaPeriod } from './temporalText.js';

/**
 * A field as Flink's print sink shows it, i.e. `String.valueOf` of its external object:
 * INT/BIGINT digits; DOUBLE/FLOAT as Java's Double/Float.toString (`1.0`, `1.0E7`); DECIMAL as
 * BigDecimal.toString (`1.50`, `1E-7`); BOOLEAN `true`/`false`; strings raw; DATE as LocalDate
 * (`2024-01-01`); TIME as LocalTime (`10:15`, `10:15:30.120`); TIMESTAMP as LocalDateTime
 * (`2024-01-01T10:00`); TIMESTAMP_LTZ as Instant (`2024-01-01T10:00:00Z`, always UTC);
 * INTERVAL DAY TO SECOND as Duration (`PT1H`), YEAR TO MONTH as Period (`P1Y2M`); NULL `null`.
 * @param _localTimeZone unused: Instant prints in UTC; kept so callers pass the session zone uniformly
 */
export function formatValueForPrint(v: unknown, type: LogicalType, _localTimeZone?: string): string {
  if (v === null || v === undefined) return 'null';
  switch (type.root) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
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
      return (v as Decimal).toString();
    case 'CHAR':
    case 'VARCHAR':
      return v as string;
    case 'DATE':
      return formatDate(v as number);
    case 'TIME_WITHOUT_TIME_ZONE':
      return formatJavaLocalTime(v as number);
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return formatJavaLocalDateTime(v as number);
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return formatJavaInstant(v as number);
    case 'INTERVAL_DAY_TIME':
      return formatJavaDuration(v as number);
    case 'INTERVAL_YEAR_MONTH':
      return formatJavaPeriod(v as number);
    case 'NULL':
      return 'null';
  }
}

/**
 * A row as Flink's `Row.toString()` prints it: `+I[1, a, null]` — the kind's short string, then
 * the fields' print text joined with `, ` in brackets.
 */
export function formatRowForPrint(kind: RowKind, row: readonly unknown[], types: readonly LogicalType[], localTimeZone?: string): string {
  let out = rowKindShortString(kind) + '[';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) out += ', ';
    out += formatValueForPrint(row[i], types[i] ?? { root: 'NULL', nullable: true }, localTimeZone);
  }
  return out + ']';
}

/** A JSON-able value for machine output (`--json`). */
export type JsonValue = string | number | boolean | null;

/**
 * A value for machine-readable output: numbers as JSON numbers when exact (integers, BIGINT
 * within ±2^53, finite DOUBLE, FLOAT as its shortest float32 decimal), other BIGINTs and DECIMAL
 * as strings (DECIMAL as BigDecimal.toString), NaN/Infinity as strings, temporal and interval
 * values as their CAST-to-STRING text, booleans, strings and null as themselves.
 * @param localTimeZone the session time zone for TIMESTAMP_LTZ text (default UTC)
 */
export function toJsonValue(v: unknown, type: LogicalType, localTimeZone = 'UTC'): JsonValue {
  if (v === null || v === undefined) return null;
  switch (type.root) {
    case 'BOOLEAN':
      return Boolean(v);
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return typeof v === 'bigint' ? v.toString() : (v as number);
    case 'FLOAT':
      return Number.isFinite(v as number) ? floatToShortestNumber(v as number) : javaFloatToString(v as number);
    case 'DOUBLE':
      return Number.isFinite(v as number) ? (v as number) : javaDoubleToString(v as number);
    case 'DECIMAL':
      return (v as Decimal).toString();
    case 'CHAR':
    case 'VARCHAR':
      return v as string;
    case 'NULL':
      return null;
    default:
      return castToStringText(v, type, localTimeZone);
  }
}
