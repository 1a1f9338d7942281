// CAST and TRY_CAST with Flink 1.15+ semantics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindCast } from '../../../runtime/types/cast.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import type { LogicalType } from '../../../runtime/types/logicalType.js';
import { SqlRuntimeError } from '../../../runtime/types/sqlRuntimeError.js';
import {
  bigintType, booleanType, charType, dateType, decimalType, doubleType, floatType, intType, intervalDayTimeType, intervalYearMonthType, nullType,
  smallintType, stringType, timeType, timestampLtzType, timestampType, tinyintType, varcharType,
} from '../../../runtime/types/types.js';

const UTC = { tryCast: false, localTimeZone: 'UTC' };
function cast(from: LogicalType, to: LogicalType, options = UTC) {
  const b = bindCast(from, to, options);
  if ('error' in b) throw new Error(b.error);
  return (v: unknown) => b.eval(v);
}
const tryCast = (from: LogicalType, to: LogicalType) => cast(from, to, { tryCast: true, localTimeZone: 'UTC' });
const D = (s: string) => Decimal.parse(s);
const TS = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

test('numeric narrowing as Java casts', () => {
  assert.equal(cast(doubleType(), intType())(3.99), 3);
  assert.equal(cast(doubleType(), intType())(-3.99), -3);
  assert.equal(cast(doubleType(), intType())(1e10), 2147483647);
  assert.equal(cast(doubleType(), intType())(NaN), 0);
  assert.equal(cast(doubleType(), bigintType())(-1e19), -9223372036854775808n);
  assert.equal(cast(doubleType(), tinyintType())(300.5), 44);
  assert.equal(cast(intType(), tinyintType())(200), -56);
  assert.equal(cast(bigintType(), intType())(2n ** 32n + 5n), 5);
  assert.equal(cast(intType(), smallintType())(70000), 4464);
  assert.equal(cast(decimalType(10, 2), intType())(D('-7.99')), -7);
  assert.equal(cast(intType(), floatType())(16777217), 16777216);
  assert.equal(cast(bigintType(), doubleType())(2n ** 62n), 2 ** 62);
  assert.equal(cast(decimalType(5, 2), doubleType())(D('1.25')), 1.25);
});

test('to DECIMAL: HALF_UP rounding, overflow is NULL under CAST and TRY_CAST', () => {
  assert.equal(String(cast(doubleType(), decimalType(5, 2))(1.005)), '1.01');
  assert.equal(String(cast(doubleType(), decimalType(10, 4))(0.1)), '0.1000');
  assert.equal(String(cast(decimalType(10, 3), decimalType(5, 1))(D('12.35'))), '12.4');
  assert.equal(String(cast(decimalType(10, 3), decimalType(5, 1))(D('-12.35'))), '-12.4');
  assert.equal(cast(intType(), decimalType(3, 0))(12345), null);
  assert.equal(tryCast(intType(), decimalType(3, 0))(12345), null);
  assert.equal(String(cast(intType(), decimalType(5, 2))(123)), '123.00');
  assert.equal(String(cast(stringType(), decimalType(5, 2))(' 3.14159 ')), '3.14');
  assert.equal(cast(doubleType(), decimalType(5, 2))(NaN), null);
});

test('STRING to numbers: trimmed; invalid fails under CAST, NULL under TRY_CAST', () => {
  assert.equal(cast(stringType(), intType())(' 42 '), 42);
  assert.equal(cast(stringType(), intType())('1.9'), 1);
  assert.equal(cast(stringType(), bigintType())('9223372036854775807'), 9223372036854775807n);
  assert.equal(cast(stringType(), doubleType())('1e3'), 1000);
  assert.equal(cast(stringType(), floatType())('0.1'), Math.fround(0.1));
  assert.throws(() => cast(stringType(), intType())('abc'), (e: unknown) => e instanceof SqlRuntimeError && /abc/.test(e.message) && e.exceptionClass === 'java.lang.NumberFormatException');
  assert.throws(() => cast(stringType(), intType())('2147483648'), SqlRuntimeError);
  assert.throws(() => cast(stringType(), tinyintType())('128'), SqlRuntimeError);
  assert.throws(() => cast(stringType(), doubleType())('1,5'), SqlRuntimeError);
  assert.throws(() => cast(stringType(), decimalType(5, 2))('x'), SqlRuntimeError);
  assert.equal(tryCast(stringType(), intType())('abc'), null);
  assert.equal(tryCast(stringType(), intType())(''), null);
  assert.equal(tryCast(stringType(), doubleType())('x'), null);
  assert.equal(tryCast(stringType(), intType())(' 7 '), 7);
});

test('STRING to BOOLEAN accepts Flink\'s true/false spellings', () => {
  const c = cast(stringType(), booleanType());
  for (const t of ['true', 'TRUE', 'True', 't', 'yes', 'y', '1']) assert.equal(c(t), true, t);
  for (const f of ['false', 'F', 'no', 'n', '0']) assert.equal(c(f), false, f);
  assert.throws(() => c('maybe'), SqlRuntimeError);
  assert.equal(tryCast(stringType(), booleanType())('maybe'), null);
  assert.equal(cast(intType(), booleanType())(5), true);
  assert.equal(cast(intType(), booleanType())(0), false);
  assert.equal(cast(booleanType(), intType())(true), 1);
  assert.equal(String(cast(booleanType(), decimalType(3, 1))(true)), '1.0');
});

test('STRING to DATE/TIME/TIMESTAMP', () => {
  assert.equal(cast(stringType(), dateType())('2024-01-01'), 19723);
  assert.equal(cast(stringType(), dateType())('2024-1-5'), 19727);
  assert.equal(cast(stringType(), dateType())('2024-01-01 10:00:00'), 19723);
  assert.throws(() => cast(stringType(), dateType())('2024-02-30'), SqlRuntimeError);
  assert.equal(cast(stringType(), timeType(0))('10:15:30'), 36930000);
  assert.equal(cast(stringType(), timeType(3))('10:15:30.1239'), 36930123);
  assert.equal(cast(stringType(), timestampType(3))('2024-01-01 12:00:00.123'), TS(2024, 1, 1, 12, 0, 0, 123));
  assert.equal(cast(stringType(), timestampType(3))('2024-01-01T12:00:00.123456'), TS(2024, 1, 1, 12, 0, 0, 123));
  assert.equal(cast(stringType(), timestampType(6))('2024-01-01'), TS(2024, 1, 1));
  assert.equal(cast(stringType(), timestampType(3))('2024-01-01 12:00'), TS(2024, 1, 1, 12));
  assert.equal(cast(stringType(), timestampType(0))('2024-01-01 12:00:00.999'), TS(2024, 1, 1, 12));
  assert.throws(() => cast(stringType(), timestampType(3))('2024-01-01 25:00:00'), SqlRuntimeError);
  assert.equal(tryCast(stringType(), timestampType(3))('yesterday'), null);
  const ltz = cast(stringType(), timestampLtzType(3), { tryCast: false, localTimeZone: 'Asia/Shanghai' });
  assert.equal(ltz('2024-01-01 08:00:00'), TS(2024, 1, 1));
});

test('anything to STRING, CHAR padding and VARCHAR truncation', () => {
  const toS = (t: LogicalType) => cast(t, stringType());
  assert.equal(toS(booleanType())(true), 'TRUE');
  assert.equal(toS(booleanType())(false), 'FALSE');
  assert.equal(toS(intType())(-42), '-42');
  assert.equal(toS(bigintType())(2n ** 63n - 1n), '9223372036854775807');
  assert.equal(toS(doubleType())(1e7), '1.0E7');
  assert.equal(toS(doubleType())(100), '100.0');
  assert.equal(toS(floatType())(Math.fround(0.1)), '0.1');
  assert.equal(toS(decimalType(10, 2))(D('1.50')), '1.50');
  assert.equal(toS(decimalType(10, 8))(D('0.00000010')), '0.00000010');
  assert.equal(toS(dateType())(19723), '2024-01-01');
  assert.equal(toS(timeType(0))(36930000), '10:15:30');
  assert.equal(toS(timeType(3))(36930120), '10:15:30.120');
  assert.equal(toS(timestampType(3))(TS(2024, 1, 1, 12)), '2024-01-01 12:00:00.000');
  assert.equal(toS(timestampType(0))(TS(2024, 1, 1, 12, 0, 5, 500)), '2024-01-01 12:00:05');
  assert.equal(toS(timestampType(6))(TS(2024, 1, 1, 12, 0, 5, 500)), '2024-01-01 12:00:05.500000');
  assert.equal(cast(timestampLtzType(3), stringType(), { tryCast: false, localTimeZone: 'Asia/Shanghai' })(TS(2024, 1, 1)), '2024-01-01 08:00:00.000');
  assert.equal(toS(intervalDayTimeType())(93784000), '+1 02:03:04.000');
  assert.equal(toS(intervalYearMonthType())(-18), '-1-06');
  assert.equal(cast(stringType(), charType(5))('ab'), 'ab   ');
  assert.equal(cast(stringType(), charType(2))('abcd'), 'ab');
  assert.equal(cast(stringType(), varcharType(3))('abcdef'), 'abc');
  assert.equal(cast(stringType(), varcharType(3))('ab'), 'ab');
  assert.equal(cast(stringType(), varcharType(2))('😀😀😀'), '😀😀');
  assert.equal(cast(intType(), varcharType(2))(12345), '12');
});

test('temporal conversions and TIMESTAMP <-> TIMESTAMP_LTZ through the session zone', () => {
  assert.equal(cast(timestampType(3), dateType())(TS(2024, 1, 1, 23, 59)), 19723);
  assert.equal(cast(timestampType(3), dateType())(TS(1969, 12, 31, 23)), -1);
  assert.equal(cast(timestampType(3), timeType(0))(TS(2024, 1, 1, 10, 15, 30, 250)), 36930000);
  assert.equal(cast(dateType(), timestampType(3))(19723), TS(2024, 1, 1));
  assert.equal(cast(timestampType(3), timestampType(0))(TS(2024, 1, 1, 0, 0, 1, 999)), TS(2024, 1, 1, 0, 0, 1));
  const berlin = { tryCast: false, localTimeZone: 'Europe/Berlin' };
  assert.equal(cast(timestampType(3), timestampLtzType(3), berlin)(TS(2024, 7, 1, 12)), TS(2024, 7, 1, 10));
  assert.equal(cast(timestampLtzType(3), timestampType(3), berlin)(TS(2024, 1, 1, 12)), TS(2024, 1, 1, 13));
  // A gap (spring forward): 02:30 local does not exist and moves to 03:30 (+02:00).
  assert.equal(cast(timestampType(3), timestampLtzType(3), berlin)(TS(2024, 3, 31, 2, 30)), TS(2024, 3, 31, 1, 30));
  // Numbers to TIMESTAMP_LTZ are epoch seconds; TIMESTAMP_LTZ to BIGINT gives seconds back.
  assert.equal(cast(bigintType(), timestampLtzType(3))(1700000000), 1700000000000);
  assert.equal(cast(doubleType(), timestampLtzType(3))(1.5), 1500);
  assert.equal(cast(timestampLtzType(3), bigintType())(1700000000999), 1700000000);
});

test('casts Flink rejects are bind-time errors', () => {
  const e1 = bindCast(intType(), timestampType(3), UTC);
  assert.ok('error' in e1 && e1.error.startsWith('The cast from NUMERIC type to TIMESTAMP type is not allowed.'));
  const e2 = bindCast(timestampType(3), bigintType(), UTC);
  assert.ok('error' in e2 && /UNIX_TIMESTAMP/.test(e2.error));
  assert.deepEqual(bindCast(booleanType(), dateType(), UTC), { error: 'Cast function cannot convert value of type BOOLEAN to type DATE' });
  assert.ok('error' in bindCast(dateType(), intType(), UTC));
  assert.equal(cast(nullType(), intType())(null), null);
  assert.equal(cast(intType(), bigintType())(null), null);
});
