// Java `hashCode()` of the DataStream key classes Flink hashes: String, Integer, Long.
// Pure integer math; imports nothing.

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** `java.lang.String.hashCode()`: `h = 31*h + c` over UTF-16 code units, int wrap; "" → 0. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** `java.lang.Integer.hashCode()`: the value itself (given as an int; wrapped to 32 bits). */
export function javaIntHash(n: number): number {
  return n | 0;
}

/**
 * `java.lang.Long.hashCode()`: `(int)(value ^ (value >>> 32))`. Exact for every 64-bit value:
 * `v` is a safe-integer number or a bigint in [Long.MIN_VALUE, Long.MAX_VALUE]. Throws on a
 * non-integer or out-of-range value (a broken invariant; validate user input first).
 */
export function javaLongHash(v: number | bigint): number {
  let lo: number;
  let hi: number;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`javaLongHash: ${v} is not a safe integer`);
    lo = v >>> 0;
    hi = Math.floor(v / 4294967296) | 0;
  } else {
    if (v < LONG_MIN || v > LONG_MAX) throw new Error(`javaLongHash: ${v} is out of the 64-bit range`);
    lo = Number(BigInt.asUintN(32, v));
    hi = Number(BigInt.asIntN(32, v >> 32n));
  }
  return (lo ^ hi) | 0;
}

