// The typed AST of a Flink SQL job file, as produced by parseJobFile: statements and queries (the
// expression types live in expressionAst.ts and are re-exported). Types only; no parser imports.

import type { Diagnostic, SourceRange } from '../diagnostics.js';
import type { Expression, Identifier, IntervalLiteral } from './expressionAst.js';

export type * from './expressionAst.js';

/** A possibly qualified object name such as `cat.db.orders`. */
export interface ObjectName {
  /** The parts, outermost first. */
  parts: Identifier[];
  /** The parts joined with `.` (unquoted), e.g. `db.orders`. */
  text: string;
  range: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// Statements

/** A statement of a job file. */
export type Statement =
  | SetStatement
  | CreateTableStatement
  | CreateViewStatement
  | InsertStatement
  | StatementSetStatement
  | ExplainStatement
  | QueryStatement;

/** `SET 'key' = 'value'` (also the legacy unquoted form `SET a.b = 10`). */
export interface SetStatement {
  kind: 'set';
  /** The configuration key, unquoted. */
  key: string;
  /** The value: unquoted and unescaped for a string literal, else the text as written (`10`, `true`). */
  value: string;
  keyRange: SourceRange;
  valueRange: SourceRange;
  range: SourceRange;
}

/** `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (...) [COMMENT '...'] WITH (...)`. */
export interface CreateTableStatement {
  kind: 'createTable';
  name: ObjectName;
  temporary: boolean;
  ifNotExists: boolean;
  /** Physical and computed columns, in declaration order. */
  columns: ColumnDefinition[];
  watermark?: WatermarkDefinition;
  primaryKey?: PrimaryKeyConstraint;
  comment?: string;
  /** The `WITH (...)` connector options, in order. */
  options: TableOption[];
  range: SourceRange;
}

/** A column of CREATE TABLE. Metadata columns are reported as unsupported and not represented. */
export type ColumnDefinition = PhysicalColumn | ComputedColumn;

/** `name TYPE [NOT NULL] [COMMENT '...']`. */
export interface PhysicalColumn {
  kind: 'physical';
  name: string;
  nameRange: SourceRange;
  /**
   * The type exactly as written, including a trailing `NULL`/`NOT NULL`
   * (e.g. `VARCHAR(10) NOT NULL`, `TIMESTAMP(3)`); resolve it with parseLogicalType.
   */
  typeText: string;
  typeRange: SourceRange;
  comment?: string;
  range: SourceRange;
}

/** `name AS expression [COMMENT '...']`. */
export interface ComputedColumn {
  kind: 'computed';
  name: string;
  nameRange: SourceRange;
  expression: Expression;
  comment?: string;
  range: SourceRange;
}

/** `WATERMARK FOR column AS expression`. */
export interface WatermarkDefinition {
  /** The rowtime column, unquoted. */
  column: string;
  columnRange: SourceRange;
  /** The watermark strategy expression. */
  expression: Expression;
  range: SourceRange;
}

/** `[CONSTRAINT name] PRIMARY KEY (a, b) NOT ENFORCED`, table-level or on one column. */
export interface PrimaryKeyConstraint {
  constraintName?: string;
  columns: Identifier[];
  /** Whether it was declared on a column (`a INT PRIMARY KEY NOT ENFORCED`) or on the table. */
  declaredOn: 'column' | 'table';
  range: SourceRange;
}

/** One `'key' = 'value'` of a WITH clause; both unescaped. */
export interface TableOption {
  key: string;
  value: string;
  keyRange: SourceRange;
  valueRange: SourceRange;
  range: SourceRange;
}

/** `CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] [COMMENT '...'] AS query`. */
export interface CreateViewStatement {
  kind: 'createView';
  name: ObjectName;
  temporary: boolean;
  ifNotExists: boolean;
  /** The optional column-name list that renames the query's fields. */
  columnNames?: Identifier[];
  comment?: string;
  query: Query;
  range: SourceRange;
}

/** `INSERT INTO table [(cols)] query`. */
export interface InsertStatement {
  kind: 'insert';
  table: ObjectName;
  /** The optional target column list. */
  columns?: Identifier[];
  query: Query;
  range: SourceRange;
}

/** `EXECUTE STATEMENT SET BEGIN ... END` or `BEGIN STATEMENT SET; ... END;`. */
export interface StatementSetStatement {
  kind: 'statementSet';
  inserts: InsertStatement[];
  range: SourceRange;
}

/** The extra details EXPLAIN can be asked for. */
export type ExplainDetail = 'CHANGELOG_MODE' | 'JSON_EXECUTION_PLAN' | 'ESTIMATED_COST';

/** `EXPLAIN [PLAN FOR | detail, ...] statement`. */
export interface ExplainStatement {
  kind: 'explain';
  details: ExplainDetail[];
  statement: InsertStatement | QueryStatement | StatementSetStatement;
  range: SourceRange;
}

/** A bare query used as a statement (`SELECT ...;`). */
export interface QueryStatement {
  kind: 'query';
  query: Query;
  range: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// Queries

/** A query. Only SELECT blocks are supported; set operations, ORDER BY, LIMIT, WITH are not. */
export type Query = SelectQuery;

/** `SELECT [DISTINCT] items [FROM from] [WHERE e] [GROUP BY e, ...] [HAVING e]`. */
export interface SelectQuery {
  kind: 'select';
  distinct: boolean;
  items: SelectItem[];
  from?: FromItem;
  where?: Expression;
  groupBy?: Expression[];
  having?: Expression;
  range: SourceRange;
}

/** One item of a select list. */
export type SelectItem = ExpressionSelectItem | StarSelectItem;

/** `expression [[AS] alias]`. */
export interface ExpressionSelectItem {
  kind: 'expression';
  expression: Expression;
  alias?: Identifier;
  range: SourceRange;
}

/** `*` or `t.*`. */
export interface StarSelectItem {
  kind: 'star';
  /** The qualifier parts of `t.*` (absent for a bare `*`). */
  qualifier?: Identifier[];
  range: SourceRange;
}

/** The single relation of a FROM clause (joins are not supported yet). */
export type FromItem = TableReference | SubqueryReference | WindowTableFunction;

/** `name [[AS] alias]`. */
export interface TableReference {
  kind: 'table';
  name: ObjectName;
  alias?: Identifier;
  range: SourceRange;
}

/** `(query) [AS] alias`. */
export interface SubqueryReference {
  kind: 'subquery';
  query: Query;
  alias?: Identifier;
  range: SourceRange;
}

/** The windowing table-valued functions. */
export type WindowFunctionName = 'TUMBLE' | 'HOP' | 'CUMULATE';

/**
 * `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset]))`,
 * `TABLE(HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]))`,
 * `TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset]))`, positional or named
 * (`DATA =>`, `TIMECOL =>`, `SIZE =>`, `SLIDE =>`, `STEP =>`, `OFFSET =>`).
 */
export interface WindowTableFunction {
  kind: 'windowTvf';
  window: WindowFunctionName;
  /** The input table (`TABLE t`). */
  table: ObjectName;
  /** The time attribute column of `DESCRIPTOR(col)`. */
  timeColumn: Identifier;
  /** The window size. */
  size: IntervalLiteral;
  /** HOP only: the slide. */
  slide?: IntervalLiteral;
  /** CUMULATE only: the step. */
  step?: IntervalLiteral;
  /** The optional window offset. */
  offset?: IntervalLiteral;
  alias?: Identifier;
  range: SourceRange;
}

/** The result of parsing one job file. */
export interface ParsedJobFile {
  /** The statements that parsed, in file order (a broken statement is left out). */
  statements: Statement[];
  /** Syntax errors, unsupported constructs and warnings, in file order. */
  diagnostics: Diagnostic[];
}
