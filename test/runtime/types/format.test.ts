// Print-sink text of values (String.valueOf of Flink's external objects), Row.toString, JSON values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../../runtime/types/decimal.js';
import { formatRowForPrint, formatValueForPrint, toJsonValue } from '../../../runtime/types/format.js';
import { RowKind } from '../../../runtime/types/rowKind.js';
import {
  bigintType, booleanType, charType, dateType, decimalType, doubleType, floatType, intType, intervalDayTimeType, intervalYearMonthType,
  stringType, timeType, timestampLtzType, timestampType,
} from '../../../runtime/types/types.js';

const TS = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const p = formatValueForPrint;

test('numbers print as Java does', () => {
  assert.equal(p(42, intType()), '42');
  assert.equal(p(9223372036854775807n, bigintType()), '9223372036854775807');
  assert.equal(p(1, doubleType()), '1.0');
  assert.equal(p(1e7, doubleType()), '1.0E7');
  assert.equal(p(1.234e-5, doubleType()), '1.234E-5');
  assert.equal(p(Math.fround(0.1), floatType()), '0.1');
  assert.equal(p(Decimal.parse('1.50'), decimalType(10, 2)), '1.50');
  assert.equal(p(Decimal.parse('0.00000010'), decimalType(10, 8)), '1.0E-7');
  assert.equal(p(true, booleanType()), 'true');
  assert.equal(p('a b', stringType()), 'a b');
  assert.equal(p('ab ', charType(3)), 'ab ');
  assert.equal(p(null, intType()), 'null');
});

test('dates and times print as java.time toString', () => {
  assert.equal(p(19723, dateType()), '2024-01-01');
  assert.equal(p(-719528, dateType()), '0000-01-01');
  assert.equal(p(36900000, timeType()), '10:15');
  assert.equal(p(36930000, timeType()), '10:15:30');
  assert.equal(p(36930120, timeType(3)), '10:15:30.120');
  assert.equal(p(36900001, timeType(3)), '10:15:00.001');
  assert.equal(p(TS(2024, 1, 1, 10), timestampType(3)), '2024-01-01T10:00');
  assert.equal(p(TS(2024, 1, 1, 10, 0, 5), timestampType(3)), '2024-01-01T10:00:05');
  assert.equal(p(TS(2024, 1, 1, 10, 0, 5, 120), timestampType(3)), '2024-01-01T10:00:05.120');
  assert.equal(p(TS(1969, 12, 31, 23, 59, 59, 999), timestampType(3)), '1969-12-31T23:59:59.999');
  assert.equal(p(TS(2024, 1, 1, 10), timestampLtzType(3), 'Asia/Shanghai'), '2024-01-01T10:00:00Z');
  assert.equal(p(TS(2024, 1, 1, 10, 0, 0, 120), timestampLtzType(3)), '2024-01-01T10:00:00.120Z');
  assert.equal(p(5_400_000, intervalDayTimeType()), 'PT1H30M');
  assert.equal(p(250, intervalDayTimeType()), 'PT0.25S');
  assert.equal(p(-1500, intervalDayTimeType()), 'PT-1.5S');
  assert.equal(p(0, intervalDayTimeType()), 'PT0S');
  assert.equal(p(14, intervalYearMonthType()), 'P1Y2M');
});

test('rows print as Row.toString', () => {
  const types = [intType(), stringType(), doubleType(), timestampType(3)];
  assert.equal(formatRowForPrint(RowKind.INSERT, [1, 'a', null, TS(2024, 1, 1, 10)], types, 'UTC'), '+I[1, a, null, 2024-01-01T10:00]');
  assert.equal(formatRowForPrint(RowKind.UPDATE_BEFORE, [2, 'b', 2.5, null], types), '-U[2, b, 2.5, null]');
  assert.equal(formatRowForPrint(RowKind.UPDATE_AFTER, [3, 'c', 100, null], types), '+U[3, c, 100.0, null]');
  assert.equal(formatRowForPrint(RowKind.DELETE, [], []), '-D[]');
});

test('toJsonValue keeps numbers exact and uses CAST text for temporal values', () => {
  assert.equal(toJsonValue(42, intType()), 42);
  assert.equal(toJsonValue(2n ** 60n, bigintType()), '1152921504606846976');
  assert.equal(toJsonValue(0.5, doubleType()), 0.5);
  assert.equal(toJsonValue(NaN, doubleType()), 'NaN');
  assert.equal(toJsonValue(Math.fround(0.1), floatType()), 0.1);
  assert.equal(toJsonValue(Decimal.parse('1.50'), decimalType(10, 2)), '1.50');
  assert.equal(toJsonValue(true, booleanType()), true);
  assert.equal(toJsonValue(null, stringType()), null);
  assert.equal(toJsonValue(TS(2024, 1, 1, 10, 0, 0, 123), timestampType(3)), '2024-01-01 10:00:00.123');
  assert.equal(toJsonValue(TS(2024, 1, 1), timestampLtzType(3), 'Asia/Shanghai'), '2024-01-01 08:00:00.000');
  assert.equal(toJsonValue(19723, dateType()), '2024-01-01');
});
