// Binds = <> < <= > >= with Flink's semantics: numeric comparison across numeric types (DECIMAL
// exactly, approximate types as doubles), strings in code point order (BinaryStringData compares
// UTF-8 bytes), booleans, temporal values, and time points against strings. Imports only types/.
import { numericToDecimal, numericToDouble, type BoundBinaryOperation } from './arithmetic.js';
import { bindCast } from './cast.js';
import type { Decimal } from './decimal.js';
import { formatLogicalType } from './formatLogicalType.js';
import type { LogicalType } from './logicalType.js';
import { isApproximateNumeric, isCharacterString, isIntegral, isNumeric, isTimePoint, withNullability } from './types.js';

/** A comparison operator. */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** Orders two non-null values: negative, zero or positive. NaN compares as Java's primitive operators do (unordered). */
export type ValueComparator = (a: unknown, b: unknown) => number;

/**
 * Compares strings as Flink's BinaryStringData (UTF-8 bytes, i.e. code point order). This
 * differs from UTF-16 order (JS `<`, Java String.compareTo) only between supplementary
 * characters and U+E000..U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (D800..DFFF) encode code points above FFFF: move them above E000..FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function numberCompare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

/** The comparator of two non-null values of comparable types, or undefined. */
function comparatorFor(l: LogicalType, r: LogicalType): ValueComparator | undefined {
  if (isNumeric(l) && isNumeric(r)) {
    if (isApproximateNumeric(l) || isApproximateNumeric(r)) return (a, b) => numberCompare(numericToDouble(a), numericToDouble(b));
    if (l.root === 'DECIMAL' || r.root === 'DECIMAL') return (a, b) => numericToDecimal(a).compareTo(numericToDecimal(b));
    // Integral: numbers and bigints compare exactly with JS relational operators.
    return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  }
  if (isCharacterString(l) && isCharacterString(r)) return (a, b) => compareStrings(a as string, b as string);
  if (l.root === 'BOOLEAN' && r.root === 'BOOLEAN') return (a, b) => Number(a) - Number(b);
  if (l.root === r.root && (isTimePoint(l) || l.root === 'INTERVAL_DAY_TIME' || l.root === 'INTERVAL_YEAR_MONTH')) {
    return (a, b) => (a as number) - (b as number);
  }
  return undefined;
}

/**
 * A total-order comparator for sorting values of one type (ORDER BY, MIN/MAX): NULLs are
 * not handled; doubles order as Java's Double.compare (-0.0 < 0.0, NaN last).
 */
export function createComparator(t: LogicalType): ValueComparator | undefined {
  if (isApproximateNumeric(t)) {
    return (a, b) => {
      const x = a as number;
      const y = b as number;
      if (x < y) return -1;
      if (x > y) return 1;
      if (x === y && x !== 0) return 0;
      const kx = Number.isNaN(x) ? 2 : Object.is(x, -0) ? 0 : 1;
      const ky = Number.isNaN(y) ? 2 : Object.is(y, -0) ? 0 : 1;
      return kx - ky;
    };
  }
  if (t.root === 'DECIMAL') return (a, b) => (a as Decimal).compareTo(b as Decimal);
  return comparatorFor(t, t);
}

function test(op: ComparisonOperator): (c: number) => boolean {
  switch (op) {
    case '=':
      return (c) => c === 0;
    case '<>':
      return (c) => c !== 0;
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    case '>=':
      return (c) => c >= 0;
  }
}

function typeText(t: LogicalType): string {
  return formatLogicalType(withNullability({ ...t, timeAttribute: undefined }, true));
}

/**
 * Binds `left op right` → BOOLEAN (nullable when an operand is), NULL when either value is NULL.
 * Comparable: any two numeric types; two character strings; two booleans; two values of the
 * same temporal or interval type; a time point with a string (the string is cast to the time
 * point's type, NULL when it does not parse, as Flink's generated comparison does).
 * `!=` is accepted as `<>`.
 * @param options.localTimeZone the session time zone for strings compared with TIMESTAMP_LTZ
 */
export function bindComparison(
  op: string,
  left: LogicalType,
  right: LogicalType,
  options: { localTimeZone?: string } = {},
): BoundBinaryOperation | { error: string } {
  const o = (op === '!=' ? '<>' : op) as ComparisonOperator;
  if (!['=', '<>', '<', '<=', '>', '>='].includes(o)) return { error: `Unknown comparison operator '${op}'` };
  const type: LogicalType = { root: 'BOOLEAN', nullable: left.nullable || right.nullable || left.root === 'NULL' || right.root === 'NULL' };
  if (left.root === 'NULL' || right.root === 'NULL') return { type, eval: () => null };
  const holds = test(o);
  const direct = comparatorFor(left, right);
  if (direct) {
    // Fast paths for the common same-kind cases.
    if (isIntegral(left) && isIntegral(right)) {
      return {
        type,
        eval: (a, b) => {
          if (a === null || b === null) return null;
          const x = a as number;
          const y = b as number;
          return holds(x < y ? -1 : x > y ? 1 : 0);
        },
      };
    }
    if (o === '=' || o === '<>') {
      // NaN is unequal to everything; other comparators give NaN only for NaN operands.
      return { type, eval: (a, b) => (a === null || b === null ? null : holds(direct(a, b) === 0 ? 0 : 1)) };
    }
    return { type, eval: (a, b) => (a === null || b === null ? null : holds(direct(a, b))) };
  }
  const zone = options.localTimeZone ?? 'UTC';
  if (isTimePoint(left) && isCharacterString(right)) {
    const cast = bindCast(right, withNullability(left, true), { tryCast: true, localTimeZone: zone });
    if (!('error' in cast)) {
      return { type: withNullability(type, true), eval: (a, b) => {
        if (a === null || b === null) return null;
        const y = cast.eval(b);
        return y === null ? null : holds((a as number) - (y as number));
      } };
    }
  }
  if (isCharacterString(left) && isTimePoint(right)) {
    const cast = bindCast(left, withNullability(right, true), { tryCast: true, localTimeZone: zone });
    if (!('error' in cast)) {
      return { type: withNullability(type, true), eval: (a, b) => {
        if (a === null || b === null) return null;
        const x = cast.eval(a);
        return x === null ? null : holds((x as number) - (b as number));
      } };
    }
  }
  return {
    error: `Cannot apply '${o}' to arguments of type '<${typeText(left)}> ${o} <${typeText(right)}>'. Supported form(s): '<COMPARABLE_TYPE> ${o} <COMPARABLE_TYPE>'`,
  };
}
