// Builds SELECT queries: select list (re-parsed per item, as the grammar misreads `a - 1`), FROM
// (table, subquery, window TVF), WHERE, GROUP BY, HAVING; reports unsupported query features.

import type { ParserRuleContext } from 'antlr4ng';
import type {
  ColumnProjectItemContext,
  FromClauseContext,
  GroupItemDefinitionContext,
  QueryStatementContext,
  SelectClauseContext,
  SelectStatementContext,
  TableExpressionContext,
  TableReferenceContext,
  WindowTVFClauseContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import type { Expression, FromItem, Identifier, IntervalLiteral, Query, SelectItem, SelectQuery, WindowFunctionName } from './ast.js';
import type { BuildContext } from './buildContext.js';
import { buildBoolean, buildExpression, placeholder } from './buildExpression.js';
import { buildInterval } from './buildInterval.js';
import { isReservedKeyword, parseRule, T, type Token } from './flinkGrammar.js';
import { reportSyntaxError } from './syntaxErrors.js';

/** Builds a query; undefined (with diagnostics) when it uses something unsupported. */
export function buildQuery(b: BuildContext, ctx: QueryStatementContext): Query | undefined {
  if (ctx.withClause()) {
    b.unsupported('WITH (common table expressions)', ctx.withClause()!);
    return undefined;
  }
  if (ctx.valuesClause()) {
    b.unsupported('VALUES as a query', ctx.valuesClause()!);
    return undefined;
  }
  if (ctx._operator) {
    const op = ctx._operator;
    const all = ctx.KW_ALL();
    b.unsupported(`${op.text?.toUpperCase()}${all ? ' ALL' : ''}`, all ? b.rangeBetween(op, all) : b.range(op));
    return undefined;
  }
  const nested = ctx.queryStatement();
  if (nested.length === 1 && ctx.LR_BRACKET()) return buildQuery(b, nested[0]!);
  const errorsBefore = b.errorCount();
  const order = ctx.orderByClause();
  if (order) b.unsupported('ORDER BY', order);
  const limit = ctx.limitClause();
  if (limit) b.unsupported('LIMIT', limit);
  const select = ctx.selectStatement();
  const query = select ? buildSelect(b, select) : buildSelectClause(b, ctx.selectClause()!, ctx);
  return b.errorCount() === errorsBefore ? query : undefined;
}

function buildSelect(b: BuildContext, ctx: SelectStatementContext): SelectQuery {
  const query = buildSelectClause(b, ctx.selectClause(), ctx);
  const match = ctx.matchRecognizeClause();
  if (match) b.unsupported('MATCH_RECOGNIZE', match);
  const from = ctx.fromClause();
  if (from) {
    const item = buildFrom(b, from);
    if (item) query.from = item;
  }
  const where = ctx.whereClause();
  if (where) {
    const cond = where.booleanExpression();
    query.where = cond ? buildBoolean(b, cond) : placeholder(b.range(where));
  }
  const group = ctx.groupByClause();
  if (group) query.groupBy = group.groupItemDefinition().flatMap((g) => buildGroupItem(b, g));
  const having = ctx.havingClause();
  if (having) query.having = buildBoolean(b, having.booleanExpression());
  const window = ctx.windowClause();
  if (window) b.unsupported('The WINDOW clause (named OVER windows)', window);
  return query;
}

function buildSelectClause(b: BuildContext, ctx: SelectClauseContext, whole: ParserRuleContext): SelectQuery {
  const items: SelectItem[] = [];
  for (const item of ctx.selectList().columnProjectItem()) {
    const built = buildSelectItem(b, item);
    if (built) items.push(built);
  }
  return { kind: 'select', distinct: ctx.setQuantifier()?.KW_DISTINCT() != null, items, range: b.range(whole) };
}

function buildSelectItem(b: BuildContext, item: ColumnProjectItemContext): SelectItem | undefined {
  const range = b.range(item);
  if (item.selectWindowItemColumnName()) {
    b.unsupported('OVER windows', item);
    return undefined;
  }
  const all = item.tableAllColumns();
  if (all) {
    if (item.columnAlias()) b.syntax(`'${b.text(all)}' cannot have an alias`, item.columnAlias()!);
    const ids = all.identifier();
    return ids.length > 0 ? { kind: 'star', qualifier: ids.map((i) => b.identifier(i)), range } : { kind: 'star', range };
  }
  // The grammar reads `a - 1` as column `a` with alias expression `-1`: re-parse the item alone.
  const tokens = b.tokens.slice(item.start!.tokenIndex, item.stop!.tokenIndex + 1);
  const parsed = parseRule(tokens, item.stop!.stop + 1, (p) => p.expression());
  if (parsed.errors.length > 0) {
    reportSyntaxError(b, parsed.errors[0]!, parsed.tokens);
    return undefined;
  }
  const outer = b.tokens;
  b.tokens = parsed.tokens;
  const errorsBefore = b.errorCount();
  const expression = buildExpression(b, parsed.tree);
  b.tokens = outer;
  if (b.errorCount() > errorsBefore) return undefined;
  const rest = parsed.tokens.slice(parsed.nextToken?.tokenIndex ?? parsed.tokens.length).filter((t) => t.channel === 0 && t.type !== T.EOF);
  const result: SelectItem = { kind: 'expression', expression, range };
  if (rest.length === 0) return result;
  let i = 0;
  if (rest[0]!.type === T.KW_AS) i++;
  const alias = rest[i];
  if (!alias) {
    b.syntax(`Missing alias after AS`, rest[0]!);
    return undefined;
  }
  if (isReservedKeyword(alias.type)) {
    b.syntax(`'${alias.text}' is a reserved keyword; quote it as \`${alias.text}\``, alias);
    return undefined;
  }
  if (i + 1 < rest.length) {
    b.syntax(`Unexpected '${rest[i + 1]!.text}'; is a ',' missing?`, rest[i + 1]!);
    return undefined;
  }
  result.alias = b.identifierFromToken(alias);
  return result;
}

function buildFrom(b: BuildContext, from: FromClauseContext): FromItem | undefined {
  return buildTableExpression(b, from.tableExpression());
}

function buildTableExpression(b: BuildContext, ctx: TableExpressionContext): FromItem | undefined {
  const join = ctx.KW_JOIN();
  if (join) {
    const left = ctx.tableExpression()[0]!;
    const keywords = b.tokens.slice(left.stop!.tokenIndex + 1, join.symbol.tokenIndex + 1).filter((t) => t.channel === 0);
    b.unsupported(keywords.map((t) => (t.text ?? '').toUpperCase()).join(' '), b.rangeBetween(keywords[0] ?? join, join));
    return undefined;
  }
  if (ctx.inlineDataValueClause()) {
    b.unsupported('VALUES in FROM', ctx.inlineDataValueClause()!);
    return undefined;
  }
  const tvf = ctx.windowTVFClause();
  if (tvf) return buildWindowTvf(b, tvf);
  const refs = ctx.tableReference();
  if (refs.length > 1) {
    b.unsupported('A comma-separated FROM list (an implicit join)', ctx);
    return undefined;
  }
  return buildTableReference(b, refs[0]!);
}

function buildTableReference(b: BuildContext, ref: TableReferenceContext): FromItem | undefined {
  const range = b.range(ref);
  const primary = ref.tablePrimary();
  const aliasCtx = ref.tableAlias();
  let alias: Identifier | undefined;
  if (aliasCtx) {
    if (aliasCtx.identifierList()) b.unsupported('Column aliases in FROM', aliasCtx.identifierList()!);
    alias = b.identifier(aliasCtx.identifier());
  }
  if (primary.systemTimePeriod()) {
    b.unsupported('FOR SYSTEM_TIME AS OF', primary.systemTimePeriod()!);
    return undefined;
  }
  if (primary.atomFunctionTable()) {
    b.unsupported('LATERAL TABLE', primary.atomFunctionTable()!);
    return undefined;
  }
  const atom = primary.atomExpressionTable();
  if (atom) {
    if (atom.KW_UNNEST()) b.unsupported('UNNEST', atom);
    else if (atom.KW_LATERAL()) b.unsupported('LATERAL subqueries', atom);
    const inner = atom.queryStatement();
    if (!inner || atom.KW_LATERAL()) return undefined;
    const query = buildQuery(b, inner);
    if (!query) return undefined;
    return alias ? { kind: 'subquery', query, alias, range } : { kind: 'subquery', query, range };
  }
  if (primary.KW_TABLE()) b.syntax(`'TABLE name' is only valid as an argument of a window function; write just the table name`, primary);
  const path = primary.tablePath() ?? primary.viewPath()!;
  const name = b.objectName(path);
  return alias ? { kind: 'table', name, alias, range } : { kind: 'table', name, range };
}

function buildWindowTvf(b: BuildContext, ctx: WindowTVFClauseContext): FromItem | undefined {
  const expr = ctx.windowTVFExpression();
  const window = b.text(expr.windowTVFName()).toUpperCase() as WindowFunctionName;
  const aliasToken: Token | undefined = b.patches.tvfAliases.get(ctx.stop!.start);
  let tableName: ReturnType<BuildContext['objectName']> | undefined;
  let timeColumn: Identifier | undefined;
  const named = new Map<string, IntervalLiteral>();
  const positional: IntervalLiteral[] = [];
  let ok = true;
  for (const param of expr.windowTVFParam()) {
    const table = param.timeAttrColumn();
    const descriptor = param.columnDescriptor();
    const intervalCtx = param.timeIntervalExpression();
    if (table) tableName = b.objectName(table);
    else if (descriptor) timeColumn = b.objectName(descriptor.columnName()).parts.at(-1);
    else if (intervalCtx) {
      const interval = buildInterval(b, intervalCtx);
      if (!interval) {
        ok = false;
        continue;
      }
      const nameCtx = param.timeIntervalParamName();
      if (nameCtx) named.set(b.text(nameCtx).toUpperCase(), interval);
      else positional.push(interval);
    }
  }
  const sizeNames = window === 'TUMBLE' ? ['SIZE', 'OFFSET'] : window === 'HOP' ? ['SLIDE', 'SIZE', 'OFFSET'] : ['STEP', 'SIZE', 'OFFSET'];
  positional.forEach((p, i) => {
    const name = sizeNames[i];
    if (name) named.set(name, p);
    else {
      b.syntax(`${window} takes at most ${sizeNames.length} interval arguments`, p.range);
      ok = false;
    }
  });
  for (const key of named.keys()) {
    if (!sizeNames.includes(key)) {
      b.syntax(`${window} has no parameter ${key}; its interval parameters are ${sizeNames.join(', ')}`, named.get(key)!.range);
      ok = false;
    }
  }
  const missing = ['table (TABLE t)', 'time column (DESCRIPTOR(col))', ...sizeNames.filter((n) => n !== 'OFFSET')].filter((n) =>
    n.startsWith('table') ? !tableName : n.startsWith('time') ? !timeColumn : !named.has(n),
  );
  if (missing.length > 0) {
    b.syntax(`${window} is missing its ${missing.join(', ')} argument${missing.length > 1 ? 's' : ''}`, expr);
    return undefined;
  }
  if (!ok) return undefined;
  const result: FromItem = {
    kind: 'windowTvf', window, table: tableName!, timeColumn: timeColumn!, size: named.get('SIZE')!,
    range: aliasToken ? b.rangeBetween(ctx, aliasToken) : b.range(ctx),
  };
  if (named.has('SLIDE')) result.slide = named.get('SLIDE')!;
  if (named.has('STEP')) result.step = named.get('STEP')!;
  if (named.has('OFFSET')) result.offset = named.get('OFFSET')!;
  if (aliasToken) result.alias = b.identifierFromToken(aliasToken);
  return result;
}

function buildGroupItem(b: BuildContext, g: GroupItemDefinitionContext): Expression[] {
  const windowFn = g.groupWindowFunction();
  if (windowFn) {
    b.unsupported(`The legacy group window GROUP BY ${b.text(windowFn.groupWindowFunctionName()).toUpperCase()}(...)`, windowFn);
    return [];
  }
  if (g.groupingSets() || g.groupingSetsNotationName()) {
    b.unsupported(b.text(g.groupingSets() ?? g.groupingSetsNotationName()!).toUpperCase(), g);
    return [];
  }
  const column = g.columnName();
  if (column) return [{ kind: 'column', parts: b.objectName(column).parts, range: b.range(column) }];
  const exprs = g.expression();
  if (exprs.length === 0) {
    b.unsupported('GROUP BY ()', g);
    return [];
  }
  return exprs.map((e) => buildExpression(b, e));
}
