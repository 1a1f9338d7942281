// Plans GROUP BY (and SELECT DISTINCT) queries the way Flink's planner does: a Calc computing the
// grouping keys and aggregate arguments, a HASH exchange on the keys (GLOBAL to one subtask when
// there are none), the GroupAggregate or WindowAggregate, then a Calc for HAVING and the select list.
import type { KeySpec } from '../engine/jobGraph.js';
import { createKeySelector } from '../engine/keySelector.js';
import { GroupAggregateOperator } from '../operators/groupAggregate.js';
import { WindowAggregateOperator } from '../operators/windowAggregate.js';
import type { Expression, FunctionCall, SelectQuery } from '../sql/ast.js';
import { bindExpression, type BindContext } from './bindExpression.js';
import { inputRef, type BoundExpr } from './boundExpression.js';
import { resolveAggregate } from './aggregateFunctionFactory.js';
import type { ExecNode } from './execGraph.js';
import { fail } from './fail.js';
import { bindCondition, calcNode, expandSelect, project, type PlanContext } from './queryPlanner.js';
import type { Rel } from './rel.js';
import { Scope, type Field } from './scope.js';

/** The shape of an expression without positions, to match GROUP BY expressions in SELECT. */
export function expressionKey(e: Expression): string {
  return JSON.stringify(e, (k, v) => (k === 'range' || k.endsWith('Range') || k === 'nameText' || k === 'quoted' ? undefined : v));
}

interface AggCall {
  readonly key: string;
  readonly name: string;
  readonly arg?: BoundExpr;
  readonly distinct: boolean;
  readonly text: string;
}

/** Plans an aggregating SELECT over `input`. */
export function planAggregate(q: SelectQuery, input: Rel, pc: PlanContext): Rel {
  const inputScope = new Scope(input.fields);
  const inputCtx: BindContext = { scope: inputScope, file: pc.file, localTimeZone: pc.localTimeZone, clause: 'in GROUP BY' };
  const where = q.where ? bindCondition(q.where, { ...inputCtx, clause: 'in WHERE' }) : undefined;

  // SELECT DISTINCT a, b  ≡  SELECT a, b … GROUP BY a, b
  let groupExprs: Expression[] = q.groupBy ?? [];
  if (q.distinct) {
    if (q.groupBy) fail(pc, q.range, 'SELECT DISTINCT with GROUP BY is not supported by Checkpoint Lab yet', 'unsupported');
    groupExprs = q.items.map((i) => {
      if (i.kind === 'star') fail(pc, i.range, 'SELECT DISTINCT * is not supported by Checkpoint Lab yet: list the columns', 'unsupported');
      return i.expression;
    });
  }

  // Window columns in GROUP BY select the window; every other expression is a key.
  const window = input.window;
  const windowFields = window ? new Map([[input.fields.length - 3, 'window_start'], [input.fields.length - 2, 'window_end'], [input.fields.length - 1, 'window_time']]) : undefined;
  const keys: { expr: BoundExpr; key: string; name: string }[] = [];
  const windowGroup = new Map<string, string>();
  for (const g of groupExprs) {
    const bound = bindExpression(g, inputCtx);
    if (windowFields && bound.inputIndex !== undefined && windowFields.has(bound.inputIndex)) {
      windowGroup.set(expressionKey(g), windowFields.get(bound.inputIndex)!);
      continue;
    }
    if (window && containsWindowColumn(bound, windowFields!)) fail(pc, g.range, 'Window columns can only be grouped as they are: GROUP BY window_start, window_end');
    keys.push({ expr: bound, key: expressionKey(g), name: g.kind === 'column' ? g.parts.at(-1)!.name : `EXPR$${keys.length}` });
  }
  if (window) {
    const names = new Set(windowGroup.values());
    if (!names.has('window_start') || !names.has('window_end')) {
      fail(pc, q.groupBy?.[0]?.range ?? q.range, 'A window aggregate must GROUP BY both window_start and window_end of the window TVF', 'unsupported');
    }
  }

  // Aggregate calls found while binding the select list and HAVING.
  const aggs: AggCall[] = [];
  const g = keys.length;
  const aggregateAt = (call: FunctionCall, ctx: BindContext): BoundExpr => {
    const key = expressionKey(call);
    let j = aggs.findIndex((a) => a.key === key);
    if (j < 0) {
      if (call.args.length > 1) fail(pc, call.range, `${call.nameText} takes one argument`);
      const arg = call.star || call.args.length === 0 ? undefined : bindExpression(call.args[0]!, { ...inputCtx, clause: `inside ${call.name}(…)` });
      if (call.name !== 'COUNT' && !arg) fail(pc, call.range, `${call.nameText}(*) is not valid`);
      const text = `${call.name}(${call.distinct ? 'DISTINCT ' : ''}${arg ? arg.text : '*'})`;
      aggs.push({ key, name: call.name, arg, distinct: call.distinct, text });
      j = aggs.length - 1;
    }
    const resolved = resolveAggregate(aggs[j]!.name, aggs[j]!.arg?.type, aggs[j]!.distinct, input.updating);
    if (typeof resolved === 'string') fail(ctx, call.range, resolved);
    return inputRef(g + j, resolved.type, aggs[j]!.text);
  };
  // After the aggregate the row is [keys…, aggregates…, (window_start, window_end, window_time)].
  const windowOffset = () => g + aggs.length;
  const grouped = (e: Expression): BoundExpr | undefined => {
    const k = expressionKey(e);
    const i = keys.findIndex((x) => x.key === k);
    if (i >= 0) return inputRef(i, keys[i]!.expr.type, keys[i]!.name);
    const w = windowGroup.get(k);
    if (w && window) {
      const type = w === 'window_time' ? window.timeType : window.boundType;
      // Resolved lazily: the aggregate count is final once the whole select list is bound.
      const slot = w === 'window_start' ? 0 : w === 'window_end' ? 1 : 2;
      return { type, text: w, deterministic: true, compile: () => { const at = windowOffset() + slot; return (row) => row[at]; } };
    }
    return undefined;
  };
  const postCtx: BindContext = { scope: inputScope, file: pc.file, localTimeZone: pc.localTimeZone, aggregate: aggregateAt, grouped, clause: 'in SELECT' };
  const items = expandSelect(q, [], postCtx);
  const having = q.having ? bindCondition(q.having, { ...postCtx, clause: 'in HAVING' }) : undefined;

  // Pre-aggregation Calc: [keys…, aggregate arguments…, (rowtime)].
  const preItems = keys.map((k) => ({ expr: k.expr, name: k.name }));
  const argIndex: number[] = [];
  for (const a of aggs) {
    if (!a.arg) {
      argIndex.push(-1);
      continue;
    }
    const existing = preItems.findIndex((p) => p.expr.text === a.arg!.text);
    if (existing >= 0) argIndex.push(existing);
    else {
      argIndex.push(preItems.length);
      preItems.push({ expr: a.arg, name: `$f${preItems.length}` });
    }
  }
  let rowtimeIndex = -1;
  if (window) {
    rowtimeIndex = preItems.length;
    preItems.push({ expr: inputRef(window.timeIndex, input.fields[window.timeIndex]!.type, input.fields[window.timeIndex]!.name), name: input.fields[window.timeIndex]!.name });
  }
  const groupByRange = q.groupBy && q.groupBy.length > 0 ? { start: q.groupBy[0]!.range.start, end: q.groupBy[q.groupBy.length - 1]!.range.end } : q.range;
  const pre = calcNode(input.node, preItems, where, pc, q.where?.range ?? groupByRange);

  const parallelism = g === 0 ? 1 : pc.parallelism;
  const keySpec: KeySpec = { fields: keys.map((_, i) => i), types: keys.map((k) => ({ root: k.expr.type.root, precision: k.expr.type.precision })), names: keys.map((k) => k.name) };
  const resolved = aggs.map((a, j) => {
    const r = resolveAggregate(a.name, a.arg?.type, a.distinct, input.updating);
    if (typeof r === 'string') fail(pc, q.range, r);
    return { fn: r.fn, argIndex: argIndex[j]!, type: r.type };
  });
  const selectText = [...keys.map((k) => k.name), ...aggs.map((a, j) => `${a.text} AS EXPR$${g + j}`)].join(', ');
  const keySelector = (maxParallelism: number) => createKeySelector(keySpec, maxParallelism);
  let aggNode: ExecNode;
  let aggFields: Field[];
  let rel: Rel;
  if (window) {
    aggNode = pc.builder.add({
      name: 'WindowAggregate',
      description: `groupBy=[${keys.map((k) => k.name).join(', ')}], window=[${window.description}], select=[${selectText}, start('w$) AS window_start, end('w$) AS window_end, rowtime('w$) AS window_time]`,
      parallelism,
      input: { node: pre, partitioner: g === 0 ? 'GLOBAL' : 'HASH', key: g === 0 ? undefined : keySpec },
      key: keySpec,
      factory: () => new WindowAggregateOperator({ keySelector, aggregates: resolved, rowtimeIndex, window: window.spec }),
      lines: pc.lines,
      range: window.range,
    });
    aggFields = [
      ...keys.map((k) => ({ name: k.name, type: k.expr.type })),
      ...resolved.map((r, j) => ({ name: `EXPR$${g + j}`, type: r.type })),
      { name: 'window_start', type: window.boundType },
      { name: 'window_end', type: window.boundType },
      { name: 'window_time', type: window.timeType },
    ];
    rel = { node: aggNode, fields: aggFields, updating: false };
  } else {
    const needsUpdateBefore = { value: true };
    const groupAggDescription = `groupBy=[${keys.map((k) => k.name).join(', ')}], select=[${selectText}]`;
    aggNode = pc.builder.add({
      name: 'GroupAggregate',
      description: groupAggDescription,
      parallelism,
      input: { node: pre, partitioner: g === 0 ? 'GLOBAL' : 'HASH', key: g === 0 ? undefined : keySpec },
      key: keySpec,
      factory: () => new GroupAggregateOperator({ keySelector, aggregates: resolved, generateUpdateBefore: needsUpdateBefore.value, inputHasRetractions: input.updating }),
      lines: pc.lines,
      range: groupByRange,
    });
    // An updating input needs its producer to send UPDATE_BEFORE so this aggregate can retract.
    input.requireUpdateBefore?.(true);
    aggFields = [...keys.map((k) => ({ name: k.name, type: k.expr.type })), ...resolved.map((r, j) => ({ name: `EXPR$${g + j}`, type: r.type }))];
    rel = {
      node: aggNode,
      fields: aggFields,
      updating: true,
      uniqueKey: keys.map((_, i) => i),
      updateProducer: `GroupAggregate(${groupAggDescription})`,
      requireUpdateBefore: (needed) => {
        needsUpdateBefore.value = needed;
      },
    };
  }
  return project(rel, items, having, pc, q.having?.range ?? q.range);
}

function containsWindowColumn(e: BoundExpr, windowFields: Map<number, string>): boolean {
  return [...windowFields.values()].some((w) => new RegExp(`\\b${w}\\b`).test(e.text));
}
