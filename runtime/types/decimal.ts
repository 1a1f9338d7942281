// The runtime value of DECIMAL(p, s): an exact decimal (unscaled bigint × 10^-scale) with the
// java.math.BigDecimal operations Flink's DecimalData uses. Imports only javaNumbers.ts.
import { javaDoubleToString } from './javaNumbers.js';

const DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** 10^n as a bigint, n >= 0. */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}
const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function digitCount(v: bigint): number {
  return v === 0n ? 1 : (v < 0n ? -v : v).toString().length;
}

/** Divides magnitudes with HALF_UP rounding (ties away from zero), keeping the sign of `n / d`. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const r = an % ad;
  if (r * 2n >= ad) q += 1n;
  return negative ? -q : q;
}

/**
 * An exact decimal number: `unscaled × 10^-scale`, as Java's BigDecimal (scale may be negative
 * for values parsed from exponent notation). Immutable. DECIMAL(p, s) values always carry scale s.
 */
export class Decimal {
  /**
   * @param unscaled the unscaled value
   * @param scale digits after the decimal point (negative: trailing zeros before it)
   */
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  /** `unscaled × 10^-scale`. */
  static fromUnscaled(unscaled: bigint, scale: number): Decimal {
    return new Decimal(unscaled, scale);
  }

  /** An integer value with scale 0 (`BigDecimal.valueOf(long)`). */
  static fromInteger(v: number | bigint): Decimal {
    return new Decimal(typeof v === 'bigint' ? v : BigInt(v), 0);
  }

  /**
   * `BigDecimal.valueOf(double)`: the decimal written by Java's Double.toString (so 0.1 is
   * exactly 0.1 and 100.0 has scale 1). Throws for NaN and infinities, as Java does.
   */
  static fromNumber(x: number): Decimal {
    if (!Number.isFinite(x)) throw new RangeError(`Infinite or NaN: ${x}`);
    return Decimal.parse(javaDoubleToString(x));
  }

  /** `new BigDecimal(text)`: `[+-]digits[.digits][e[+-]digits]`; undefined if malformed. */
  static tryParse(text: string): Decimal | undefined {
    const m = DECIMAL_SYNTAX.exec(text);
    if (!m) return undefined;
    const intPart = m[2]!;
    const frac = m[3] ?? '';
    if (intPart.length === 0 && frac.length === 0) return undefined;
    const exponent = m[4] === undefined ? 0 : Number(m[4]);
    if (!Number.isSafeInteger(exponent)) return undefined;
    let unscaled = BigInt(intPart + frac || '0');
    if (m[1] === '-') unscaled = -unscaled;
    return new Decimal(unscaled, frac.length - exponent);
  }

  /** As `tryParse`, but throws on malformed text (for text already known to be a number). */
  static parse(text: string): Decimal {
    const d = Decimal.tryParse(text);
    if (!d) throw new RangeError(`Not a decimal number: '${text}'`);
    return d;
  }

  /** Number of digits of the unscaled value (BigDecimal.precision(); 1 for zero). */
  precision(): number {
    return digitCount(this.unscaled);
  }

  /** -1, 0 or 1. */
  signum(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Whether the value is zero (at any scale). */
  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** `-this`, same scale. */
  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  /** `|this|`, same scale. */
  abs(): Decimal {
    return this.unscaled < 0n ? this.negate() : this;
  }

  /** This value's unscaled digits at a larger or equal scale. */
  private unscaledAt(scale: number): bigint {
    return scale === this.scale ? this.unscaled : this.unscaled * pow10(scale - this.scale);
  }

  /** Exact sum; scale max(s1, s2). */
  add(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.unscaledAt(s) + o.unscaledAt(s), s);
  }

  /** Exact difference; scale max(s1, s2). */
  subtract(o: Decimal): Decimal {
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.unscaledAt(s) - o.unscaledAt(s), s);
  }

  /** Exact product; scale s1 + s2. */
  multiply(o: Decimal): Decimal {
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  /**
   * `this.divide(o, new MathContext(precision, HALF_UP))`: the quotient rounded to `precision`
   * significant digits (Flink divides DECIMALs with precision 38). Undefined when `o` is zero
   * (Java throws ArithmeticException "Division by zero" / "Division undefined").
   */
  divide(o: Decimal, precision = 38): Decimal | undefined {
    if (o.unscaled === 0n) return undefined;
    if (this.unscaled === 0n) return new Decimal(0n, Math.max(0, this.scale - o.scale));
    const an = this.unscaled < 0n ? -this.unscaled : this.unscaled;
    const ad = o.unscaled < 0n ? -o.unscaled : o.unscaled;
    // Shift so that the integer quotient has more than `precision` digits, then round once.
    const k = Math.max(0, precision + digitCount(ad) - digitCount(an) + 1);
    const n = an * pow10(k);
    let q = n / ad;
    let scale = this.scale - o.scale + k;
    const drop = digitCount(q) - precision;
    if (drop > 0) {
      const div = pow10(drop);
      const rem = q % div;
      q /= div;
      // HALF_UP: an exact half rounds up, and so does a half followed by a non-zero remainder.
      if (rem * 2n >= div) q += 1n;
      scale -= drop;
    }
    const negative = this.unscaled < 0n !== o.unscaled < 0n;
    return new Decimal(negative ? -q : q, scale).stripTo(this.scale - o.scale);
  }

  /** Removes trailing zeros while the scale stays >= `preferred` (BigDecimal's preferred scale). */
  private stripTo(preferred: number): Decimal {
    let u = this.unscaled;
    let s = this.scale;
    while (s > preferred && u !== 0n && u % 10n === 0n) {
      u /= 10n;
      s--;
    }
    return s === this.scale ? this : new Decimal(u, s);
  }

  /**
   * `BigDecimal.remainder`: `this - trunc(this / o) * o`, sign of the dividend; scale
   * max(s1, s2). Undefined when `o` is zero.
   */
  remainder(o: Decimal): Decimal | undefined {
    if (o.unscaled === 0n) return undefined;
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.unscaledAt(s) % o.unscaledAt(s), s);
  }

  /** `setScale(scale, RoundingMode.HALF_UP)`. */
  setScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaledAt(scale), scale);
    return new Decimal(divideHalfUp(this.unscaled, pow10(this.scale - scale)), scale);
  }

  /** `setScale(scale, RoundingMode.DOWN)`: truncation toward zero. */
  truncateToScale(scale: number): Decimal {
    if (scale >= this.scale) return this.setScale(scale);
    return new Decimal(this.unscaled / pow10(this.scale - scale), scale);
  }

  /**
   * Flink's `DecimalData.fromBigDecimal(this, precision, scale)`: rounded HALF_UP to `scale`,
   * or null when it then needs more than `precision` digits (DECIMAL overflow is NULL in Flink).
   */
  toDecimalType(precision: number, scale: number): Decimal | null {
    const d = this.setScale(scale);
    return d.precision() > precision ? null : d;
  }

  /** `compareTo`: -1, 0 or 1 by numeric value (1.0 equals 1.00). */
  compareTo(o: Decimal): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.unscaledAt(s);
    const b = o.unscaledAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Numeric equality (compareTo == 0), ignoring scale. */
  equals(o: Decimal): boolean {
    return this.compareTo(o) === 0;
  }

  /** `doubleValue()`: the nearest double. */
  toNumber(): number {
    return Number(`${this.unscaled}e${-this.scale}`);
  }

  /** The integral part, truncated toward zero (`BigDecimal.toBigInteger()`). */
  toBigInt(): bigint {
    if (this.scale <= 0) return this.unscaled * pow10(-this.scale);
    return this.unscaled / pow10(this.scale);
  }

  /** `BigDecimal.toString()`: plain unless the adjusted exponent is below -6 (`1E-7`, `1.0E-7`) or scale < 0 (`1E+3`). */
  toString(): string {
    const coeff = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
    const sign = this.unscaled < 0n ? '-' : '';
    if (this.scale === 0) return sign + coeff;
    const adjusted = -this.scale + (coeff.length - 1);
    if (this.scale > 0 && adjusted >= -6) return sign + placePoint(coeff, this.scale);
    const mantissa = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
    return `${sign}${mantissa}E${adjusted > 0 ? '+' : ''}${adjusted}`;
  }

  /**
   * `BigDecimal.stripTrailingZeros()`: zero becomes `0` (scale 0); otherwise trailing zeros of the
   * unscaled value are dropped, so the scale may turn negative (`100.00` → `1E+2`).
   */
  stripTrailingZeros(): Decimal {
    if (this.unscaled === 0n) return new Decimal(0n, 0);
    let u = this.unscaled;
    let s = this.scale;
    while (u % 10n === 0n) {
      u /= 10n;
      s--;
    }
    return new Decimal(u, s);
  }

  /** `BigDecimal.toPlainString()`: never exponent notation (what DecimalData.toString prints). */
  toPlainString(): string {
    const coeff = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
    const sign = this.unscaled < 0n ? '-' : '';
    if (this.scale <= 0) return this.unscaled === 0n ? '0' : sign + coeff + '0'.repeat(-this.scale);
    return sign + placePoint(coeff, this.scale);
  }

  /** JSON.stringify renders a Decimal as its BigDecimal text. */
  toJSON(): string {
    return this.toString();
  }
}

function placePoint(coeff: string, scale: number): string {
  if (coeff.length > scale) return `${coeff.slice(0, coeff.length - scale)}.${coeff.slice(coeff.length - scale)}`;
  return `0.${'0'.repeat(scale - coeff.length)}${coeff}`;
}
