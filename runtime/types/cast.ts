// Binds CAST / TRY_CAST between two types with Flink 1.15+ semantics (legacy cast behaviour
// off): numeric narrowing as Java casts, DECIMAL rounding HALF_UP with overflow → NULL, string
// parsing that fails the job under CAST and gives NULL under TRY_CAST. Imports only types/.
import { numericToDecimal, numericToDouble } from './arithmetic.js';
import { castToStringText, fitStringLength } from './castText.js';
import { Decimal } from './decimal.js';
import { doubleToIntegral, parseFlinkIntegral, parseJavaDouble, parseJavaFloat, wrapIntegral, type IntegralRoot } from './javaNumbers.js';
import { formatLogicalType } from './formatLogicalType.js';
import { STRING_LENGTH, type LogicalType } from './logicalType.js';
import { SqlRuntimeError } from './sqlRuntimeError.js';
import { MILLIS_PER_DAY, parseSqlDate, parseSqlTime, parseSqlTimestamp, splitMillis, truncateMillis } from './temporalText.js';
import { instantToLocal, localToInstant } from './timeZone.js';
import { isCharacterString, isIntegral, isNumeric, stringLength, timePrecision, withNullability } from './types.js';

/** How a cast is bound. */
export interface CastOptions {
  /** TRY_CAST: failures give NULL instead of failing the job. */
  readonly tryCast: boolean;
  /** The session time zone (`table.local-time-zone`), for TIMESTAMP_LTZ conversions. */
  readonly localTimeZone: string;
}

/** A bound cast; `eval` takes a value of the source type (NULL → NULL). */
export interface BoundCast {
  eval(v: unknown): unknown;
}

/** A conversion returning `undefined` when the value cannot be converted (a cast failure). */
type Conv = (v: unknown) => unknown;

class CastFailure {
  constructor(readonly message: string, readonly exceptionClass: string) {}
}

const TABLE_RUNTIME = 'org.apache.flink.table.api.TableRuntimeException';
const NUMBER_FORMAT = 'java.lang.NumberFormatException';

function name(t: LogicalType): string {
  return formatLogicalType(withNullability({ ...t, timeAttribute: undefined }, true));
}

/** Flink's BinaryStringData.trim(): strips spaces (U+0020) only. */
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return s.slice(a, b);
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

function fromString(to: LogicalType, zone: string): Conv {
  const fail = (s: string, what: string, cls = TABLE_RUNTIME): never => {
    throw new CastFailure(what.replace('%s', s), cls);
  };
  switch (to.root) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const root = to.root as IntegralRoot;
      return (v) => parseFlinkIntegral(trimSpaces(v as string), root) ?? fail(v as string, "For input string: '%s'. Invalid character found or value out of range.", NUMBER_FORMAT);
    }
    case 'FLOAT':
      return (v) => parseJavaFloat(v as string) ?? fail(v as string, 'For input string: "%s"', NUMBER_FORMAT);
    case 'DOUBLE':
      return (v) => parseJavaDouble(v as string) ?? fail(v as string, 'For input string: "%s"', NUMBER_FORMAT);
    case 'DECIMAL': {
      const p = to.precision ?? 10;
      const s = to.scale ?? 0;
      return (v) => {
        const d = Decimal.tryParse(trimSpaces(v as string)) ?? fail(v as string, "Cannot parse '%s' as DECIMAL.", NUMBER_FORMAT);
        return d.toDecimalType(p, s);
      };
    }
    case 'BOOLEAN':
      return (v) => {
        const t = trimSpaces(v as string).toLowerCase();
        if (TRUE_STRINGS.has(t)) return true;
        if (FALSE_STRINGS.has(t)) return false;
        return fail(v as string, "Cannot parse '%s' as BOOLEAN.");
      };
    case 'DATE':
      return (v) => parseSqlDate(trimSpaces(v as string)) ?? fail(v as string, "Cannot parse '%s' as DATE.");
    case 'TIME_WITHOUT_TIME_ZONE': {
      const p = timePrecision(to);
      return (v) => truncateMillis(parseSqlTime(trimSpaces(v as string)) ?? fail(v as string, "Cannot parse '%s' as TIME."), p);
    }
    case 'TIMESTAMP_WITHOUT_TIME_ZONE': {
      const p = timePrecision(to);
      return (v) => truncateMillis(parseSqlTimestamp(trimSpaces(v as string)) ?? fail(v as string, "Cannot parse '%s' as TIMESTAMP."), p);
    }
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE': {
      const p = timePrecision(to);
      return (v) => truncateMillis(localToInstant(parseSqlTimestamp(trimSpaces(v as string)) ?? fail(v as string, "Cannot parse '%s' as TIMESTAMP_LTZ."), zone), p);
    }
    default:
      return () => undefined;
  }
}

function fromNumeric(from: LogicalType, to: LogicalType): Conv | undefined {
  const approx = from.root === 'FLOAT' || from.root === 'DOUBLE';
  switch (to.root) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const root = to.root as IntegralRoot;
      if (isIntegral(from)) {
        if (root === 'BIGINT') return (v) => v;
        // ToInt32 of a safe integer is Java's (int) narrowing; shifts then narrow to 16/8 bits.
        const shift = root === 'INTEGER' ? 0 : root === 'SMALLINT' ? 16 : 24;
        return (v) => (typeof v === 'bigint' ? wrapIntegral(root, v) : (((v as number) << shift) >> shift));
      }
      if (approx) {
        // Java: (long) d saturates; (int) d saturates; (short)/(byte) go through int and wrap.
        if (root === 'BIGINT') return (v) => doubleToIntegral(v as number, 64);
        return (v) => wrapIntegral(root, BigInt(doubleToIntegral(v as number, 32)));
      }
      // DECIMAL: BigDecimal.longValue() (truncation toward zero, low-order bits), then narrowing.
      return (v) => wrapIntegral(root, (v as Decimal).toBigInt());
    }
    case 'FLOAT':
      return (v) => Math.fround(numericToDouble(v));
    case 'DOUBLE':
      return from.root === 'FLOAT' || from.root === 'DOUBLE' ? (v) => v : (v) => numericToDouble(v);
    case 'DECIMAL': {
      const p = to.precision ?? 10;
      const s = to.scale ?? 0;
      if (approx) return (v) => (Number.isFinite(v as number) ? Decimal.fromNumber(v as number).toDecimalType(p, s) : null);
      return (v) => numericToDecimal(v).toDecimalType(p, s);
    }
    case 'BOOLEAN':
      return from.root === 'DECIMAL' ? (v) => !(v as Decimal).isZero() : (v) => v !== 0 && v !== 0n;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE': {
      // Numbers are epoch seconds (NumericToTimestampCastRule).
      const p = timePrecision(to);
      if (from.root === 'DECIMAL') return (v) => truncateMillis(Number((v as Decimal).multiply(Decimal.fromInteger(1000)).toBigInt()), p);
      if (approx) return (v) => truncateMillis(Math.trunc((v as number) * 1000), p);
      return (v) => truncateMillis(Number(v) * 1000, p);
    }
    default:
      return undefined;
  }
}

function fromLtzToNumeric(to: LogicalType): Conv | undefined {
  if (isIntegral(to)) {
    const root = to.root as IntegralRoot;
    return (v) => wrapIntegral(root, BigInt(Math.trunc((v as number) / 1000)));
  }
  if (to.root === 'DOUBLE' || to.root === 'FLOAT') return (v) => (to.root === 'FLOAT' ? Math.fround((v as number) / 1000) : (v as number) / 1000);
  if (to.root === 'DECIMAL') {
    const p = to.precision ?? 10;
    const s = to.scale ?? 0;
    return (v) => Decimal.fromUnscaled(BigInt(v as number), 3).toDecimalType(p, s);
  }
  return undefined;
}

function temporal(from: LogicalType, to: LogicalType, zone: string): Conv | undefined {
  const p = to.precision === undefined ? 0 : timePrecision(to);
  const f = from.root;
  switch (to.root) {
    case 'DATE':
      if (f === 'DATE') return (v) => v;
      if (f === 'TIMESTAMP_WITHOUT_TIME_ZONE') return (v) => splitMillis(v as number).days;
      if (f === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') return (v) => splitMillis(instantToLocal(v as number, zone)).days;
      return undefined;
    case 'TIME_WITHOUT_TIME_ZONE':
      if (f === 'TIME_WITHOUT_TIME_ZONE') return (v) => truncateMillis(v as number, p);
      if (f === 'TIMESTAMP_WITHOUT_TIME_ZONE') return (v) => truncateMillis(splitMillis(v as number).msOfDay, p);
      if (f === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') return (v) => truncateMillis(splitMillis(instantToLocal(v as number, zone)).msOfDay, p);
      return undefined;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      if (f === 'TIMESTAMP_WITHOUT_TIME_ZONE') return (v) => truncateMillis(v as number, p);
      if (f === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') return (v) => truncateMillis(instantToLocal(v as number, zone), p);
      if (f === 'DATE') return (v) => (v as number) * MILLIS_PER_DAY;
      if (f === 'TIME_WITHOUT_TIME_ZONE') return (v) => v;
      return undefined;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      if (f === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') return (v) => truncateMillis(v as number, p);
      if (f === 'TIMESTAMP_WITHOUT_TIME_ZONE') return (v) => truncateMillis(localToInstant(v as number, zone), p);
      if (f === 'DATE') return (v) => localToInstant((v as number) * MILLIS_PER_DAY, zone);
      if (f === 'TIME_WITHOUT_TIME_ZONE') return (v) => localToInstant(v as number, zone);
      return undefined;
    default:
      return undefined;
  }
}

const TEMPORAL = new Set(['DATE', 'TIME_WITHOUT_TIME_ZONE', 'TIMESTAMP_WITHOUT_TIME_ZONE', 'TIMESTAMP_WITH_LOCAL_TIME_ZONE']);

/** The conversion for from → to, or an error message for casts Flink does not allow. */
function conversion(from: LogicalType, to: LogicalType, zone: string): Conv | string {
  const unsupported = `Cast function cannot convert value of type ${name(from)} to type ${name(to)}`;
  if (from.root === 'NULL') return () => null;
  if (isCharacterString(to)) {
    const length = stringLength(to);
    const pad = to.root === 'CHAR';
    if (isCharacterString(from)) return length === STRING_LENGTH ? (v) => v : (v) => fitStringLength(v as string, length, pad);
    return (v) => fitStringLength(castToStringText(v, from, zone), length, pad);
  }
  if (isCharacterString(from)) {
    if (to.root === 'INTERVAL_DAY_TIME' || to.root === 'INTERVAL_YEAR_MONTH') return unsupported;
    return fromString(to, zone);
  }
  if (from.root === 'BOOLEAN') {
    if (to.root === 'BOOLEAN') return (v) => v;
    if (to.root === 'DECIMAL') {
      const p = to.precision ?? 10;
      const s = to.scale ?? 0;
      return (v) => Decimal.fromInteger(v ? 1 : 0).toDecimalType(p, s);
    }
    if (isNumeric(to)) return (v) => (v ? 1 : 0);
    return unsupported;
  }
  if (isNumeric(from)) {
    if (to.root === 'TIMESTAMP_WITHOUT_TIME_ZONE') {
      return "The cast from NUMERIC type to TIMESTAMP type is not allowed. It's recommended to use TO_TIMESTAMP(FROM_UNIXTIME(numeric_col)) instead, note the numeric is in seconds.";
    }
    return fromNumeric(from, to) ?? unsupported;
  }
  if (from.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' && isNumeric(to)) {
    return "The cast from TIMESTAMP type to NUMERIC type is not allowed. It's recommended to use UNIX_TIMESTAMP(CAST(timestamp_col AS STRING)) instead.";
  }
  if (from.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE' && isNumeric(to)) return fromLtzToNumeric(to) ?? unsupported;
  if (TEMPORAL.has(from.root) && TEMPORAL.has(to.root)) return temporal(from, to, zone) ?? unsupported;
  if (from.root === to.root && (from.root === 'INTERVAL_DAY_TIME' || from.root === 'INTERVAL_YEAR_MONTH')) return (v) => v;
  return unsupported;
}

/**
 * Binds CAST(x AS to) or TRY_CAST(x AS to) for values of type `from`. Returns an error (Flink's
 * validation message) when Flink does not allow the cast at all. At runtime an unparsable
 * string throws SqlRuntimeError under CAST and yields NULL under TRY_CAST; DECIMAL overflow
 * yields NULL under both, as Flink's DecimalData does.
 */
export function bindCast(from: LogicalType, to: LogicalType, options: CastOptions): BoundCast | { error: string } {
  const conv = conversion(from, to, options.localTimeZone);
  if (typeof conv === 'string') return { error: conv };
  const tryCast = options.tryCast;
  return {
    eval(v: unknown): unknown {
      if (v === null || v === undefined) return null;
      try {
        const r = conv(v);
        return r === undefined ? null : r;
      } catch (e) {
        if (!(e instanceof CastFailure)) throw e;
        if (tryCast) return null;
        throw new SqlRuntimeError(e.message, e.exceptionClass);
      }
    },
  };
}

/** Whether Flink allows CAST from `from` to `to` (validation only). */
export function supportsExplicitCast(from: LogicalType, to: LogicalType): boolean {
  return typeof conversion(from, to, 'UTC') !== 'string';
}
