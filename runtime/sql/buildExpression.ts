// Turns the grammar's expression trees (boolean → value → primary, which encode precedence) into
// AST expressions. Imports the grammar's context classes and the build context; no statements.

import type { ParserRuleContext, TerminalNode } from 'antlr4ng';
import {
  ArithmeticBinaryContext,
  ArithmeticUnaryContext,
  CastContext,
  ColumnReferenceContext,
  ComparisonContext,
  ConstantDefaultContext,
  DereferenceContext,
  ExistsContext,
  ExtractContext,
  FunctionCallContext,
  LogicalBinaryContext,
  LogicalNestedContext,
  LogicalNotContext,
  ParenthesizedExpressionContext,
  PositionContext,
  PredicatedContext,
  SearchedCaseContext,
  SimpleCaseContext,
  StarContext,
  ValueExpressionDefaultContext,
  type BooleanExpressionContext,
  type ConstantContext,
  type ExpressionContext,
  type FunctionCallExpressionContext,
  type PredicateContext,
  type PrimaryExpressionContext,
  type ValueExpressionContext,
  type WhenClauseContext,
} from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import type { SourceRange } from '../diagnostics.js';
import type { BinaryOperator, Expression, FunctionCall, NullLiteral, WhenClause } from './ast.js';
import { unquoteString, type BuildContext } from './buildContext.js';
import { T } from './flinkGrammar.js';
import { buildInterval } from './buildInterval.js';

/** Builds an expression; on an unsupported or invalid construct a diagnostic is recorded and a placeholder returned. */
export function buildExpression(b: BuildContext, ctx: ExpressionContext): Expression {
  return buildBoolean(b, ctx.booleanExpression());
}

/** A stand-in for an expression that could not be built (its statement is dropped). */
export function placeholder(range: SourceRange): NullLiteral {
  return { kind: 'null', range };
}

/** Builds a boolean-level expression (WHERE, HAVING, JOIN conditions). */
export function buildBoolean(b: BuildContext, ctx: BooleanExpressionContext): Expression {
  const range = b.range(ctx);
  if (ctx instanceof LogicalNotContext) {
    return { kind: 'unary', operator: 'NOT', operand: buildBoolean(b, ctx.booleanExpression()), range };
  }
  if (ctx instanceof PredicatedContext) {
    const operand = buildValue(b, ctx.valueExpression());
    const predicate = ctx.predicate();
    return predicate ? buildPredicate(b, operand, predicate, range) : operand;
  }
  if (ctx instanceof LogicalBinaryContext) {
    const op = ctx._operator!;
    return {
      kind: 'binary',
      operator: op.type === T.KW_AND ? 'AND' : 'OR',
      left: buildBoolean(b, ctx._left!),
      right: buildBoolean(b, ctx._right!),
      operatorRange: b.range(op),
      range,
    };
  }
  if (ctx instanceof LogicalNestedContext) {
    return { kind: 'is', operand: buildBoolean(b, ctx.booleanExpression()), negated: ctx.KW_NOT() !== null, test: isTest(ctx._kind!.type), range };
  }
  if (ctx instanceof ExistsContext) {
    b.unsupported('EXISTS with a subquery', ctx);
    return placeholder(range);
  }
  b.syntax(`Unexpected '${b.text(ctx)}'`, ctx);
  return placeholder(range);
}

function isTest(type: number): 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN' {
  if (type === T.KW_TRUE) return 'TRUE';
  if (type === T.KW_FALSE) return 'FALSE';
  if (type === T.KW_UNKNOWN) return 'UNKNOWN';
  return 'NULL';
}

function buildPredicate(b: BuildContext, operand: Expression, p: PredicateContext, range: SourceRange): Expression {
  const negated = p.KW_NOT() !== null;
  const like = p.likePredicate();
  if (like) {
    const notLike = like.KW_NOT() !== null;
    if (like._quantifier) {
      b.unsupported(`LIKE ${like._quantifier.text?.toUpperCase()}`, like);
      return placeholder(range);
    }
    const escapeCtx = like.stringLiteral();
    const result: Expression = { kind: 'like', operand, negated: notLike, pattern: buildValue(b, like._pattern!), range };
    if (escapeCtx) result.escape = { kind: 'string', value: unquoteString(b.text(escapeCtx)), range: b.range(escapeCtx) };
    return result;
  }
  const kind = p._kind?.type;
  if (kind === T.KW_BETWEEN) {
    return { kind: 'between', operand, negated, symmetric: p.KW_SYMMETRIC() !== null, lower: buildValue(b, p._lower!), upper: buildValue(b, p._upper!), range };
  }
  if (kind === T.KW_IN) {
    if (p.queryStatement()) {
      b.unsupported('IN with a subquery', p);
      return placeholder(range);
    }
    return { kind: 'in', operand, negated, values: p.expression().map((e) => buildExpression(b, e)), range };
  }
  if (kind === T.KW_DISTINCT) {
    b.unsupported(`IS ${negated ? 'NOT ' : ''}DISTINCT FROM`, p);
    return placeholder(range);
  }
  if (kind === T.KW_TRUE || kind === T.KW_FALSE || kind === T.KW_UNKNOWN || kind === T.KW_NULL) {
    return { kind: 'is', operand, negated, test: isTest(kind), range };
  }
  if (kind === T.KW_SIMILAR) {
    b.unsupported('SIMILAR TO', p);
  } else if (kind === T.KW_RLIKE) {
    b.syntax('RLIKE is not a Flink SQL operator; use REGEXP(string, pattern)', p);
  } else if (kind === T.KW_EXISTS) {
    b.unsupported('EXISTS with a subquery', p);
  } else if (p.KW_JSON()) {
    b.unsupported('IS JSON', p);
  } else {
    b.syntax(`Unexpected '${b.text(p)}'`, p);
  }
  return placeholder(range);
}

const NOT_FLINK_OPERATORS = new Map<number, string>([
  [T.BIT_AND_OP, '&'],
  [T.BIT_OR_OP, '|'],
  [T.BIT_XOR_OP, '^'],
  [T.BIT_NOT_OP, '~'],
  [T.KW_DIV, 'DIV'],
]);

function buildValue(b: BuildContext, ctx: ValueExpressionContext): Expression {
  const range = b.range(ctx);
  if (ctx instanceof ValueExpressionDefaultContext) return buildPrimary(b, ctx.primaryExpression());
  if (ctx instanceof ArithmeticUnaryContext) {
    const op = ctx._operator!;
    const operand = buildValue(b, ctx.valueExpression());
    if (op.type === T.BIT_NOT_OP) {
      b.syntax(`'~' is not an operator in Flink SQL`, op);
      return placeholder(range);
    }
    return { kind: 'unary', operator: op.type === T.HYPHEN_SIGN ? '-' : '+', operand, range };
  }
  if (ctx instanceof ArithmeticBinaryContext) {
    const op = ctx._operator!;
    const left = buildValue(b, ctx._left!);
    const right = buildValue(b, ctx._right!);
    const notFlink = NOT_FLINK_OPERATORS.get(op.type);
    if (notFlink) {
      b.syntax(`'${notFlink}' is not an operator in Flink SQL`, op);
      return placeholder(range);
    }
    return { kind: 'binary', operator: (op.text ?? '') as BinaryOperator, left, right, operatorRange: b.range(op), range };
  }
  if (ctx instanceof ComparisonContext) {
    const opCtx = ctx.comparisonOperator();
    const text = (opCtx.children ?? []).map((c) => (c as TerminalNode).getText()).join('');
    const left = buildValue(b, ctx._left!);
    const right = buildValue(b, ctx._right!);
    if (!['=', '<>', '!=', '<', '<=', '>', '>='].includes(text) || b.text(opCtx).length !== text.length) {
      b.syntax(`'${b.text(opCtx)}' is not a comparison operator in Flink SQL`, opCtx);
      return placeholder(range);
    }
    return { kind: 'binary', operator: text as BinaryOperator, left, right, operatorRange: b.range(opCtx), range };
  }
  b.syntax(`Unexpected '${b.text(ctx)}'`, ctx);
  return placeholder(range);
}

function buildPrimary(b: BuildContext, ctx: PrimaryExpressionContext): Expression {
  const range = b.range(ctx);
  if (ctx instanceof ColumnReferenceContext || ctx instanceof DereferenceContext) {
    return { kind: 'column', parts: b.objectName(ctx).parts, range };
  }
  if (ctx instanceof ConstantDefaultContext) return buildConstant(b, ctx.constant());
  if (ctx instanceof FunctionCallContext) return buildCall(b, ctx.functionCallExpression());
  if (ctx instanceof ParenthesizedExpressionContext) return buildExpression(b, ctx.expression());
  if (ctx instanceof CastContext) {
    const type = ctx.columnType();
    const isTry = (ctx.KW_CAST().getText() ?? '').toUpperCase() === 'TRY_CAST';
    return { kind: 'cast', try: isTry, operand: buildExpression(b, ctx.expression()), typeText: b.text(type), typeRange: b.range(type), range };
  }
  if (ctx instanceof SearchedCaseContext || ctx instanceof SimpleCaseContext) {
    const whens = ctx.whenClause().map((w) => buildWhen(b, w));
    const result: Expression = { kind: 'case', whens, range };
    if (ctx instanceof SimpleCaseContext) result.operand = buildExpression(b, ctx._value!);
    if (ctx._elseExpression) result.else = buildExpression(b, ctx._elseExpression);
    return result;
  }
  if (ctx instanceof ExtractContext) {
    const unit = ctx.identifier();
    return { kind: 'extract', unit: b.text(unit).toUpperCase(), unitRange: b.range(unit), operand: buildValue(b, ctx.valueExpression()), range };
  }
  if (ctx instanceof PositionContext) {
    const name = ctx.KW_POSITION();
    return {
      kind: 'call', name: 'POSITION', nameText: name.getText(), nameRange: b.range(name), distinct: false, star: false, niladic: false,
      args: [buildValue(b, ctx._substr!), buildValue(b, ctx._str!)], range,
    };
  }
  if (ctx instanceof StarContext) {
    b.syntax(`'${b.text(ctx)}' is only valid as a select item or in COUNT(*)`, ctx);
    return placeholder(range);
  }
  const first = ctx.start?.type;
  if (first === T.LR_BRACKET) b.unsupported('Subqueries in expressions', ctx);
  else if (first === T.KW_FIRST || first === T.KW_LAST) b.unsupported(`${ctx.start?.text?.toUpperCase()}(... IGNORE NULLS)`, ctx);
  else if (b.text(ctx).endsWith(']')) b.unsupported('Element access with [ ]', ctx);
  else b.syntax(`Unexpected '${b.text(ctx)}'`, ctx);
  return placeholder(range);
}

function buildWhen(b: BuildContext, w: WhenClauseContext): WhenClause {
  return { when: buildExpression(b, w._condition!), then: buildExpression(b, w._result!), range: b.range(w) };
}

function buildConstant(b: BuildContext, ctx: ConstantContext): Expression {
  const range = b.range(ctx);
  const interval = ctx.timeIntervalExpression();
  if (interval) return buildInterval(b, interval) ?? placeholder(range);
  const str = ctx.stringLiteral();
  if (str) {
    const text = b.text(str);
    if (text.startsWith('`')) return { kind: 'column', parts: [b.identifierFromToken(str.start!)], range };
    return { kind: 'string', value: unquoteString(text), range };
  }
  const dec = ctx.decimalLiteral();
  if (dec) {
    const literal: Expression = { kind: 'numeric', numericKind: 'integer', text: b.text(dec), range: b.range(dec) };
    return ctx.HYPHEN_SIGN() ? { kind: 'unary', operator: '-', operand: literal, range } : literal;
  }
  const bool = ctx.booleanLiteral();
  if (bool) return { kind: 'boolean', value: bool.start!.type === T.KW_TRUE, range };
  const real = ctx.REAL_LITERAL();
  if (real) {
    const text = real.getText();
    return { kind: 'numeric', numericKind: /e/i.test(text) ? 'approximate' : 'decimal', text, range };
  }
  if (ctx.KW_NULL()) {
    const nul: Expression = { kind: 'null', range: b.range(ctx.KW_NULL()!) };
    return ctx.KW_NOT() ? { kind: 'unary', operator: 'NOT', operand: nul, range } : nul;
  }
  if (ctx.BIT_STRING()) b.unsupported('Binary string literals', ctx);
  else b.syntax(`Unexpected '${b.text(ctx)}'`, ctx);
  return placeholder(range);
}

const NILADIC = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIME', 'LOCALTIMESTAMP']);
const LEGACY_WINDOW_FUNCTION = /^(TUMBLE|HOP|SESSION)_(START|END|ROWTIME|PROCTIME)$/;

function niladicCall(b: BuildContext, node: ParserRuleContext): FunctionCall {
  const text = b.text(node);
  const range = b.range(node);
  return { kind: 'call', name: text.toUpperCase(), nameText: text, nameRange: range, distinct: false, star: false, niladic: true, args: [], range };
}

function buildCall(b: BuildContext, ctx: FunctionCallExpressionContext): Expression {
  const range = b.range(ctx);
  const noParams = ctx.reservedKeywordsNoParamsUsedAsFuncName();
  if (noParams) return niladicCall(b, noParams);
  const withValue = ctx.functionNameAndParams();
  if (withValue) {
    const interval = withValue.timeIntervalExpression();
    if (interval) return buildInterval(b, interval) ?? placeholder(range);
    const typeName = withValue.reservedKeywordsFollowParamsUsedAsFuncName()!;
    const value = withValue.STRING_LITERAL()!;
    return {
      kind: 'temporal', type: b.text(typeName).toUpperCase() as 'DATE' | 'TIME' | 'TIMESTAMP',
      value: unquoteString(value.getText()), valueRange: b.range(value), range,
    };
  }
  const nameCtx = ctx.functionNameWithParams()!;
  const nameText = b.text(nameCtx);
  const name = nameText.toUpperCase();
  const call: FunctionCall = {
    kind: 'call', name, nameText, nameRange: b.range(nameCtx),
    distinct: ctx.setQuantifier()?.KW_DISTINCT() != null, star: false, niladic: false, args: [], range,
  };
  if (LEGACY_WINDOW_FUNCTION.test(name)) {
    b.unsupported(`The legacy group window function ${name}`, nameCtx);
    return placeholder(range);
  }
  const params = ctx.functionParam();
  for (const param of params) {
    const expr = param.expression();
    const keyword = param.reservedKeywordsUsedAsFuncParam() ?? param.timeIntervalUnit() ?? param.timePointUnit();
    if (expr) {
      call.args.push(buildExpression(b, expr));
    } else if (keyword) {
      const text = b.text(keyword).toUpperCase();
      if (text === '*') {
        if (params.length !== 1) b.syntax(`'*' must be the only argument, as in COUNT(*)`, keyword);
        call.star = true;
      } else if (NILADIC.has(text)) {
        call.args.push(niladicCall(b, keyword));
      } else {
        call.args.push({ kind: 'symbol', name: text, range: b.range(keyword) });
      }
    } else if (param.getText() !== '') {
      b.unsupported(`The argument syntax '${b.text(param)}' of ${name}`, param);
    }
  }
  const trim = name === 'TRIM' && nameCtx.start ? b.patches.trimCalls.get(nameCtx.start.start) : undefined;
  if (trim) {
    // TRIM([mode] [chars] FROM s) → TRIM(mode, chars, s), chars ' ' when not given.
    const at = call.nameRange;
    const chars: Expression[] = trim.chars ? [] : [{ kind: 'string', value: ' ', range: at }];
    call.args = [{ kind: 'string', value: trim.mode, range: at }, ...chars, ...call.args];
  }
  return call;
}
