// The tables and views a job file declares, resolved: column types, computed columns bound,
// the watermark and rowtime attribute, the primary key, and the validated connector options.
import type { Diagnostic } from '../diagnostics.js';
import { DiagnosticError } from '../diagnostics.js';
import type { ConnectorSpec } from '../connectors/connectorSpec.js';
import { validateTable } from '../connectors/validateTable.js';
import { validateFormatOptions } from '../formats/formatOptions.js';
import { typeName, withNullable } from '../functions/types.js';
import type { CreateTableStatement, CreateViewStatement } from '../sql/ast.js';
import type { LogicalType } from '../types/logicalType.js';
import { parseLogicalType } from '../types/parseLogicalType.js';
import { bindExpression } from './bindExpression.js';
import type { BoundExpr } from './boundExpression.js';
import { fail } from './fail.js';
import { Scope, type Field } from './scope.js';

/** A column of a declared table. */
export interface CatalogColumn {
  readonly name: string;
  readonly type: LogicalType;
  /** Present for computed columns: bound against the physical columns. */
  readonly computed?: BoundExpr;
}

/** A table declared with CREATE TABLE. */
export interface CatalogTable {
  readonly kind: 'table';
  readonly name: string;
  readonly statement: CreateTableStatement;
  /** All columns in declaration order (physical and computed). */
  readonly columns: readonly CatalogColumn[];
  /** Indexes of the physical columns, in order (what the connector reads or writes). */
  readonly physical: readonly number[];
  /** The watermark: the rowtime column's index and the strategy bound against all columns. */
  readonly watermark?: { readonly column: number; readonly expression: BoundExpr };
  readonly primaryKey?: readonly string[];
  readonly spec: ConnectorSpec;
}

/** A view declared with CREATE VIEW. */
export interface CatalogView {
  readonly kind: 'view';
  readonly name: string;
  readonly statement: CreateViewStatement;
}

/** Every declared table and view, by name (case-sensitive, as in Flink). */
export class Catalog {
  private readonly entries = new Map<string, CatalogTable | CatalogView>();

  constructor(private readonly file: string | undefined, private readonly localTimeZone: string) {}

  get(name: string): CatalogTable | CatalogView | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Registers a CREATE VIEW; returns its diagnostics. */
  addView(stmt: CreateViewStatement): Diagnostic[] {
    const name = stmt.name.text;
    if (this.entries.has(name)) {
      if (stmt.ifNotExists) return [];
      return [{ severity: 'error', code: 'duplicate', message: `Table or view '${name}' already exists`, range: stmt.name.range, file: this.file }];
    }
    this.entries.set(name, { kind: 'view', name, statement: stmt });
    return [];
  }

  /** Resolves and registers a CREATE TABLE; returns its diagnostics. */
  addTable(stmt: CreateTableStatement): Diagnostic[] {
    const name = stmt.name.text;
    if (this.entries.has(name)) {
      if (stmt.ifNotExists) return [];
      return [{ severity: 'error', code: 'duplicate', message: `Table or view '${name}' already exists`, range: stmt.name.range, file: this.file }];
    }
    const diagnostics: Diagnostic[] = [];
    const ctx = { file: this.file };
    const pk = stmt.primaryKey?.columns.map((c) => c.name);
    const physicalFields: Field[] = [];
    const columnTypes = new Map<string, LogicalType>();
    const seen = new Set<string>();
    for (const c of stmt.columns) {
      if (seen.has(c.name)) diagnostics.push({ severity: 'error', code: 'duplicate', message: `Duplicate column name '${c.name}' in table '${name}'`, range: c.nameRange, file: this.file });
      seen.add(c.name);
      if (c.kind !== 'physical') continue;
      const t = parseLogicalType(c.typeText);
      if ('error' in t) {
        diagnostics.push({ severity: 'error', code: 'type', message: t.error, range: c.typeRange, file: this.file });
        continue;
      }
      // Primary key columns are NOT NULL, as Flink makes them.
      const type = pk?.includes(c.name) ? withNullable(t, false) : t;
      physicalFields.push({ name: c.name, type, qualifier: name });
      columnTypes.set(c.name, type);
    }
    if (diagnostics.length > 0) return diagnostics;
    const physicalScope = new Scope(physicalFields);
    const columns: CatalogColumn[] = [];
    const physical: number[] = [];
    for (const c of stmt.columns) {
      if (c.kind === 'physical') {
        physical.push(columns.length);
        columns.push({ name: c.name, type: columnTypes.get(c.name)! });
        continue;
      }
      try {
        const bound = bindExpression(c.expression, { scope: physicalScope, file: this.file, localTimeZone: this.localTimeZone, clause: 'in a computed column' });
        columns.push({ name: c.name, type: { ...bound.type, timeAttribute: undefined }, computed: bound });
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        diagnostics.push(...e.diagnostics);
      }
    }
    if (diagnostics.length > 0) return diagnostics;
    if (pk) {
      for (const k of stmt.primaryKey!.columns) {
        if (!columns.some((c) => c.name === k.name && !c.computed)) {
          diagnostics.push({ severity: 'error', code: 'unknown-column', message: `Invalid primary key: column '${k.name}' is not a physical column of table '${name}'`, range: k.range, file: this.file });
        }
      }
    }
    let watermark: CatalogTable['watermark'];
    if (stmt.watermark) {
      const wm = stmt.watermark;
      const index = columns.findIndex((c) => c.name === wm.column);
      try {
        if (index < 0) fail(ctx, wm.columnRange, `The rowtime attribute field '${wm.column}' is not defined in the table schema, at ${name}`, 'unknown-column');
        const col = columns[index]!;
        const isTs = col.type.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || col.type.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
        if (!isTs || (col.type.precision ?? 6) > 3) {
          fail(ctx, wm.columnRange, `Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is ${typeName(col.type)}`);
        }
        const allScope = new Scope(columns.map((c) => ({ name: c.name, type: c.type, qualifier: name })));
        const expression = bindExpression(wm.expression, { scope: allScope, file: this.file, localTimeZone: this.localTimeZone, clause: 'in a WATERMARK definition' });
        if (expression.type.root !== 'TIMESTAMP_WITHOUT_TIME_ZONE' && expression.type.root !== 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') {
          fail(ctx, wm.expression.range, `Watermark strategy ${expression.text} must be of type TIMESTAMP or TIMESTAMP_LTZ but is of type '${typeName(expression.type)}'`);
        }
        columns[index] = { ...col, type: { ...col.type, timeAttribute: 'rowtime' } };
        watermark = { column: index, expression };
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        diagnostics.push(...e.diagnostics);
      }
    }
    const validation = validateTable(
      {
        name,
        nameRange: stmt.name.range,
        columns: columns.map((c) => ({ name: c.name, type: c.type, computed: c.computed !== undefined })),
        options: stmt.options,
      },
      this.file,
    );
    diagnostics.push(...validation.diagnostics);
    if (validation.spec?.connector === 'filesystem') {
      // The format's own options (csv.*, json.*), with Flink's names and messages.
      const format = validation.spec.format;
      const own = stmt.options.filter((o) => o.key.startsWith(`${format}.`));
      const { errors } = validateFormatOptions(format, new Map(own.map((o) => [o.key, o.value])));
      for (const err of errors) {
        const opt = own.find((o) => o.key === err.key) ?? own.find((o) => o.key.endsWith(err.key));
        diagnostics.push({ severity: 'error', code: 'invalid-option', message: err.message, range: opt?.valueRange ?? stmt.name.range, file: this.file });
      }
    }
    if (diagnostics.some((d) => d.severity === 'error') || !validation.spec) return diagnostics;
    this.entries.set(name, { kind: 'table', name, statement: stmt, columns, physical, watermark, primaryKey: pk, spec: validation.spec });
    return diagnostics;
  }
}
