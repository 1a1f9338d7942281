// KeyGroupRangeAssignment, MathUtils.murmurHash and the Java hashCodes (flink-facts.md §1.1–1.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { javaIntHash, javaLongHash, javaStringHash } from '../../../runtime/keys/javaHashCodes.js';
import {
  checkMaxParallelismPreconditions,
  checkParallelismPreconditions,
  computeDefaultMaxParallelism,
  computeKeyGroupForKeyHash,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
  roundUpToPowerOfTwo,
} from '../../../runtime/keys/keyGroupAssignment.js';
import { KeyGroupRange } from '../../../runtime/keys/keyGroupRange.js';
import { murmurHash } from '../../../runtime/keys/murmurHash.js';

test('spot check: String "hello" (flink-facts §2)', () => {
  assert.equal(javaStringHash('hello'), 99162322);
  assert.equal(murmurHash(99162322), 1715862179);
  assert.equal(computeKeyGroupForKeyHash(99162322, 128), 35);
  assert.equal(computeOperatorIndexForKeyGroup(128, 4, 35), 1);
  assert.equal(computeKeyGroupForKeyHash(99162322, 4096), 2723);
  assert.equal(computeOperatorIndexForKeyGroup(4096, 7, 2723), 4);
});

test('Java String.hashCode: UTF-16 code units, int wrap', () => {
  assert.equal(javaStringHash(''), 0);
  assert.equal(javaStringHash('a'), 97);
  assert.equal(javaStringHash('ab'), 97 * 31 + 98);
  // 😀 is the surrogate pair D83D DE00.
  assert.equal(javaStringHash('😀'), (0xd83d * 31 + 0xde00) | 0);
  // Overflow wraps like Java: "polygenelubricants".hashCode() == Integer.MIN_VALUE.
  assert.equal(javaStringHash('polygenelubricants'), -2147483648);
});

test('Java Integer/Long.hashCode, exact over the 64-bit range', () => {
  assert.equal(javaIntHash(-123456), -123456);
  assert.equal(javaIntHash(2147483647), 2147483647);
  assert.equal(javaLongHash(0), 0);
  assert.equal(javaLongHash(-1), 0);
  assert.equal(javaLongHash(-1n), 0);
  assert.equal(javaLongHash(42), 42);
  assert.equal(javaLongHash(-(2n ** 63n)), -2147483648);
  assert.equal(javaLongHash(2n ** 63n - 1n), -2147483648);
  assert.equal(javaLongHash(2 ** 32), 1);
  assert.equal(javaLongHash(-(2 ** 32)), -1);
  // 1234567890123 = 0x0000011F_71FB04CB → 0x11F ^ 0x71FB04CB
  assert.equal(javaLongHash(1234567890123), (0x11f ^ 0x71fb04cb) | 0);
  for (const v of [1, -5, 2 ** 40 + 7, -(2 ** 45) - 3, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
    assert.equal(javaLongHash(v), javaLongHash(BigInt(v)), `number and bigint agree for ${v}`);
  }
  assert.throws(() => javaLongHash(2n ** 63n));
  assert.throws(() => javaLongHash(0.5));
});

test('Integer keys: the hash is the value, so kg = murmurHash(value) % maxP', () => {
  for (const v of [0, 1, -1, 2, 42, 1000, -123456, 2147483647, -2147483648]) {
    const kg = computeKeyGroupForKeyHash(javaIntHash(v), 128);
    assert.equal(kg, murmurHash(v) % 128);
    assert.ok(kg >= 0 && kg < 128);
  }
});

test('murmurHash is non-negative and deterministic', () => {
  let x = 12345;
  for (let i = 0; i < 2000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    const h = murmurHash(x);
    assert.ok(Number.isInteger(h) && h >= 0 && h <= 2147483647, `murmurHash(${x}) = ${h}`);
  }
  assert.equal(murmurHash(-1 >>> 0), murmurHash(-1), 'unsigned and signed views of an int agree');
});

test('roundUpToPowerOfTwo and computeDefaultMaxParallelism (verified values)', () => {
  assert.deepEqual([1, 2, 3, 5, 64, 65, 129].map(roundUpToPowerOfTwo), [1, 2, 4, 8, 64, 128, 256]);
  for (let p = 1; p <= 85; p++) assert.equal(computeDefaultMaxParallelism(p), 128, `p=${p}`);
  assert.equal(computeDefaultMaxParallelism(86), 256);
  assert.equal(computeDefaultMaxParallelism(100), 256);
  assert.equal(computeDefaultMaxParallelism(128), 256);
  assert.equal(computeDefaultMaxParallelism(1000), 2048);
  assert.equal(computeDefaultMaxParallelism(20000), 32768);
  assert.equal(computeDefaultMaxParallelism(32768), 32768);
  assert.throws(() => computeDefaultMaxParallelism(0), /Operator parallelism not within bounds: 0/);
});

test('parallelism preconditions return messages', () => {
  assert.equal(checkParallelismPreconditions(1), undefined);
  assert.equal(checkParallelismPreconditions(32768), undefined);
  assert.equal(checkParallelismPreconditions(0), 'Operator parallelism not within bounds: 0');
  assert.equal(checkParallelismPreconditions(32769), 'Operator parallelism not within bounds: 32769');
  assert.equal(checkParallelismPreconditions(2.5), 'Operator parallelism not within bounds: 2.5');
  assert.equal(checkMaxParallelismPreconditions(128, 4), undefined);
  assert.equal(checkMaxParallelismPreconditions(4, 8), 'Maximum parallelism must not be smaller than parallelism.');
  assert.match(checkMaxParallelismPreconditions(65536, 8)!, /Maximum parallelism not within bounds: 65536/);
});

function ranges(maxP: number, p: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < p; i++) {
    const r = computeKeyGroupRangeForOperatorIndex(maxP, p, i);
    out.push(`${r.startKeyGroup}-${r.endKeyGroup}`);
  }
  return out;
}

test('example key-group ranges for maxP = 128 (flink-facts §1.1)', () => {
  assert.deepEqual(ranges(128, 2), ['0-63', '64-127']);
  assert.deepEqual(ranges(128, 3), ['0-42', '43-85', '86-127']);
  assert.deepEqual(ranges(128, 4), ['0-31', '32-63', '64-95', '96-127']);
  assert.deepEqual(ranges(128, 7), ['0-18', '19-36', '37-54', '55-73', '74-91', '92-109', '110-127']);
});

test('ranges and operator index agree for every key group (several shapes)', () => {
  for (const [maxP, p] of [[128, 7], [4096, 7], [32768, 3], [10, 10], [128, 1]] as const) {
    for (let kg = 0; kg < maxP; kg += maxP > 1000 ? 97 : 1) {
      const idx = computeOperatorIndexForKeyGroup(maxP, p, kg);
      assert.ok(computeKeyGroupRangeForOperatorIndex(maxP, p, idx).contains(kg), `maxP=${maxP} p=${p} kg=${kg}`);
    }
  }
  assert.throws(() => computeKeyGroupRangeForOperatorIndex(4, 8, 0), /must not be smaller/);
  assert.throws(() => computeKeyGroupRangeForOperatorIndex(128, 4, 4), /out of range/);
});

test('KeyGroupRange', () => {
  const r = computeKeyGroupRangeForOperatorIndex(128, 4, 0);
  assert.equal(r.toString(), 'KeyGroupRange{startKeyGroup=0, endKeyGroup=31}');
  assert.equal(r.numberOfKeyGroups, 32);
  assert.ok(r.contains(0) && r.contains(31) && !r.contains(32) && !r.contains(-1));
  assert.equal(r.getKeyGroupId(5), 5);
  assert.equal(r.getIntersection(new KeyGroupRange(20, 40)).toString(), 'KeyGroupRange{startKeyGroup=20, endKeyGroup=31}');
  const empty = r.getIntersection(new KeyGroupRange(50, 60));
  assert.equal(empty, KeyGroupRange.EMPTY_KEY_GROUP_RANGE);
  assert.equal(empty.numberOfKeyGroups, 0);
  assert.ok(!empty.contains(0));
  assert.ok(KeyGroupRange.of(3, 3).equals(new KeyGroupRange(3, 3)));
  assert.throws(() => new KeyGroupRange(5, 4));
  assert.throws(() => new KeyGroupRange(-1, 4));
});
