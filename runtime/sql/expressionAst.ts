// The expression part of the SQL AST: identifiers, literals, operators, calls. Re-exported by
// ast.ts; import from there. Types only; imports nothing but runtime/diagnostics.ts types.

import type { SourceRange } from '../diagnostics.js';

/** An identifier as the user wrote it, backquotes removed (Flink identifiers are case-sensitive). */
export interface Identifier {
  /** The name, unquoted (`` `a``b` `` becomes ``a`b``). */
  name: string;
  /** Whether it was written in backquotes. */
  quoted: boolean;
  range: SourceRange;
}

/** A scalar expression. */
export type Expression =
  | NumericLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | TemporalLiteral
  | IntervalLiteral
  | ColumnReference
  | FunctionCall
  | SymbolArgument
  | UnaryExpression
  | BinaryExpression
  | IsExpression
  | BetweenExpression
  | InExpression
  | LikeExpression
  | CaseExpression
  | CastExpression
  | ExtractExpression;

/**
 * A numeric literal. `integer`: digits only (`42`); `decimal`: exact with a point (`1.50`, its
 * precision and scale follow from `text`); `approximate`: with an exponent (`1e3`, a DOUBLE).
 */
export interface NumericLiteral {
  kind: 'numeric';
  numericKind: 'integer' | 'decimal' | 'approximate';
  /** The literal exactly as written (no sign: `-1` is a unary minus applied to `1`). */
  text: string;
  range: SourceRange;
}

/** A character string literal; `value` is unquoted with `''` turned into `'`. */
export interface StringLiteral {
  kind: 'string';
  value: string;
  range: SourceRange;
}

/** `TRUE` or `FALSE`. */
export interface BooleanLiteral {
  kind: 'boolean';
  value: boolean;
  range: SourceRange;
}

/** `NULL`. */
export interface NullLiteral {
  kind: 'null';
  range: SourceRange;
}

/** `DATE '2024-01-31'`, `TIME '10:00:00'`, `TIMESTAMP '2024-01-31 10:00:00.123'`. */
export interface TemporalLiteral {
  kind: 'temporal';
  type: 'DATE' | 'TIME' | 'TIMESTAMP';
  /** The text inside the quotes, not yet validated. */
  value: string;
  valueRange: SourceRange;
  range: SourceRange;
}

/** A unit an interval literal can be written in. */
export type IntervalUnit = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

/** `INTERVAL '5' SECOND`, `INTERVAL '1:30' MINUTE TO SECOND`, `INTERVAL '-2' HOUR`. */
export interface IntervalLiteral {
  kind: 'interval';
  /** The text inside the quotes, e.g. `5`, `-2` or `1:30`, not yet validated. */
  value: string;
  valueRange: SourceRange;
  /** The leading unit (plural spellings such as SECONDS are normalised). */
  from: IntervalUnit;
  /** The trailing unit of a `from TO to` range. */
  to?: IntervalUnit;
  range: SourceRange;
}

/** A column reference: `col`, `t.col` (or a nested field `t.col.f`); parts unquoted. */
export interface ColumnReference {
  kind: 'column';
  parts: Identifier[];
  range: SourceRange;
}

/**
 * A function call: `f(a, b)`, `COUNT(*)`, `COUNT(DISTINCT x)`, `PROCTIME()`, or a niladic
 * `CURRENT_TIMESTAMP`. Function lookup in Flink is case-insensitive, so `name` is uppercased.
 */
export interface FunctionCall {
  kind: 'call';
  /** The name uppercased (`TUMBLE_START`, `MY_UDF`); qualified names are joined with `.`. */
  name: string;
  /** The name exactly as written. */
  nameText: string;
  nameRange: SourceRange;
  /** `f(DISTINCT x)`. */
  distinct: boolean;
  /** `COUNT(*)`: the only argument was `*` (then `args` is empty). */
  star: boolean;
  /** Written without parentheses (`CURRENT_TIMESTAMP`, `LOCALTIME`, ...). */
  niladic: boolean;
  args: Expression[];
  range: SourceRange;
}

/** A keyword used as a function argument, e.g. the unit of `TIMESTAMPDIFF(SECOND, a, b)`. */
export interface SymbolArgument {
  kind: 'symbol';
  /** The keyword uppercased, e.g. `SECOND`, `BOTH`. */
  name: string;
  range: SourceRange;
}

/** `NOT e`, `-e`, `+e`. */
export interface UnaryExpression {
  kind: 'unary';
  operator: 'NOT' | '-' | '+';
  operand: Expression;
  range: SourceRange;
}

/** The binary operators. `<>` and `!=` are both kept as written. */
export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '||'
  | '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR';

/** `left op right`. */
export interface BinaryExpression {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  operatorRange: SourceRange;
  range: SourceRange;
}

/** `e IS [NOT] NULL|TRUE|FALSE|UNKNOWN`. */
export interface IsExpression {
  kind: 'is';
  operand: Expression;
  negated: boolean;
  test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  range: SourceRange;
}

/** `e [NOT] BETWEEN [ASYMMETRIC|SYMMETRIC] lower AND upper`. */
export interface BetweenExpression {
  kind: 'between';
  operand: Expression;
  negated: boolean;
  symmetric: boolean;
  lower: Expression;
  upper: Expression;
  range: SourceRange;
}

/** `e [NOT] IN (v1, v2, ...)` (IN with a subquery is not supported). */
export interface InExpression {
  kind: 'in';
  operand: Expression;
  negated: boolean;
  values: Expression[];
  range: SourceRange;
}

/** `e [NOT] LIKE pattern [ESCAPE 'c']`. */
export interface LikeExpression {
  kind: 'like';
  operand: Expression;
  negated: boolean;
  pattern: Expression;
  escape?: StringLiteral;
  range: SourceRange;
}

/** One `WHEN condition THEN result` branch. */
export interface WhenClause {
  when: Expression;
  then: Expression;
  range: SourceRange;
}

/** Searched `CASE WHEN c THEN r ... [ELSE e] END` or simple `CASE v WHEN x THEN r ... END`. */
export interface CaseExpression {
  kind: 'case';
  /** The compared value of a simple CASE; absent for a searched CASE. */
  operand?: Expression;
  whens: WhenClause[];
  else?: Expression;
  range: SourceRange;
}

/** `CAST(e AS type)` or `TRY_CAST(e AS type)`. */
export interface CastExpression {
  kind: 'cast';
  /** True for TRY_CAST. */
  try: boolean;
  operand: Expression;
  /** The target type exactly as written; resolve it with parseLogicalType. */
  typeText: string;
  typeRange: SourceRange;
  range: SourceRange;
}

/** `EXTRACT(unit FROM e)`. */
export interface ExtractExpression {
  kind: 'extract';
  /** The unit uppercased, e.g. `HOUR`, `DOW`. */
  unit: string;
  unitRange: SourceRange;
  operand: Expression;
  range: SourceRange;
}

