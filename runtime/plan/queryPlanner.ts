// Plans a SELECT into exec nodes: table scans (with computed columns and watermark assigners),
// views and subqueries, window TVFs, filters and projections; hands aggregation to the
// aggregate planner.
import { closestMatch } from '../config/didYouMean.js';
import type { SourceRange } from '../diagnostics.js';
import type { JobConfig } from '../config/jobConfig.js';
import { typeName } from '../functions/types.js';
import { CalcOperator } from '../operators/calc.js';
import { WatermarkAssignerOperator } from '../operators/watermarkAssigner.js';
import type { WindowSpec } from '../operators/windowAggregate.js';
import type { Expression, FromItem, IntervalLiteral, Query, SelectQuery } from '../sql/ast.js';
import { planAggregate } from './aggregatePlanner.js';
import { bindExpression, type BindContext } from './bindExpression.js';
import { inputRef, type BoundExpr } from './boundExpression.js';
import type { Catalog, CatalogTable } from './catalog.js';
import type { ExecGraphBuilder, ExecNode } from './execGraph.js';
import { fail } from './fail.js';
import { formatIntervalMs, intervalLiteral } from './literals.js';
import type { Rel, WindowInfo } from './rel.js';
import { Scope, type Field } from './scope.js';
import { createTableSource, type FileSystemAccess } from './sources.js';

/** Everything planning needs. */
export interface PlanContext {
  readonly builder: ExecGraphBuilder;
  readonly catalog: Catalog;
  readonly config: JobConfig;
  readonly file?: string;
  readonly localTimeZone: string;
  readonly fileSystem?: FileSystemAccess;
  /** Parallelism of SQL operators. */
  readonly parallelism: number;
  /** Source lines of the statement being planned. */
  readonly lines: readonly number[];
  /** Views being expanded (to report recursion). */
  readonly expanding: readonly string[];
}

/** Plans a query. */
export function planQuery(q: Query, pc: PlanContext): Rel {
  const input = planFrom(q.from, pc, q);
  const aggregating = (q.groupBy?.length ?? 0) > 0 || q.distinct || q.having !== undefined || hasAggregate(q);
  if (aggregating) return planAggregate(q, input, pc);
  if (input.window) {
    fail(pc, input.window.range, `A window TVF without an aggregation over window_start and window_end is not supported by Checkpoint Lab yet`, 'unsupported');
  }
  const scope = new Scope(input.fields);
  const ctx: BindContext = { scope, file: pc.file, localTimeZone: pc.localTimeZone, clause: 'in WHERE' };
  const condition = q.where ? bindCondition(q.where, ctx) : undefined;
  const items = expandSelect(q, input.fields, { ...ctx, clause: 'in SELECT without GROUP BY' });
  return project(input, items, condition, pc, q.where?.range ?? q.range);
}

/** The select list bound against `fields`: `*` and `t.*` expanded, names as Flink derives them. */
export function expandSelect(q: SelectQuery, fields: readonly Field[], ctx: BindContext): { expr: BoundExpr; name: string }[] {
  const out: { expr: BoundExpr; name: string }[] = [];
  q.items.forEach((item, i) => {
    if (item.kind === 'star') {
      const qual = item.qualifier?.map((p) => p.name).join('.');
      const matched = fields.map((f, idx) => ({ f, idx })).filter(({ f }) => qual === undefined || f.qualifier === qual);
      if (matched.length === 0) fail(ctx, item.range, qual ? `Unknown identifier '${qual}'` : 'SELECT * over a relation with no columns');
      if (ctx.grouped) fail(ctx, item.range, 'SELECT * is not allowed with GROUP BY: list the grouped columns');
      for (const { f, idx } of matched) out.push({ expr: inputRef(idx, f.type, f.name), name: f.name });
      return;
    }
    const expr = bindExpression(item.expression, ctx);
    const name = item.alias?.name ?? (item.expression.kind === 'column' ? item.expression.parts.at(-1)!.name : `EXPR$${i}`);
    out.push({ expr, name });
  });
  return out;
}

/** Binds a filter condition, which must be BOOLEAN. */
export function bindCondition(e: Expression, ctx: BindContext): BoundExpr {
  const c = bindExpression(e, ctx);
  if (c.type.root !== 'BOOLEAN' && c.type.root !== 'NULL') fail(ctx, e.range, `${ctx.clause === 'in HAVING' ? 'HAVING' : 'WHERE'} clause must be a condition, got an expression of type ${typeName(c.type)}`);
  return c;
}

/** Adds a Calc (projection + filter) unless it would be the identity. */
export function project(input: Rel, items: { expr: BoundExpr; name: string }[], condition: BoundExpr | undefined, pc: PlanContext, range?: SourceRange): Rel {
  const identity = !condition && items.length === input.fields.length && items.every((it, i) => it.expr.inputIndex === i);
  // A projection that only renames needs no operator (Flink names the fields where they are produced).
  if (identity) return { ...input, fields: input.fields.map((f, i) => ({ ...f, name: items[i]!.name })) };
  const fields: Field[] = items.map((it) => ({ name: it.name, type: it.expr.type }));
  const node = calcNode(input.node, items, condition, pc, range);
  // A unique key survives if every key field is projected as-is.
  let uniqueKey: number[] | undefined;
  if (input.uniqueKey) {
    const mapped = input.uniqueKey.map((k) => items.findIndex((it) => it.expr.inputIndex === k));
    if (mapped.every((m) => m >= 0)) uniqueKey = mapped;
  }
  return { node, fields, updating: input.updating, uniqueKey, updateProducer: input.updateProducer, requireUpdateBefore: input.requireUpdateBefore };
}

/** A Calc exec node chained after `input`. */
export function calcNode(input: ExecNode, items: readonly { expr: BoundExpr; name: string }[], condition: BoundExpr | undefined, pc: PlanContext, range?: SourceRange): ExecNode {
  const select = items.map((it) => (it.expr.inputIndex !== undefined && it.expr.text === it.name ? it.name : `${it.expr.text} AS ${it.name}`)).join(', ');
  const projection = items.map((it) => it.expr);
  return pc.builder.add({
    name: 'Calc',
    description: `select=[${select}]${condition ? `, where=[${condition.text}]` : ''}`,
    parallelism: input.parallelism,
    input: { node: input, partitioner: 'FORWARD' },
    factory: () => new CalcOperator({ projection, condition }),
    lines: pc.lines,
    range,
    fields: items.map((it) => ({ name: it.name, type: it.expr.type })),
  });
}

function planFrom(from: FromItem | undefined, pc: PlanContext, q: SelectQuery): Rel {
  if (!from) fail(pc, q.range, 'A SELECT without FROM is not supported as a streaming job by Checkpoint Lab yet', 'unsupported');
  switch (from.kind) {
    case 'table': {
      const entry = pc.catalog.get(from.name.text);
      if (!entry) fail(pc, from.name.range, `Object '${from.name.text}' not found${suggest(from.name.text, pc.catalog.names())}`, 'unknown-table');
      const alias = from.alias?.name ?? entry.name;
      if (entry.kind === 'view') {
        if (pc.expanding.includes(entry.name)) fail(pc, from.name.range, `View '${entry.name}' refers to itself`);
        const rel = planQuery(entry.statement.query, { ...pc, expanding: [...pc.expanding, entry.name] });
        const names = entry.statement.columnNames?.map((c) => c.name);
        if (names && names.length !== rel.fields.length) fail(pc, entry.statement.name.range, `View '${entry.name}' lists ${names.length} column names but its query has ${rel.fields.length} columns`);
        return requalify(rel, alias, names);
      }
      return scan(entry, alias, pc);
    }
    case 'subquery': {
      const rel = planQuery(from.query, pc);
      return requalify(rel, from.alias?.name);
    }
    case 'windowTvf':
      return planWindowTvf(from, pc);
  }
}

function requalify(rel: Rel, qualifier: string | undefined, names?: readonly string[]): Rel {
  return { ...rel, fields: rel.fields.map((f, i) => ({ name: names?.[i] ?? f.name, type: f.type, qualifier })) };
}

/** A table scan: the source, then computed columns, then the watermark assigner (Flink's order). */
function scan(table: CatalogTable, alias: string, pc: PlanContext): Rel {
  const sourceParallelism = pc.parallelism;
  const physicalNames = table.physical.map((i) => table.columns[i]!.name);
  let node = pc.builder.add({
    name: `Source: ${table.name}`,
    description: `TableSourceScan(table=[[default_catalog, default_database, ${table.name}]], fields=[${physicalNames.join(', ')}])`,
    parallelism: sourceParallelism,
    source: createTableSource(table, pc),
    lines: [table.statement.range.start.line],
    range: table.statement.range,
    fields: table.physical.map((i) => ({ name: table.columns[i]!.name, type: table.columns[i]!.type })),
  });
  const hasComputed = table.columns.some((c) => c.computed);
  if (hasComputed) {
    // The source row holds the physical columns; the Calc lays out every column in table order.
    const items = table.columns.map((c, i) => {
      if (!c.computed) {
        const at = table.physical.indexOf(i);
        return { expr: inputRef(at, c.type, c.name), name: c.name };
      }
      return { expr: c.computed, name: c.name };
    });
    node = calcNode(node, items, undefined, { ...pc, lines: [table.statement.range.start.line] }, table.statement.range);
  }
  if (table.watermark) {
    const wm = table.watermark;
    const interval = pc.config.autoWatermarkIntervalMs;
    node = pc.builder.add({
      name: 'WatermarkAssigner',
      description: `rowtime=[${table.columns[wm.column]!.name}], watermark=[${wm.expression.text}]`,
      parallelism: node.parallelism,
      input: { node, partitioner: 'FORWARD' },
      factory: () => {
        // One evaluator per subtask; the watermark expression is deterministic.
        const ev = wm.expression.compile({ localTimeZone: pc.localTimeZone, now: () => 0, random: () => 0 });
        return new WatermarkAssignerOperator({ expression: ev, intervalMs: interval });
      },
      lines: [table.statement.watermark!.range.start.line],
      range: table.statement.watermark!.range,
      fields: table.columns.map((c) => ({ name: c.name, type: c.type })),
    });
  }
  const fields: Field[] = table.columns.map((c) => ({ name: c.name, type: c.type, qualifier: alias }));
  return { node, fields, updating: false };
}

function planWindowTvf(from: Extract<FromItem, { kind: 'windowTvf' }>, pc: PlanContext): Rel {
  if (from.window === 'CUMULATE') fail(pc, from.range, 'The CUMULATE window TVF is not supported by Checkpoint Lab yet; TUMBLE and HOP are', 'unsupported');
  const entry = pc.catalog.get(from.table.text);
  if (!entry) fail(pc, from.table.range, `Object '${from.table.text}' not found${suggest(from.table.text, pc.catalog.names())}`, 'unknown-table');
  const alias = from.alias?.name ?? entry.name;
  const input = entry.kind === 'view' ? requalify(planQuery(entry.statement.query, { ...pc, expanding: [...pc.expanding, entry.name] }), alias) : scan(entry, alias, pc);
  const timeIndex = input.fields.findIndex((f) => f.name === from.timeColumn.name);
  if (timeIndex < 0) fail(pc, from.timeColumn.range, `Column '${from.timeColumn.name}' not found in table '${from.table.text}'`, 'unknown-column');
  const timeType = input.fields[timeIndex]!.type;
  if (timeType.timeAttribute !== 'rowtime') {
    fail(pc, from.timeColumn.range, `The window function requires the timecol is a time attribute type, but is ${typeName(timeType)}. Declare a WATERMARK FOR ${from.timeColumn.name} on table '${from.table.text}' to make it an event-time attribute.`);
  }
  const ms = (lit: IntervalLiteral | undefined, what: string): number => {
    if (!lit) return 0;
    const r = intervalLiteral(lit);
    if ('error' in r) fail(pc, lit.valueRange, r.error);
    if (r.type.root !== 'INTERVAL_DAY_TIME') fail(pc, lit.range, `The ${what} of a window must be a day-time interval (SECOND, MINUTE, HOUR, DAY)`);
    if (r.value <= 0 && what !== 'offset') fail(pc, lit.range, `The ${what} of a window must be positive, got ${lit.value}`);
    return r.value;
  };
  const size = ms(from.size, 'size');
  const offset = ms(from.offset, 'offset');
  let spec: WindowSpec;
  let description: string;
  // On a TIMESTAMP_LTZ rowtime Flink aligns windows in the session time zone (a day starts at
  // local midnight); window_start and window_end are then local TIMESTAMP(3) values.
  const zone = timeType.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE' ? pc.localTimeZone : undefined;
  if (from.window === 'TUMBLE') {
    spec = { kind: 'TUMBLE', size, offset, ...(zone ? { zone } : {}) };
    description = `TUMBLE(time_col=[${from.timeColumn.name}], size=[${formatIntervalMs(size)}])`;
  } else {
    const slide = ms(from.slide, 'slide');
    if (size % slide !== 0) fail(pc, from.range, `HOP window requires size to be an integral multiple of slide, but got size ${size} ms and slide ${slide} ms`);
    spec = { kind: 'HOP', slide, size, offset, ...(zone ? { zone } : {}) };
    description = `HOP(time_col=[${from.timeColumn.name}], size=[${formatIntervalMs(size)}], slide=[${formatIntervalMs(slide)}])`;
  }
  const window: WindowInfo = {
    spec,
    timeIndex,
    // As Flink's SqlWindowTableFunction: window_start/window_end are TIMESTAMP(3), window_time
    // has the time attribute's type.
    boundType: { root: 'TIMESTAMP_WITHOUT_TIME_ZONE', nullable: false, precision: 3 },
    timeType: { root: timeType.root, nullable: false, precision: 3, timeAttribute: 'rowtime' },
    description,
    range: from.range,
  };
  const fields: Field[] = [
    ...input.fields,
    { name: 'window_start', type: window.boundType, qualifier: alias },
    { name: 'window_end', type: window.boundType, qualifier: alias },
    { name: 'window_time', type: window.timeType, qualifier: alias },
  ];
  return { ...input, fields, window };
}

function hasAggregate(q: SelectQuery): boolean {
  const visit = (e: Expression | undefined): boolean => {
    if (!e) return false;
    if (e.kind === 'call' && ['COUNT', 'SUM', 'MIN', 'MAX', 'AVG'].includes(e.name)) return true;
    for (const v of Object.values(e)) {
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && 'kind' in x && visit(x as Expression)) return true;
        for (const x of v) if (x && typeof x === 'object' && 'when' in x && (visit((x as { when: Expression }).when) || visit((x as { then: Expression }).then))) return true;
      } else if (v && typeof v === 'object' && 'kind' in v && 'range' in v && visit(v as Expression)) return true;
    }
    return false;
  };
  return q.items.some((i) => i.kind === 'expression' && visit(i.expression));
}

/** ". Did you mean 'x'?" for a close name (the same rule as for config keys and options). */
export function suggest(name: string, candidates: readonly string[]): string {
  const close = closestMatch(name, candidates);
  return close ? `. Did you mean '${close}'?` : '';
}
