// assignKey: the key-type dispatch used by the `keys` command and the partition visualiser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignKey, isKeyType, keyHash } from '../../../runtime/keys/keyTypes.js';

test('java-string "hello" at maxP 128 / 4096', () => {
  assert.deepEqual(assignKey('java-string', 'hello', 128, 4), { ok: true, keyGroup: 35, subtask: 1 });
  assert.deepEqual(assignKey('java-string', 'hello', 4096, 7), { ok: true, keyGroup: 2723, subtask: 4 });
});

test('sql-bigint 42 → kg 69; sql-int equals sql-bigint for non-negative values', () => {
  assert.deepEqual(assignKey('sql-bigint', '42', 128, 4), { ok: true, keyGroup: 69, subtask: 2 });
  assert.deepEqual(assignKey('sql-bigint', 42, 128, 4), assignKey('sql-int', 42, 128, 4));
  assert.deepEqual(assignKey('sql-bigint', 42n, 128, 4), assignKey('sql-int', '42', 128, 4));
});

test('java-int hash is the value; java-long accepts 64-bit text and bigint', () => {
  assert.deepEqual(keyHash('java-int', '-123456'), { ok: true, hash: -123456 });
  assert.deepEqual(keyHash('java-long', '-9223372036854775808'), { ok: true, hash: -2147483648 });
  assert.deepEqual(keyHash('java-long', 9223372036854775807n), { ok: true, hash: -2147483648 });
  assert.deepEqual(keyHash('java-long', '+7'), { ok: true, hash: 7 });
});

test('SQL NULL keys are allowed for sql-* (Flink hashes the null row)', () => {
  const a = assignKey('sql-string', null, 128, 128);
  assert.ok(a.ok);
  assert.deepEqual(assignKey('sql-bigint', null, 128, 128), { ok: true, keyGroup: 99, subtask: 99 });
});

test('invalid keys are errors, not exceptions', () => {
  assert.deepEqual(assignKey('java-string', null, 128, 4), { ok: false, error: 'Assigned key must not be null!' });
  assert.deepEqual(assignKey('java-long', null, 128, 4), { ok: false, error: 'Assigned key must not be null!' });
  assert.match((assignKey('java-int', '1.5', 128, 4) as { error: string }).error, /not an integer/);
  assert.match((assignKey('sql-int', 'abc', 128, 4) as { error: string }).error, /"abc" is not an integer \(INT expected\)/);
  assert.match((assignKey('java-int', '2147483648', 128, 4) as { error: string }).error, /out of range for Integer/);
  assert.match((assignKey('sql-bigint', '9223372036854775808', 128, 4) as { error: string }).error, /out of range for BIGINT/);
  assert.match((assignKey('java-long', 2 ** 60, 128, 4) as { error: string }).error, /give it as a string/);
  assert.match((assignKey('sql-string', 5, 128, 4) as { error: string }).error, /not a string/);
});

test('invalid parallelism is an error', () => {
  assert.deepEqual(assignKey('java-int', 1, 4, 8), { ok: false, error: 'Maximum parallelism must not be smaller than parallelism.' });
  assert.deepEqual(assignKey('java-int', 1, 128, 0), { ok: false, error: 'Operator parallelism not within bounds: 0' });
  assert.match((assignKey('java-int', 1, 40000, 8) as { error: string }).error, /Maximum parallelism not within bounds: 40000/);
});

test('isKeyType', () => {
  assert.ok(isKeyType('sql-bigint'));
  assert.ok(!isKeyType('sql-long'));
});
