// Java integer arithmetic on the runtime's value representation (INT as number, BIGINT as
// number-or-bigint) and BigDecimal HALF_UP rounding of doubles. The wrapping rules are the ones in
// runtime/types/javaNumbers.ts, shared with the SQL operators.
import { toBigInt, wrapBigint, wrapIntegral as wrapIntegralType } from '../types/javaNumbers.js';

/** A BIGINT result wrapped to 64 bits and normalised as the value representation requires. */
export const normalizeBigint = wrapBigint;

/** Wraps an integer result to the width of `root` as Java's cast does. */
export function wrapIntegral(root: string, v: bigint): number | bigint {
  return wrapIntegralType(root as 'TINYINT' | 'SMALLINT' | 'INTEGER' | 'BIGINT', v);
}

export { toBigInt };

/**
 * `BigDecimal.valueOf(x).movePointRight(d).setScale(0, HALF_UP).movePointLeft(d).doubleValue()`:
 * rounds the shortest decimal form of `x` half away from zero at `d` fractional digits.
 */
export function roundHalfUpDouble(x: number, d: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const neg = x < 0;
  // digits × 10^exp, from the shortest round-trip form (what Double.toString gives on JDK 19+).
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)))!;
  const intPart = m[1]!;
  const frac = m[2] ?? '';
  let digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  let exp = Number(m[3] ?? 0) - frac.length;
  // keep = number of digits that stay: those with place value >= 10^-d
  const keep = digits.length + exp + d;
  if (keep >= digits.length) return x; // already within d places
  if (keep < 0) return neg ? -0 : 0;
  const roundUp = digits.charCodeAt(keep) >= 53; // next digit >= '5'
  let kept = BigInt(keep === 0 ? '0' : digits.slice(0, keep));
  if (roundUp) kept += 1n;
  exp = -d;
  digits = kept.toString();
  const r = Number(`${digits}e${exp}`);
  return neg ? -r : r;
}

/** `BigDecimal.valueOf(v).movePointRight(d).setScale(0, HALF_UP).movePointLeft(d)` for an integer. */
export function roundHalfUpInteger(v: bigint, d: number): bigint {
  if (d >= 0) return v;
  const m = 10n ** BigInt(-d);
  const q = v / m;
  const r = v % m;
  const abs = r < 0n ? -r : r;
  return (abs * 2n >= m ? q + (v < 0n ? -1n : 1n) : q) * m;
}
