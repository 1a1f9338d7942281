// Durations in scenario files: Flink's syntax plus exact decimal fractions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFaultDuration, parseFaultDuration } from '../../../runtime/faults/faultDuration.js';

test('parses Flink durations and decimal fractions exactly', () => {
  const cases: [string, number][] = [
    ['500ms', 500],
    ['2.5s', 2500],
    ['1 min', 60_000],
    ['1.5 min', 90_000],
    ['0.001s', 1],
    ['1.2345s', 1234],
    ['0.1 h', 360_000],
    ['2.5', 2],
    ['3', 3],
    ['1500 us', 1],
    ['0.5d', 43_200_000],
  ];
  for (const [text, ms] of cases) assert.equal(parseFaultDuration(text), ms, text);
});

test('rejects bad units, negatives and non-numbers with a message', () => {
  assert.match(String(parseFaultDuration('2.5 sex')), /unit label 'sex' does not match/);
  assert.match(String(parseFaultDuration('10 sex')), /unit label 'sex'/);
  assert.match(String(parseFaultDuration('-1s')), /negative/);
  assert.match(String(parseFaultDuration('soon')), /does not start with a number/);
});

test('formatFaultDuration reads back exactly', () => {
  for (const ms of [0, 1, 999, 1000, 1001, 2500, 59_999, 60_000, 123_456_789]) {
    assert.equal(parseFaultDuration(formatFaultDuration(ms)), ms, String(ms));
  }
  assert.equal(formatFaultDuration(2500), '2.5s');
  assert.equal(formatFaultDuration(250), '250ms');
});
