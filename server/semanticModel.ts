// The tables, views and columns a job file declares, and every place it refers to them: the model
// behind hover, go to definition, find references, rename, symbols and completion. Built from the
// runtime parser's AST alone (no planner). Imports runtime AST types and astWalk only.
import type {
  ColumnReference,
  CreateTableStatement,
  CreateViewStatement,
  Expression,
  Query,
  SourcePosition,
  SourceRange,
  Statement,
  TableOption,
} from '../runtime/index.js';
import { queryExpressions, walkExpression } from './astWalk.js';

/** A column of a table or view. */
export interface ColumnSymbol {
  name: string;
  nameRange: SourceRange;
  /** The declared type as written (physical columns). */
  typeText?: string;
  /** The defining expression's text (computed columns and view columns). */
  expressionText?: string;
  comment?: string;
}

/** A table (CREATE TABLE) or view (CREATE VIEW). */
export interface TableSymbol {
  kind: 'table' | 'view';
  /** The name as declared (`db.t` for a qualified name). */
  name: string;
  /** The range of the name in the CREATE statement. */
  nameRange: SourceRange;
  /** The whole CREATE statement. */
  range: SourceRange;
  columns: ColumnSymbol[];
  /** The `connector` option's value (tables). */
  connector?: string;
  options: TableOption[];
  /** The rowtime column and watermark expression text. */
  watermark?: { column: string; expressionText: string };
  primaryKey?: string[];
  comment?: string;
  /** The CREATE TABLE or CREATE VIEW statement. */
  statement: CreateTableStatement | CreateViewStatement;
}

/** A place the file mentions a table or one of its columns. */
export type SymbolReference =
  | { kind: 'table'; table: string; range: SourceRange }
  | {
      kind: 'column';
      table: string;
      column: string;
      range: SourceRange;
      /** True when the reference is in a GROUP BY clause. */
      groupBy: boolean;
      /** The INSERT's range when the reference is in an INSERT's query (for partition hover). */
      insertRange?: SourceRange;
    };

/** What is at a position. */
export type SymbolAt =
  | { kind: 'table'; table: TableSymbol; range: SourceRange; declaration: boolean }
  | { kind: 'column'; table: TableSymbol; column: ColumnSymbol; range: SourceRange; declaration: boolean; reference?: SymbolReference };

/** Tables, views and references of one job file. */
export class SemanticModel {
  /** Declared tables and views by name; a later declaration of the same name is ignored. */
  readonly tables = new Map<string, TableSymbol>();
  readonly references: SymbolReference[] = [];

  /** Builds the model from parsed statements; `textOf` returns the source text of a range. */
  constructor(statements: readonly Statement[], private readonly textOf: (r: SourceRange) => string) {
    for (const s of statements) this.addStatement(s);
  }

  private addStatement(s: Statement, insertRange?: SourceRange): void {
    switch (s.kind) {
      case 'createTable':
        this.addTable(s);
        break;
      case 'createView':
        this.addQuery(s.query, undefined);
        this.addView(s);
        break;
      case 'insert':
        this.references.push({ kind: 'table', table: s.table.text, range: s.table.range });
        for (const c of s.columns ?? []) this.references.push({ kind: 'column', table: s.table.text, column: c.name, range: c.range, groupBy: false });
        this.addQuery(s.query, insertRange ?? s.range);
        break;
      case 'statementSet':
        for (const i of s.inserts) this.addStatement(i);
        break;
      case 'explain':
        this.addStatement(s.statement);
        break;
      case 'query':
        this.addQuery(s.query, undefined);
        break;
      case 'set':
        break;
    }
  }

  private addTable(s: CreateTableStatement): void {
    const name = s.name.text;
    const table: TableSymbol = {
      kind: 'table',
      name,
      nameRange: s.name.range,
      range: s.range,
      columns: s.columns.map((c) =>
        c.kind === 'physical'
          ? { name: c.name, nameRange: c.nameRange, typeText: c.typeText, comment: c.comment }
          : { name: c.name, nameRange: c.nameRange, expressionText: this.textOf(c.expression.range), comment: c.comment },
      ),
      connector: s.options.find((o) => o.key === 'connector')?.value,
      options: s.options,
      watermark: s.watermark ? { column: s.watermark.column, expressionText: this.textOf(s.watermark.expression.range) } : undefined,
      primaryKey: s.primaryKey?.columns.map((c) => c.name),
      comment: s.comment,
      statement: s,
    };
    if (!this.tables.has(name)) this.tables.set(name, table);
    const own = (column: string, range: SourceRange): void => {
      this.references.push({ kind: 'column', table: name, column, range, groupBy: false });
    };
    for (const c of s.columns) {
      if (c.kind === 'computed') this.columnRefs(c.expression, (ref, col) => ref.parts.length === 1 && own(col, ref.parts[0]!.range));
    }
    if (s.watermark) {
      own(s.watermark.column, s.watermark.columnRange);
      this.columnRefs(s.watermark.expression, (ref, col) => ref.parts.length === 1 && own(col, ref.parts[0]!.range));
    }
    for (const c of s.primaryKey?.columns ?? []) own(c.name, c.range);
  }

  private addView(s: CreateViewStatement): void {
    const q = s.query;
    const columns: ColumnSymbol[] = [];
    q.items.forEach((item, i) => {
      if (item.kind === 'star') {
        const source = this.fromTable(q);
        for (const c of source?.columns ?? []) columns.push({ ...c, nameRange: item.range, expressionText: `${source!.name}.${c.name}` });
        return;
      }
      const e = item.expression;
      const name = item.alias?.name ?? (e.kind === 'column' ? e.parts[e.parts.length - 1]!.name : `EXPR$${i}`);
      columns.push({ name, nameRange: item.alias?.range ?? e.range, expressionText: this.textOf(e.range) });
    });
    (s.columnNames ?? []).forEach((id, i) => {
      if (columns[i]) columns[i] = { ...columns[i]!, name: id.name, nameRange: id.range };
    });
    const view: TableSymbol = { kind: 'view', name: s.name.text, nameRange: s.name.range, range: s.range, columns, options: [], comment: s.comment, statement: s };
    if (!this.tables.has(view.name)) this.tables.set(view.name, view);
  }

  /** The table or view a query reads directly (not through a subquery). */
  fromTable(q: Query): TableSymbol | undefined {
    const from = q.from;
    if (from?.kind === 'table' || from?.kind === 'windowTvf') {
      const name = from.kind === 'table' ? from.name.text : from.table.text;
      return this.tables.get(name);
    }
    return undefined;
  }

  private addQuery(q: Query, insertRange: SourceRange | undefined): void {
    const from = q.from;
    let qualifier: string | undefined;
    let tableName: string | undefined;
    if (from?.kind === 'table') {
      this.references.push({ kind: 'table', table: from.name.text, range: from.name.range });
      tableName = from.name.text;
      qualifier = from.alias?.name ?? from.name.parts[from.name.parts.length - 1]!.name;
    } else if (from?.kind === 'windowTvf') {
      this.references.push({ kind: 'table', table: from.table.text, range: from.table.range });
      tableName = from.table.text;
      qualifier = from.alias?.name;
      this.references.push({ kind: 'column', table: tableName, column: from.timeColumn.name, range: from.timeColumn.range, groupBy: false, insertRange });
    } else if (from?.kind === 'subquery') {
      this.addQuery(from.query, undefined);
    }
    if (tableName === undefined) return;
    const table = tableName;
    queryExpressions(q, (e, clause) => {
      this.columnRefs(e, (ref, column) => {
        const parts = ref.parts;
        if (parts.length === 2 && parts[0]!.name !== qualifier && parts[0]!.name !== table) return;
        if (parts.length > 2) return;
        const id = parts[parts.length - 1]!;
        this.references.push({ kind: 'column', table, column, range: id.range, groupBy: clause === 'groupBy', insertRange });
      });
    });
  }

  /** Calls `found` for every column reference in `e`, with the referenced column's name. */
  private columnRefs(e: Expression, found: (ref: ColumnReference, column: string) => unknown): void {
    walkExpression(e, (x) => {
      if (x.kind === 'column') found(x, x.parts[x.parts.length - 1]!.name);
    });
  }

  /** The table or column at a position (declaration or reference), if any. */
  symbolAt(pos: SourcePosition): SymbolAt | undefined {
    for (const t of this.tables.values()) {
      if (contains(t.nameRange, pos)) return { kind: 'table', table: t, range: t.nameRange, declaration: true };
      for (const c of t.columns) {
        if (contains(c.nameRange, pos) && t.kind === 'table') return { kind: 'column', table: t, column: c, range: c.nameRange, declaration: true };
      }
    }
    for (const r of this.references) {
      if (!contains(r.range, pos)) continue;
      const table = this.tables.get(r.table);
      if (!table) return undefined;
      if (r.kind === 'table') return { kind: 'table', table, range: r.range, declaration: false };
      const column = table.columns.find((c) => c.name === r.column);
      return column ? { kind: 'column', table, column, range: r.range, declaration: false, reference: r } : undefined;
    }
    return undefined;
  }

  /** Every range naming the table (or its column), the declaration first. */
  occurrences(table: string, column?: string): SourceRange[] {
    const t = this.tables.get(table);
    const out: SourceRange[] = [];
    if (column === undefined) {
      if (t) out.push(t.nameRange);
      for (const r of this.references) if (r.kind === 'table' && r.table === table) out.push(r.range);
    } else {
      const c = t?.columns.find((x) => x.name === column);
      if (c && t?.kind === 'table') out.push(c.nameRange);
      for (const r of this.references) if (r.kind === 'column' && r.table === table && r.column === column) out.push(r.range);
    }
    return out;
  }
}

/** Whether `pos` lies in `r` (both ends included, so a cursor just after a name still hits it). */
export function contains(r: SourceRange, pos: SourcePosition): boolean {
  const afterStart = pos.line > r.start.line || (pos.line === r.start.line && pos.column >= r.start.column);
  const beforeEnd = pos.line < r.end.line || (pos.line === r.end.line && pos.column <= r.end.column);
  return afterStart && beforeEnd;
}
