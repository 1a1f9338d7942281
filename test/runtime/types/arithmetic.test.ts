// + - * / % with Flink's result types, Java wrapping, DECIMAL derivation and division by zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindArithmetic, bindNegate } from '../../../runtime/types/arithmetic.js';
import { bindConcat } from '../../../runtime/types/concat.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import { findAdditionDecimalType, findDivisionDecimalType, findModuloDecimalType, findMultiplicationDecimalType } from '../../../runtime/types/decimalTypes.js';
import { formatLogicalType } from '../../../runtime/types/formatLogicalType.js';
import type { LogicalType } from '../../../runtime/types/logicalType.js';
import { SqlRuntimeError } from '../../../runtime/types/sqlRuntimeError.js';
import {
  bigintType, charType, decimalType, doubleType, floatType, intType, intervalDayTimeType, nullType, smallintType, stringType, tinyintType, varcharType,
} from '../../../runtime/types/types.js';

function bind(op: string, l: LogicalType, r: LogicalType) {
  const b = bindArithmetic(op, l, r);
  if ('error' in b) throw new Error(b.error);
  return b;
}
const typeOf = (op: string, l: LogicalType, r: LogicalType) => formatLogicalType(bind(op, l, r).type);
const D = (s: string) => Decimal.parse(s);

test('result types of numeric pairs', () => {
  assert.equal(typeOf('+', intType(false), intType(false)), 'INT NOT NULL');
  assert.equal(typeOf('+', intType(false), intType()), 'INT');
  assert.equal(typeOf('+', intType(), bigintType()), 'BIGINT');
  assert.equal(typeOf('*', tinyintType(), smallintType()), 'SMALLINT');
  assert.equal(typeOf('/', intType(), intType()), 'INT');
  assert.equal(typeOf('+', intType(), doubleType()), 'DOUBLE');
  assert.equal(typeOf('+', intType(), floatType()), 'FLOAT');
  assert.equal(typeOf('+', floatType(), doubleType()), 'DOUBLE');
  assert.equal(typeOf('+', decimalType(10, 2), doubleType()), 'DOUBLE');
  assert.equal(typeOf('+', decimalType(10, 2), floatType()), 'DOUBLE');
  assert.equal(typeOf('%', bigintType(), intType()), 'INT');
  assert.equal(typeOf('%', intType(), bigintType()), 'BIGINT');
});

test('DECIMAL type derivation follows LogicalTypeMerging', () => {
  assert.deepEqual(findAdditionDecimalType({ precision: 10, scale: 2 }, { precision: 5, scale: 3 }), { precision: 12, scale: 3 });
  assert.deepEqual(findMultiplicationDecimalType({ precision: 10, scale: 2 }, { precision: 5, scale: 3 }), { precision: 16, scale: 5 });
  assert.deepEqual(findDivisionDecimalType({ precision: 10, scale: 2 }, { precision: 5, scale: 3 }), { precision: 19, scale: 8 });
  assert.deepEqual(findModuloDecimalType({ precision: 10, scale: 2 }, { precision: 5, scale: 3 }), { precision: 5, scale: 3 });
  // Past precision 38: keep integer digits, at least min(scale, 6) fractional digits.
  assert.deepEqual(findAdditionDecimalType({ precision: 38, scale: 10 }, { precision: 38, scale: 10 }), { precision: 38, scale: 9 });
  assert.deepEqual(findMultiplicationDecimalType({ precision: 38, scale: 10 }, { precision: 38, scale: 10 }), { precision: 38, scale: 6 });
  assert.deepEqual(findDivisionDecimalType({ precision: 38, scale: 10 }, { precision: 38, scale: 10 }), { precision: 38, scale: 6 });
  assert.deepEqual(findMultiplicationDecimalType({ precision: 20, scale: 2 }, { precision: 20, scale: 2 }), { precision: 38, scale: 4 });
  // Integers take part as DECIMAL(10, 0) / DECIMAL(19, 0).
  assert.equal(typeOf('+', decimalType(10, 2), intType()), 'DECIMAL(13, 2)');
  assert.equal(typeOf('*', decimalType(5, 2), bigintType()), 'DECIMAL(25, 2)');
  assert.equal(typeOf('/', decimalType(10, 2), decimalType(10, 2)), 'DECIMAL(23, 13)');
  assert.equal(typeOf('/', intType(), decimalType(5, 2)), 'DECIMAL(18, 6)');
  assert.equal(typeOf('%', decimalType(10, 2), intType()), 'DECIMAL(10, 2)');
});

test('INT arithmetic wraps at 32 bits, smaller types at their width, BIGINT at 64', () => {
  assert.equal(bind('+', intType(), intType()).eval(2147483647, 1), -2147483648);
  assert.equal(bind('*', intType(), intType()).eval(65536, 65536), 0);
  assert.equal(bind('-', intType(), intType()).eval(-2147483648, 1), 2147483647);
  assert.equal(bind('+', tinyintType(), tinyintType()).eval(127, 1), -128);
  assert.equal(bind('*', smallintType(), smallintType()).eval(300, 300), 24464);
  assert.equal(bind('+', bigintType(), bigintType()).eval(9223372036854775807n, 1), -9223372036854775808n);
  assert.equal(bind('+', intType(), bigintType()).eval(2147483647, 1), 2147483648);
  assert.equal(bind('*', bigintType(), bigintType()).eval(2 ** 40, 2 ** 40), 0); // 2^80 wraps to 0
  assert.equal(bind('*', bigintType(), bigintType()).eval(3037000500, 3037000500), -9223372036709301616n);
  // Results back in the safe range are plain numbers.
  assert.equal(bind('-', bigintType(), bigintType()).eval(9007199254740993n, 9007199254740992n), 1);
});

test('integer division truncates toward zero; % has the sign of the dividend; / by zero fails', () => {
  const div = bind('/', intType(), intType());
  assert.equal(div.eval(5, 2), 2);
  assert.equal(div.eval(-5, 2), -2);
  assert.equal(Object.is(div.eval(-1, 2), -0), false);
  assert.equal(div.eval(-2147483648, -1), -2147483648);
  const mod = bind('%', intType(), intType());
  assert.equal(mod.eval(-7, 3), -1);
  assert.equal(mod.eval(7, -3), 1);
  assert.equal(Object.is(mod.eval(-4, 2), -0), false);
  assert.throws(() => div.eval(1, 0), (e: unknown) => e instanceof SqlRuntimeError && e.message === '/ by zero' && e.exceptionClass === 'java.lang.ArithmeticException');
  assert.throws(() => mod.eval(1, 0), SqlRuntimeError);
  const ldiv = bind('/', bigintType(), bigintType());
  assert.equal(ldiv.eval(-(2n ** 63n), -1), -(2n ** 63n));
  assert.equal(ldiv.eval(2n ** 62n, 3), 1537228672809129301n);
  assert.throws(() => ldiv.eval(5, 0), SqlRuntimeError);
  assert.equal(bind('%', bigintType(), intType()).eval(2n ** 62n + 5n, 10), 9);
});

test('DOUBLE and FLOAT arithmetic is IEEE; division by zero is Infinity/NaN', () => {
  assert.equal(bind('/', doubleType(), intType()).eval(1, 0), Infinity);
  assert.ok(Number.isNaN(bind('/', doubleType(), doubleType()).eval(0, 0)));
  assert.equal(bind('+', doubleType(), doubleType()).eval(0.1, 0.2), 0.30000000000000004);
  assert.equal(bind('+', floatType(), floatType()).eval(Math.fround(0.1), Math.fround(0.2)), Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  assert.equal(bind('+', decimalType(10, 2), doubleType()).eval(D('1.25'), 0.5), 1.75);
  assert.equal(bind('*', bigintType(), doubleType()).eval(2n ** 60n, 2), 2 ** 61);
  assert.equal(bind('%', doubleType(), doubleType()).eval(-5.5, 2), -1.5);
});

test('DECIMAL arithmetic rounds HALF_UP to the result scale; overflow is NULL; zero divisor fails', () => {
  assert.equal((bind('+', decimalType(10, 2), decimalType(10, 2)).eval(D('1.25'), D('2.50')) as Decimal).toString(), '3.75');
  assert.equal((bind('+', decimalType(10, 2), intType()).eval(D('1.25'), 2) as Decimal).toString(), '3.25');
  assert.equal((bind('*', decimalType(5, 2), decimalType(5, 2)).eval(D('1.25'), D('1.25')) as Decimal).toString(), '1.5625');
  assert.equal((bind('/', decimalType(10, 2), decimalType(10, 2)).eval(D('1.00'), D('3.00')) as Decimal).toString(), '0.3333333333333');
  assert.equal((bind('/', decimalType(38, 10), decimalType(38, 10)).eval(D('2'), D('3')) as Decimal).toString(), '0.666667');
  assert.equal((bind('%', decimalType(5, 1), intType()).eval(D('-7.5'), 2) as Decimal).toString(), '-1.5');
  // DECIMAL(38, 0) + DECIMAL(38, 0) is DECIMAL(38, 0): a 39-digit sum does not fit.
  const big = D('9'.repeat(38));
  assert.equal(bind('+', decimalType(38, 0), decimalType(38, 0)).eval(big, D('1')), null);
  assert.throws(() => bind('/', decimalType(5, 2), decimalType(5, 2)).eval(D('1'), D('0.00')), (e: unknown) => e instanceof SqlRuntimeError && e.message === 'Division by zero');
  assert.throws(() => bind('/', decimalType(5, 2), decimalType(5, 2)).eval(D('0'), D('0')), /Division undefined/);
});

test('NULL in, NULL out; NULL-typed operand; intervals; errors', () => {
  assert.equal(bind('+', intType(), intType()).eval(null, 1), null);
  assert.equal(bind('/', intType(), intType()).eval(1, null), null);
  const withNull = bind('+', nullType(), intType(false));
  assert.equal(withNull.type.nullable, true);
  assert.equal(withNull.eval(null, 1), null);
  assert.equal(bind('+', intervalDayTimeType(), intervalDayTimeType()).eval(1000, 500), 1500);
  assert.equal(bind('*', intervalDayTimeType(), intType()).eval(1000, 3), 3000);
  const err = bindArithmetic('+', stringType(), intType());
  assert.deepEqual(err, { error: "Cannot apply '+' to arguments of type '<STRING> + <INT>'. Supported form(s): '<NUMERIC> + <NUMERIC>'" });
  assert.ok('error' in bindArithmetic('^', intType(), intType()));
  assert.equal(formatLogicalType(bind('MOD', intType(), intType()).type), 'INT');
});

test('|| concatenates character strings with summed lengths', () => {
  const c = bindConcat(charType(2, false), charType(3, false));
  assert.ok(!('error' in c));
  assert.equal(formatLogicalType(c.type), 'CHAR(5) NOT NULL');
  assert.equal(c.eval('ab', 'cde'), 'abcde');
  assert.equal(c.eval('ab', null), null);
  const v = bindConcat(varcharType(5), stringType());
  assert.ok(!('error' in v) && formatLogicalType(v.type) === 'STRING');
  assert.ok('error' in bindConcat(intType(), stringType()));
});

test('unary minus keeps the operand type and wraps integers', () => {
  const neg = (t: LogicalType) => {
    const b = bindNegate(t);
    if ('error' in b) throw new Error(b.error);
    return b;
  };
  assert.equal(formatLogicalType(neg(decimalType(10, 2, false)).type), 'DECIMAL(10, 2) NOT NULL');
  assert.equal(String(neg(decimalType(10, 2)).eval(D('1.50'))), '-1.50');
  assert.equal(neg(intType()).eval(-2147483648), -2147483648);
  assert.equal(neg(tinyintType()).eval(-128), -128);
  assert.equal(neg(bigintType()).eval(-(2n ** 63n)), -(2n ** 63n));
  assert.equal(Object.is(neg(intType()).eval(0), -0), false);
  assert.equal(neg(doubleType()).eval(null), null);
  assert.ok('error' in bindNegate(stringType()));
});
