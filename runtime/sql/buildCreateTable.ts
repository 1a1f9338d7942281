// Builds CREATE TABLE: physical and computed columns, WATERMARK, PRIMARY KEY ... NOT ENFORCED and the
// WITH options; reports metadata columns, PARTITIONED BY and LIKE as unsupported. No query building.

import type {
  ColumnNameCreateContext,
  SimpleCreateTableContext,
  TablePropertyContext,
  TablePropertyListContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import type { ColumnDefinition, CreateTableStatement, Identifier, PrimaryKeyConstraint, TableOption } from './ast.js';
import { unquoteString, type BuildContext } from './buildContext.js';
import { buildExpression } from './buildExpression.js';
import { PRIMARY_KEY_ENFORCED_MESSAGE } from './syntaxErrors.js';

/** Builds `CREATE [TEMPORARY] TABLE ... WITH (...)`. */
export function buildCreateTable(b: BuildContext, ctx: SimpleCreateTableContext): CreateTableStatement {
  const columns: ColumnDefinition[] = [];
  let primaryKey: PrimaryKeyConstraint | undefined;
  const setPrimaryKey = (pk: PrimaryKeyConstraint): void => {
    if (primaryKey) b.syntax('Duplicate primary key definition', pk.range);
    else primaryKey = pk;
  };

  for (const def of ctx.columnOptionDefinition()) {
    const metadata = def.metadataColumnDefinition();
    if (metadata) {
      b.unsupported('Metadata columns (METADATA)', metadata);
      continue;
    }
    const computed = def.computedColumnDefinition();
    if (computed) {
      const nameCtx = computed.columnNameCreate();
      const column: ColumnDefinition = {
        kind: 'computed', name: columnIdentifier(b, nameCtx).name, nameRange: b.range(nameCtx),
        expression: buildExpression(b, computed.computedColumnExpression().expression()), range: b.range(computed),
      };
      if (computed._comment) column.comment = unquoteString(computed._comment.text ?? '');
      columns.push(column);
      continue;
    }
    const physical = def.physicalColumnDefinition()!;
    const nameCtx = physical.columnNameCreate();
    const type = physical.columnType();
    const constraint = physical.columnConstraint();
    const id = columnIdentifier(b, nameCtx);
    const name = id.name;
    const typeEnd = constraint && constraint.KW_NULL() ? constraint : type;
    const column: ColumnDefinition = {
      kind: 'physical', name, nameRange: b.range(nameCtx),
      typeText: b.text(type) + (typeEnd === type ? '' : ' ' + b.text(constraint!).toUpperCase().replace(/\s+/g, ' ')),
      typeRange: b.rangeBetween(type, typeEnd), range: b.range(physical),
    };
    if (physical._comment) column.comment = unquoteString(physical._comment.text ?? '');
    columns.push(column);
    if (constraint?.KW_PRIMARY()) {
      if (!constraint.KW_ENFORCED()) b.syntax(PRIMARY_KEY_ENFORCED_MESSAGE, constraint);
      const pk: PrimaryKeyConstraint = {
        columns: [id],
        declaredOn: 'column', range: b.range(constraint),
      };
      const cname = constraint.constraintName();
      if (cname) pk.constraintName = b.identifier(cname.identifier()).name;
      setPrimaryKey(pk);
    }
  }

  const result: CreateTableStatement = {
    kind: 'createTable', name: b.objectName(ctx.tablePathCreate()), temporary: ctx.KW_TEMPORARY() !== null,
    ifNotExists: ctx.ifNotExists() !== null, columns, options: buildOptions(b, ctx.withOption().tablePropertyList()),
    range: b.range(ctx),
  };

  const watermark = ctx.watermarkDefinition();
  if (watermark) {
    const col = watermark.columnName();
    const id = b.objectName(col);
    if (id.parts.length !== 1) b.syntax('The watermark column must be a top-level column of the table', col);
    result.watermark = { column: id.text, columnRange: b.range(col), expression: buildExpression(b, watermark.expression()), range: b.range(watermark) };
  }
  const tableConstraint = ctx.tableConstraint();
  if (tableConstraint) {
    const pk: PrimaryKeyConstraint = {
      columns: tableConstraint.columnNameList().columnName().map((c) => b.identifier(c)),
      declaredOn: 'table', range: b.range(tableConstraint),
    };
    const cname = tableConstraint.constraintName();
    if (cname) pk.constraintName = b.identifier(cname.identifier()).name;
    setPrimaryKey(pk);
  }
  if (primaryKey) result.primaryKey = primaryKey;
  if (ctx.selfDefinitionClause()) b.syntax('PERIOD FOR SYSTEM_TIME is not Flink SQL', ctx.selfDefinitionClause()!);
  if (ctx._comment) result.comment = unquoteString(ctx._comment.text ?? '');
  if (ctx.partitionDefinition()) b.unsupported('PARTITIONED BY', ctx.partitionDefinition()!);
  if (ctx.likeDefinition()) b.unsupported('CREATE TABLE ... LIKE', ctx.likeDefinition()!);
  return result;
}

function columnIdentifier(b: BuildContext, ctx: ColumnNameCreateContext): Identifier {
  const uid = ctx.uid();
  if (!uid || uid.identifier().length !== 1) {
    b.syntax(`'${b.text(ctx)}' is not a valid column name`, ctx);
    return { name: b.text(ctx), quoted: false, range: b.range(ctx) };
  }
  return b.identifier(uid.identifier(0)!);
}

/** Builds the `'key' = 'value'` list of a WITH clause; keys and values must be string literals. */
export function buildOptions(b: BuildContext, list: TablePropertyListContext): TableOption[] {
  const options: TableOption[] = [];
  for (const prop of list.tableProperty()) {
    const option = buildOption(b, prop);
    if (option) options.push(option);
  }
  return options;
}

function buildOption(b: BuildContext, prop: TablePropertyContext): TableOption | undefined {
  const key = prop._key!;
  const value = prop._value;
  const keyText = b.text(key);
  if (!keyText.startsWith("'")) {
    b.syntax(`Option keys must be quoted strings: '${keyText.replace(/^[`"]|[`"]$/g, '')}' = '...'`, key);
    return undefined;
  }
  if (!value) {
    b.syntax(`Option ${keyText} has no value: write ${keyText} = '...'`, prop);
    return undefined;
  }
  if (!prop.EQUAL_SYMBOL()) {
    b.syntax(`Missing '=' between ${keyText} and its value`, value);
    return undefined;
  }
  const valueText = b.text(value);
  if (!valueText.startsWith("'")) {
    b.syntax(`Option values must be quoted strings: ${keyText} = '${valueText}'`, value);
    return undefined;
  }
  return { key: unquoteString(keyText), value: unquoteString(valueText), keyRange: b.range(key), valueRange: b.range(value), range: b.range(prop) };
}
