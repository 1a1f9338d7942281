// Flink SQL conditional functions: COALESCE, NULLIF, IF, IFNULL, GREATEST, LEAST.
// Arguments are merged to their common type (numeric widening). Imports functions/ only.
import { Decimal } from '../types/decimal.js';
import type { LogicalType } from '../types/logicalType.js';
import { compareByCodePoints } from './codePoints.js';
import { checkArg, defineFunction } from './define.js';
import type { ScalarFunctionDef } from './functionDef.js';
import { commonType, typeName, widenValue, withNullable } from './types.js';

function noCommonType(fn: string, t: readonly LogicalType[]): string {
  return `Could not find a common type for the arguments of ${fn}: ${t.map(typeName).join(', ')}`;
}

/** Compares two non-null values of one common type: numbers, bigints, decimals, strings, booleans. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareByCodePoints(a, b);
  if (a instanceof Decimal && b instanceof Decimal) return a.compareTo(b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    // A bigint BIGINT is outside the safe range; compare exactly when both are integers.
    if (typeof a === 'number' && !Number.isInteger(a)) return a < Number(b) ? -1 : a > Number(b) ? 1 : 0;
    if (typeof b === 'number' && !Number.isInteger(b)) return Number(a) < b ? -1 : Number(a) > b ? 1 : 0;
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

const coalesce = defineFunction({
  name: 'COALESCE',
  signatures: ['COALESCE(value, value, ...) → common type'],
  description: 'Returns the first argument that is not NULL; NULL if all are NULL.',
  arity: [1, Infinity],
  check: (t) => {
    const c = commonType(t);
    if (c === undefined) return noCommonType('COALESCE', t);
    return withNullable(c, t.every((x) => x.nullable || x.root === 'NULL'));
  },
  bind: (t) => {
    const to = commonType(t)!;
    return (args) => {
      for (let i = 0; i < args.length; i++) {
        const v = args[i];
        if (v !== null && v !== undefined) return widenValue(v, t[i]!, to);
      }
      return null;
    };
  },
});

const nullif = defineFunction({
  name: 'NULLIF',
  signatures: ['NULLIF(value1, value2) → type of value1'],
  description: 'Returns NULL if value1 equals value2, otherwise value1.',
  arity: [2, 2],
  check: (t) => (commonType(t) === undefined ? noCommonType('NULLIF', t) : withNullable(t[0]!, true)),
  bind: (t) => {
    const to = commonType(t)!;
    return (args) => {
      const a = args[0];
      const b = args[1];
      if (a === null || a === undefined) return null;
      if (b === null || b === undefined) return a;
      return compareValues(widenValue(a, t[0]!, to), widenValue(b, t[1]!, to)) === 0 ? null : a;
    };
  },
});

const ifFn = defineFunction({
  name: 'IF',
  signatures: ['IF(condition BOOLEAN, then, else) → common type'],
  description: 'Returns then if the condition is TRUE, otherwise (FALSE or NULL) else.',
  arity: [3, 3],
  check: (t) => {
    const e = checkArg('IF', t, 0, (x) => x.root === 'BOOLEAN' || x.root === 'NULL', 'BOOLEAN');
    if (e) return e;
    const c = commonType([t[1]!, t[2]!]);
    return c === undefined ? noCommonType('IF', [t[1]!, t[2]!]) : c;
  },
  bind: (t) => {
    const to = commonType([t[1]!, t[2]!])!;
    return (args) => (args[0] === true ? widenValue(args[1] ?? null, t[1]!, to) : widenValue(args[2] ?? null, t[2]!, to));
  },
});

const ifnull = defineFunction({
  name: 'IFNULL',
  signatures: ['IFNULL(input, null_replacement) → common type'],
  description: 'Returns null_replacement if input is NULL, otherwise input; nullable only if null_replacement is.',
  arity: [2, 2],
  check: (t) => {
    const c = commonType(t);
    if (c === undefined) return noCommonType('IFNULL', t);
    return withNullable(c, t[1]!.nullable || t[1]!.root === 'NULL');
  },
  bind: (t) => {
    const to = commonType(t)!;
    return (args) => {
      const a = args[0];
      return a === null || a === undefined ? widenValue(args[1] ?? null, t[1]!, to) : widenValue(a, t[0]!, to);
    };
  },
});

function extremum(name: 'GREATEST' | 'LEAST'): ScalarFunctionDef {
  const sign = name === 'GREATEST' ? 1 : -1;
  return defineFunction({
    name,
    signatures: [`${name}(value, value, ...) → common type`],
    description: `Returns the ${name === 'GREATEST' ? 'greatest' : 'least'} argument; NULL if any argument is NULL.`,
    arity: [1, Infinity],
    check: (t) => commonType(t) ?? noCommonType(name, t),
    bind: (t) => {
      const to = commonType(t)!;
      return (args) => {
        let best: unknown = null;
        for (let i = 0; i < args.length; i++) {
          const v = args[i];
          if (v === null || v === undefined) return null;
          const w = widenValue(v, t[i]!, to);
          if (i === 0 || sign * compareValues(w, best) > 0) best = w;
        }
        return best;
      };
    },
  });
}

/** The conditional functions. */
export const CONDITIONAL_FUNCTIONS: readonly ScalarFunctionDef[] = [coalesce, nullif, ifFn, ifnull, extremum('GREATEST'), extremum('LEAST')];
