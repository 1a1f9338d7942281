// Test helpers for the SQL front end: parse and strip ranges, compact range strings.
import assert from 'node:assert/strict';
import type { SourceRange } from '../../../runtime/diagnostics.js';
import type { Expression, Query, Statement } from '../../../runtime/sql/ast.js';
import { parseJobFile } from '../../../runtime/sql/parseJobFile.js';

/** A deep copy without any `*range`/`*Range` property, for structural comparisons. */
export function strip<T>(node: T): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (!/range$/i.test(k)) out[k] = strip(v);
    return out;
  }
  return node;
}

/** `line:col-line:col`. */
export function r(range: SourceRange | undefined): string {
  assert.ok(range, 'range missing');
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** Parses text that must have no diagnostics and returns its statements. */
export function parseClean(text: string): Statement[] {
  const parsed = parseJobFile(text);
  assert.deepEqual(parsed.diagnostics, [], `unexpected diagnostics for ${text}`);
  return parsed.statements;
}

/** The query of a single clean `SELECT ...` statement. */
export function query(text: string): Query {
  const [s] = parseClean(text);
  assert.equal(s?.kind, 'query');
  return (s as Extract<Statement, { kind: 'query' }>).query;
}

/** The expression of `SELECT <expr> FROM t`. */
export function expr(text: string): Expression {
  const q = query(`SELECT ${text} FROM t`);
  const item = q.items[0]!;
  assert.equal(item.kind, 'expression');
  return (item as Extract<typeof item, { kind: 'expression' }>).expression;
}

/** Compact rendering of an expression tree with explicit parentheses, for precedence tests. */
export function show(e: Expression): string {
  switch (e.kind) {
    case 'binary': return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'unary': return `(${e.operator} ${show(e.operand)})`;
    case 'column': return e.parts.map((p) => p.name).join('.');
    case 'numeric': return e.text;
    case 'string': return `'${e.value}'`;
    case 'boolean': return String(e.value).toUpperCase();
    case 'null': return 'NULL';
    case 'is': return `(${show(e.operand)} IS ${e.negated ? 'NOT ' : ''}${e.test})`;
    case 'call': return `${e.name}(${e.star ? '*' : e.args.map(show).join(', ')})`;
    case 'between': return `(${show(e.operand)} ${e.negated ? 'NOT ' : ''}BETWEEN ${show(e.lower)} AND ${show(e.upper)})`;
    case 'in': return `(${show(e.operand)} ${e.negated ? 'NOT ' : ''}IN [${e.values.map(show).join(', ')}])`;
    case 'like': return `(${show(e.operand)} ${e.negated ? 'NOT ' : ''}LIKE ${show(e.pattern)})`;
    default: return e.kind;
  }
}
