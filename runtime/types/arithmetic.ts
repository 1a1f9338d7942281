// Binds + - * / % to Flink's result type and a fast evaluator: Java wrapping for integer types,
// integer division truncating toward zero, DECIMAL with Flink's precision/scale rules (overflow
// → NULL), FLOAT/DOUBLE as IEEE. Imports only types/.
import { Decimal } from './decimal.js';
import { decimalShapeOf, findAdditionDecimalType, findDivisionDecimalType, findModuloDecimalType, findMultiplicationDecimalType } from './decimalTypes.js';
import { formatLogicalType } from './formatLogicalType.js';
import type { LogicalType, TypeRoot } from './logicalType.js';
import { normalizeBigint, toBigInt, wrapSmallint, wrapTinyint } from './javaNumbers.js';
import { SqlRuntimeError } from './sqlRuntimeError.js';
import { isIntegral, isNumeric, withNullability } from './types.js';

/** An arithmetic operator: `+`, `-`, `*`, `/`, `%` (MOD). */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/** A bound binary operation: its result type and evaluator (NULL in → NULL out). */
export interface BoundBinaryOperation {
  readonly type: LogicalType;
  eval(a: unknown, b: unknown): unknown;
}

type Eval = (a: unknown, b: unknown) => unknown;

const INTEGRAL_RANK: Partial<Record<TypeRoot, number>> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4 };

/** The value of an exact or approximate numeric as a double (Java's widening to double). */
export function numericToDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return (v as Decimal).toNumber();
}

/** The value of an integral or DECIMAL as a Decimal. */
export function numericToDecimal(v: unknown): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'bigint' || typeof v === 'number') return Decimal.fromInteger(v);
  throw new TypeError(`not an exact numeric value: ${String(v)}`);
}

function divisionByZero(): never {
  throw new SqlRuntimeError('/ by zero', 'java.lang.ArithmeticException');
}

function decimalDivisionByZero(a: Decimal): never {
  throw new SqlRuntimeError(a.isZero() ? 'Division undefined' : 'Division by zero', 'java.lang.ArithmeticException');
}

function nullSafe(f: Eval): Eval {
  return (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : f(a, b));
}

/** The result type of `left op right` per Flink's type inference, or undefined if not numeric. */
function resultRoot(op: ArithmeticOperator, l: LogicalType, r: LogicalType): LogicalType | undefined {
  const nullable = l.nullable || r.nullable;
  if (l.root === 'DECIMAL' || r.root === 'DECIMAL') {
    const a = decimalShapeOf(l);
    const b = decimalShapeOf(r);
    // DECIMAL with FLOAT/DOUBLE is DOUBLE (Calcite's least restrictive type).
    if (!a || !b) return { root: 'DOUBLE', nullable };
    const shape =
      op === '+' || op === '-'
        ? findAdditionDecimalType(a, b)
        : op === '*'
          ? findMultiplicationDecimalType(a, b)
          : op === '/'
            ? findDivisionDecimalType(a, b)
            : findModuloDecimalType(a, b);
    return { root: 'DECIMAL', nullable, precision: shape.precision, scale: shape.scale };
  }
  if (l.root === 'DOUBLE' || r.root === 'DOUBLE') return { root: 'DOUBLE', nullable };
  if (l.root === 'FLOAT' || r.root === 'FLOAT') return { root: 'FLOAT', nullable };
  // Both integral. MOD's result has the divisor's type (Calcite's ARG1_NULLABLE); the others the wider one.
  if (op === '%') return { root: r.root, nullable };
  return { root: INTEGRAL_RANK[l.root]! >= INTEGRAL_RANK[r.root]! ? l.root : r.root, nullable };
}

function smallIntegralEval(op: ArithmeticOperator, wrap: (v: number) => number): Eval {
  switch (op) {
    case '+':
      return (a, b) => wrap((a as number) + (b as number));
    case '-':
      return (a, b) => wrap((a as number) - (b as number));
    case '*':
      return (a, b) => wrap((a as number) * (b as number));
    case '/':
      return (a, b) => ((b as number) === 0 ? divisionByZero() : wrap(Math.trunc((a as number) / (b as number))));
    case '%':
      return (a, b) => ((b as number) === 0 ? divisionByZero() : wrap((a as number) % (b as number)));
  }
}

function intEval(op: ArithmeticOperator): Eval {
  if (op === '*') return (a, b) => Math.imul(a as number, b as number);
  return smallIntegralEval(op, (v) => v | 0);
}

const TWO_31 = 2 ** 31;

function bigintEval(op: ArithmeticOperator): Eval {
  const slow = (f: (x: bigint, y: bigint) => bigint) => (a: unknown, b: unknown) =>
    normalizeBigint(BigInt.asIntN(64, f(toBigInt(a as number | bigint), toBigInt(b as number | bigint))));
  switch (op) {
    case '+': {
      const s = slow((x, y) => x + y);
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        }
        return s(a, b);
      };
    }
    case '-': {
      const s = slow((x, y) => x - y);
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        }
        return s(a, b);
      };
    }
    case '*': {
      const s = slow((x, y) => x * y);
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r + 0;
        }
        return s(a, b);
      };
    }
    case '/': {
      const s = slow((x, y) => x / y);
      return (a, b) => {
        if (b === 0 || b === 0n) divisionByZero();
        if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < TWO_31) return Math.trunc(a / b) + 0;
        return s(a, b);
      };
    }
    case '%': {
      const s = slow((x, y) => x % y);
      return (a, b) => {
        if (b === 0 || b === 0n) divisionByZero();
        if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
        return s(a, b);
      };
    }
  }
}

function approxEval(op: ArithmeticOperator, float: boolean): Eval {
  const conv = float ? (v: unknown) => Math.fround(numericToDouble(v)) : numericToDouble;
  const done = float ? Math.fround : (v: number) => v;
  switch (op) {
    case '+':
      return (a, b) => done(conv(a) + conv(b));
    case '-':
      return (a, b) => done(conv(a) - conv(b));
    case '*':
      return (a, b) => done(conv(a) * conv(b));
    case '/':
      return (a, b) => done(conv(a) / conv(b));
    case '%':
      return (a, b) => done(conv(a) % conv(b));
  }
}

function decimalEval(op: ArithmeticOperator, precision: number, scale: number): Eval {
  switch (op) {
    case '+':
      return (a, b) => numericToDecimal(a).add(numericToDecimal(b)).toDecimalType(precision, scale);
    case '-':
      return (a, b) => numericToDecimal(a).subtract(numericToDecimal(b)).toDecimalType(precision, scale);
    case '*':
      return (a, b) => numericToDecimal(a).multiply(numericToDecimal(b)).toDecimalType(precision, scale);
    case '/':
      return (a, b) => {
        const x = numericToDecimal(a);
        const q = x.divide(numericToDecimal(b), 38);
        return q === undefined ? decimalDivisionByZero(x) : q.toDecimalType(precision, scale);
      };
    case '%':
      return (a, b) => {
        const x = numericToDecimal(a);
        const r = x.remainder(numericToDecimal(b));
        return r === undefined ? decimalDivisionByZero(x) : r.toDecimalType(precision, scale);
      };
  }
}

function intervalOperation(op: ArithmeticOperator, l: LogicalType, r: LogicalType): BoundBinaryOperation | undefined {
  const nullable = l.nullable || r.nullable;
  const li = l.root === 'INTERVAL_DAY_TIME' || l.root === 'INTERVAL_YEAR_MONTH';
  const ri = r.root === 'INTERVAL_DAY_TIME' || r.root === 'INTERVAL_YEAR_MONTH';
  if (li && ri && l.root === r.root && (op === '+' || op === '-')) {
    return { type: { root: l.root, nullable }, eval: nullSafe(op === '+' ? (a, b) => (a as number) + (b as number) : (a, b) => (a as number) - (b as number)) };
  }
  if (li && isNumeric(r) && (op === '*' || op === '/')) {
    return {
      type: { root: l.root, nullable },
      eval: nullSafe(op === '*' ? (a, b) => Math.trunc((a as number) * numericToDouble(b)) : (a, b) => Math.trunc((a as number) / numericToDouble(b))),
    };
  }
  if (ri && isNumeric(l) && op === '*') {
    return { type: { root: r.root, nullable }, eval: nullSafe((a, b) => Math.trunc(numericToDouble(a) * (b as number))) };
  }
  return undefined;
}

function operandName(t: LogicalType): string {
  return formatLogicalType(withNullability({ ...t, timeAttribute: undefined }, true));
}

/**
 * Binds `left op right` with Flink's semantics. Result types: integral op integral → the wider
 * type (for `%` the divisor's type), computed with Java's wrapping (INT + INT wraps at 32 bits);
 * `/` on integers truncates toward zero and throws SqlRuntimeError("/ by zero") for a zero
 * divisor; DECIMAL with an integral/DECIMAL → DECIMAL per LogicalTypeMerging (values that do
 * not fit the result precision become NULL); anything with DOUBLE, or DECIMAL with FLOAT → DOUBLE;
 * FLOAT with FLOAT/integral → FLOAT. INTERVAL ± INTERVAL and INTERVAL × / numeric are supported.
 * A NULL-typed operand gives a NULL result.
 */
export function bindArithmetic(op: string, left: LogicalType, right: LogicalType): BoundBinaryOperation | { error: string } {
  const o = (op.toUpperCase() === 'MOD' ? '%' : op) as ArithmeticOperator;
  if (!['+', '-', '*', '/', '%'].includes(o)) return { error: `Unknown arithmetic operator '${op}'` };
  if (left.root === 'NULL' || right.root === 'NULL') {
    const other = left.root === 'NULL' ? right : left;
    if (other.root === 'NULL' || !(isNumeric(other) || other.root.startsWith('INTERVAL'))) {
      return { error: `Cannot apply '${o}' to arguments of type '<${operandName(left)}> ${o} <${operandName(right)}>'. Supported form(s): '<NUMERIC> ${o} <NUMERIC>'` };
    }
    const bound = bindArithmetic(o, other, other);
    if ('error' in bound) return bound;
    return { type: withNullability(bound.type, true), eval: () => null };
  }
  if (!isNumeric(left) || !isNumeric(right)) {
    const interval = intervalOperation(o, left, right);
    if (interval) return interval;
    return { error: `Cannot apply '${o}' to arguments of type '<${operandName(left)}> ${o} <${operandName(right)}>'. Supported form(s): '<NUMERIC> ${o} <NUMERIC>'` };
  }
  const type = resultRoot(o, left, right)!;
  let f: Eval;
  switch (type.root) {
    case 'DECIMAL':
      f = decimalEval(o, type.precision!, type.scale!);
      break;
    case 'DOUBLE':
      f = approxEval(o, false);
      break;
    case 'FLOAT':
      f = approxEval(o, true);
      break;
    case 'BIGINT':
      f = bigintEval(o);
      break;
    case 'INTEGER':
      f = intEval(o);
      break;
    case 'SMALLINT':
      f = smallIntegralEval(o, wrapSmallint);
      break;
    default:
      f = smallIntegralEval(o, wrapTinyint);
  }
  // `%` with a narrower divisor type: the remainder always fits the divisor's type.
  if (o === '%' && isIntegral(left) && isIntegral(right) && type.root !== 'BIGINT' && (left.root === 'BIGINT' || INTEGRAL_RANK[left.root]! > INTEGRAL_RANK[right.root]!)) {
    f = (a, b) => {
      if (b === 0 || b === 0n) divisionByZero();
      // Safe integers: JS % is exact and takes the dividend's sign, as Java's does.
      if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
      return Number(toBigInt(a as number | bigint) % toBigInt(b as number | bigint));
    };
  }
  return { type, eval: nullSafe(f) };
}

/**
 * Binds unary minus: the operand's type is kept (Flink's `-x` on DECIMAL(p, s) is DECIMAL(p, s),
 * on INT is INT); integers wrap as Java (`-(-2147483648)` is -2147483648).
 */
export function bindNegate(operand: LogicalType): { type: LogicalType; eval(v: unknown): unknown } | { error: string } {
  const type = withNullability({ ...operand, timeAttribute: undefined }, operand.nullable);
  let f: (v: unknown) => unknown;
  switch (operand.root) {
    case 'TINYINT':
      f = (v) => wrapTinyint(-(v as number));
      break;
    case 'SMALLINT':
      f = (v) => wrapSmallint(-(v as number));
      break;
    case 'INTEGER':
      f = (v) => -(v as number) | 0;
      break;
    case 'BIGINT':
      f = (v) => (typeof v === 'bigint' ? normalizeBigint(BigInt.asIntN(64, -v)) : -(v as number) + 0);
      break;
    case 'DECIMAL':
      f = (v) => (v as Decimal).negate();
      break;
    case 'FLOAT':
    case 'DOUBLE':
      f = (v) => -(v as number);
      break;
    case 'INTERVAL_DAY_TIME':
    case 'INTERVAL_YEAR_MONTH':
      f = (v) => -(v as number) + 0;
      break;
    case 'NULL':
      return { type: operand, eval: () => null };
    default:
      return { error: `Cannot apply '-' to arguments of type '-<${operandName(operand)}>'. Supported form(s): '-<NUMERIC>'` };
  }
  return { type, eval: (v) => (v === null || v === undefined ? null : f(v)) };
}
