// Binds AST expressions to typed, compiled expressions with Flink's typing rules: resolves
// columns, types literals, checks operators and function arguments, and reports user mistakes
// as diagnostics at the expression's range.
import type { SourceRange } from '../diagnostics.js';
import { lookupFunction } from '../functions/registry.js';
import { booleanType, isCharacterString, stringType, typeName, typeOf, withNullable } from '../functions/types.js';
import type { Expression, FunctionCall } from '../sql/ast.js';
import { bindArithmetic, bindNegate } from '../types/arithmetic.js';
import { bindCast } from '../types/cast.js';
import { bindComparison } from '../types/comparison.js';
import { parseLogicalType } from '../types/parseLogicalType.js';
import { binary, derived, inputRef, literalExpr, type BoundExpr } from './boundExpression.js';
import { intervalLiteral, numericLiteral } from './literals.js';
import type { Scope } from './scope.js';
import { bindTemporalArithmetic, bindExtract } from './temporalOps.js';
import { fail } from './fail.js';
import { commonType, castTo } from './typeCoercion.js';

/** What an expression is bound in. */
export interface BindContext {
  readonly scope: Scope;
  readonly file?: string;
  readonly localTimeZone: string;
  /** Binds an aggregate call (SUM(x) …) in an aggregating SELECT; absent where aggregates are not allowed. */
  readonly aggregate?: (call: FunctionCall, ctx: BindContext) => BoundExpr;
  /** In an aggregating SELECT: the grouping expression an expression matches, if any. */
  readonly grouped?: (e: Expression) => BoundExpr | undefined;
  /** Where the expression is, for messages ("in WHERE", "in a computed column"). */
  readonly clause?: string;
}

/** Names of the aggregate functions the runtime supports. */
export const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);

/** Flink aggregate functions the runtime does not support yet. */
const UNSUPPORTED_AGGREGATES = new Set(['LISTAGG', 'COLLECT', 'STDDEV_POP', 'STDDEV_SAMP', 'VAR_POP', 'VAR_SAMP', 'FIRST_VALUE', 'LAST_VALUE', 'ARRAY_AGG', 'JSON_OBJECTAGG', 'JSON_ARRAYAGG']);

/** Binds an expression; user mistakes throw a DiagnosticError. */
export function bindExpression(e: Expression, ctx: BindContext): BoundExpr {
  const g = ctx.grouped?.(e);
  if (g) return g;
  switch (e.kind) {
    case 'numeric': {
      const r = numericLiteral(e);
      if ('error' in r) fail(ctx, e.range, r.error);
      return literalExpr(r.value, r.type, e.text);
    }
    case 'string':
      return literalExpr(e.value, typeOf('CHAR', false, { length: Math.max(1, e.value.length) }), `_UTF-16LE'${e.value}'`);
    case 'boolean':
      return literalExpr(e.value, booleanType(false), e.value ? 'true' : 'false');
    case 'null':
      return literalExpr(null, typeOf('NULL', true), 'null');
    case 'temporal': {
      const type = e.type === 'DATE' ? typeOf('DATE', false) : e.type === 'TIME' ? typeOf('TIME_WITHOUT_TIME_ZONE', false, { precision: 0 }) : typeOf('TIMESTAMP_WITHOUT_TIME_ZONE', false, { precision: Math.min(9, Math.max(0, (e.value.split('.')[1] ?? '').length)) });
      const cast = bindCast(stringType(false), type, { tryCast: true, localTimeZone: ctx.localTimeZone });
      const value = 'error' in cast ? null : cast.eval(e.value.trim());
      if (value === null || value === undefined) fail(ctx, e.valueRange, `Illegal ${e.type} literal '${e.value}'`);
      return literalExpr(value, type, `${e.type} '${e.value}'`);
    }
    case 'interval': {
      const r = intervalLiteral(e);
      if ('error' in r) fail(ctx, e.valueRange, r.error);
      return literalExpr(r.value, r.type, `${r.value}:${typeName(r.type)}`);
    }
    case 'column': {
      const r = ctx.scope.resolve(e);
      if ('error' in r) fail(ctx, e.range, r.error, 'unknown-column');
      // In an aggregating SELECT, a column that is not a grouping expression has no single value.
      if (ctx.grouped) fail(ctx, e.range, `Expression '${e.parts.map((p) => p.name).join('.')}' is not being grouped`);
      return inputRef(r.index, r.field.type, r.field.name);
    }
    case 'symbol':
      fail(ctx, e.range, `Unexpected keyword '${e.name}' here`);
    case 'call':
      return bindCall(e, ctx);
    case 'unary': {
      const operand = bindExpression(e.operand, ctx);
      if (e.operator === 'NOT') {
        requireBoolean(operand, e.operand.range, 'NOT', ctx);
        return derived(withNullable(booleanType(), operand.type.nullable), `NOT(${operand.text})`, [operand], () => ([v]) => (v === null ? null : !v));
      }
      if (e.operator === '+') return operand;
      const neg = bindNegate(operand.type);
      if ('error' in neg) fail(ctx, e.range, neg.error);
      return derived(neg.type, `-(${operand.text})`, [operand], () => ([v]) => (v === null ? null : neg.eval(v)));
    }
    case 'binary':
      return bindBinary(e, ctx);
    case 'is': {
      const operand = bindExpression(e.operand, ctx);
      const test = e.test;
      if (test !== 'NULL') requireBoolean(operand, e.operand.range, `IS ${test}`, ctx);
      const check =
        test === 'NULL' ? (v: unknown) => v === null : test === 'UNKNOWN' ? (v: unknown) => v === null : test === 'TRUE' ? (v: unknown) => v === true : (v: unknown) => v === false;
      const neg = e.negated;
      return derived(booleanType(false), `${operand.text} IS ${neg ? 'NOT ' : ''}${test}`, [operand], () => ([v]) => check(v) !== neg);
    }
    case 'between': {
      const x = bindExpression(e.operand, ctx);
      const lo = bindExpression(e.lower, ctx);
      const hi = bindExpression(e.upper, ctx);
      const ge = comparison('>=', x, lo, e.range, ctx);
      const le = comparison('<=', x, hi, e.range, ctx);
      const geSym = e.symmetric ? comparison('>=', x, hi, e.range, ctx) : undefined;
      const leSym = e.symmetric ? comparison('<=', x, lo, e.range, ctx) : undefined;
      const neg = e.negated;
      const parts = [x, lo, hi];
      return derived(withNullable(booleanType(), parts.some((p) => p.type.nullable)), `BETWEEN(${x.text}, ${lo.text}, ${hi.text})`, parts, () => ([xv, l, h]) => {
        let r = and3(ge(xv, l), le(xv, h));
        if (geSym && leSym) r = or3(r, and3(geSym(xv, h), leSym(xv, l)));
        return r === null ? null : r !== neg;
      });
    }
    case 'in': {
      const x = bindExpression(e.operand, ctx);
      const values = e.values.map((v) => bindExpression(v, ctx));
      const eqs = values.map((v, i) => comparison('=', x, v, e.values[i]!.range, ctx));
      const neg = e.negated;
      return derived(withNullable(booleanType(), [x, ...values].some((p) => p.type.nullable)), `IN(${x.text}, ${values.map((v) => v.text).join(', ')})`, [x, ...values], () => (vals) => {
        let r: boolean | null = false;
        for (let i = 0; i < eqs.length; i++) r = or3(r, eqs[i]!(vals[0], vals[i + 1]));
        return r === null ? null : r !== neg;
      });
    }
    case 'like': {
      const x = bindExpression(e.operand, ctx);
      const p = bindExpression(e.pattern, ctx);
      if (!isCharacterString(x.type) || !isCharacterString(p.type)) fail(ctx, e.range, `LIKE needs character strings, got ${typeName(x.type)} LIKE ${typeName(p.type)}`);
      const escape = e.escape?.value;
      if (escape !== undefined && escape.length !== 1) fail(ctx, e.escape!.range, `Invalid escape character '${escape}': it must be a single character`);
      const neg = e.negated;
      return derived(withNullable(booleanType(), x.type.nullable || p.type.nullable), `LIKE(${x.text}, ${p.text})`, [x, p], () => {
        const cache = new Map<string, RegExp>();
        return ([v, pat]) => {
          if (v === null || pat === null) return null;
          let re = cache.get(pat as string);
          if (!re) {
            re = likeToRegExp(pat as string, escape);
            if (cache.size < 64) cache.set(pat as string, re);
          }
          return re.test(v as string) !== neg;
        };
      });
    }
    case 'case':
      return bindCase(e, ctx);
    case 'cast': {
      const operand = bindExpression(e.operand, ctx);
      const target = parseLogicalType(e.typeText);
      if ('error' in target) fail(ctx, e.typeRange, target.error);
      const c = bindCast(operand.type, target, { tryCast: e.try, localTimeZone: ctx.localTimeZone });
      if ('error' in c) fail(ctx, e.range, c.error);
      const type = e.try ? withNullable(target, true) : withNullable(target, target.nullable && operand.type.nullable ? true : operand.type.nullable || target.nullable);
      return derived(type, `${e.try ? 'TRY_CAST' : 'CAST'}(${operand.text} AS ${typeName(target)})`, [operand], () => ([v]) => (v === null ? null : c.eval(v)));
    }
    case 'extract': {
      const operand = bindExpression(e.operand, ctx);
      const r = bindExtract(e.unit, operand.type, ctx.localTimeZone);
      if ('error' in r) fail(ctx, e.unitRange, r.error);
      return derived(withNullable(typeOf('BIGINT'), operand.type.nullable), `EXTRACT(FLAG(${e.unit}), ${operand.text})`, [operand], () => ([v]) => (v === null ? null : r.eval(v)));
    }
  }
}

function bindCall(e: FunctionCall, ctx: BindContext): BoundExpr {
  if (AGGREGATE_FUNCTIONS.has(e.name)) {
    if (!ctx.aggregate) fail(ctx, e.range, `Aggregate function ${e.name} is not allowed ${ctx.clause ?? 'here'}`);
    return ctx.aggregate(e, ctx);
  }
  if (UNSUPPORTED_AGGREGATES.has(e.name)) fail(ctx, e.nameRange, `Aggregate function ${e.name} is not supported by Checkpoint Lab yet`, 'unsupported');
  if (e.name === 'PROCTIME') fail(ctx, e.range, 'PROCTIME() is not supported by Checkpoint Lab yet: use an event-time attribute with a WATERMARK', 'unsupported');
  if (e.distinct || e.star) fail(ctx, e.range, `${e.nameText}(${e.star ? '*' : 'DISTINCT …'}) is only valid for aggregate functions`);
  const def = lookupFunction(e.name);
  if (!def) fail(ctx, e.nameRange, `No match found for function signature ${e.nameText}(): the function is unknown to Checkpoint Lab`, 'unknown-function');
  const args = e.args.map((a) => bindExpression(a, ctx));
  const argTypes = args.map((a) => a.type);
  const literals = args.map((a) => (a.literal ? a.literal.value : undefined));
  const type = def.inferReturnType(argTypes, literals);
  if (typeof type === 'string') fail(ctx, e.range, type);
  const deterministic = def.isDeterministicCall ? def.isDeterministicCall(args.length) : def.deterministic;
  return derived(type, `${e.name}(${args.map((a) => a.text).join(', ')})`, args, (fctx) => {
    const ev = def.bind(argTypes, fctx, literals);
    return (values) => ev(values);
  }, deterministic);
}

type BinaryExpression = Extract<Expression, { kind: 'binary' }>;

/**
 * Binds a binary operator. A left-deep chain (`a + b + c + …`, as long as the parser's depth limit
 * allows) is bound in a loop from its innermost operator outwards, not by recursion down its left side.
 */
function bindBinary(e: BinaryExpression, ctx: BindContext): BoundExpr {
  const spine: BinaryExpression[] = [e];
  let leftmost = e.left;
  let bound: BoundExpr | undefined;
  while (leftmost.kind === 'binary') {
    bound = ctx.grouped?.(leftmost);
    if (bound) break;
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  bound ??= bindExpression(leftmost, ctx);
  for (let i = spine.length - 1; i >= 0; i--) bound = bindOperator(spine[i]!, bound, bindExpression(spine[i]!.right, ctx), ctx);
  return bound;
}

function bindOperator(e: BinaryExpression, l: BoundExpr, r: BoundExpr, ctx: BindContext): BoundExpr {
  const op = e.operator;
  switch (op) {
    case 'AND':
    case 'OR': {
      requireBoolean(l, e.left.range, op, ctx);
      requireBoolean(r, e.right.range, op, ctx);
      const f = op === 'AND' ? and3 : or3;
      return binary(withNullable(booleanType(), l.type.nullable || r.type.nullable), `${op}(${l.text}, ${r.text})`, l, r, f as (a: unknown, b: unknown) => unknown);
    }
    case '=':
    case '<>':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const norm = op === '!=' ? '<>' : op;
      const f = comparison(norm, l, r, e.range, ctx);
      return binary(withNullable(booleanType(), l.type.nullable || r.type.nullable), `(${l.text} ${norm} ${r.text})`, l, r, f);
    }
    case '||': {
      if (!isCharacterString(l.type) || !isCharacterString(r.type)) fail(ctx, e.operatorRange, `Cannot apply '||' to arguments of type '<${typeName(l.type)}> || <${typeName(r.type)}>'`);
      return binary(withNullable(stringType(), l.type.nullable || r.type.nullable), `||(${l.text}, ${r.text})`, l, r, (a, b) => (a === null || b === null ? null : (a as string) + (b as string)));
    }
    default: {
      const temporal = bindTemporalArithmetic(op, l.type, r.type);
      if (temporal) {
        if ('error' in temporal) fail(ctx, e.operatorRange, temporal.error);
        return binary(temporal.type, `${op}(${l.text}, ${r.text})`, l, r, temporal.eval);
      }
      const a = bindArithmetic(op, l.type, r.type);
      if ('error' in a) fail(ctx, e.operatorRange, a.error);
      return binary(a.type, `${op}(${l.text}, ${r.text})`, l, r, a.eval);
    }
  }
}

function bindCase(e: Extract<Expression, { kind: 'case' }>, ctx: BindContext): BoundExpr {
  const operand = e.operand ? bindExpression(e.operand, ctx) : undefined;
  const conds = e.whens.map((w) => {
    const when = bindExpression(w.when, ctx);
    if (operand) return { cmp: comparison('=', operand, when, w.when.range, ctx), when };
    requireBoolean(when, w.when.range, 'CASE WHEN', ctx);
    return { cmp: undefined, when };
  });
  const results = e.whens.map((w) => bindExpression(w.then, ctx));
  const elseExpr = e.else ? bindExpression(e.else, ctx) : literalExpr(null, typeOf('NULL'), 'null');
  const all = [...results, elseExpr];
  const type = commonType(all.map((x) => x.type));
  if (!type) fail(ctx, e.range, `Illegal mixing of types in CASE: ${all.map((x) => typeName(x.type)).join(', ')}`);
  const casted = all.map((x, i) => castTo(x, type, ctx.localTimeZone, i < results.length ? e.whens[i]!.then.range : (e.else?.range ?? e.range), ctx));
  const operands = [...(operand ? [operand] : []), ...conds.map((c) => c.when), ...casted];
  const n = conds.length;
  return derived(type, `CASE(${conds.map((c, i) => `${c.when.text}, ${casted[i]!.text}`).join(', ')}, ${casted[n]!.text})`, operands, () => (vals) => {
    const base = operand ? 1 : 0;
    const v0 = operand ? vals[0] : undefined;
    for (let i = 0; i < n; i++) {
      const c = conds[i]!;
      const hit = c.cmp ? c.cmp(v0, vals[base + i]) : vals[base + i];
      if (hit === true) return vals[base + n + i];
    }
    return vals[base + n + n];
  });
}

/** A bound comparison function for two operands (SQL three-valued). */
function comparison(op: '=' | '<>' | '<' | '<=' | '>' | '>=', l: BoundExpr, r: BoundExpr, range: SourceRange, ctx: BindContext): (a: unknown, b: unknown) => unknown {
  const c = bindComparison(op, l.type, r.type);
  if ('error' in c) fail(ctx, range, c.error);
  return c.eval;
}

function requireBoolean(e: BoundExpr, range: SourceRange, what: string, ctx: BindContext): void {
  if (e.type.root !== 'BOOLEAN' && e.type.root !== 'NULL') fail(ctx, range, `${what} expects a BOOLEAN operand, got ${typeName(e.type)}`);
}

/** SQL AND with NULL as unknown. */
export function and3(a: unknown, b: unknown): boolean | null {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}

/** SQL OR with NULL as unknown. */
export function or3(a: unknown, b: unknown): boolean | null {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/** Translates a SQL LIKE pattern (`%`, `_`, optional escape) to an anchored RegExp. */
export function likeToRegExp(pattern: string, escape?: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (escape !== undefined && ch === escape && i + 1 < pattern.length) {
      re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 'u');
}
