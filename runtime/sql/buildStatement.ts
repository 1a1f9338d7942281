// Builds one statement of a job file from its parse tree: SET, CREATE TABLE/VIEW, INSERT, statement
// sets, EXPLAIN and bare queries; anything else is reported as unsupported at its range.

import type { ParserRuleContext } from 'antlr4ng';
import type {
  ExplainStatementContext,
  InsertSimpleStatementContext,
  InsertStatementContext,
  SetStatementContext,
  SqlStatementContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import type { CreateViewStatement, ExplainDetail, ExplainStatement, InsertStatement, SetStatement, Statement, StatementSetStatement } from './ast.js';
import { unquoteString, type BuildContext } from './buildContext.js';
import { buildCreateTable } from './buildCreateTable.js';
import { buildQuery } from './buildQuery.js';
import { isKeyword } from './flinkGrammar.js';

/** Builds a statement; undefined (with diagnostics) when it is unsupported or invalid. */
export function buildStatement(b: BuildContext, ctx: SqlStatementContext): Statement | undefined {
  const range = b.range(ctx);
  const set = ctx.setStatement();
  if (set) return buildSet(b, set);
  const ddl = ctx.ddlStatement();
  if (ddl) {
    const table = ddl.createTable();
    if (table?.simpleCreateTable()) return buildCreateTable(b, table.simpleCreateTable()!);
    if (table?.createTableAsSelect()) {
      b.unsupported('CREATE TABLE ... AS SELECT', ctx);
      return undefined;
    }
    const view = ddl.createView();
    if (view) {
      const query = buildQuery(b, view.queryStatement());
      if (!query) return undefined;
      const result: CreateViewStatement = {
        kind: 'createView', name: b.objectName(view.viewPathCreate()), temporary: view.KW_TEMPORARY() !== null,
        ifNotExists: view.ifNotExists() !== null, query, range,
      };
      const cols = view.columnNameList();
      if (cols) result.columnNames = cols.columnName().map((c) => b.identifier(c));
      if (view._comment) result.comment = unquoteString(view._comment.text ?? '');
      return result;
    }
    b.unsupported(leadingKeywords(b, ctx), ctx);
    return undefined;
  }
  const dml = ctx.dmlStatement();
  if (dml) {
    const query = dml.queryStatement();
    if (query) {
      const built = buildQuery(b, query);
      return built ? { kind: 'query', query: built, range } : undefined;
    }
    return buildInsertStatement(b, dml.insertStatement()!);
  }
  const explain = ctx.explainStatement();
  if (explain) return buildExplain(b, explain);
  if (ctx.resetStatement()) {
    b.unsupported('RESET', ctx);
    return undefined;
  }
  b.unsupported(leadingKeywords(b, ctx), ctx);
  return undefined;
}

/** `DROP TABLE`, `SHOW TABLES`, `USE`...: the statement's leading keywords, for messages. */
function leadingKeywords(b: BuildContext, ctx: ParserRuleContext): string {
  const words: string[] = [];
  for (let i = ctx.start!.tokenIndex; i <= ctx.stop!.tokenIndex && words.length < 3; i++) {
    const t = b.tokens[i]!;
    if (t.channel !== 0) continue;
    if (!isKeyword(t.type) || t.text?.toUpperCase() === 'IF') break;
    words.push((t.text ?? '').toUpperCase());
  }
  return words.join(' ') || 'This statement';
}

function buildSet(b: BuildContext, ctx: SetStatementContext): SetStatement | undefined {
  const prop = ctx.tableProperty();
  if (!prop) {
    b.unsupported('SET without a key (listing the configuration)', ctx);
    return undefined;
  }
  const key = prop._key!;
  const value = prop._value;
  const keyText = b.text(key);
  if (!value) {
    b.syntax(`SET needs a value: SET '${unquoteString(keyText)}' = '...'`, ctx);
    return undefined;
  }
  if (!prop.EQUAL_SYMBOL()) {
    b.syntax(`Missing '=' between the key and the value of SET`, value);
    return undefined;
  }
  const valueText = b.text(value);
  return {
    kind: 'set', key: unquoteString(keyText), value: valueText.startsWith("'") ? unquoteString(valueText) : valueText,
    keyRange: b.range(key), valueRange: b.range(value), range: b.range(ctx),
  };
}

function buildInsertStatement(b: BuildContext, ctx: InsertStatementContext): InsertStatement | StatementSetStatement | undefined {
  const simple = ctx.insertSimpleStatement();
  if (simple) return buildInsert(b, simple);
  const block = ctx.insertMulStatementCompatibility() ?? ctx.insertMulStatement()!;
  return buildStatementSet(b, block.insertSimpleStatement(), ctx);
}

function buildStatementSet(b: BuildContext, inserts: InsertSimpleStatementContext[], whole: ParserRuleContext): StatementSetStatement | undefined {
  const built: InsertStatement[] = [];
  for (const insert of inserts) {
    const one = buildInsert(b, insert);
    if (one) built.push(one);
  }
  if (built.length !== inserts.length) return undefined;
  return { kind: 'statementSet', inserts: built, range: b.range(whole) };
}

function buildInsert(b: BuildContext, ctx: InsertSimpleStatementContext): InsertStatement | undefined {
  const overwrite = ctx.KW_OVERWRITE();
  if (overwrite) {
    b.unsupported('INSERT OVERWRITE', b.rangeBetween(ctx.KW_INSERT(), overwrite));
    return undefined;
  }
  const partition = ctx.insertPartitionDefinition();
  if (partition) {
    b.unsupported('INSERT with a PARTITION clause', partition);
    return undefined;
  }
  const values = ctx.valuesDefinition();
  if (values) {
    b.unsupported('INSERT ... VALUES', values);
    return undefined;
  }
  const query = buildQuery(b, ctx.queryStatement()!);
  if (!query) return undefined;
  const result: InsertStatement = { kind: 'insert', table: b.objectName(ctx.tablePath()), query, range: b.range(ctx) };
  const cols = ctx.columnNameList();
  if (cols) result.columns = cols.columnName().map((c) => b.identifier(c));
  return result;
}

function buildExplain(b: BuildContext, ctx: ExplainStatementContext): ExplainStatement | undefined {
  const details: ExplainDetail[] = (ctx.explainDetails()?.explainDetail() ?? []).map((d) => b.text(d).toUpperCase() as ExplainDetail);
  let statement: ExplainStatement['statement'] | undefined;
  const dml = ctx.dmlStatement();
  const simple = ctx.insertSimpleStatement();
  const block = ctx.insertMulStatement();
  if (dml?.queryStatement()) {
    const query = buildQuery(b, dml.queryStatement()!);
    if (query) statement = { kind: 'query', query, range: b.range(dml) };
  } else if (dml?.insertStatement()) {
    statement = buildInsertStatement(b, dml.insertStatement()!);
  } else if (simple) {
    statement = buildInsert(b, simple);
  } else if (block) {
    statement = buildStatementSet(b, block.insertSimpleStatement(), block);
  }
  if (!statement) return undefined;
  return { kind: 'explain', details, statement, range: b.range(ctx) };
}
