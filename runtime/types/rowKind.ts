// Flink's changelog row kinds (org.apache.flink.types.RowKind). Imports nothing.

/** A row's change kind; the numeric values are Flink's byte values. */
export const enum RowKind {
  /** +I */
  INSERT = 0,
  /** -U */
  UPDATE_BEFORE = 1,
  /** +U */
  UPDATE_AFTER = 2,
  /** -D */
  DELETE = 3,
}

const SHORT = ['+I', '-U', '+U', '-D'] as const;
const NAME = ['INSERT', 'UPDATE_BEFORE', 'UPDATE_AFTER', 'DELETE'] as const;

/** `+I`, `-U`, `+U` or `-D`, as `RowKind.shortString()` prints them. */
export function rowKindShortString(kind: RowKind): string {
  return SHORT[kind];
}

/** `INSERT`, `UPDATE_BEFORE`, `UPDATE_AFTER` or `DELETE`. */
export function rowKindName(kind: RowKind): string {
  return NAME[kind];
}

/** True for kinds that add a row to the result (+I, +U). */
export function isAccumulate(kind: RowKind): boolean {
  return kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER;
}
