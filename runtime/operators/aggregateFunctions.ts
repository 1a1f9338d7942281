// Flink SQL's built-in aggregate functions with retraction (COUNT, SUM, MIN, MAX, AVG, and the
// DISTINCT wrapper). Value arithmetic and ordering are injected by the planner, which binds them
// for the argument's SQL type; this file only keeps accumulators.

/**
 * An aggregate function. Accumulators are immutable values or mutable objects; `accumulate` and
 * `retract` return the accumulator to keep, so COUNT can be a plain number.
 */
export interface AggregateFunction {
  /** Display name, e.g. `COUNT(*)`, `SUM($1)`. */
  readonly name: string;
  createAccumulator(): unknown;
  accumulate(acc: unknown, value: unknown): unknown;
  retract(acc: unknown, value: unknown): unknown;
  getValue(acc: unknown): unknown;
}

/** Binary arithmetic on the aggregate's value type. */
export type Arith = (a: unknown, b: unknown) => unknown;
/** Total order on the argument type (negative, zero, positive). */
export type Compare = (a: unknown, b: unknown) => number;

/** COUNT(*): counts rows. */
export const COUNT_STAR: AggregateFunction = {
  name: 'COUNT(*)',
  createAccumulator: () => 0,
  accumulate: (acc) => (acc as number) + 1,
  retract: (acc) => (acc as number) - 1,
  getValue: (acc) => acc,
};

/** COUNT(x): counts non-null values. */
export const COUNT: AggregateFunction = {
  name: 'COUNT',
  createAccumulator: () => 0,
  accumulate: (acc, v) => (v === null ? acc : (acc as number) + 1),
  retract: (acc, v) => (v === null ? acc : (acc as number) - 1),
  getValue: (acc) => acc,
};

interface SumAcc {
  sum: unknown;
  count: number;
}

/** SUM(x): NULL when no non-null value is counted (Flink's SumWithRetractAggFunction). */
export function sumFunction(add: Arith, subtract: Arith, zero: unknown): AggregateFunction {
  return {
    name: 'SUM',
    createAccumulator: (): SumAcc => ({ sum: zero, count: 0 }),
    accumulate: (acc, v) => {
      if (v === null) return acc;
      const a = acc as SumAcc;
      a.sum = add(a.sum, v);
      a.count++;
      return a;
    },
    retract: (acc, v) => {
      if (v === null) return acc;
      const a = acc as SumAcc;
      a.sum = subtract(a.sum, v);
      a.count--;
      return a;
    },
    getValue: (acc) => ((acc as SumAcc).count === 0 ? null : (acc as SumAcc).sum),
  };
}

/** AVG(x) = SUM / COUNT with the result type's division (AVG of INT is an INT, as in Flink). */
export function avgFunction(add: Arith, subtract: Arith, zero: unknown, divideByCount: (sum: unknown, count: number) => unknown): AggregateFunction {
  const sum = sumFunction(add, subtract, zero);
  return {
    name: 'AVG',
    createAccumulator: sum.createAccumulator,
    accumulate: sum.accumulate,
    retract: sum.retract,
    getValue: (acc) => ((acc as SumAcc).count === 0 ? null : divideByCount((acc as SumAcc).sum, (acc as SumAcc).count)),
  };
}

/**
 * A value → multiplicity map used by retractable MIN/MAX and DISTINCT. Plain data (two Maps), so
 * accumulators snapshot and restore without losing behaviour.
 */
interface Multiset {
  readonly counts: Map<unknown, number>;
  readonly values: Map<unknown, unknown>;
}

function newMultiset(): Multiset {
  return { counts: new Map(), values: new Map() };
}

/** Adds one occurrence; true if the value was not present before. */
function multisetAdd(m: Multiset, id: unknown, value: unknown): boolean {
  const c = m.counts.get(id) ?? 0;
  m.counts.set(id, c + 1);
  if (c === 0) m.values.set(id, value);
  return c === 0;
}

/** Removes one occurrence; true if the value is now absent. */
function multisetRemove(m: Multiset, id: unknown): boolean {
  const c = m.counts.get(id);
  if (c === undefined) return false;
  if (c <= 1) {
    m.counts.delete(id);
    m.values.delete(id);
    return true;
  }
  m.counts.set(id, c - 1);
  return false;
}

/** A Map key for a SQL value (objects such as DECIMAL are keyed by their text). */
export function valueIdentity(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? `${(v as object).constructor.name}:${String(v)}` : v;
}

/**
 * MIN or MAX. Insert-only inputs keep one value; retracting inputs keep every value with its
 * multiplicity (Flink's Min/MaxWithRetractAggFunction) so a retracted extreme is replaced.
 */
export function extremumFunction(kind: 'MIN' | 'MAX', compare: Compare, retractable: boolean): AggregateFunction {
  const better = kind === 'MIN' ? (a: unknown, b: unknown) => compare(a, b) < 0 : (a: unknown, b: unknown) => compare(a, b) > 0;
  if (!retractable) {
    return {
      name: kind,
      createAccumulator: () => null,
      accumulate: (acc, v) => (v === null ? acc : acc === null || better(v, acc) ? v : acc),
      retract: () => {
        throw new Error(`${kind} without retraction received a retraction`);
      },
      getValue: (acc) => acc,
    };
  }
  return {
    name: kind,
    createAccumulator: (): Multiset => newMultiset(),
    accumulate: (acc, v) => {
      if (v !== null) multisetAdd(acc as Multiset, valueIdentity(v), v);
      return acc;
    },
    retract: (acc, v) => {
      if (v !== null) multisetRemove(acc as Multiset, valueIdentity(v));
      return acc;
    },
    getValue: (acc) => {
      let best: unknown = null;
      for (const v of (acc as Multiset).values.values()) if (best === null || better(v, best)) best = v;
      return best;
    },
  };
}

interface DistinctAcc {
  seen: Multiset;
  inner: unknown;
}

/** AGG(DISTINCT x): the inner function sees each distinct non-null value once. */
export function distinctFunction(inner: AggregateFunction): AggregateFunction {
  return {
    name: `${inner.name}(DISTINCT)`,
    createAccumulator: (): DistinctAcc => ({ seen: newMultiset(), inner: inner.createAccumulator() }),
    accumulate: (acc, v) => {
      const a = acc as DistinctAcc;
      if (v !== null && multisetAdd(a.seen, valueIdentity(v), v)) a.inner = inner.accumulate(a.inner, v);
      return a;
    },
    retract: (acc, v) => {
      const a = acc as DistinctAcc;
      if (v !== null && multisetRemove(a.seen, valueIdentity(v))) a.inner = inner.retract(a.inner, v);
      return a;
    },
    getValue: (acc) => inner.getValue((acc as DistinctAcc).inner),
  };
}
