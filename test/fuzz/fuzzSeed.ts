// The fuzz suite's seeded randomness: one fixed seed in CI (the same cases every run), overridable
// with CHECKPOINT_LAB_FUZZ_SEED for exploration; CHECKPOINT_LAB_FUZZ_SCALE multiplies the case counts.

/** The suite's seed: CHECKPOINT_LAB_FUZZ_SEED, or the fixed CI seed. */
export function fuzzSeed(): number {
  const raw = process.env.CHECKPOINT_LAB_FUZZ_SEED;
  if (raw === undefined || raw === '') return 20261204;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`CHECKPOINT_LAB_FUZZ_SEED must be a non-negative integer, got '${raw}'`);
  return n;
}

/** How many cases of a category to run: `base` × CHECKPOINT_LAB_FUZZ_SCALE (default 1). */
export function fuzzCount(base: number): number {
  const raw = process.env.CHECKPOINT_LAB_FUZZ_SCALE;
  const scale = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`CHECKPOINT_LAB_FUZZ_SCALE must be a positive number, got '${raw}'`);
  return Math.max(1, Math.round(base * scale));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** A stream of its own for `label` (a case name): cases stay reproducible one by one. */
  static derive(seed: number, label: string): Rng {
    let h = seed >>> 0;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Rng(h);
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}
