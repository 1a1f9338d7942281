// Flink strings are UTF-8 (BinaryStringData): lengths and positions count code points, not
// UTF-16 units. Helpers to index JS strings that way. Imports nothing.

/** Whether `s` contains any surrogate (so code point and UTF-16 indexes differ). */
export function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Number of code points (`BinaryStringData.numChars()`); a lone surrogate counts as one. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** The code points of `s` as strings (a surrogate pair stays together). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** `s` from code point `start` (inclusive) to `end` (exclusive). */
export function substringByCodePoints(s: string, start: number, end: number): string {
  if (!hasSurrogates(s)) return s.substring(start, end);
  return codePoints(s).slice(start, end).join('');
}

/** Code point index of the first `needle` in `s` at or after code point `from`, or -1. */
export function indexOfByCodePoints(s: string, needle: string, from: number): number {
  if (!hasSurrogates(s)) return s.indexOf(needle, Math.max(0, from));
  const cps = codePoints(s);
  let unit = 0;
  for (let i = 0; i < cps.length; i++) {
    if (i >= from && s.startsWith(needle, unit)) return i;
    unit += cps[i]!.length;
  }
  return -1;
}

/**
 * Compares strings as Flink compares BinaryStringData: by unsigned UTF-8 bytes, which is
 * code point order. Returns <0, 0 or >0.
 */
export function compareByCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (an astral code point) sorts after every BMP character above U+D7FF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? (y >= 0xe000 ? 1 : x - y) : x >= 0xe000 ? -1 : x - y;
    return x - y;
  }
  return a.length - b.length;
}
