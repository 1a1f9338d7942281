// Flink SQL random functions: RAND, RAND_INTEGER and UUID. Unseeded calls draw from the injected
// seeded ctx.random(); seeded calls replay java.util.Random exactly. Imports functions/ only.
import { checkArg, defineFunction, firstError, toNumber } from './define.js';
import { FunctionRuntimeError, type FunctionContext, type ScalarEvaluator, type ScalarFunctionDef } from './functionDef.js';
import { JavaRandom } from './javaRandom.js';
import { anyNullable, doubleType, intType, isIntegral, typeOf } from './types.js';

/** A per-call-site java.util.Random that restarts when the seed value changes. */
function seeded(): (seed: number | bigint) => JavaRandom {
  let lastSeed: number | bigint | undefined;
  let rnd: JavaRandom | undefined;
  return (seed) => {
    if (rnd === undefined || seed !== lastSeed) {
      rnd = new JavaRandom(seed);
      lastSeed = seed;
    }
    return rnd;
  };
}

const rand = defineFunction({
  name: 'RAND',
  signatures: ['RAND() → DOUBLE', 'RAND(seed INT) → DOUBLE'],
  description: 'A pseudo-random DOUBLE in [0.0, 1.0); with a seed, the same sequence as Flink for that seed.',
  deterministic: false,
  arity: [0, 1],
  check: (t) => checkArg('RAND', t, 0, isIntegral, 'INT') ?? doubleType(anyNullable(t)),
  bind: (t, ctx) => {
    if (t.length === 0) return () => ctx.random();
    const forSeed = seeded();
    return (args) => {
      const s = args[0];
      return s === null || s === undefined ? null : forSeed(s as number | bigint).nextDouble();
    };
  },
});

function boundedInt(bound: number, next: (n: number) => number): number {
  if (bound <= 0) throw new FunctionRuntimeError('bound must be positive');
  return next(bound);
}

const randInteger = defineFunction({
  name: 'RAND_INTEGER',
  signatures: ['RAND_INTEGER(bound INT) → INT', 'RAND_INTEGER(seed INT, bound INT) → INT'],
  description: 'A pseudo-random INT in [0, bound); with a seed, the same sequence as Flink for that seed.',
  deterministic: false,
  arity: [1, 2],
  check: (t) => firstError(checkArg('RAND_INTEGER', t, 0, isIntegral, 'INT'), checkArg('RAND_INTEGER', t, 1, isIntegral, 'INT')) ?? intType(anyNullable(t)),
  bind: (t, ctx): ScalarEvaluator => {
    if (t.length === 1) {
      return (args) => {
        const b = args[0];
        if (b === null || b === undefined) return null;
        return boundedInt(toNumber(b), (n) => Math.floor(ctx.random() * n));
      };
    }
    const forSeed = seeded();
    return (args) => {
      const s = args[0];
      const b = args[1];
      if (s === null || s === undefined || b === null || b === undefined) return null;
      return boundedInt(toNumber(b), (n) => forSeed(s as number | bigint).nextInt(n));
    };
  },
});

const HEX = '0123456789abcdef';

/** A version-4 UUID string drawn from `ctx.random()`. */
export function randomUuid(ctx: FunctionContext): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    let b = Math.floor(ctx.random() * 256) & 0xff;
    if (i === 6) b = (b & 0x0f) | 0x40;
    if (i === 8) b = (b & 0x3f) | 0x80;
    s += HEX[b >> 4]! + HEX[b & 15]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

const uuid = defineFunction({
  name: 'UUID',
  signatures: ['UUID() → CHAR(36)'],
  description: 'A random (version 4) UUID string.',
  deterministic: false,
  arity: [0, 0],
  check: () => typeOf('CHAR', false, { length: 36 }),
  bind: (_t, ctx) => () => randomUuid(ctx),
});

/** The random functions. */
export const RANDOM_FUNCTIONS: readonly ScalarFunctionDef[] = [rand, randInteger, uuid];
