// Java's Double.toString / Float.toString text and integer narrowing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  doubleToIntegral, floatToShortestNumber, javaDoubleToString, javaFloatToString, parseFlinkIntegral, parseJavaDouble, parseJavaIntegral, wrapBigint,
} from '../../../runtime/types/javaNumbers.js';

test('Double.toString: plain between 1e-3 and 1e7, computerized scientific outside', () => {
  const cases: [number, string][] = [
    [1, '1.0'], [100, '100.0'], [0.1, '0.1'], [1e7, '1.0E7'], [9999999, '9999999.0'], [0.001, '0.001'], [1e-4, '1.0E-4'],
    [3.14, '3.14'], [-0, '-0.0'], [0, '0.0'], [1.234e-5, '1.234E-5'], [12345678.9, '1.23456789E7'], [-2.5, '-2.5'],
    [NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [1e23, '1.0E23'], [Number.MIN_VALUE, '4.9E-324'],
    [Number.MAX_VALUE, '1.7976931348623157E308'], [0.1 + 0.2, '0.30000000000000004'], [2 ** 63, '9.223372036854776E18'],
    [123.456, '123.456'], [1e-3 * 0.999, '9.99E-4'],
  ];
  for (const [v, s] of cases) assert.equal(javaDoubleToString(v), s, String(v));
});

test('Float.toString: shortest digits that round-trip in float32', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'], [1, '1.0'], [1 / 3, '0.33333334'], [1e10, '1.0E10'], [16777216, '1.6777216E7'], [3.4028235e38, '3.4028235E38'],
    [1.4e-45, '1.4E-45'], [-0, '-0.0'], [0.3, '0.3'], [NaN, 'NaN'], [1.1, '1.1'],
  ];
  for (const [v, s] of cases) assert.equal(javaFloatToString(v), s, String(v));
  assert.equal(floatToShortestNumber(Math.fround(0.1)), 0.1);
});

test('integer narrowing and parsing as Java and Flink', () => {
  assert.equal(doubleToIntegral(3.9, 32), 3);
  assert.equal(doubleToIntegral(-3.9, 32), -3);
  assert.equal(doubleToIntegral(1e20, 32), 2147483647);
  assert.equal(doubleToIntegral(NaN, 64), 0);
  assert.equal(doubleToIntegral(1e30, 64), 9223372036854775807n);
  assert.equal(wrapBigint(2n ** 63n), -(2n ** 63n));
  assert.equal(wrapBigint(5n), 5);
  assert.equal(parseJavaIntegral('+42', 'INTEGER'), 42);
  assert.equal(parseJavaIntegral('2147483648', 'INTEGER'), undefined);
  assert.equal(parseJavaIntegral('1.5', 'INTEGER'), undefined);
  assert.equal(parseJavaIntegral('9223372036854775807', 'BIGINT'), 9223372036854775807n);
  assert.equal(parseFlinkIntegral('1.9', 'INTEGER'), 1);
  assert.equal(parseFlinkIntegral('-7.', 'INTEGER'), -7);
  assert.equal(parseFlinkIntegral('1.x', 'INTEGER'), undefined);
  assert.equal(parseFlinkIntegral('128', 'TINYINT'), undefined);
  assert.equal(parseJavaDouble(' 1e3 '), 1000);
  assert.equal(parseJavaDouble('2.5d'), 2.5);
  assert.equal(parseJavaDouble('-Infinity'), -Infinity);
  assert.equal(parseJavaDouble('abc'), undefined);
  assert.equal(parseJavaDouble(''), undefined);
});
