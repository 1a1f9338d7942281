// The depth limits of a statement, checked on its tokens before the grammar sees them: deep nesting
// makes antlr's prediction slow (seconds at a few hundred levels) and every tree walk recursive.
// A linear scan; imports flinkGrammar only.

import { canBeIdentifier, T, type Token } from './flinkGrammar.js';

/** The most levels of parentheses, brackets, function calls, CASE and unary operators one statement may nest. */
export const MAX_NESTING_DEPTH = 64;

/**
 * The most levels an expression may be deep counting operator chains too: `a + b + c` is two levels
 * (`(a + b) + c`), so a chain of up to about this many operators is fine.
 */
export const MAX_EXPRESSION_DEPTH = 1000;

/** Why a statement is rejected, at the token where the limit is first exceeded. */
export interface DepthProblem {
  token: Token;
  message: string;
}

interface Level {
  /** Closed by `END` rather than `)` / `]`. */
  isCase: boolean;
  /** Nesting depth of the level itself (parentheses, CASE and unary operators around it). */
  nesting: number;
  /** The current run of prefix operators (`- - a`, `NOT NOT b`): each nests one level deeper. */
  run: number;
  // The current segment (the expression between separators): its depth is at most
  // 1 + prefix + logical + (the most arithmetic/comparison operators between two ANDs/ORs) + inner.
  prefix: number;
  logical: number;
  value: number;
  maxValue: number;
  /** The deepest nested level closed in the current segment (an upper bound of its expression depth). */
  inner: number;
  /** The deepest of the closed segments. */
  best: number;
}

function newLevel(isCase: boolean, nesting: number): Level {
  return { isCase, nesting, run: 0, prefix: 0, logical: 0, value: 0, maxValue: 0, inner: 0, best: 0 };
}

/** A level's share of the expression depth along the open path (its nested levels not included). */
function depthOf(l: Level): number {
  return 1 + l.prefix + l.logical + l.maxValue;
}

const OPENS = new Set<number>([T.LR_BRACKET, T.LS_BRACKET]);
const CLOSES = new Set<number>([T.RR_BRACKET, T.RS_BRACKET]);
const ARITHMETIC = new Set<number>([T.ADD_SIGN, T.HYPHEN_SIGN, T.ASTERISK_SIGN, T.SLASH_SIGN, T.PERCENT_SIGN, T.DOUBLE_VERTICAL_SIGN]);
const LOGICAL = new Set<number>([T.KW_AND, T.KW_OR]);
const COMPARISON = new Set<number>([T.EQUAL_SYMBOL, T.LESS_SYMBOL, T.GREATER_SYMBOL, T.EXCLAMATION_SYMBOL]);
const PREFIX = new Set<number>([T.ADD_SIGN, T.HYPHEN_SIGN, T.BIT_NOT_OP]);
/** Tokens after which a new, independent expression starts. */
const SEPARATORS = new Set<number>([
  T.COMMA, T.SEMICOLON, T.KW_SELECT, T.KW_FROM, T.KW_WHERE, T.KW_HAVING, T.KW_ON, T.KW_WHEN, T.KW_THEN, T.KW_ELSE, T.KW_BY, T.KW_AS,
]);
const OPERAND_END = new Set<number>([
  T.ID_LITERAL, T.STRING_LITERAL, T.DIG_LITERAL, T.REAL_LITERAL, T.RR_BRACKET, T.RS_BRACKET, T.KW_NULL, T.KW_TRUE, T.KW_FALSE, T.KW_END,
]);

/**
 * Checks one statement's tokens (any channel; hidden ones are skipped) against `MAX_NESTING_DEPTH`
 * and `MAX_EXPRESSION_DEPTH`. The expression depth is an upper bound computed per segment (an
 * expression between commas and clause keywords), so it never under-counts.
 */
export function checkNestingLimits(tokens: readonly Token[]): DepthProblem | undefined {
  const stack: Level[] = [newLevel(false, 0)];
  // Σ over the stack of depthOf(level): the expression depth along the open path.
  let path = 1;
  let previous: Token | undefined;

  const tooDeep = (token: Token): DepthProblem => ({
    token,
    message: `This expression is nested too deeply: more than ${MAX_NESTING_DEPTH} levels of parentheses, function calls, CASE and unary operators (Checkpoint Lab's limit; split it, e.g. into a view)`,
  });
  const tooLong = (token: Token): DepthProblem => ({
    token,
    message: `This expression is too deep: more than ${MAX_EXPRESSION_DEPTH} levels of operators and nesting (a chain of n operators is n levels deep; Checkpoint Lab's limit)`,
  });
  /** Applies a change to the top level, keeping `path` in step. */
  const change = (level: Level, f: (l: Level) => void): void => {
    const before = depthOf(level);
    f(level);
    path += depthOf(level) - before;
  };
  const closeSegment = (level: Level): number => {
    level.best = Math.max(level.best, depthOf(level) + level.inner);
    change(level, (l) => {
      l.prefix = l.logical = l.value = l.maxValue = l.inner = l.run = 0;
    });
    return level.best;
  };

  for (const t of tokens) {
    if (t.channel !== 0 || t.type === T.EOF) continue;
    const top = stack[stack.length - 1]!;
    const afterOperand = previous !== undefined && (OPERAND_END.has(previous.type) || canBeIdentifier(previous.type));
    const isPrefix = !afterOperand && previous?.type !== T.KW_IS && (PREFIX.has(t.type) || t.type === T.KW_NOT);
    if (OPENS.has(t.type) || t.type === T.KW_CASE) {
      const nesting = top.nesting + top.run + 1;
      if (nesting > MAX_NESTING_DEPTH) return tooDeep(t);
      stack.push(newLevel(t.type === T.KW_CASE, nesting));
      path += 1;
    } else if (CLOSES.has(t.type) || t.type === T.KW_END) {
      // An unbalanced `)` or a statement set's END: the grammar reports it; nothing to close here.
      if (stack.length > 1 && top.isCase === (t.type === T.KW_END)) {
        const value = closeSegment(top);
        stack.pop();
        path -= 1;
        const parent = stack[stack.length - 1]!;
        parent.inner = Math.max(parent.inner, value);
      }
    } else if (SEPARATORS.has(t.type)) {
      closeSegment(top);
    } else if (isPrefix) {
      change(top, (l) => {
        l.run++;
        l.prefix++;
      });
      if (top.nesting + top.run > MAX_NESTING_DEPTH) return tooDeep(t);
    } else if (afterOperand && LOGICAL.has(t.type)) {
      change(top, (l) => {
        l.logical++;
        l.value = 0;
      });
    } else if (afterOperand && (ARITHMETIC.has(t.type) || COMPARISON.has(t.type))) {
      change(top, (l) => {
        l.value++;
        l.maxValue = Math.max(l.maxValue, l.value);
      });
    }
    if (!isPrefix) top.run = 0;
    const current = stack[stack.length - 1]!;
    if (path + current.inner > MAX_EXPRESSION_DEPTH) return tooLong(t);
    previous = t;
  }
  return undefined;
}
