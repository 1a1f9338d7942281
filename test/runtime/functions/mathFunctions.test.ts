// Numeric and conditional functions: Java integer semantics, HALF_UP rounding, common types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionRuntimeError } from '../../../runtime/functions/functionDef.js';
import { bigintType, booleanType, doubleType, intType, stringType, typeOf } from '../../../runtime/functions/types.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import { call, infer } from './helpers.js';

const I = intType();
const B = bigintType();
const D = doubleType();
const S = stringType();

test('ABS keeps the type and wraps Integer.MIN_VALUE like Java', () => {
  assert.equal(call('ABS', [I], [-5]), 5);
  assert.equal(call('ABS', [I], [-2147483648]), -2147483648);
  assert.equal(call('ABS', [B], [-(2n ** 63n)]), -(2n ** 63n));
  assert.equal(call('ABS', [B], [-(2n ** 60n)]), 2n ** 60n);
  assert.equal(call('ABS', [D], [-1.5]), 1.5);
  assert.equal(call('ABS', [I], [null]), null);
  assert.deepEqual(infer('ABS', [typeOf('SMALLINT', false)]), typeOf('SMALLINT', false));
  assert.equal(infer('ABS', [S]), 'Invalid argument type for ABS: expected NUMERIC, got STRING');
  assert.match(infer('ABS', [typeOf('DECIMAL', true, { precision: 10, scale: 2 })]) as string, /DECIMAL arguments are not supported yet/);
});

test('MOD: sign of the dividend, type of the divisor, / by zero fails', () => {
  assert.equal(call('MOD', [I, I], [7, 3]), 1);
  assert.equal(call('MOD', [I, I], [-7, 3]), -1);
  assert.equal(call('MOD', [I, I], [7, -3]), 1);
  assert.equal(call('MOD', [B, B], [2n ** 62n + 5n, 10]), 9);
  assert.equal(call('MOD', [I, I], [null, 3]), null);
  assert.deepEqual(infer('MOD', [B, intType(false)]), intType(true));
  assert.throws(() => call('MOD', [I, I], [1, 0]), (e: unknown) => e instanceof FunctionRuntimeError && e.message === '/ by zero');
  assert.match(infer('MOD', [D, I]) as string, /Invalid argument type for MOD: expected an exact numeric type/);
});

test('ROUND is HALF_UP on the decimal form (BigDecimal.valueOf)', () => {
  assert.equal(call('ROUND', [D, I], [2.675, 2]), 2.68);
  assert.equal(call('ROUND', [D, I], [1.005, 2]), 1.01);
  assert.equal(call('ROUND', [D], [2.5]), 3);
  assert.equal(call('ROUND', [D], [-2.5]), -3);
  assert.equal(call('ROUND', [D], [0.49999999999999994]), 0);
  assert.equal(call('ROUND', [D, I], [1234.5678, -2]), 1200);
  assert.equal(call('ROUND', [D, I], [1.5e-7, 7]), 2e-7);
  assert.equal(call('ROUND', [I, I], [125, -1]), 130);
  assert.equal(call('ROUND', [I, I], [-125, -1]), -130);
  assert.equal(call('ROUND', [I], [7]), 7);
  assert.equal(call('ROUND', [I, I], [2147483647, -1]), -2147483646, 'intValue() wraps like Java');
  assert.equal(call('ROUND', [D, I], [null, 1]), null);
  assert.deepEqual(infer('ROUND', [intType(false), intType(false)]), intType(false));
  assert.throws(() => call('ROUND', [D], [NaN]), FunctionRuntimeError);
});

test('FLOOR, CEIL/CEILING, POWER, SQRT, LN, LOG10, EXP, SIGN', () => {
  assert.equal(call('FLOOR', [D], [-1.5]), -2);
  assert.equal(call('CEIL', [D], [1.2]), 2);
  assert.equal(call('CEILING', [D], [-1.2]), -1);
  assert.equal(call('FLOOR', [I], [7]), 7);
  assert.deepEqual(infer('FLOOR', [B]), B);
  assert.equal(call('POWER', [I, I], [2, 10]), 1024);
  assert.deepEqual(infer('POWER', [I, I]), D);
  assert.equal(call('SQRT', [I], [16]), 4);
  assert.ok(Number.isNaN(call('SQRT', [D], [-1]) as number));
  assert.equal(call('LN', [D], [Math.E]), 1);
  assert.equal(call('LN', [D], [0]), -Infinity);
  assert.equal(call('LOG10', [I], [1000]), 3);
  assert.equal(call('EXP', [I], [0]), 1);
  assert.equal(call('SIGN', [I], [-42]), -1);
  assert.equal(call('SIGN', [B], [2n ** 62n]), 1);
  assert.equal(call('SIGN', [D], [0]), 0);
  assert.equal(call('SQRT', [D], [null]), null);
  assert.equal(infer('LN', [S]), 'Invalid argument type for LN: expected NUMERIC, got STRING');
});

test('COALESCE returns the first non-NULL, widened to the common type', () => {
  assert.equal(call('COALESCE', [I, I], [null, 2]), 2);
  assert.equal(call('COALESCE', [I, D], [null, 2.5]), 2.5);
  assert.equal(call('COALESCE', [B, D], [2n ** 60n, 1.0]), 2 ** 60);
  assert.equal(call('COALESCE', [S, S], [null, null]), null);
  assert.deepEqual(infer('COALESCE', [I, intType(false)]), intType(false));
  assert.deepEqual(infer('COALESCE', [I, B]), B);
  assert.match(infer('COALESCE', [I, S]) as string, /Could not find a common type for the arguments of COALESCE: INT, STRING/);
});

test('DECIMAL mixes with exact numbers into a wide enough DECIMAL and with DOUBLE into DOUBLE', () => {
  const M = typeOf('DECIMAL', true, { precision: 5, scale: 2 });
  const lit = typeOf('DECIMAL', false, { precision: 2, scale: 1 });
  assert.deepEqual(infer('COALESCE', [M, B]), typeOf('DECIMAL', true, { precision: 21, scale: 2 }));
  assert.equal(String(call('COALESCE', [M, B], [null, 7n])), '7.00');
  assert.deepEqual(infer('IFNULL', [D, lit]), doubleType(false));
  assert.equal(call('IFNULL', [D, lit], [null, Decimal.parse('-1.0')]), -1);
  assert.equal(String(call('GREATEST', [M, lit], [Decimal.parse('1.00'), Decimal.parse('2.5')])), '2.50');
  assert.equal(call('NULLIF', [M, lit], [Decimal.parse('2.50'), Decimal.parse('2.5')]), null);
});

test('NULLIF, IF, IFNULL', () => {
  assert.equal(call('NULLIF', [I, I], [5, 5]), null);
  assert.equal(call('NULLIF', [I, I], [5, 6]), 5);
  assert.equal(call('NULLIF', [I, B], [5, 5]), null);
  assert.equal(call('NULLIF', [I, I], [5, null]), 5);
  assert.equal(call('IF', [booleanType(), S, S], [true, 'a', 'b']), 'a');
  assert.equal(call('IF', [booleanType(), S, S], [null, 'a', 'b']), 'b');
  assert.equal(infer('IF', [I, S, S]), 'Invalid argument type for IF: expected BOOLEAN, got INT (argument 1)');
  assert.equal(call('IFNULL', [I, I], [null, 5]), 5);
  assert.equal(call('IFNULL', [I, I], [3, 5]), 3);
  assert.deepEqual(infer('IFNULL', [I, intType(false)]), intType(false));
  assert.deepEqual(infer('IFNULL', [intType(false), I]), I);
});

test('GREATEST and LEAST: NULL if any argument is NULL', () => {
  assert.equal(call('GREATEST', [I, I, I], [1, 5, 3]), 5);
  assert.equal(call('LEAST', [I, D], [1, 0.5]), 0.5);
  assert.equal(call('GREATEST', [I, I], [1, null]), null);
  assert.equal(call('GREATEST', [S, S], ['apple', 'banana']), 'banana');
  assert.equal(call('GREATEST', [S, S], ['\uffff', '😀']), '😀', 'strings compare by code point (UTF-8 order)');
  assert.equal(call('LEAST', [B, B], [2n ** 62n, -(2n ** 62n)]), -(2n ** 62n));
});
