// Chooses the aggregate function implementation and result type for a call, with Flink's
// result types: COUNT → BIGINT NOT NULL; SUM, MIN, MAX → the argument type; AVG of an integer
// type → that type (integer division), of FLOAT/DOUBLE → DOUBLE, of DECIMAL(p, s) → DECIMAL(38, max(s, 6)).
import { isNumeric, typeName, typeOf, withNullable } from '../functions/types.js';
import { COUNT, COUNT_STAR, avgFunction, distinctFunction, extremumFunction, sumFunction, type AggregateFunction } from '../operators/aggregateFunctions.js';
import { bindArithmetic } from '../types/arithmetic.js';
import { bindCast } from '../types/cast.js';
import { bindComparison } from '../types/comparison.js';
import { Decimal } from '../types/decimal.js';
import type { LogicalType } from '../types/logicalType.js';

/** An aggregate call ready for the operator. */
export interface ResolvedAggregate {
  readonly fn: AggregateFunction;
  readonly type: LogicalType;
}

/** Resolves `name(DISTINCT? arg)`; `argType` undefined for COUNT(*). Returns an error message for bad arguments. */
export function resolveAggregate(name: string, argType: LogicalType | undefined, distinct: boolean, retractable: boolean): ResolvedAggregate | string {
  const wrap = (fn: AggregateFunction) => (distinct ? distinctFunction(fn) : fn);
  if (name === 'COUNT') {
    return { fn: argType === undefined ? COUNT_STAR : wrap(COUNT), type: typeOf('BIGINT', false) };
  }
  if (argType === undefined) return `${name}(*) is not valid: ${name} needs an argument`;
  if (name === 'MIN' || name === 'MAX') {
    const cmp = bindComparison('<', argType, argType);
    if ('error' in cmp) return `Cannot apply '${name}' to arguments of type '${name}(<${typeName(argType)}>)'`;
    const compare = (a: unknown, b: unknown) => (cmp.eval(a, b) === true ? -1 : cmp.eval(b, a) === true ? 1 : 0);
    return { fn: wrap(extremumFunction(name, compare, retractable)), type: withNullable(argType, true) };
  }
  if (!isNumeric(argType) || argType.root === 'NULL') return `Cannot apply '${name}' to arguments of type '${name}(<${typeName(argType)}>)'. Supported form(s): '${name}(<NUMERIC>)'`;
  const t = withNullable({ ...argType, timeAttribute: undefined }, true);
  const add = bindArithmetic('+', t, t);
  const sub = bindArithmetic('-', t, t);
  if ('error' in add || 'error' in sub) return `Cannot apply '${name}' to ${typeName(argType)}`;
  // SUM keeps the argument's type (SUM of INT is INT, wrapping on overflow as Java does).
  const sumType = t.root === 'DECIMAL' ? { ...t, precision: 38 } : t;
  const zero = t.root === 'DECIMAL' ? Decimal.fromUnscaled(0n, t.scale ?? 0) : 0;
  const addS = t.root === 'DECIMAL' ? bindArithmetic('+', sumType, sumType) : add;
  const subS = t.root === 'DECIMAL' ? bindArithmetic('-', sumType, sumType) : sub;
  if ('error' in addS || 'error' in subS) return `Cannot apply '${name}' to ${typeName(argType)}`;
  if (name === 'SUM') return { fn: wrap(sumFunction(addS.eval, subS.eval, zero)), type: sumType };
  // AVG
  let resultType: LogicalType;
  let divide: (sum: unknown, count: number) => unknown;
  if (t.root === 'FLOAT' || t.root === 'DOUBLE') {
    resultType = typeOf('DOUBLE');
    divide = (s, c) => (s as number) / c;
  } else if (t.root === 'DECIMAL') {
    resultType = typeOf('DECIMAL', true, { precision: 38, scale: Math.max(t.scale ?? 0, 6) });
    const div = bindArithmetic('/', sumType, typeOf('BIGINT', false));
    if ('error' in div) return `Cannot apply AVG to ${typeName(argType)}`;
    const toResult = bindCast(div.type, resultType, { tryCast: false, localTimeZone: 'UTC' });
    if ('error' in toResult) return `Cannot apply AVG to ${typeName(argType)}`;
    divide = (s, c) => toResult.eval(div.eval(s, c));
  } else {
    resultType = t;
    // Integer AVG truncates toward zero, in the argument's type.
    divide = (s, c) => (typeof s === 'bigint' ? normalizeBig(s / BigInt(c)) : Math.trunc((s as number) / c));
  }
  return { fn: wrap(avgFunction(addS.eval, subS.eval, zero, divide)), type: resultType };
}

function normalizeBig(v: bigint): number | bigint {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}
