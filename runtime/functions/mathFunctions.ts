// Flink SQL numeric functions: ABS, MOD, ROUND, FLOOR, CEIL, POWER, SQRT, LN, LOG10, EXP, SIGN.
// Java int/long semantics (wrapping, truncating %); DECIMAL arguments are not supported yet.
// Imports functions/ only.
import type { LogicalType } from '../types/logicalType.js';
import { checkArg, defineFunction, firstError, strict1, strict2, toNumber } from './define.js';
import { FunctionRuntimeError, type ScalarFunctionDef } from './functionDef.js';
import { roundHalfUpDouble, roundHalfUpInteger, toBigInt, wrapIntegral } from './numericValues.js';
import { anyNullable, doubleType, intType, isIntegral, isNumeric, withNullable } from './types.js';

const NUMERIC = 'NUMERIC';
const DECIMAL_GAP = 'DECIMAL arguments are not supported yet by the local runtime';

/** Numeric argument check that reports the DECIMAL gap separately. */
function numericArg(fn: string, t: readonly LogicalType[], i: number): string | undefined {
  if (t[i]?.root === 'DECIMAL') return `${fn}: ${DECIMAL_GAP}`;
  return checkArg(fn, t, i, isNumeric, NUMERIC);
}

/** The argument's own type (INT for an untyped NULL), nullable as the call. */
function sameType(t: readonly LogicalType[]): LogicalType {
  const base = t[0]!.root === 'NULL' ? intType() : t[0]!;
  return withNullable(base, anyNullable(t));
}

function isIntegralRoot(root: string): boolean {
  return root === 'TINYINT' || root === 'SMALLINT' || root === 'INTEGER' || root === 'BIGINT';
}

const abs = defineFunction({
  name: 'ABS',
  signatures: ['ABS(NUMERIC) → NUMERIC'],
  description: 'Returns the absolute value (of the same type; Java wrapping for the minimum integer).',
  arity: [1, 1],
  check: (t) => numericArg('ABS', t, 0) ?? sameType(t),
  bind: (t) => {
    const root = t[0]!.root;
    if (isIntegralRoot(root)) {
      return strict1((v: number | bigint) => {
        const b = toBigInt(v);
        return wrapIntegral(root, b < 0n ? -b : b);
      });
    }
    return strict1((v: number) => Math.abs(v));
  },
});

const mod = defineFunction({
  name: 'MOD',
  signatures: ['MOD(INT, INT) → INT', 'MOD(BIGINT, BIGINT) → BIGINT'],
  description: 'Returns the remainder of a divided by b, with the sign of a (Java %); the result has the type of b.',
  arity: [2, 2],
  check: (t) =>
    firstError(
      t[0]!.root === 'DECIMAL' || t[1]!.root === 'DECIMAL' ? `MOD: ${DECIMAL_GAP}` : undefined,
      checkArg('MOD', t, 0, isIntegral, 'an exact numeric type (TINYINT, SMALLINT, INT, BIGINT)'),
      checkArg('MOD', t, 1, isIntegral, 'an exact numeric type (TINYINT, SMALLINT, INT, BIGINT)'),
    ) ?? withNullable(t[1]!.root === 'NULL' ? intType() : t[1]!, anyNullable(t)),
  bind: (t) => {
    const root = t[1]!.root === 'NULL' ? 'INTEGER' : t[1]!.root;
    const bothSmall = t.every((x) => x.root !== 'BIGINT');
    if (bothSmall) {
      return strict2((a: number, b: number) => {
        if (b === 0) throw new FunctionRuntimeError('/ by zero');
        return wrapIntegral(root, BigInt(a % b));
      });
    }
    return strict2((a: number | bigint, b: number | bigint) => {
      const bb = toBigInt(b);
      if (bb === 0n) throw new FunctionRuntimeError('/ by zero');
      return wrapIntegral(root, toBigInt(a) % bb);
    });
  },
});

const round = defineFunction({
  name: 'ROUND',
  signatures: ['ROUND(NUMERIC) → NUMERIC', 'ROUND(NUMERIC, places INT) → NUMERIC'],
  description: 'Rounds to the given number of decimal places (default 0), half away from zero (BigDecimal HALF_UP).',
  arity: [1, 2],
  check: (t) => firstError(numericArg('ROUND', t, 0), checkArg('ROUND', t, 1, isIntegral, 'INT')) ?? sameType(t),
  bind: (t) => {
    const root = t[0]!.root;
    const places = (args: readonly unknown[]): number => (args.length > 1 ? toNumber(args[1]) : 0);
    return (args) => {
      const v = args[0];
      if (v === null || v === undefined || (args.length > 1 && (args[1] === null || args[1] === undefined))) return null;
      const d = places(args);
      if (isIntegralRoot(root)) return wrapIntegral(root, roundHalfUpInteger(toBigInt(v as number | bigint), d));
      if (!Number.isFinite(v as number)) throw new FunctionRuntimeError('Infinite or NaN');
      const r = roundHalfUpDouble(v as number, d);
      return root === 'FLOAT' ? Math.fround(r) : r;
    };
  },
});

function floorCeil(name: 'FLOOR' | 'CEIL'): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(NUMERIC) → NUMERIC`],
    description: `Rounds ${name === 'FLOOR' ? 'down' : 'up'} to an integral value of the same type.`,
    arity: [1, 1],
    check: (t) => numericArg(name, t, 0) ?? sameType(t),
    bind: (t) => {
      if (isIntegralRoot(t[0]!.root) || t[0]!.root === 'NULL') return strict1((v: unknown) => v);
      return strict1((v: number) => (name === 'FLOOR' ? Math.floor(v) : Math.ceil(v)));
    },
  });
}

function doubleFunction(name: string, signature: string, description: string, f: (x: number) => number): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [signature],
    description,
    arity: [1, 1],
    check: (t) => numericArg(name, t, 0) ?? doubleType(anyNullable(t)),
    bind: () => strict1((v: number | bigint) => f(toNumber(v))),
  });
}

const power = defineFunction({
  name: 'POWER',
  signatures: ['POWER(NUMERIC, NUMERIC) → DOUBLE'],
  description: 'Returns a raised to the power of b (Math.pow).',
  arity: [2, 2],
  check: (t) => firstError(numericArg('POWER', t, 0), numericArg('POWER', t, 1)) ?? doubleType(anyNullable(t)),
  bind: () => strict2((a: number | bigint, b: number | bigint) => Math.pow(toNumber(a), toNumber(b))),
});

const sign = defineFunction({
  name: 'SIGN',
  signatures: ['SIGN(NUMERIC) → NUMERIC'],
  description: 'Returns -1, 0 or 1 (of the argument type) by the sign of the number.',
  arity: [1, 1],
  check: (t) => numericArg('SIGN', t, 0) ?? sameType(t),
  bind: (t) => {
    if (isIntegralRoot(t[0]!.root)) {
      return strict1((v: number | bigint) => {
        const b = toBigInt(v);
        return b > 0n ? 1 : b < 0n ? -1 : 0;
      });
    }
    return strict1((v: number) => Math.sign(v));
  },
});

/** The numeric functions (aliases are added by the registry). */
export const MATH_FUNCTIONS: readonly ScalarFunctionDef[] = [
  abs,
  mod,
  round,
  floorCeil('FLOOR'),
  floorCeil('CEIL'),
  power,
  doubleFunction('SQRT', 'SQRT(NUMERIC) → DOUBLE', 'Returns the square root (NaN for a negative number).', Math.sqrt),
  doubleFunction('LN', 'LN(NUMERIC) → DOUBLE', 'Returns the natural logarithm.', Math.log),
  doubleFunction('LOG10', 'LOG10(NUMERIC) → DOUBLE', 'Returns the base-10 logarithm.', Math.log10),
  doubleFunction('EXP', 'EXP(NUMERIC) → DOUBLE', 'Returns e raised to the power of the number.', Math.exp),
  sign,
];

