// Common types and implicit casts, as Flink's least-restrictive type rules: numeric widening
// (INT < BIGINT < DECIMAL < DOUBLE), character strings to VARCHAR, NULL to anything.
import type { SourceRange } from '../diagnostics.js';
import { isCharacterString, isNumeric, mergedDecimalType, typeName } from '../functions/types.js';
import { bindCast } from '../types/cast.js';
import type { LogicalType } from '../types/logicalType.js';
import { derived, type BoundExpr } from './boundExpression.js';
import { fail } from './fail.js';

const NUMERIC_RANK: Partial<Record<LogicalType['root'], number>> = { TINYINT: 1, SMALLINT: 2, INTEGER: 3, BIGINT: 4, DECIMAL: 5, FLOAT: 6, DOUBLE: 7 };

/** The least restrictive type of several types, or undefined when they do not mix. */
export function commonType(types: readonly LogicalType[]): LogicalType | undefined {
  const nonNull = types.filter((t) => t.root !== 'NULL');
  const nullable = types.some((t) => t.nullable || t.root === 'NULL');
  if (nonNull.length === 0) return { root: 'NULL', nullable: true };
  const first = nonNull[0]!;
  if (nonNull.every((t) => isCharacterString(t))) {
    const allChar = nonNull.every((t) => t.root === 'CHAR');
    const len = Math.max(...nonNull.map((t) => t.length ?? 1));
    const sameLen = nonNull.every((t) => (t.length ?? 1) === len);
    return allChar && sameLen ? { root: 'CHAR', nullable, length: len } : { root: 'VARCHAR', nullable, length: Math.max(len, 1) };
  }
  if (nonNull.every((t) => isNumeric(t))) {
    let best = first;
    for (const t of nonNull) if ((NUMERIC_RANK[t.root] ?? 0) > (NUMERIC_RANK[best.root] ?? 0)) best = t;
    if (best.root === 'DECIMAL') return mergedDecimalType(nonNull, nullable);
    return { root: best.root, nullable };
  }
  if (nonNull.every((t) => t.root === first.root)) {
    const precision = Math.max(...nonNull.map((t) => t.precision ?? 0));
    return { ...first, nullable, precision: first.precision === undefined ? undefined : precision, timeAttribute: undefined };
  }
  return undefined;
}

/** Whether Flink casts `from` to `to` implicitly (on INSERT and in CASE branches). */
export function supportsImplicitCast(from: LogicalType, to: LogicalType): boolean {
  if (from.root === 'NULL' || from.root === to.root) return true;
  if (isNumeric(from) && isNumeric(to)) return (NUMERIC_RANK[from.root] ?? 0) <= (NUMERIC_RANK[to.root] ?? 0);
  if (isCharacterString(from) && isCharacterString(to)) return true;
  const ts = (t: LogicalType) => t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
  return ts(from) && ts(to);
}

/** Wraps `e` in a cast to `type` unless it already has that type. */
export function castTo(e: BoundExpr, type: LogicalType, localTimeZone: string, range: SourceRange, ctx: { file?: string }): BoundExpr {
  if (sameType(e.type, type)) return e;
  if (e.type.root === 'NULL') return derived(type, e.text, [e], () => () => null);
  const c = bindCast(e.type, type, { tryCast: false, localTimeZone });
  if ('error' in c) fail(ctx, range, c.error);
  return derived(type, `CAST(${e.text} AS ${typeName(type)})`, [e], () => ([v]) => (v === null ? null : c.eval(v)));
}

/** Equal ignoring nullability and time-attribute markers. */
export function sameType(a: LogicalType, b: LogicalType): boolean {
  return a.root === b.root && a.precision === b.precision && a.scale === b.scale && a.length === b.length;
}
