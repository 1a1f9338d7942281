// Java regular expressions (java.util.regex, as REGEXP_REPLACE/REGEXP_EXTRACT use them) turned
// into JS RegExps: the common subset plus leading inline flags, \Q...\E and POSIX \p{...}
// classes. Imports nothing.

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

const cache = new Map<string, RegExp | null>();

/**
 * A global JS RegExp equivalent to the Java pattern, or null when it is not a valid (or not a
 * supported) Java pattern — Flink's REGEXP_* functions return NULL then.
 */
export function compileJavaRegex(pattern: string): RegExp | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  let flags = 'g';
  let src = pattern;
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    if (inline[1]!.includes('x')) {
      cache.set(pattern, null);
      return null;
    }
    for (const f of inline[1]!) if (!flags.includes(f)) flags += f;
    src = src.slice(inline[0].length);
  }
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = src[i + 1];
    if (n === 'Q') {
      const end = src.indexOf('\\E', i + 2);
      const lit = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
      out += escapeLiteral(lit);
      i = end < 0 ? src.length : end + 1;
    } else if ((n === 'p' || n === 'P') && src[i + 2] === '{') {
      const close = src.indexOf('}', i + 3);
      const name = close < 0 ? '' : src.slice(i + 3, close).replace(/^Is/, '');
      const cls = POSIX[name];
      if (cls === undefined) {
        cache.set(pattern, null);
        return null;
      }
      out += n === 'p' ? `[${cls}]` : `[^${cls}]`;
      i = close;
    } else if (n === 'A') {
      out += '^';
      i++;
    } else if (n === 'z' || n === 'Z') {
      out += '$';
      i++;
    } else {
      out += c + (n ?? '');
      i++;
    }
  }
  let re: RegExp | null;
  try {
    re = new RegExp(out, flags);
  } catch {
    re = null;
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, re);
  return re;
}
