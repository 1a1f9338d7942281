// Type helpers for the function library: builders, families, Flink display names, the common
// type of several arguments and value widening. Imports only runtime/types.
import { Decimal } from '../types/decimal.js';
import { STRING_LENGTH, type LogicalType, type TypeRoot } from '../types/logicalType.js';

/** A type of `root`, nullable unless told otherwise. */
export function typeOf(root: TypeRoot, nullable = true, extra: Partial<LogicalType> = {}): LogicalType {
  return { root, nullable, ...extra };
}
/** STRING (VARCHAR(2147483647)). */
export const stringType = (nullable = true): LogicalType => typeOf('VARCHAR', nullable, { length: STRING_LENGTH });
/** INT. */
export const intType = (nullable = true): LogicalType => typeOf('INTEGER', nullable);
/** BIGINT. */
export const bigintType = (nullable = true): LogicalType => typeOf('BIGINT', nullable);
/** DOUBLE. */
export const doubleType = (nullable = true): LogicalType => typeOf('DOUBLE', nullable);
/** BOOLEAN. */
export const booleanType = (nullable = true): LogicalType => typeOf('BOOLEAN', nullable);
/** DATE. */
export const dateType = (nullable = true): LogicalType => typeOf('DATE', nullable);
/** TIME(p). */
export const timeType = (precision: number, nullable = true): LogicalType =>
  typeOf('TIME_WITHOUT_TIME_ZONE', nullable, { precision });
/** TIMESTAMP(p). */
export const timestampType = (precision: number, nullable = true): LogicalType =>
  typeOf('TIMESTAMP_WITHOUT_TIME_ZONE', nullable, { precision });
/** TIMESTAMP_LTZ(p). */
export const timestampLtzType = (precision: number, nullable = true): LogicalType =>
  typeOf('TIMESTAMP_WITH_LOCAL_TIME_ZONE', nullable, { precision });

/** The same type with the given nullability. */
export function withNullable(t: LogicalType, nullable: boolean): LogicalType {
  return t.nullable === nullable ? t : { ...t, nullable };
}

/** Whether any of the types is nullable (the usual nullability of a function result). */
export function anyNullable(types: readonly LogicalType[]): boolean {
  return types.some((t) => t.nullable || t.root === 'NULL');
}

/** CHAR/VARCHAR (or the untyped NULL). */
export function isCharacterString(t: LogicalType): boolean {
  return t.root === 'CHAR' || t.root === 'VARCHAR' || t.root === 'NULL';
}
/** TINYINT/SMALLINT/INTEGER/BIGINT (or NULL). */
export function isIntegral(t: LogicalType): boolean {
  return t.root === 'TINYINT' || t.root === 'SMALLINT' || t.root === 'INTEGER' || t.root === 'BIGINT' || t.root === 'NULL';
}
/** Integral, FLOAT, DOUBLE or DECIMAL (or NULL). */
export function isNumeric(t: LogicalType): boolean {
  return isIntegral(t) || t.root === 'FLOAT' || t.root === 'DOUBLE' || t.root === 'DECIMAL';
}
/** FLOAT or DOUBLE. */
export function isApproximate(t: LogicalType): boolean {
  return t.root === 'FLOAT' || t.root === 'DOUBLE';
}

/** The type as Flink prints it: INT, STRING, VARCHAR(10), TIMESTAMP(3), TIMESTAMP_LTZ(3), ... */
export function typeName(t: LogicalType): string {
  const p = t.precision;
  switch (t.root) {
    case 'INTEGER':
      return 'INT';
    case 'VARCHAR':
      return t.length === undefined || t.length === STRING_LENGTH ? 'STRING' : `VARCHAR(${t.length})`;
    case 'CHAR':
      return `CHAR(${t.length ?? 1})`;
    case 'DECIMAL':
      return `DECIMAL(${p ?? 10}, ${t.scale ?? 0})`;
    case 'TIME_WITHOUT_TIME_ZONE':
      return `TIME(${p ?? 0})`;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return `TIMESTAMP(${p ?? 6})`;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return `TIMESTAMP_LTZ(${p ?? 6})`;
    case 'INTERVAL_DAY_TIME':
      return 'INTERVAL DAY TO SECOND';
    case 'INTERVAL_YEAR_MONTH':
      return 'INTERVAL YEAR TO MONTH';
    default:
      return t.root;
  }
}

const NUMERIC_RANK: Partial<Record<TypeRoot, number>> = {
  TINYINT: 1,
  SMALLINT: 2,
  INTEGER: 3,
  BIGINT: 4,
  DECIMAL: 5,
  FLOAT: 6,
  DOUBLE: 7,
};

/** Digits of an exact numeric type as a DECIMAL: BIGINT is DECIMAL(19, 0), INT DECIMAL(10, 0)... */
const EXACT_DIGITS: Partial<Record<TypeRoot, number>> = { TINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19 };

/**
 * The DECIMAL that holds every value of `types` (DECIMALs and exact integers): the most integer
 * digits and the largest scale of any of them, at most 38 digits.
 */
export function mergedDecimalType(types: readonly LogicalType[], nullable: boolean): LogicalType {
  let intDigits = 0;
  let scale = 0;
  for (const t of types) {
    const p = t.root === 'DECIMAL' ? (t.precision ?? 10) : EXACT_DIGITS[t.root]!;
    const sc = t.root === 'DECIMAL' ? (t.scale ?? 0) : 0;
    intDigits = Math.max(intDigits, p - sc);
    scale = Math.max(scale, sc);
  }
  return typeOf('DECIMAL', nullable, { precision: Math.min(38, intDigits + scale), scale });
}

/**
 * The least restrictive type of `types` as Flink's type merging finds it for COALESCE, IF,
 * GREATEST..., or undefined when they do not share one. Nullable if any input is. Exact numbers
 * with a DECIMAL merge to a DECIMAL wide enough for all of them; with FLOAT or DOUBLE to DOUBLE.
 */
export function commonType(types: readonly LogicalType[]): LogicalType | undefined {
  const nullable = anyNullable(types);
  const known = types.filter((t) => t.root !== 'NULL');
  if (known.length === 0) return typeOf('NULL', true);
  const first = known[0]!;
  if (known.every(isCharacterString)) {
    const allChar = known.every((t) => t.root === 'CHAR');
    const lengths = known.map((t) => t.length ?? (t.root === 'CHAR' ? 1 : STRING_LENGTH));
    const max = Math.max(...lengths);
    if (allChar && lengths.every((l) => l === max)) return typeOf('CHAR', nullable, { length: max });
    return typeOf('VARCHAR', nullable, { length: max });
  }
  if (known.every((t) => NUMERIC_RANK[t.root] !== undefined)) {
    let best = first;
    for (const t of known) if (NUMERIC_RANK[t.root]! > NUMERIC_RANK[best.root]!) best = t;
    // BIGINT or DECIMAL with FLOAT widens to DOUBLE as in Flink's merging of approximate types.
    if (best.root === 'FLOAT' && known.some((t) => t.root === 'BIGINT' || t.root === 'INTEGER' || t.root === 'DECIMAL')) return doubleType(nullable);
    if (best.root === 'DECIMAL') return mergedDecimalType(known, nullable);
    return typeOf(best.root, nullable);
  }
  if (known.every((t) => t.root === first.root)) {
    const precision = Math.max(...known.map((t) => t.precision ?? 0));
    if (first.root === 'DECIMAL' && !known.every((t) => t.precision === first.precision && t.scale === first.scale)) {
      return undefined;
    }
    return first.precision === undefined ? withNullable(first, nullable) : { ...first, nullable, precision };
  }
  return undefined;
}

/** Converts a value of type `from` to the representation of `to` (numeric widening only). */
export function widenValue(v: unknown, from: LogicalType, to: LogicalType): unknown {
  if (v === null) return v;
  if (to.root === 'DECIMAL') {
    const d = v instanceof Decimal ? v : Decimal.fromInteger(v as number | bigint);
    return d.setScale(to.scale ?? 0);
  }
  if (from.root === to.root) return v;
  if (v instanceof Decimal) return to.root === 'FLOAT' ? Math.fround(v.toNumber()) : v.toNumber();
  if ((to.root === 'DOUBLE' || to.root === 'FLOAT') && typeof v === 'bigint') return Number(v);
  if (to.root === 'FLOAT' && typeof v === 'number') return Math.fround(v);
  return v;
}
