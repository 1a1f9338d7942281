// Flink's two murmur3 passes: MathUtils.murmurHash(int) (key hash → key group) and
// MurmurHashUtils.hashBytesByWords (BinaryRowData.hashCode). Pure integer math; imports nothing.

/** Murmur3 block mix of one 32-bit word `k1` (int arithmetic, wrapping). */
export function mixK1(k1: number): number {
  k1 = Math.imul(k1, 0xcc9e2d51);
  k1 = (k1 << 15) | (k1 >>> 17);
  return Math.imul(k1, 0x1b873593);
}

/** Murmur3 state update of `h1` with an already mixed word `k1`; returns the new int state. */
export function mixH1(h1: number, k1: number): number {
  h1 ^= k1;
  h1 = (h1 << 13) | (h1 >>> 19);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

/** Murmur3 finalisation: `h1 ^= length` (bytes), then fmix32. Returns a signed int. */
export function fmix(h1: number, length: number): number {
  h1 ^= length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1;
}

/**
 * `MathUtils.murmurHash(int)`: one murmur3 round of the 4-byte block `code` (seed 0, length 4),
 * folded to a non-negative int (`Integer.MIN_VALUE` → 0). Input: any int (signed or unsigned
 * 32-bit view); output in [0, 2^31).
 */
export function murmurHash(code: number): number {
  const h = fmix(mixH1(0, mixK1(code | 0)), 4);
  if (h >= 0) return h;
  if (h !== -2147483648) return -h;
  return 0;
}

/** The seed of `MurmurHashUtils` as BinaryRowData uses it (`DEFAULT_SEED = 42`). */
export const BINARY_ROW_HASH_SEED = 42;

/**
 * `MurmurHashUtils.hashBytesByWords(segment, offset, length)` with seed 42 over `length` bytes of
 * `view` starting at `offset`, reading each word little-endian (Flink's native order on x86/ARM).
 * `length` must be a multiple of 4 (a broken invariant otherwise). Returns a signed int.
 */
export function hashBytesByWords(view: DataView, offset: number, length: number): number {
  if ((length & 3) !== 0) throw new Error(`hashBytesByWords: length ${length} is not a multiple of 4`);
  let h1 = BINARY_ROW_HASH_SEED;
  for (let i = 0; i < length; i += 4) h1 = mixH1(h1, mixK1(view.getInt32(offset + i, true)));
  return fmix(h1, length);
}
