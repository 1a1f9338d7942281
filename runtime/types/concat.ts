// Binds the string concatenation operator `||` with Flink's result type. Imports only types/.
import type { BoundBinaryOperation } from './arithmetic.js';
import { formatLogicalType } from './formatLogicalType.js';
import { STRING_LENGTH, type LogicalType } from './logicalType.js';
import { isCharacterString, stringLength, withNullability } from './types.js';

/**
 * Binds `left || right`: CHAR(a) || CHAR(b) → CHAR(a + b), otherwise VARCHAR(a + b) (lengths
 * capped at 2147483647, so anything with STRING is STRING); NULL when either operand is NULL.
 */
export function bindConcat(left: LogicalType, right: LogicalType): BoundBinaryOperation | { error: string } {
  const nullable = left.nullable || right.nullable || left.root === 'NULL' || right.root === 'NULL';
  const ok = (t: LogicalType) => isCharacterString(t) || t.root === 'NULL';
  if (!ok(left) || !ok(right)) {
    const n = (t: LogicalType) => formatLogicalType(withNullability(t, true));
    return { error: `Cannot apply '||' to arguments of type '<${n(left)}> || <${n(right)}>'. Supported form(s): '<STRING> || <STRING>'` };
  }
  const len = (t: LogicalType) => (t.root === 'NULL' ? 0 : stringLength(t));
  const length = Math.max(1, Math.min(STRING_LENGTH, len(left) + len(right)));
  const root = left.root === 'CHAR' && right.root === 'CHAR' ? 'CHAR' : 'VARCHAR';
  return {
    type: { root, nullable, length },
    eval: (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : (a as string) + (b as string)),
  };
}
