import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration, parseMemorySize } from '../../../runtime/config/duration.js';

test('parseDuration accepts every Flink form, case-insensitively', () => {
  const cases: [string, number][] = [
    ['10 s', 10_000],
    ['10s', 10_000],
    ['10 sec', 10_000],
    ['10 secs', 10_000],
    ['10 second', 10_000],
    ['10 seconds', 10_000],
    ['1 min', 60_000],
    ['1min', 60_000],
    ['1 m', 60_000],
    ['2 minutes', 120_000],
    ['500 ms', 500],
    ['500', 500],
    ['500 milli', 500],
    ['500 millis', 500],
    ['500 millisecond', 500],
    ['500 milliseconds', 500],
    ['2 h', 7_200_000],
    ['2 hours', 7_200_000],
    ['1 d', 86_400_000],
    ['3 days', 259_200_000],
    ['10 S', 10_000],
    ['1 MIN', 60_000],
    ['  42 Ms  ', 42],
    ['2500 us', 2],
    ['2500 µs', 2],
    ['3000000 ns', 3],
    ['7 micros', 0],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
});

test('parseDuration rejects what Flink rejects, with its reasons', () => {
  assert.equal(parseDuration('  '), 'argument is an empty- or whitespace-only string');
  assert.equal(parseDuration('s 10'), 'text does not start with a number');
  assert.equal(parseDuration('-5 s'), 'text does not start with a number');
  const bad = parseDuration('10 seconds x');
  assert.equal(typeof bad, 'string');
  assert.match(bad as string, /unit label 'seconds x' does not match any of the recognized units/);
  assert.equal(typeof parseDuration('1.5 s'), 'string');
});

test('formatDuration prints the largest whole unit', () => {
  assert.equal(formatDuration(200), '200 ms');
  assert.equal(formatDuration(600_000), '10 min');
  assert.equal(formatDuration(3_600_000), '1 h');
  assert.equal(formatDuration(1000), '1 s');
});

test('parseMemorySize understands Flink units', () => {
  assert.equal(parseMemorySize('20 kb'), 20 * 1024);
  assert.equal(parseMemorySize('128mb'), 128 * 1024 * 1024);
  assert.equal(parseMemorySize('1 G'), 1024 ** 3);
  assert.equal(parseMemorySize('4096'), 4096);
  assert.match(parseMemorySize('3 parsecs') as string, /does not match any of the recognized units/);
});
