// A small seeded PRNG (xoshiro128**, seeded through splitmix32) for every random choice a run makes.
// Imports nothing of ours; allocates nothing per call except the bigints and strings it returns.

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const HEX = '0123456789abcdef';

/** One splitmix32 step: returns the next state and leaves the mixed output in `out[0]`. */
function splitmix32(state: number, out: Uint32Array): number {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  out[0] = (z ^ (z >>> 15)) >>> 0;
  return s;
}

/** Folds any JS number (including non-integers and values past 2^32) into 32 bits. */
function foldSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0x5eed;
  if (Number.isInteger(seed) && Math.abs(seed) < TWO_POW_53) {
    const lo = seed % TWO_POW_32;
    const hi = Math.floor(seed / TWO_POW_32);
    return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
  }
  // Non-integer or huge: hash the decimal text.
  return hashLabel(String(seed));
}

/** FNV-1a over the UTF-16 code units of `text`. */
function hashLabel(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * A deterministic random stream. The same seed gives the same sequence on every machine.
 * `fork(label)` derives an independent stream from this stream's seed and the label only, so a
 * fork does not depend on how many values were drawn before it.
 */
export class SeededRandom {
  /** The 32-bit key this stream was seeded from (used to derive forks). */
  readonly key: number;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** @param seed any number; integers up to 2^53 are used exactly, others are hashed */
  constructor(seed: number) {
    this.key = foldSeed(seed);
    const out = new Uint32Array(1);
    let st = this.key | 0;
    st = splitmix32(st, out);
    this.s0 = out[0]!;
    st = splitmix32(st, out);
    this.s1 = out[0]!;
    st = splitmix32(st, out);
    this.s2 = out[0]!;
    splitmix32(st, out);
    this.s3 = out[0]!;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // xoshiro must not be all-zero
  }

  /** Derives an independent stream for `label` (e.g. a subtask index or a field name). */
  fork(label: string | number): SeededRandom {
    const h = hashLabel(typeof label === 'number' ? `#${label}` : label);
    const mixed = (Math.imul(this.key ^ 0x6a09e667, 0x85ebca6b) ^ Math.imul(h, 0xc2b2ae35)) >>> 0;
    return new SeededRandom(mixed);
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = (s1 ^ n2) >>> 0;
    this.s0 = (s0 ^ n3) >>> 0;
    this.s2 = (n2 ^ t) >>> 0;
    this.s3 = ((n3 << 11) | (n3 >>> 21)) >>> 0;
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A fair coin. */
  nextBoolean(): boolean {
    return this.nextUint32() >= 0x80000000;
  }

  /**
   * A uniform integer in [minIncl, maxIncl], both inclusive (as commons-math `nextInt(lower, upper)`).
   * Exact for any range up to 2^32 values; wider ranges (up to 2^53) go through `nextLong`.
   */
  nextInt(minIncl: number, maxIncl: number): number {
    if (maxIncl < minIncl) throw new RangeError(`nextInt: max ${maxIncl} < min ${minIncl}`);
    const n = maxIncl - minIncl + 1;
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let r = this.nextUint32();
      while (r >= limit) r = this.nextUint32();
      return minIncl + (r % n);
    }
    return this.nextSafeInRange(minIncl, maxIncl);
  }

  /**
   * A uniform 64-bit integer in [minIncl, maxIncl], both inclusive, in the BIGINT representation:
   * a number while it is a safe integer, otherwise a bigint.
   */
  nextLong(minIncl: number | bigint, maxIncl: number | bigint): number | bigint {
    if (typeof minIncl === 'number' && typeof maxIncl === 'number') {
      if (maxIncl < minIncl) throw new RangeError(`nextLong: max ${maxIncl} < min ${minIncl}`);
      if (Number.isSafeInteger(minIncl) && Number.isSafeInteger(maxIncl) && maxIncl - minIncl < TWO_POW_53 - 1) {
        return this.nextSafeInRange(minIncl, maxIncl);
      }
    }
    const lo = BigInt(minIncl);
    const hi = BigInt(maxIncl);
    if (hi < lo) throw new RangeError(`nextLong: max ${hi} < min ${lo}`);
    const n = hi - lo + 1n;
    // Rejection sampling on 64-bit draws (n ≤ 2^64 for any pair of longs).
    const space = 1n << 64n;
    const limit = space - (space % n);
    let r: bigint;
    do {
      r = (BigInt(this.nextUint32()) << 32n) | BigInt(this.nextUint32());
    } while (r >= limit);
    const v = lo + (r % n);
    return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  }

  /** `len` lowercase hex digits, each uniform (as commons-math `nextHexString`). */
  nextHexString(len: number): string {
    let s = '';
    let bits = 0;
    let left = 0;
    for (let i = 0; i < len; i++) {
      if (left === 0) {
        bits = this.nextUint32();
        left = 8;
      }
      s += HEX[bits & 15];
      bits >>>= 4;
      left--;
    }
    return s;
  }

  /** The generator's internal state, for checkpointing a stream that must resume exactly. */
  getState(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Restores a state returned by `getState`. */
  setState(state: readonly number[]): void {
    if (state.length !== 4) throw new RangeError('SeededRandom.setState expects 4 words');
    this.s0 = state[0]! >>> 0;
    this.s1 = state[1]! >>> 0;
    this.s2 = state[2]! >>> 0;
    this.s3 = state[3]! >>> 0;
  }

  /** Uniform in [min, max] for safe integers whose span is below 2^53 - 1. */
  private nextSafeInRange(minIncl: number, maxIncl: number): number {
    const n = maxIncl - minIncl + 1;
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let r: number;
    do {
      r = (this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6);
    } while (r >= limit);
    return minIncl + (r % n);
  }
}
