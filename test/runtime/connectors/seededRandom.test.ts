// Tests of runtime/util/random.ts (kept beside its main user, the datagen source).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../../runtime/util/random.js';

const draw = (r: SeededRandom, n: number) => Array.from({ length: n }, () => r.nextUint32());

test('same seed, same stream; different seeds differ', () => {
  assert.deepEqual(draw(new SeededRandom(42), 20), draw(new SeededRandom(42), 20));
  assert.notDeepEqual(draw(new SeededRandom(42), 20), draw(new SeededRandom(43), 20));
  assert.notDeepEqual(draw(new SeededRandom(0), 5), [0, 0, 0, 0, 0]);
  assert.notDeepEqual(draw(new SeededRandom(2 ** 40), 5), draw(new SeededRandom(0), 5));
});

test('fork depends on the seed and label only, not on draws made before', () => {
  const a = new SeededRandom(7);
  const b = new SeededRandom(7);
  draw(b, 100);
  assert.deepEqual(draw(a.fork('x'), 10), draw(b.fork('x'), 10));
  assert.notDeepEqual(draw(a.fork('x'), 10), draw(a.fork('y'), 10));
  assert.notDeepEqual(draw(a.fork(1), 10), draw(a.fork(2), 10));
  assert.notDeepEqual(draw(a.fork(1), 10), draw(a.fork('1'), 10));
  assert.notDeepEqual(draw(a.fork('x').fork('y'), 10), draw(a.fork('y').fork('x'), 10));
});

test('nextInt is inclusive, uniform-ish and exact over 32-bit ranges', () => {
  const r = new SeededRandom(1);
  const counts = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 60_000; i++) counts[r.nextInt(0, 5)]!++;
  for (const c of counts) assert.ok(c > 9_400 && c < 10_600, String(counts));
  for (let i = 0; i < 1000; i++) {
    const v = r.nextInt(-2147483648, 2147483647);
    assert.ok(Number.isInteger(v) && v >= -2147483648 && v <= 2147483647);
  }
  assert.equal(r.nextInt(5, 5), 5);
  const wide = r.nextInt(0, 2 ** 40);
  assert.ok(Number.isInteger(wide) && wide >= 0 && wide <= 2 ** 40);
});

test('nextLong covers the 64-bit range in the BIGINT representation', () => {
  const r = new SeededRandom(3);
  const min = -(2n ** 63n);
  const max = 2n ** 63n - 1n;
  let bigints = 0;
  for (let i = 0; i < 1000; i++) {
    const v = r.nextLong(min, max);
    if (typeof v === 'bigint') {
      bigints++;
      assert.ok(v >= min && v <= max);
      assert.ok(v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER), 'a safe bigint must be a number');
    } else assert.ok(Number.isSafeInteger(v));
  }
  assert.ok(bigints > 990);
  const small = new Set<unknown>();
  for (let i = 0; i < 200; i++) small.add(r.nextLong(-2, 2));
  assert.deepEqual([...small].sort(), [-1, -2, 0, 1, 2]);
  assert.equal(r.nextLong(max, max), max);
});

test('nextFloat is in [0, 1); nextBoolean is fair; hex strings', () => {
  const r = new SeededRandom(9);
  let sum = 0;
  let trues = 0;
  for (let i = 0; i < 20_000; i++) {
    const f = r.nextFloat();
    assert.ok(f >= 0 && f < 1);
    sum += f;
    if (r.nextBoolean()) trues++;
  }
  assert.ok(Math.abs(sum / 20_000 - 0.5) < 0.01);
  assert.ok(Math.abs(trues / 20_000 - 0.5) < 0.02);
  const h = r.nextHexString(37);
  assert.match(h, /^[0-9a-f]{37}$/);
  assert.equal(r.nextHexString(0), '');
  const chars = new Set(r.nextHexString(2000));
  assert.equal(chars.size, 16);
});

test('state can be saved and restored', () => {
  const r = new SeededRandom(11);
  draw(r, 5);
  const s = r.getState();
  const next = draw(r, 5);
  r.setState(s);
  assert.deepEqual(draw(r, 5), next);
});
