// Walks the runtime's SQL AST: every expression of a statement, with the query it belongs to.
// Imports runtime AST types only.
import type { Expression, Query, Statement } from '../runtime/index.js';

/** Calls `visit` on `e` and every sub-expression, parents first. */
export function walkExpression(e: Expression, visit: (e: Expression) => void): void {
  visit(e);
  const sub = (x: Expression | undefined): void => {
    if (x) walkExpression(x, visit);
  };
  switch (e.kind) {
    case 'call':
      e.args.forEach(sub);
      break;
    case 'unary':
      sub(e.operand);
      break;
    case 'binary':
      sub(e.left);
      sub(e.right);
      break;
    case 'is':
      sub(e.operand);
      break;
    case 'between':
      sub(e.operand);
      sub(e.lower);
      sub(e.upper);
      break;
    case 'in':
      sub(e.operand);
      e.values.forEach(sub);
      break;
    case 'like':
      sub(e.operand);
      sub(e.pattern);
      sub(e.escape);
      break;
    case 'case':
      sub(e.operand);
      for (const w of e.whens) {
        sub(w.when);
        sub(w.then);
      }
      sub(e.else);
      break;
    case 'cast':
    case 'extract':
      sub(e.operand);
      break;
    default:
      break;
  }
}

/** Where an expression sits in a query. */
export type QueryClause = 'select' | 'where' | 'groupBy' | 'having';

/** Calls `visit` on every top-level expression of `q` (not of its subqueries) with its clause. */
export function queryExpressions(q: Query, visit: (e: Expression, clause: QueryClause) => void): void {
  for (const item of q.items) if (item.kind === 'expression') visit(item.expression, 'select');
  if (q.where) visit(q.where, 'where');
  for (const g of q.groupBy ?? []) visit(g, 'groupBy');
  if (q.having) visit(q.having, 'having');
}

/** Every query of a statement, outermost first, subqueries included. */
export function statementQueries(s: Statement): Query[] {
  const out: Query[] = [];
  const add = (q: Query): void => {
    out.push(q);
    if (q.from?.kind === 'subquery') add(q.from.query);
  };
  switch (s.kind) {
    case 'createView':
    case 'insert':
    case 'query':
      add(s.query);
      break;
    case 'statementSet':
      for (const i of s.inserts) add(i.query);
      break;
    case 'explain':
      out.push(...statementQueries(s.statement));
      break;
    default:
      break;
  }
  return out;
}
