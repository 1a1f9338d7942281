// BinaryRowData key rows: byte images (flink-facts §1.4), hashes, multi-column layout by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyRowHasher, nullBitsSizeInBytes, type KeyFieldSpec } from '../../../runtime/keys/binaryRow.js';
import { computeKeyGroupForKeyHash } from '../../../runtime/keys/keyGroupAssignment.js';
import { hashBytesByWords } from '../../../runtime/keys/murmurHash.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
function unhex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function hashOfBytes(bytes: Uint8Array): number {
  return hashBytesByWords(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
}

test('byte images produced by real Flink (flink-facts §1.4)', () => {
  assert.equal(hex(new KeyRowHasher(['BIGINT']).encodeKeyRow([42])), '00000000000000002a00000000000000');
  assert.equal(hex(new KeyRowHasher(['INTEGER']).encodeKeyRow([-1])), '0000000000000000ffffffff00000000');
  const str = new KeyRowHasher(['VARCHAR']);
  assert.equal(hex(str.encodeKeyRow(['hello'])), '000000000000000068656c6c6f000085');
  assert.equal(hex(str.encodeKeyRow([''])), '00000000000000000000000000000080');
  assert.equal(hex(str.encodeKeyRow(['abcdefgh'])), '000000000000000008000000100000006162636465666768');
  assert.equal(hex(str.encodeKeyRow([null])), '00010000000000000000000000000000');
  assert.equal(hex(new KeyRowHasher(['BIGINT']).encodeKeyRow([null])), '00010000000000000000000000000000');
});

test('spot check: rowdata_bigint 42 → row hash 907821237 → kg 69 @128', () => {
  const h = new KeyRowHasher(['BIGINT']);
  assert.equal(h.hash1(42), 907821237);
  assert.equal(h.hashRow([42]), 907821237);
  assert.equal(computeKeyGroupForKeyHash(h.hash1(42), 128), 69);
  assert.equal(h.keyGroupOf(42, 128), 69);
  assert.equal(h.keyGroupOfRow([42], 128), 69);
});

test('consequences: INT and BIGINT agree for non-negative values; Long.MIN_VALUE hashes like ""', () => {
  const int = new KeyRowHasher(['INTEGER']);
  const big = new KeyRowHasher(['BIGINT']);
  const str = new KeyRowHasher(['VARCHAR']);
  for (const v of [0, 1, 42, 1000, 2147483647]) assert.equal(int.hash1(v), big.hash1(v), `value ${v}`);
  assert.notEqual(int.hash1(-1), big.hash1(-1), 'a negative INT keeps its high word 0, a BIGINT does not');
  assert.equal(big.hash1(-(2n ** 63n)), str.hash1(''));
  assert.equal(int.hash1(null), big.hash1(null));
  assert.equal(int.hash1(null), str.hash1(null));
});

test('BIGINT keys are exact beyond 2^53 (bigint values) and number/bigint agree', () => {
  const big = new KeyRowHasher(['BIGINT']);
  assert.equal(hex(big.encodeKeyRow([2n ** 63n - 1n])), '0000000000000000ffffffffffffff7f');
  assert.equal(hex(big.encodeKeyRow([-(2n ** 63n)])), '00000000000000000000000000000080');
  assert.equal(hex(big.encodeKeyRow([-2])), '0000000000000000feffffffffffffff');
  assert.equal(hex(big.encodeKeyRow([2 ** 40 + 5])), '00000000000000000500000000010000');
  for (const v of [-2, 2 ** 40 + 5, -(2 ** 50) - 1, Number.MAX_SAFE_INTEGER]) {
    assert.equal(big.hash1(v), big.hash1(BigInt(v)));
  }
});

test('strings: UTF-8, inline up to 7 bytes, variable part padded to words', () => {
  const str = new KeyRowHasher(['VARCHAR']);
  // "ü" is 2 bytes (c3 bc), "日本語" 9 bytes, "😀" 4 bytes.
  assert.equal(hex(str.encodeKeyRow(['ü'])), '0000000000000000c3bc000000000082');
  assert.equal(hex(str.encodeKeyRow(['abcdefg'])), '00000000000000006162636465666787');
  assert.equal(hex(str.encodeKeyRow(['😀'])), '0000000000000000f09f988000000084');
  assert.equal(
    hex(str.encodeKeyRow(['日本語'])),
    '0000000000000000' + '0900000010000000' + 'e697a5e69cace8aa9e00000000000000',
  );
  // A lone surrogate is written as '?' like the JDK's encoder.
  assert.equal(hex(str.encodeKeyRow(['a\ud800'])), '0000000000000000613f000000000082');
});

test('hash1 equals the hash of the encoded bytes for every supported type', () => {
  const cases: Array<[KeyFieldSpec, unknown[]]> = [
    ['BOOLEAN', [true, false, null]],
    ['TINYINT', [0, -1, 127, -128, null]],
    ['SMALLINT', [0, -1, 32767, -32768, null]],
    ['INTEGER', [0, -1, 7, -2147483648, null]],
    ['BIGINT', [0, -1, 2 ** 45, -(2n ** 63n), null]],
    ['FLOAT', [0, -0, 1.5, -3.25, NaN, null]],
    ['DOUBLE', [0, 1.5, -1e300, Infinity, null]],
    ['DECIMAL', [{ unscaled: 12345n }, { unscaled: -1n }, null]],
    ['CHAR', ['x', 'abcdefghijklmnopq', null]],
    ['VARCHAR', ['', 'hello', 'naïve café', '😀😀😀', null]],
    ['DATE', [0, 19000, -1, null]],
    ['TIME_WITHOUT_TIME_ZONE', [0, 86399999, null]],
    ['TIMESTAMP_WITHOUT_TIME_ZONE', [0, 1700000000123, -1, null]],
    ['TIMESTAMP_WITH_LOCAL_TIME_ZONE', [1700000000123, null]],
    ['INTERVAL_DAY_TIME', [86400000, null]],
    ['INTERVAL_YEAR_MONTH', [14, null]],
    ['NULL', [null]],
    [{ root: 'TIMESTAMP_WITHOUT_TIME_ZONE', precision: 6 }, [1000, null]],
    [{ root: 'DECIMAL', precision: 20 }, [{ unscaled: 12345n }, null]],
  ];
  for (const [type, values] of cases) {
    const h = new KeyRowHasher([type]);
    for (const v of values) {
      const bytes = h.encodeKeyRow([v]);
      assert.equal(bytes.length % 8, 0);
      assert.equal(h.hash1(v), hashOfBytes(bytes), `${JSON.stringify(type)} ${String(v)}`);
    }
  }
});

test('fixed-width slots: boolean, tinyint, smallint, float, double, date, decimal', () => {
  const one = (t: KeyFieldSpec, v: unknown) => hex(new KeyRowHasher([t]).encodeKeyRow([v])).slice(16);
  assert.equal(one('BOOLEAN', true), '0100000000000000');
  assert.equal(one('TINYINT', -1), 'ff00000000000000');
  assert.equal(one('SMALLINT', -2), 'feff000000000000');
  assert.equal(one('FLOAT', 1.5), '0000c03f00000000');
  assert.equal(one('DOUBLE', 1.5), '000000000000f83f');
  assert.equal(one('DATE', 19000), '384a000000000000');
  assert.equal(one('DECIMAL', { unscaled: -5n }), 'fbffffffffffffff');
  assert.equal(one('TIMESTAMP_WITHOUT_TIME_ZONE', 1000), 'e803000000000000');
});

test('non-compact TIMESTAMP(6) and DECIMAL(20) use the variable part', () => {
  const ts = new KeyRowHasher([{ root: 'TIMESTAMP_WITHOUT_TIME_ZONE', precision: 6 }]);
  // slot = (offset 16 << 32) | nanoOfMillisecond 0; var part = millis as a long.
  assert.equal(hex(ts.encodeKeyRow([1000])), '0000000000000000' + '0000000010000000' + 'e803000000000000');
  assert.equal(hex(ts.encodeKeyRow([null])), '0001000000000000' + '0000000010000000' + '0000000000000000');
  const dec = new KeyRowHasher([{ root: 'DECIMAL', precision: 20 }]);
  // BigInteger(12345).toByteArray() = 30 39; slot = (offset 16 << 32) | 2; 16 reserved bytes.
  assert.equal(hex(dec.encodeKeyRow([{ unscaled: 12345n }])), '0000000000000000' + '0200000010000000' + '3039' + '00'.repeat(14));
  assert.equal(hex(dec.encodeKeyRow([{ unscaled: 128n }])).slice(32, 36), '0080');
  assert.equal(hex(dec.encodeKeyRow([{ unscaled: -1n }])).slice(16, 40), '0100000010000000ff000000');
});

test('multi-column layout derived by hand from the BinaryRowWriter rules', () => {
  const h = new KeyRowHasher(['INTEGER', 'VARCHAR', 'BIGINT', 'VARCHAR', 'VARCHAR']);
  assert.equal(h.nullBitsSize, 8);
  assert.equal(h.fixedSize, 8 + 5 * 8);
  const values = [7, 'abcdefghij', null, 'hi', 'abcdefghijklmnopqr'];
  const expected = unhex(
    // null bits: field 2 → bit 10 → byte 1, mask 0x04; header byte 0 = 0
    '0004000000000000' +
      '0700000000000000' + // INT 7
      '0a00000030000000' + // len 10 at offset 48 (the fixed part's size)
      '0000000000000000' + // NULL BIGINT
      '6869000000000082' + // "hi" inline, 0x80|2
      '1200000040000000' + // len 18 at offset 48 + 16 = 64
      '6162636465666768696a000000000000' + // "abcdefghij" padded to 16
      '6162636465666768696a6b6c6d6e6f707172000000000000', // 18 bytes padded to 24
  );
  const bytes = h.encodeKeyRow(values);
  assert.equal(hex(bytes), hex(expected));
  assert.equal(h.hashRow(values), hashOfBytes(expected));
  // Re-encoding a shorter row after a longer one leaves no stale bytes in the hash.
  const short = ['x', 1, 'y', 'z'];
  const h2 = new KeyRowHasher(['VARCHAR', 'INTEGER', 'VARCHAR', 'VARCHAR']);
  h2.hashRow(['a very long string number one', 5, 'another long string value', 'x']);
  assert.equal(h2.hashRow(short), hashOfBytes(new KeyRowHasher(['VARCHAR', 'INTEGER', 'VARCHAR', 'VARCHAR']).encodeKeyRow(short)));
  assert.throws(() => h.hash1(1), /one-field/);
  assert.throws(() => h.hashRow([1]), /5 fields/);
});

test('null-bit region grows past 56 fields', () => {
  assert.equal(nullBitsSizeInBytes(1), 8);
  assert.equal(nullBitsSizeInBytes(56), 8);
  assert.equal(nullBitsSizeInBytes(57), 16);
  assert.equal(nullBitsSizeInBytes(120), 16);
  assert.equal(nullBitsSizeInBytes(121), 24);
  const types = new Array<KeyFieldSpec>(60).fill('INTEGER');
  const values = new Array<unknown>(60).fill(1);
  values[59] = null;
  const bytes = new KeyRowHasher(types).encodeKeyRow(values);
  assert.equal(bytes.length, 16 + 60 * 8);
  // field 59 → bit 67 → byte 8, mask 1 << 3
  assert.equal(bytes[8], 0x08);
  assert.equal(bytes[16], 1);
});
