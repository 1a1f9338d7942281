// Flink SQL string functions: UPPER ... REPEAT, with Flink's NULL handling and edge cases
// (code-point positions, Java String.replace, commons-lang splitting). Imports functions/ only.
import type { LogicalType } from '../types/logicalType.js';
import { STRING_LENGTH } from '../types/logicalType.js';
import { codePointLength, codePoints, hasSurrogates, indexOfByCodePoints, substringByCodePoints } from './codePoints.js';
import { checkArg, defineFunction, firstError, strict1, strict2, strictN, toNumber } from './define.js';
import type { ScalarFunctionDef } from './functionDef.js';
import { compileJavaRegex } from './javaRegex.js';
import { anyNullable, intType, isCharacterString, isIntegral, stringType, typeOf } from './types.js';

const STRING = 'STRING';
const INT = 'INT';

/** Checks that every argument in `indexes` (default: all) is a character string. */
function allStrings(fn: string, t: readonly LogicalType[], indexes?: readonly number[]): string | undefined {
  for (const i of indexes ?? t.map((_, k) => k)) {
    const e = checkArg(fn, t, i, isCharacterString, STRING);
    if (e) return e;
  }
  return undefined;
}

/** VARCHAR of the first argument's length (or STRING), nullable if any argument is. */
function varcharLike(t: readonly LogicalType[]): LogicalType {
  const length = t[0]?.root === 'CHAR' || t[0]?.root === 'VARCHAR' ? (t[0].length ?? STRING_LENGTH) : STRING_LENGTH;
  return typeOf('VARCHAR', anyNullable(t), { length });
}

function caseFunction(name: 'UPPER' | 'LOWER'): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(STRING) → STRING`],
    description: name === 'UPPER' ? 'Returns the string in upper case.' : 'Returns the string in lower case.',
    arity: [1, 1],
    check: (t) => allStrings(name, t) ?? (t[0]!.root === 'NULL' ? stringType() : { ...t[0]!, nullable: anyNullable(t) }),
    bind: () => strict1((s: string) => (name === 'UPPER' ? s.toUpperCase() : s.toLowerCase())),
  });
}

const charLength = defineFunction({
  name: 'CHAR_LENGTH',
  signatures: ['CHAR_LENGTH(STRING) → INT'],
  description: 'Returns the number of characters (code points) in the string.',
  arity: [1, 1],
  check: (t) => allStrings('CHAR_LENGTH', t) ?? intType(anyNullable(t)),
  bind: () => strict1((s: string) => codePointLength(s)),
});

const concat = defineFunction({
  name: 'CONCAT',
  signatures: ['CONCAT(STRING, STRING, ...) → STRING'],
  description: 'Returns the concatenation of the strings; NULL if any argument is NULL.',
  arity: [1, Infinity],
  check: (t) => {
    const e = allStrings('CONCAT', t);
    if (e) return e;
    const length = Math.min(STRING_LENGTH, t.reduce((n, x) => n + (x.length ?? (x.root === 'NULL' ? 0 : STRING_LENGTH)), 0));
    return typeOf('VARCHAR', anyNullable(t), { length });
  },
  bind: () => strictN((args) => (args as string[]).join('')),
});

const concatWs = defineFunction({
  name: 'CONCAT_WS',
  signatures: ['CONCAT_WS(separator STRING, STRING, ...) → STRING'],
  description: 'Joins the strings with the separator, skipping NULL strings; NULL if the separator is NULL.',
  arity: [1, Infinity],
  check: (t) => allStrings('CONCAT_WS', t) ?? stringType(t[0]!.nullable || t[0]!.root === 'NULL'),
  bind: () => (args) => {
    const sep = args[0];
    if (sep === null || sep === undefined) return null;
    let out = '';
    let first = true;
    for (let i = 1; i < args.length; i++) {
      const s = args[i];
      if (s === null || s === undefined) continue;
      out += first ? (s as string) : (sep as string) + (s as string);
      first = false;
    }
    return out;
  },
});

/** `BinaryStringDataUtil.substringSQL`: 1-based; negative counts from the end; negative length → NULL. */
export function substringSQL(s: string, pos: number, length: number = STRING_LENGTH): string | null {
  if (length < 0) return null;
  if (s === '') return '';
  const n = hasSurrogates(s) ? codePointLength(s) : s.length;
  let start: number;
  if (pos > 0) {
    start = pos - 1;
    if (start >= n) return '';
  } else if (pos < 0) {
    start = n + pos;
    if (start < 0) return '';
  } else {
    start = 0;
  }
  const end = n - start < length ? n : start + length;
  return substringByCodePoints(s, start, end);
}

const substring = defineFunction({
  name: 'SUBSTRING',
  signatures: ['SUBSTRING(STRING, start INT) → STRING', 'SUBSTRING(STRING, start INT, length INT) → STRING'],
  description: 'Returns the substring from the 1-based position (negative counts from the end) of the given length.',
  arity: [2, 3],
  check: (t) =>
    firstError(
      allStrings('SUBSTRING', t, [0]),
      checkArg('SUBSTRING', t, 1, isIntegral, INT),
      checkArg('SUBSTRING', t, 2, isIntegral, INT),
    ) ?? varcharLike(t),
  bind: (t) =>
    t.length === 2
      ? strict2((s: string, p: number | bigint) => substringSQL(s, toNumber(p)))
      : strictN((a) => substringSQL(a[0] as string, toNumber(a[1]), toNumber(a[2]))),
});

/** Removes the characters in `chars` from the chosen ends of `s` (BinaryStringDataUtil.trim*). */
export function trimChars(s: string, chars: string, leading: boolean, trailing: boolean): string {
  const set = new Set(codePoints(chars));
  const cps = hasSurrogates(s) || hasSurrogates(chars) ? codePoints(s) : s.split('');
  let a = 0;
  let b = cps.length;
  if (leading) while (a < b && set.has(cps[a]!)) a++;
  if (trailing) while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join('');
}

const trim = defineFunction({
  name: 'TRIM',
  signatures: ['TRIM(STRING) → STRING', "TRIM({'BOTH'|'LEADING'|'TRAILING'}, characters STRING, STRING) → STRING"],
  description:
    'Removes leading and/or trailing characters (spaces by default); TRIM([BOTH|LEADING|TRAILING] chars FROM s) is passed as TRIM(flag, chars, s).',
  arity: [1, 3],
  check: (t) => {
    if (t.length === 2) return 'Invalid number of arguments to function \'TRIM\'. Was expecting 1 or 3 arguments, got 2.';
    return allStrings('TRIM', t) ?? varcharLike(t.length === 3 ? [t[2]!, t[0]!, t[1]!] : t);
  },
  bind: (t) =>
    t.length === 1
      ? strict1((s: string) => trimChars(s, ' ', true, true))
      : strictN((a) => {
          const flag = (a[0] as string).toUpperCase();
          return trimChars(a[2] as string, a[1] as string, flag !== 'TRAILING', flag !== 'LEADING');
        }),
});

function sideTrim(name: 'LTRIM' | 'RTRIM'): ScalarFunctionDef {
  const leading = name === 'LTRIM';
  return defineFunction({
    name,
    signatures: [`${name}(STRING) → STRING`, `${name}(STRING, characters STRING) → STRING`],
    description: `Removes ${leading ? 'leading' : 'trailing'} spaces (or the given characters) from the string.`,
    arity: [1, 2],
    check: (t) => allStrings(name, t) ?? varcharLike(t),
    bind: (t) =>
      t.length === 1
        ? strict1((s: string) => trimChars(s, ' ', leading, !leading))
        : strict2((s: string, c: string) => trimChars(s, c, leading, !leading)),
  });
}

const replace = defineFunction({
  name: 'REPLACE',
  signatures: ['REPLACE(STRING, search STRING, replacement STRING) → STRING'],
  description: 'Replaces every non-overlapping occurrence of search with replacement (Java String.replace).',
  arity: [3, 3],
  check: (t) => allStrings('REPLACE', t) ?? stringType(anyNullable(t)),
  bind: () => strictN((a) => (a[0] as string).replaceAll(a[1] as string, () => a[2] as string)),
});

/** `SqlFunctionUtils.position`: 1-based code point index of `needle` at or after `from`, 0 if absent. */
export function position(needle: string, s: string, from = 1): number {
  if (needle === '') return 1;
  return indexOfByCodePoints(s, needle, from - 1) + 1;
}

const positionFn = defineFunction({
  name: 'POSITION',
  signatures: ['POSITION(needle STRING IN haystack STRING) → INT'],
  description: 'Returns the 1-based position of the first occurrence of needle in haystack, 0 if absent.',
  arity: [2, 2],
  check: (t) => allStrings('POSITION', t) ?? intType(anyNullable(t)),
  bind: () => strict2((n: string, s: string) => position(n, s)),
});

const locate = defineFunction({
  name: 'LOCATE',
  signatures: ['LOCATE(needle STRING, haystack STRING) → INT', 'LOCATE(needle STRING, haystack STRING, from INT) → INT'],
  description: 'Returns the 1-based position of needle in haystack at or after position from (default 1), 0 if absent.',
  arity: [2, 3],
  check: (t) =>
    firstError(allStrings('LOCATE', t, [0, 1]), checkArg('LOCATE', t, 2, isIntegral, INT)) ?? intType(anyNullable(t)),
  bind: (t) =>
    t.length === 2
      ? strict2((n: string, s: string) => position(n, s))
      : strictN((a) => position(a[0] as string, a[1] as string, toNumber(a[2]))),
});

/** INITCAP: words are runs of ASCII letters and digits; first letter upper, the rest lower. */
export function initcap(s: string): string {
  let out = '';
  let start = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    if (start) {
      if (digit || upper || lower) start = false;
      out += lower ? String.fromCharCode(c - 32) : ch;
    } else {
      if (!digit && !upper && !lower) start = true;
      out += upper ? String.fromCharCode(c + 32) : ch;
    }
  }
  return out;
}

const initcapFn = defineFunction({
  name: 'INITCAP',
  signatures: ['INITCAP(STRING) → STRING'],
  description: 'Capitalises the first letter of each word (runs of letters and digits) and lower-cases the rest.',
  arity: [1, 1],
  check: (t) => allStrings('INITCAP', t) ?? varcharLike(t),
  bind: () => strict1(initcap),
});

/** `SqlFunctionUtils.lpad/rpad` on UTF-16 units: NULL for a negative length or empty pad; truncates. */
export function pad(base: string, len: number, padStr: string, left: boolean): string | null {
  if (len < 0 || padStr === '') return null;
  if (len === 0) return '';
  if (left) {
    const fill = Math.max(len - base.length, 0);
    return padStr.repeat(Math.ceil(fill / padStr.length)).slice(0, fill) + base.slice(0, len - fill);
  }
  const kept = base.slice(0, len);
  const fill = len - kept.length;
  return kept + padStr.repeat(Math.ceil(fill / padStr.length)).slice(0, fill);
}

function padFunction(name: 'LPAD' | 'RPAD'): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}(STRING, length INT, pad STRING) → STRING`],
    description: `Pads the string on the ${name === 'LPAD' ? 'left' : 'right'} with pad to length characters, or shortens it to length.`,
    arity: [3, 3],
    check: (t) =>
      firstError(allStrings(name, t, [0, 2]), checkArg(name, t, 1, isIntegral, INT)) ?? stringType(),
    bind: () => strictN((a) => pad(a[0] as string, toNumber(a[1]), a[2] as string, name === 'LPAD')),
  });
}

const regexpReplace = defineFunction({
  name: 'REGEXP_REPLACE',
  signatures: ['REGEXP_REPLACE(STRING, regex STRING, replacement STRING) → STRING'],
  description: 'Replaces every match of the Java regex with the replacement taken literally; NULL for an invalid regex.',
  arity: [3, 3],
  check: (t) => allStrings('REGEXP_REPLACE', t) ?? stringType(),
  bind: () =>
    strictN((a) => {
      const re = compileJavaRegex(a[1] as string);
      if (re === null) return null;
      re.lastIndex = 0;
      const replacement = a[2] as string;
      return (a[0] as string).replace(re, () => replacement);
    }),
});

const regexpExtract = defineFunction({
  name: 'REGEXP_EXTRACT',
  signatures: ['REGEXP_EXTRACT(STRING, regex STRING) → STRING', 'REGEXP_EXTRACT(STRING, regex STRING, group INT) → STRING'],
  description: 'Returns the given group (default 0, the whole match) of the first match of the Java regex; NULL if none.',
  arity: [2, 3],
  check: (t) =>
    firstError(allStrings('REGEXP_EXTRACT', t, [0, 1]), checkArg('REGEXP_EXTRACT', t, 2, isIntegral, INT)) ?? stringType(),
  bind: () =>
    strictN((a) => {
      const re = compileJavaRegex(a[1] as string);
      if (re === null) return null;
      re.lastIndex = 0;
      const m = re.exec(a[0] as string);
      if (m === null) return null;
      const g = a.length > 2 ? toNumber(a[2]) : 0;
      if (g < 0 || g >= m.length) return null;
      return m[g] ?? null;
    }),
});

function isJavaWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x2006) ||
    (c >= 0x2008 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** commons-lang `splitByWholeSeparatorPreserveAllTokens` (empty separator: split on whitespace). */
export function splitPreserveAllTokens(s: string, separator: string): string[] {
  if (s === '') return [];
  if (separator !== '') return s.split(separator);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (isJavaWhitespace(s.charCodeAt(i))) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

const splitIndex = defineFunction({
  name: 'SPLIT_INDEX',
  signatures: ['SPLIT_INDEX(STRING, delimiter STRING, index INT) → STRING'],
  description: 'Splits the string by the delimiter and returns the 0-based index-th part; NULL if index is negative or too large.',
  arity: [3, 3],
  check: (t) =>
    firstError(
      allStrings('SPLIT_INDEX', t, [0]),
      checkArg('SPLIT_INDEX', t, 1, (x) => isCharacterString(x) || isIntegral(x), 'STRING or INT'),
      checkArg('SPLIT_INDEX', t, 2, isIntegral, INT),
    ) ?? stringType(),
  bind: (t) =>
    strictN((a) => {
      const index = toNumber(a[2]);
      let sep: string;
      if (t[1]!.root === 'CHAR' || t[1]!.root === 'VARCHAR') sep = a[1] as string;
      else {
        const code = toNumber(a[1]);
        if (code < 1 || code > 255) return null;
        sep = String.fromCharCode(code);
      }
      if (index < 0) return null;
      const parts = splitPreserveAllTokens(a[0] as string, sep);
      return index < parts.length ? parts[index]! : null;
    }),
});

const reverse = defineFunction({
  name: 'REVERSE',
  signatures: ['REVERSE(STRING) → STRING'],
  description: 'Returns the string with its characters in reverse order.',
  arity: [1, 1],
  check: (t) => allStrings('REVERSE', t) ?? varcharLike(t),
  bind: () => strict1((s: string) => (hasSurrogates(s) ? codePoints(s).reverse().join('') : s.split('').reverse().join(''))),
});

const repeat = defineFunction({
  name: 'REPEAT',
  signatures: ['REPEAT(STRING, times INT) → STRING'],
  description: 'Returns the string repeated the given number of times ("" when times <= 0).',
  arity: [2, 2],
  check: (t) => firstError(allStrings('REPEAT', t, [0]), checkArg('REPEAT', t, 1, isIntegral, INT)) ?? stringType(anyNullable(t)),
  bind: () => strict2((s: string, n: number | bigint) => (toNumber(n) <= 0 ? '' : s.repeat(toNumber(n)))),
});

/** The string functions, by name (aliases are added by the registry). */
export const STRING_FUNCTIONS: readonly ScalarFunctionDef[] = [
  caseFunction('UPPER'),
  caseFunction('LOWER'),
  charLength,
  concat,
  concatWs,
  substring,
  trim,
  sideTrim('LTRIM'),
  sideTrim('RTRIM'),
  replace,
  positionFn,
  locate,
  initcapFn,
  padFunction('LPAD'),
  padFunction('RPAD'),
  regexpReplace,
  regexpExtract,
  splitIndex,
  reverse,
  repeat,
];
