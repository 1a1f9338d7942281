// Constructors, families and equality of Flink logical types (the LogicalType of logicalType.ts).
// Imports only logicalType.ts.
import { STRING_LENGTH, type LogicalType, type TypeRoot } from './logicalType.js';

function make(root: TypeRoot, nullable: boolean, extra?: Partial<LogicalType>): LogicalType {
  return extra ? { root, nullable, ...extra } : { root, nullable };
}

/** BOOLEAN. */
export const booleanType = (nullable = true): LogicalType => make('BOOLEAN', nullable);
/** TINYINT (8-bit). */
export const tinyintType = (nullable = true): LogicalType => make('TINYINT', nullable);
/** SMALLINT (16-bit). */
export const smallintType = (nullable = true): LogicalType => make('SMALLINT', nullable);
/** INT (32-bit). */
export const intType = (nullable = true): LogicalType => make('INTEGER', nullable);
/** BIGINT (64-bit). */
export const bigintType = (nullable = true): LogicalType => make('BIGINT', nullable);
/** FLOAT (32-bit IEEE 754). */
export const floatType = (nullable = true): LogicalType => make('FLOAT', nullable);
/** DOUBLE (64-bit IEEE 754). */
export const doubleType = (nullable = true): LogicalType => make('DOUBLE', nullable);
/** DECIMAL(precision, scale); Flink's default is DECIMAL(10, 0). */
export const decimalType = (precision = 10, scale = 0, nullable = true): LogicalType => make('DECIMAL', nullable, { precision, scale });
/** CHAR(length), length in characters (default 1). */
export const charType = (length = 1, nullable = true): LogicalType => make('CHAR', nullable, { length });
/** VARCHAR(length), length in characters. */
export const varcharType = (length: number, nullable = true): LogicalType => make('VARCHAR', nullable, { length });
/** STRING, i.e. VARCHAR(2147483647). */
export const stringType = (nullable = true): LogicalType => make('VARCHAR', nullable, { length: STRING_LENGTH });
/** DATE. */
export const dateType = (nullable = true): LogicalType => make('DATE', nullable);
/** TIME(precision), fractional-second digits 0..9 (default 0). */
export const timeType = (precision = 0, nullable = true): LogicalType => make('TIME_WITHOUT_TIME_ZONE', nullable, { precision });
/** TIMESTAMP(precision), fractional-second digits 0..9 (default 6). */
export const timestampType = (precision = 6, nullable = true): LogicalType =>
  make('TIMESTAMP_WITHOUT_TIME_ZONE', nullable, { precision });
/** TIMESTAMP_LTZ(precision), i.e. TIMESTAMP(p) WITH LOCAL TIME ZONE (default 6). */
export const timestampLtzType = (precision = 6, nullable = true): LogicalType =>
  make('TIMESTAMP_WITH_LOCAL_TIME_ZONE', nullable, { precision });
/** INTERVAL DAY TO SECOND (values in milliseconds). */
export const intervalDayTimeType = (nullable = true): LogicalType => make('INTERVAL_DAY_TIME', nullable);
/** INTERVAL YEAR TO MONTH (values in months). */
export const intervalYearMonthType = (nullable = true): LogicalType => make('INTERVAL_YEAR_MONTH', nullable);
/** The type of an untyped NULL literal. */
export const nullType = (): LogicalType => make('NULL', true);

/** The same type with the given nullability (Flink's `LogicalType.copy(nullable)`). */
export function withNullability(t: LogicalType, nullable: boolean): LogicalType {
  return t.nullable === nullable ? t : { ...t, nullable };
}

/** TINYINT, SMALLINT, INT or BIGINT. */
export function isIntegral(t: LogicalType): boolean {
  return t.root === 'TINYINT' || t.root === 'SMALLINT' || t.root === 'INTEGER' || t.root === 'BIGINT';
}

/** Integral, FLOAT, DOUBLE or DECIMAL. */
export function isNumeric(t: LogicalType): boolean {
  return isIntegral(t) || t.root === 'FLOAT' || t.root === 'DOUBLE' || t.root === 'DECIMAL';
}

/** FLOAT or DOUBLE. */
export function isApproximateNumeric(t: LogicalType): boolean {
  return t.root === 'FLOAT' || t.root === 'DOUBLE';
}

/** CHAR or VARCHAR (STRING). */
export function isCharacterString(t: LogicalType): boolean {
  return t.root === 'CHAR' || t.root === 'VARCHAR';
}

/** TIMESTAMP or TIMESTAMP_LTZ. */
export function isTimestamp(t: LogicalType): boolean {
  return t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
}

/** DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ (Flink's "time point" types). */
export function isTimePoint(t: LogicalType): boolean {
  return t.root === 'DATE' || t.root === 'TIME_WITHOUT_TIME_ZONE' || isTimestamp(t);
}

/** INTERVAL DAY TO SECOND or INTERVAL YEAR TO MONTH. */
export function isInterval(t: LogicalType): boolean {
  return t.root === 'INTERVAL_DAY_TIME' || t.root === 'INTERVAL_YEAR_MONTH';
}

/** The fractional-second precision of a TIME/TIMESTAMP type, with Flink's defaults. */
export function timePrecision(t: LogicalType): number {
  if (t.precision !== undefined) return t.precision;
  return t.root === 'TIME_WITHOUT_TIME_ZONE' ? 0 : 6;
}

/** The length of a CHAR/VARCHAR type, with Flink's defaults (CHAR 1, VARCHAR = STRING). */
export function stringLength(t: LogicalType): number {
  return t.length ?? (t.root === 'CHAR' ? 1 : STRING_LENGTH);
}

/**
 * Equal roots and parameters, ignoring nullability and time-attribute markers (a rowtime
 * TIMESTAMP(3) equals a plain TIMESTAMP(3) here). Flink's defaults fill missing parameters.
 */
export function equalsIgnoringNullability(a: LogicalType, b: LogicalType): boolean {
  if (a.root !== b.root) return false;
  switch (a.root) {
    case 'DECIMAL':
      return (a.precision ?? 10) === (b.precision ?? 10) && (a.scale ?? 0) === (b.scale ?? 0);
    case 'CHAR':
    case 'VARCHAR':
      return stringLength(a) === stringLength(b);
    case 'TIME_WITHOUT_TIME_ZONE':
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return timePrecision(a) === timePrecision(b);
    default:
      return true;
  }
}
