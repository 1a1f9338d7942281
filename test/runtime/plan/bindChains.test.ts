// Binding a long left-deep operator chain (a + a + … + a) loops along the chain instead of recursing
// once per operator, so the binder is far from the stack's end at the parser's depth limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindExpression } from '../../../runtime/plan/bindExpression.js';
import { Scope } from '../../../runtime/plan/scope.js';
import type { Expression } from '../../../runtime/sql/ast.js';
import { typeOf } from '../../../runtime/functions/types.js';

const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };

/** `a op a op … op a` with `terms` operands, left-deep as the parser builds it. */
function chain(terms: number, operator: '+' | 'OR', leaf: Expression): Expression {
  let e: Expression = leaf;
  for (let i = 1; i < terms; i++) e = { kind: 'binary', operator, left: e, right: leaf, operatorRange: at, range: at };
  return e;
}

const column: Expression = { kind: 'column', parts: [{ name: 'a', quoted: false, range: at }], range: at };
const scope = new Scope([{ name: 'a', type: typeOf('BIGINT', true) }]);
const fctx = { localTimeZone: 'UTC', now: () => 0, random: () => 0.5 };

test('a 5,000-term arithmetic chain binds, compiles and evaluates (5x the depth the parser lets through)', () => {
  const bound = bindExpression(chain(5000, '+', column), { scope, localTimeZone: 'UTC' });
  assert.equal(bound.type.root, 'BIGINT');
  const evaluate = bound.compile(fctx);
  assert.equal(evaluate([3]), 15_000);
  assert.equal(evaluate([null]), null);
});

test('a 5,000-term OR chain binds with three-valued logic', () => {
  const test: Expression = { kind: 'binary', operator: '=', left: column, right: { kind: 'numeric', numericKind: 'integer', text: '7', range: at }, operatorRange: at, range: at };
  const bound = bindExpression(chain(5000, 'OR', test), { scope, localTimeZone: 'UTC' });
  const evaluate = bound.compile(fctx);
  assert.equal(evaluate([7]), true);
  assert.equal(evaluate([8]), false);
  assert.equal(evaluate([null]), null);
});
