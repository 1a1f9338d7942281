// Java's number semantics the runtime reproduces: two's-complement wrapping of TINYINT..BIGINT,
// Double.toString / Float.toString text, and Java's / Flink's number parsers. Imports nothing.

/** (byte) v: wraps to 8 bits. */
export function wrapTinyint(v: number): number {
  return (v << 24) >> 24;
}

/** (short) v: wraps to 16 bits. */
export function wrapSmallint(v: number): number {
  return (v << 16) >> 16;
}

/** (int) v for an integer-valued number: wraps to 32 bits. */
export function wrapInt(v: number): number {
  return Number.isSafeInteger(v) ? v | 0 : Number(BigInt.asIntN(32, BigInt(v)));
}

/** The BIGINT representation of a bigint: a number when safe, else the bigint. */
export function normalizeBigint(v: bigint): number | bigint {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** (long) v for an arbitrary integer bigint: wraps to 64 bits, then normalizes. */
export function wrapBigint(v: bigint): number | bigint {
  return normalizeBigint(BigInt.asIntN(64, v));
}

/** An integral value (number or bigint) as a bigint. */
export function toBigInt(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Wraps an integer bigint to the range of an integral type root, in the runtime representation. */
export function wrapIntegral(root: 'TINYINT' | 'SMALLINT' | 'INTEGER' | 'BIGINT', v: bigint): number | bigint {
  switch (root) {
    case 'TINYINT':
      return Number(BigInt.asIntN(8, v));
    case 'SMALLINT':
      return Number(BigInt.asIntN(16, v));
    case 'INTEGER':
      return Number(BigInt.asIntN(32, v));
    default:
      return wrapBigint(v);
  }
}

/** Java's `(int) d` / `(long) d` for a double: truncation toward zero, NaN → 0, saturating. */
export function doubleToIntegral(d: number, bits: 32 | 64): number | bigint {
  if (Number.isNaN(d)) return 0;
  const t = Math.trunc(d);
  if (bits === 32) return t >= 2147483647 ? 2147483647 : t <= -2147483648 ? -2147483648 : t;
  if (t >= 9223372036854775807) return 9223372036854775807n;
  if (t <= -9223372036854775808) return -9223372036854775808n;
  return normalizeBigint(BigInt(t));
}

function layout(negative: boolean, allDigits: string, exp: number, abs: number): string {
  // Two-digit forms such as "10" (from 1.0e-1) lay out like "1"; Java adds ".0" where needed.
  const digits = allDigits.replace(/0+$/, '') || '0';
  const sign = negative ? '-' : '';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
      const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.length > 1 ? digits.slice(1) : '0'}E${exp}`;
}

function splitExponential(s: string): { digits: string; exp: number } {
  const e = s.indexOf('e');
  return { digits: s.slice(0, e).replace('.', ''), exp: Number(s.slice(e + 1)) };
}

/**
 * Java's `Double.toString(d)` (JDK 19+ shortest-digits algorithm): `1.0`, `0.1`, `100.0`,
 * `1.0E7`, `9999999.0`, `0.001`, `1.0E-4`, `-0.0`, `NaN`, `Infinity`, `4.9E-324`. Plain notation
 * for 10^-3 <= |d| < 10^7, else `d.dddE±n`; always at least one fractional digit.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  let { digits, exp } = splitExponential(abs.toExponential());
  if (digits.length === 1) {
    // Java renders at least two digits (d.d) and picks the two-digit decimal closest to the value.
    const two = abs.toExponential(1);
    if (Number(two) === abs) ({ digits, exp } = splitExponential(two));
  }
  return layout(d < 0, digits, exp, abs);
}

/** Java's `Float.toString(f)` for the float32 nearest `f`: shortest digits that round-trip in float32. */
export function javaFloatToString(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  return layout(x < 0, ...shortestFloat(abs), abs);
}

function shortestFloat(abs: number): [string, number] {
  for (let p = 1; p <= 9; p++) {
    const s = abs.toExponential(p - 1);
    if (Math.fround(Number(s)) === abs) {
      if (p === 1) {
        const two = abs.toExponential(1);
        if (Math.fround(Number(two)) === abs) {
          const r = splitExponential(two);
          return [r.digits, r.exp];
        }
      }
      const r = splitExponential(s);
      return [r.digits, r.exp];
    }
  }
  const r = splitExponential(abs.toExponential(8));
  return [r.digits, r.exp];
}

/** The JS number a FLOAT value prints as (its shortest float32 decimal, e.g. 0.1 for 0.1f). */
export function floatToShortestNumber(f: number): number {
  if (!Number.isFinite(f) || f === 0) return Math.fround(f);
  const abs = Math.abs(Math.fround(f));
  const [digits, exp] = shortestFloat(abs);
  const v = Number(`${digits[0]}.${digits.slice(1)}e${exp}`);
  return f < 0 ? -v : v;
}

const JAVA_FLOAT_SYNTAX = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Java's String.trim(): strips characters <= U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** `Double.parseDouble(s)` (decimal forms, NaN, Infinity, f/d suffixes); undefined if Java would throw. */
export function parseJavaDouble(s: string): number | undefined {
  const t = javaTrim(s);
  if (!JAVA_FLOAT_SYNTAX.test(t)) return undefined;
  const body = /[fFdD]$/.test(t) && !t.endsWith('Infinity') ? t.slice(0, -1) : t;
  return Number(body);
}

/** `Float.parseFloat(s)` as the float32 value; undefined if Java would throw. */
export function parseJavaFloat(s: string): number | undefined {
  const t = javaTrim(s);
  if (!JAVA_FLOAT_SYNTAX.test(t)) return undefined;
  const body = /[fFdD]$/.test(t) && !t.endsWith('Infinity') ? t.slice(0, -1) : t;
  // Java rounds the decimal directly to float; rounding through double differs only in rare ties.
  return Math.fround(Number(body));
}

const INTEGRAL_BOUNDS = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INTEGER: [-2147483648n, 2147483647n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** An integral type root. */
export type IntegralRoot = keyof typeof INTEGRAL_BOUNDS;

/**
 * `Byte.parseByte` / `Short.parseShort` / `Integer.parseInt` / `Long.parseLong` (no trimming:
 * callers trim as Flink does): an optional sign and ASCII digits within the type's range.
 */
export function parseJavaIntegral(s: string, root: IntegralRoot): number | bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  const [lo, hi] = INTEGRAL_BOUNDS[root];
  if (v < lo || v > hi) return undefined;
  return normalizeBigint(v);
}

/**
 * Flink's `BinaryStringDataUtil.toLong/toInt/toShort/toByte` (the CAST from STRING; the caller
 * trims spaces first): an optional sign, digits, and an optional `.digits` part that is checked
 * but ignored (`'1.9'` → 1). Undefined for malformed input or overflow.
 */
export function parseFlinkIntegral(s: string, root: IntegralRoot): number | bigint | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || s.length === 0 || s === '+' || s === '-') return undefined;
  const v = m[2] === '' ? 0n : BigInt(m[2]!);
  const signed = m[1] === '-' ? -v : v;
  // toByte/toShort go through toInt, so their range check follows the int parse.
  const [lo, hi] = INTEGRAL_BOUNDS[root];
  if (signed < lo || signed > hi) return undefined;
  return normalizeBigint(signed);
}
