// Checkpoint data encoding: every value kind of the runtime round-trips exactly, and bad bytes are
// a CorruptCheckpointError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CorruptCheckpointError,
  DECIMAL_EXTENSION_TYPE,
  decodeCheckpointData,
  encodeCheckpointData,
} from '../../../runtime/checkpoint/encoding.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import { Packr } from 'msgpackr';

const roundTrip = (v: unknown): unknown => decodeCheckpointData(encodeCheckpointData(v));

test('numbers round-trip as numbers, never as bigints', () => {
  const values = [0, 1, -1, 127, 128, -33, 255, 65536, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0.1, -1.5e-300, 1.7976931348623157e308, Number.MIN_VALUE, Infinity, -Infinity];
  for (const v of values) {
    const r = roundTrip(v);
    assert.equal(typeof r, 'number', `type of ${v}`);
    assert.equal(r, v);
  }
  assert.ok(Number.isNaN(roundTrip(NaN)));
});

test('BIGINT values beyond 2^53 and wide DECIMAL unscaled values keep every digit', () => {
  const values = [
    2n ** 53n + 1n,
    -(2n ** 53n) - 1n,
    9223372036854775807n,
    -9223372036854775808n,
    18446744073709551615n,
    2n ** 64n,
    10n ** 38n - 1n,
    -(10n ** 38n - 1n),
    2n ** 127n + 12345n,
    0n,
    5n,
  ];
  for (const v of values) {
    const r = roundTrip(v);
    assert.equal(typeof r, 'bigint', `type of ${v}`);
    assert.equal(r, v);
  }
});

test('strings, booleans, null, undefined, arrays', () => {
  const values = ['', 'user-1', 'ünïcødé ✓ 𝄞', 'x'.repeat(70000), true, false, null, [1, 'a', null, [2n ** 60n, [true]]], []];
  for (const v of values) assert.deepEqual(roundTrip(v), v);
  assert.equal(roundTrip(undefined), undefined);
});

test('Maps keep non-string keys of every kind, nested, distinct from plain objects', () => {
  const inner = new Map<unknown, unknown>([['a', 1], [2, 'b']]);
  const m = new Map<unknown, unknown>([
    [1, 'one'],
    ['1', 'string one'],
    [null, 'null key'],
    [2n ** 60n, 'bigint key'],
    [-7, inner],
    [true, { count: 3, sum: 2n ** 70n }],
    ['empty', new Map()],
  ]);
  const r = roundTrip(m) as Map<unknown, unknown>;
  assert.ok(r instanceof Map);
  assert.deepEqual([...r.keys()], [1, '1', null, 2n ** 60n, -7, true, 'empty']);
  assert.deepEqual(r, m);
  assert.ok(r.get(-7) instanceof Map);
  const obj = r.get(true);
  assert.ok(!(obj instanceof Map));
  assert.equal(Object.getPrototypeOf(obj), Object.prototype);
});

test('plain objects stay plain objects, with the same fields', () => {
  const o = { a: 1, b: { c: 'x', d: [1, 2] }, e: {}, f: new Map([[1, { g: null }]]) };
  const r = roundTrip(o) as typeof o;
  assert.deepEqual(r, o);
  assert.ok(!(r.e instanceof Map));
  // Many objects of one shape, then a fresh decode of a later buffer (no shared structures).
  for (let i = 0; i < 50; i++) encodeCheckpointData({ count: i, sum: i });
  assert.deepEqual(roundTrip({ count: 9, sum: 18 }), { count: 9, sum: 18 });
  // More object shapes than msgpackr has one-byte record ids, and a wide object.
  const shapes = Array.from({ length: 300 }, (_, i) => ({ [`f${i}`]: i, common: i, [`g${i % 7}`]: [i] }));
  assert.deepEqual(roundTrip(shapes), shapes);
  const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
  assert.deepEqual(roundTrip(wide), wide);
});

test('keyed state of many keys round-trips (1e4 keys, accumulators as objects)', () => {
  const table = new Map<unknown, unknown>();
  for (let i = 0; i < 10000; i++) table.set(i % 3 === 0 ? `user-${i}` : i, { count: i, sum: BigInt(i) * 2n ** 55n, max: i / 7 });
  const state = new Map([[17, new Map([['cnt', table]])]]);
  assert.deepEqual(roundTrip(state), state);
});

test('DECIMAL values come back as Decimal instances with the same unscaled value and scale', () => {
  const values = [Decimal.fromUnscaled(12345n, 2), Decimal.fromUnscaled(-(10n ** 38n - 1n), 10), Decimal.fromUnscaled(0n, 0), Decimal.parse('1.5E+3'), Decimal.fromUnscaled(7n, 18)];
  const r = roundTrip(new Map<unknown, unknown>([['k', values], [Decimal.fromUnscaled(1n, 1), 'decimal key']])) as Map<unknown, unknown>;
  for (const [i, d] of (r.get('k') as Decimal[]).entries()) {
    assert.ok(d instanceof Decimal);
    assert.equal(d.unscaled, values[i]!.unscaled);
    assert.equal(d.scale, values[i]!.scale);
  }
  const key = [...r.keys()][1];
  assert.ok(key instanceof Decimal && key.unscaled === 1n && key.scale === 1);
  // Written as the extension (fixext 1 with type 1), not as a record of its fields.
  const bytes = encodeCheckpointData(Decimal.fromUnscaled(1n, 0));
  assert.equal(bytes[0], 0xd4);
  assert.equal(bytes[1], DECIMAL_EXTENSION_TYPE);
  // A plain object with the same fields stays a plain object.
  const plain = roundTrip({ unscaled: 5n, scale: 1 });
  assert.ok(!(plain instanceof Decimal));
  assert.deepEqual(plain, { unscaled: 5n, scale: 1 });
});

test('values checkpoints never contain (Sets, Dates, MessagePack 0xC1) are rejected on decode', () => {
  const foreign = new Packr({ moreTypes: true, useRecords: false });
  for (const v of [new Set([1]), new Date(0), new Map([[1, [new Uint16Array(2)]]])]) {
    assert.throws(() => decodeCheckpointData(foreign.pack(v)), (e: unknown) => e instanceof CorruptCheckpointError && /never contain/.test(e.problem));
  }
});

test('bytes that are not one encoded value are a CorruptCheckpointError', () => {
  const good = encodeCheckpointData(new Map([[1, 'x'.repeat(100)]]));
  const cases: Uint8Array[] = [good.subarray(0, good.length - 10), new Uint8Array([0xc1]), new Uint8Array([0x91, 0xc1]), new Uint8Array([...good, 0x01]), new Uint8Array(0)];
  for (const bytes of cases) {
    assert.throws(() => decodeCheckpointData(bytes), (e: unknown) => e instanceof CorruptCheckpointError && e.path === undefined && e.problem.length > 0);
  }
  const e = new CorruptCheckpointError('bad').withPath('/x/_metadata');
  assert.equal(e.message, '/x/_metadata: bad');
  assert.equal(e.path, '/x/_metadata');
});

test('-0 is written as 0 (a documented limitation of the MessagePack integer encoding)', () => {
  assert.ok(Object.is(roundTrip(-0), 0));
});
