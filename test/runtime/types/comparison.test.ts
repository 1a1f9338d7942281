// Comparisons across numeric types, strings in code point order, booleans, temporal values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindComparison, compareStrings, createComparator } from '../../../runtime/types/comparison.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import type { LogicalType } from '../../../runtime/types/logicalType.js';
import {
  bigintType, booleanType, charType, dateType, decimalType, doubleType, floatType, intType, nullType, stringType, timestampLtzType, timestampType,
} from '../../../runtime/types/types.js';

function cmp(op: string, l: LogicalType, r: LogicalType) {
  const b = bindComparison(op, l, r);
  if ('error' in b) throw new Error(b.error);
  return b.eval;
}
const D = (s: string) => Decimal.parse(s);

test('numeric comparisons across types', () => {
  assert.equal(cmp('<', intType(), bigintType())(1, 2n ** 62n), true);
  assert.equal(cmp('=', bigintType(), bigintType())(2n ** 62n, 2n ** 62n), true);
  assert.equal(cmp('=', decimalType(5, 2), intType())(D('2.00'), 2), true);
  assert.equal(cmp('>', decimalType(5, 2), decimalType(5, 1))(D('2.05'), D('2.0')), true);
  assert.equal(cmp('=', decimalType(5, 1), doubleType())(D('0.1'), 0.1), true);
  assert.equal(cmp('=', floatType(), doubleType())(Math.fround(0.1), 0.1), false);
  assert.equal(cmp('<=', intType(), doubleType())(3, 3.0), true);
  // Java converts long to double: 2^63 - 1 equals 9.223372036854776E18.
  assert.equal(cmp('=', bigintType(), doubleType())(2n ** 63n - 1n, 2 ** 63), true);
  const nan = NaN;
  assert.equal(cmp('=', doubleType(), doubleType())(nan, nan), false);
  assert.equal(cmp('<>', doubleType(), doubleType())(nan, nan), true);
  assert.equal(cmp('<', doubleType(), doubleType())(nan, 1), false);
  assert.equal(cmp('=', doubleType(), doubleType())(-0, 0), true);
});

test('strings, booleans, dates and timestamps', () => {
  assert.equal(cmp('<', stringType(), stringType())('apple', 'banana'), true);
  assert.equal(cmp('<', stringType(), stringType())('Z', 'a'), true);
  assert.equal(cmp('=', charType(3), stringType())('abc', 'abc'), true);
  assert.equal(cmp('!=', stringType(), stringType())('a', 'b'), true);
  assert.equal(cmp('<', booleanType(), booleanType())(false, true), true);
  assert.equal(cmp('>=', dateType(), dateType())(19723, 19723), true);
  assert.equal(cmp('<', timestampType(3), timestampType(6))(1000, 2000), true);
  // Code point order (BinaryStringData's UTF-8 order): U+1F600 sorts after U+FFFD.
  assert.ok(compareStrings('\u{1F600}', '\uFFFD') > 0);
  assert.ok('\u{1F600}' < '\uFFFD');
  assert.ok(compareStrings('ab', 'abc') < 0);
});

test('time points compare with strings by casting the string (NULL if it does not parse)', () => {
  const ts = cmp('>', timestampType(3), stringType());
  assert.equal(ts(Date.UTC(2024, 0, 1, 12), '2024-01-01 11:59:59'), true);
  assert.equal(ts(Date.UTC(2024, 0, 1, 12), 'not a time'), null);
  assert.equal(cmp('=', stringType(), dateType())('2024-01-01', 19723), true);
  const ltz = bindComparison('=', timestampLtzType(3), stringType(), { localTimeZone: 'GMT+02:00' });
  assert.ok(!('error' in ltz));
  assert.equal(ltz.eval(Date.UTC(2024, 0, 1, 10), '2024-01-01 12:00:00'), true);
});

test('NULL handling, result type and errors', () => {
  const b = bindComparison('=', intType(false), intType(false));
  assert.ok(!('error' in b) && b.type.root === 'BOOLEAN' && b.type.nullable === false);
  assert.equal(cmp('=', intType(), intType())(null, 1), null);
  assert.equal(cmp('<', nullType(), intType())(null, 1), null);
  assert.deepEqual(bindComparison('=', stringType(), intType()), {
    error: "Cannot apply '=' to arguments of type '<STRING> = <INT>'. Supported form(s): '<COMPARABLE_TYPE> = <COMPARABLE_TYPE>'",
  });
  assert.ok('error' in bindComparison('<', booleanType(), intType()));
  assert.ok('error' in bindComparison('<', timestampType(3), timestampLtzType(3)));
});

test('createComparator orders doubles as Double.compare and decimals by value', () => {
  const c = createComparator(doubleType())!;
  assert.deepEqual([NaN, 1, -0, 0, -1].sort(c), [-1, -0, 0, 1, NaN]);
  const dc = createComparator(decimalType(5, 2))!;
  assert.deepEqual([D('2.5'), D('-1'), D('2.49')].sort(dc).map(String), ['-1', '2.49', '2.5']);
  assert.equal(createComparator(stringType())!('b', 'a') > 0, true);
});
