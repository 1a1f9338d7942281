// Per-column value generators of the datagen source: random values per type (Flink's
// RandomGeneratorVisitor) and subtask-strided sequences (SequenceGenerator). Imports util/ and types/.
import type { LogicalType } from '../types/logicalType.js';
import type { SeededRandom } from '../util/random.js';
import type { DatagenRandomField, DatagenSequenceField } from './connectorSpec.js';
import { INTEGRAL_RANGE } from './datagenValidation.js';

/** Produces one column value; `now` is the job clock (ms), `index` the subtask's row number (0-based, checkpointed). */
export type ValueGenerator = (now: number, index: number) => unknown;

/** Builds a DECIMAL value from its unscaled value and scale (the runtime's Decimal representation). */
export type DecimalFactory = (unscaled: bigint, precision: number, scale: number) => unknown;

/** Converts an epoch-millisecond instant to zone-less local milliseconds (for TIMESTAMP, DATE, TIME). */
export type LocalClock = (epochMs: number) => number;

const FLOAT_MIN_VALUE = 1.401298464324817e-45;
const FLOAT_MAX_VALUE = 3.4028234663852886e38;
const DOUBLE_MIN_VALUE = 5e-324;
const DAY_MS = 86_400_000;

function toNumberOrBigint(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** `min + u·(max − min)` without overflowing when the span exceeds Number.MAX_VALUE. */
function uniform(rng: SeededRandom, min: number, max: number): number {
  const u = rng.nextFloat();
  return min * (1 - u) + max * u;
}

/**
 * A random generator for one column. Bounds are inclusive; defaults are the type's range
 * (Float/Double.MIN_VALUE as the lower default for FLOAT/DOUBLE/DECIMAL, as Flink).
 */
export function randomGenerator(
  field: DatagenRandomField,
  type: LogicalType,
  rng: SeededRandom,
  decimal: DecimalFactory,
  local: LocalClock,
): ValueGenerator {
  const value = randomValue(field, type, rng, decimal, local);
  const nullRate = field.nullRate;
  if (nullRate <= 0) return value;
  // Flink: a value when nextFloat() > nullRate, otherwise null.
  return (now, index) => (rng.nextFloat() > nullRate ? value(now, index) : null);
}

function randomValue(
  field: DatagenRandomField,
  type: LogicalType,
  rng: SeededRandom,
  decimal: DecimalFactory,
  local: LocalClock,
): ValueGenerator {
  switch (type.root) {
    case 'BOOLEAN':
      return () => rng.nextBoolean();
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER': {
      const [lo, hi] = INTEGRAL_RANGE[type.root]!;
      const min = field.min !== undefined ? Number(field.min) : Number(lo);
      const max = field.max !== undefined ? Number(field.max) : Number(hi);
      return () => rng.nextInt(min, max);
    }
    case 'BIGINT': {
      const [lo, hi] = INTEGRAL_RANGE.BIGINT!;
      const min = field.min ?? toNumberOrBigint(lo);
      const max = field.max ?? toNumberOrBigint(hi);
      return () => rng.nextLong(min, max);
    }
    case 'FLOAT': {
      const min = field.min !== undefined ? Number(field.min) : FLOAT_MIN_VALUE;
      const max = field.max !== undefined ? Number(field.max) : FLOAT_MAX_VALUE;
      return () => Math.fround(uniform(rng, min, max));
    }
    case 'DOUBLE': {
      const min = field.min !== undefined ? Number(field.min) : DOUBLE_MIN_VALUE;
      const max = field.max !== undefined ? Number(field.max) : Number.MAX_VALUE;
      return () => uniform(rng, min, max);
    }
    case 'DECIMAL': {
      const precision = type.precision ?? 10;
      const scale = type.scale ?? 0;
      // Flink clamps the bounds to what DECIMAL(p, s) can hold: ±(10^(p-s) − 10^-s).
      const largest = 10 ** (precision - scale) - 10 ** -scale;
      const min = Math.max(-largest, field.min !== undefined ? Number(field.min) : DOUBLE_MIN_VALUE);
      const max = Math.min(largest, field.max !== undefined ? Number(field.max) : Number.MAX_VALUE);
      const factor = 10 ** scale;
      return () => decimal(BigInt(Math.trunc(uniform(rng, min, max) * factor)), precision, scale);
    }
    case 'CHAR':
    case 'VARCHAR': {
      const length = field.length;
      if (field.varLen) return () => rng.nextHexString(rng.nextInt(1, length));
      return () => rng.nextHexString(length);
    }
    case 'DATE':
      return (now) => Math.floor(local(now) / DAY_MS);
    case 'TIME_WITHOUT_TIME_ZONE':
      return (now) => ((local(now) % DAY_MS) + DAY_MS) % DAY_MS;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE': {
      const maxPast = field.maxPastMs;
      return maxPast > 0 ? (now) => local(now) - rng.nextInt(0, maxPast) : (now) => local(now);
    }
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE': {
      const maxPast = field.maxPastMs;
      return maxPast > 0 ? (now) => now - rng.nextInt(0, maxPast) : (now) => now;
    }
    default:
      throw new Error(`datagen: no random generator for ${type.root} (validation should have rejected it)`);
  }
}

/** How many values a subtask's share of a sequence holds (Flink: n/p, plus 1 when n % p > subtask). */
export function sequenceCount(field: DatagenSequenceField, subtask: number, parallelism: number): number {
  const total = BigInt(field.end) - BigInt(field.start) + 1n;
  const p = BigInt(parallelism);
  const count = total / p + (total % p > BigInt(subtask) ? 1n : 0n);
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

/** The sequence value of a subtask's `index`-th row: start + subtask + index·parallelism, typed per column. */
export function sequenceGenerator(
  field: DatagenSequenceField,
  type: LogicalType,
  subtask: number,
  parallelism: number,
  decimal: DecimalFactory,
): ValueGenerator {
  const first = BigInt(field.start) + BigInt(subtask);
  // Both bounds are numbers only when they are safe integers (BIGINT representation), so every value is.
  const fast = typeof field.start === 'number' && typeof field.end === 'number';
  const firstNum = Number(first);
  const at = fast
    ? (index: number): number | bigint => firstNum + index * parallelism
    : (index: number): number | bigint => toNumberOrBigint(first + BigInt(index) * BigInt(parallelism));
  switch (type.root) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT':
      return (_now, index) => at(index);
    case 'DOUBLE':
      return (_now, index) => Number(at(index));
    case 'FLOAT':
      return (_now, index) => Math.fround(Number(at(index)));
    case 'DECIMAL': {
      const precision = type.precision ?? 10;
      const scale = type.scale ?? 0;
      const factor = 10n ** BigInt(scale);
      return (_now, index) => decimal(BigInt(at(index)) * factor, precision, scale);
    }
    case 'CHAR':
    case 'VARCHAR':
      return (_now, index) => String(at(index));
    default:
      throw new Error(`datagen: no sequence generator for ${type.root} (validation should have rejected it)`);
  }
}
