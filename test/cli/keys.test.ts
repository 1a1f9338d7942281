// `checkpoint-lab keys`: table and JSON output, defaults, and usage errors (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKeysCommand } from '../../cli/keys.js';

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runKeysCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('--json: exactly an array of {key, keyGroup, subtask} in input order', () => {
  const r = run('--max-parallelism', '128', '--parallelism', '4', '--type', 'java-string', '--json', 'hello', 'a', '');
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.deepEqual(JSON.parse(r.out), [
    { key: 'hello', keyGroup: 35, subtask: 1 },
    { key: 'a', keyGroup: 81, subtask: 2 },
    { key: '', keyGroup: 94, subtask: 2 },
  ]);
});

test('--max-parallelism defaults to computeDefaultMaxParallelism(P)', () => {
  const small = run('--parallelism', '4', '--type', 'java-string', '--json', 'hello');
  assert.deepEqual(JSON.parse(small.out), [{ key: 'hello', keyGroup: 35, subtask: 1 }]);
  // P = 100 → maxP 256: murmurHash(99162322) = 1715862179, % 256 = 163, * 100 / 256 = 63
  const big = run('--parallelism', '100', '--type', 'java-string', '--json', 'hello');
  assert.deepEqual(JSON.parse(big.out), [{ key: 'hello', keyGroup: 1715862179 % 256, subtask: Math.floor((1715862179 % 256) * 100 / 256) }]);
});

test('--keys-json: null, numbers and 64-bit strings, keys echoed as given', () => {
  const r = run('--parallelism', '4', '--type', 'sql-bigint', '--json', '--keys-json', '[42, "9223372036854775807", null, "-9223372036854775808"]');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), [
    { key: 42, keyGroup: 69, subtask: 2 },
    { key: '9223372036854775807', keyGroup: 103, subtask: 3 },
    { key: null, keyGroup: 99, subtask: 3 },
    { key: '-9223372036854775808', keyGroup: 102, subtask: 3 },
  ]);
});

test('negative numbers are keys, not flags', () => {
  const r = run('--parallelism', '2', '--type', 'sql-bigint', '--json', '-1', '0');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), [
    { key: '-1', keyGroup: 65, subtask: 1 },
    { key: '0', keyGroup: 102, subtask: 1 },
  ]);
});

test('human output: aligned table with Flink subtask display and the key-group range', () => {
  const r = run('--max-parallelism', '128', '--parallelism', '4', '--type', 'java-string', 'hello', 'user_1', '');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    [
      'java-string keys, max parallelism 128, parallelism 4',
      'KEY     KEY GROUP  SUBTASK  SUBTASK KEY GROUPS',
      'hello          35  1 (2/4)  32-63',
      'user_1         53  1 (2/4)  32-63',
      '""             94  2 (3/4)  64-95',
      '',
    ].join('\n'),
  );
});

test('usage errors exit 2 and name the bad option or value', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--type', 'java-int', '1'], /missing --parallelism/],
    [['--parallelism', 'x', '--type', 'java-int', '1'], /--parallelism: expected a positive integer, got "x"/],
    [['--parallelism', '0', '--type', 'java-int', '1'], /Operator parallelism not within bounds: 0/],
    [['--parallelism', '8', '--max-parallelism', '4', '--type', 'java-int', '1'], /Maximum parallelism must not be smaller than parallelism/],
    [['--parallelism', '8', '--max-parallelism', '65536', '--type', 'java-int', '1'], /--max-parallelism 65536.*not within bounds/],
    [['--parallelism', '4', '1'], /missing --type/],
    [['--parallelism', '4', '--type', 'java-float', '1'], /unknown key type "java-float"/],
    [['--parallelism', '4', '--type', 'java-int', '1.5'], /--type java-int: key "1.5" is not an integer/],
    [['--parallelism', '4', '--type', 'sql-int', '99999999999'], /out of range for INT/],
    [['--parallelism', '4', '--type', 'java-int'], /no keys given/],
    [['--parallelism', '4', '--type', 'java-int', '--bogus', '1'], /Unknown option '--bogus'/],
    [['--parallelism'], /--parallelism.*argument missing|argument/],
    [['--parallelism', '4', '--type', 'java-string', '--keys-json', '{"a":1}'], /--keys-json: expected a JSON array/],
    [['--parallelism', '4', '--type', 'java-string', '--keys-json', '[1,'], /--keys-json: not valid JSON/],
    [['--parallelism', '4', '--type', 'java-string', '--keys-json', '[null]'], /Assigned key must not be null!/],
    [['--parallelism', '4', '--type', 'java-string', '--keys-json', '["a"]', 'b'], /not both/],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.code, 2, `exit code for ${args.join(' ')}`);
    assert.equal(r.out, '', `no stdout for ${args.join(' ')}`);
    assert.match(r.err, message, `message for ${args.join(' ')}`);
  }
});

test('--help prints usage and exits 0', () => {
  const r = run('--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: checkpoint-lab keys/);
});
