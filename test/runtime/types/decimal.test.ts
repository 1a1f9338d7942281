// The Decimal value: BigDecimal text, exact arithmetic, HALF_UP rounding, DECIMAL overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from '../../../runtime/types/decimal.js';

const D = (s: string) => Decimal.parse(s);

test('toString is BigDecimal.toString, toPlainString never uses exponents', () => {
  const cases: [string, string, string][] = [
    ['1.50', '1.50', '1.50'], ['-0.05', '-0.05', '-0.05'], ['0', '0', '0'], ['0.000001', '0.000001', '0.000001'],
    ['0.0000001', '1E-7', '0.0000001'], ['0.00000010', '1.0E-7', '0.00000010'], ['1e3', '1E+3', '1000'], ['-1.2E-10', '-1.2E-10', '-0.00000000012'],
    ['123.456e2', '12345.6', '12345.6'], ['.5', '0.5', '0.5'], ['+7', '7', '7'],
  ];
  for (const [input, s, plain] of cases) {
    assert.equal(D(input).toString(), s, input);
    assert.equal(D(input).toPlainString(), plain, input);
  }
  assert.equal(Decimal.tryParse('1.2.3'), undefined);
  assert.equal(Decimal.tryParse(''), undefined);
  assert.equal(Decimal.tryParse('.'), undefined);
  assert.equal(Decimal.tryParse('1e'), undefined);
});

test('fromNumber is BigDecimal.valueOf(double)', () => {
  assert.equal(Decimal.fromNumber(0.1).toString(), '0.1');
  assert.equal(Decimal.fromNumber(100).toString(), '100.0');
  assert.equal(Decimal.fromNumber(1e7).toString(), '1.0E+7');
  assert.throws(() => Decimal.fromNumber(NaN));
});

test('arithmetic is exact; setScale is HALF_UP away from zero', () => {
  assert.equal(D('1.10').add(D('2.205')).toString(), '3.305');
  assert.equal(D('1.10').subtract(D('2.205')).toString(), '-1.105');
  assert.equal(D('1.5').multiply(D('-0.25')).toString(), '-0.375');
  assert.equal(D('2.5').setScale(0).toString(), '3');
  assert.equal(D('-2.5').setScale(0).toString(), '-3');
  assert.equal(D('2.449').setScale(1).toString(), '2.4');
  assert.equal(D('1.005').setScale(2).toString(), '1.01');
  assert.equal(D('7').setScale(2).toString(), '7.00');
  assert.equal(D('-7.9').truncateToScale(0).toString(), '-7');
  assert.equal(D('7.3').remainder(D('2'))!.toString(), '1.3');
  assert.equal(D('-7.3').remainder(D('2'))!.toString(), '-1.3');
  assert.equal(D('1').remainder(D('0')), undefined);
});

test('divide rounds to 38 significant digits HALF_UP like MathContext(38, HALF_UP)', () => {
  assert.equal(D('1').divide(D('3'))!.toString(), '0.33333333333333333333333333333333333333');
  assert.equal(D('2').divide(D('3'))!.toString(), '0.66666666666666666666666666666666666667');
  assert.equal(D('10').divide(D('4'))!.toString(), '2.5');
  assert.equal(D('-1').divide(D('8'))!.toString(), '-0.125');
  assert.equal(D('6.00').divide(D('2'))!.toString(), '3.00');
  assert.equal(D('1').divide(D('0')), undefined);
});

test('toDecimalType: values that need more than p digits become null (Flink DecimalData)', () => {
  assert.equal(D('123.456').toDecimalType(5, 2)!.toString(), '123.46');
  assert.equal(D('1234.5').toDecimalType(5, 2), null);
  assert.equal(D('999.995').toDecimalType(5, 2), null);
  assert.equal(D('0.001').toDecimalType(3, 2)!.toString(), '0.00');
});

test('compare, precision, number and integral views', () => {
  assert.equal(D('1.0').compareTo(D('1.00')), 0);
  assert.equal(D('-1').compareTo(D('0.5')), -1);
  assert.ok(D('2.50').equals(D('2.5')));
  assert.equal(D('0.05').precision(), 1);
  assert.equal(D('-123.45').precision(), 5);
  assert.equal(D('0').precision(), 1);
  assert.equal(D('0.1').toNumber(), 0.1);
  assert.equal(D('-9.99').toBigInt(), -9n);
  assert.equal(D('1e3').toBigInt(), 1000n);
  assert.equal(JSON.stringify({ x: D('1.50') }), '{"x":"1.50"}');
});
