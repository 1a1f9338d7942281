// java.util.Random, bit for bit (48-bit LCG), so RAND(seed) and RAND_INTEGER(seed, n) give the
// same sequences as in Flink. Imports nothing.

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** A `java.util.Random` created with `new Random(seed)`. */
export class JavaRandom {
  private seed: bigint;

  /** `new Random(seed)`: the seed is any 64-bit integer. */
  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  /** `next(bits)`: the next `bits` random bits as a signed int. */
  next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  /** `nextDouble()`: uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }

  /** `nextInt(bound)`: uniform in [0, bound); `bound` must be positive (checked by the caller). */
  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }
}
