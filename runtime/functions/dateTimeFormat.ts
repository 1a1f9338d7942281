// Java date-time patterns ('yyyy-MM-dd HH:mm:ss.SSS', quoted literals, month and day names) to
// format and parse local date-times, as DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP use them.
// Imports only functions/calendar.ts.
import type { DateTimeFields } from './calendar.js';
import { civilFromDays, daysFromCivil } from './calendar.js';

type Token = { readonly lit: string } | { readonly letter: string; readonly count: number };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SUPPORTED = new Set('GyYuMLdDEaHkKhmsSZXx'.split(''));
const NUMERIC = new Set('yYudDHkKhmsS'.split(''));

const patternCache = new Map<string, Token[] | null>();

/** Tokens of a Java pattern, or null when it uses letters this runtime does not support. */
export function compilePattern(pattern: string): Token[] | null {
  const hit = patternCache.get(pattern);
  if (hit !== undefined) return hit;
  const out: Token[] = [];
  let ok = true;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ lit: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j++;
            continue;
          }
          break;
        }
        text += pattern[j];
      }
      if (j >= pattern.length) ok = false;
      out.push({ lit: text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      if (!SUPPORTED.has(c)) ok = false;
      out.push({ letter: c, count: j - i });
      i = j;
    } else {
      out.push({ lit: c });
      i++;
    }
  }
  const result = ok ? out : null;
  if (patternCache.size > 500) patternCache.clear();
  patternCache.set(pattern, result);
  return result;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function formatOffset(offsetMs: number, letter: string, count: number): string {
  const total = Math.round(offsetMs / 60_000);
  if (letter === 'X' && total === 0) return 'Z';
  const sign = total < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(total) / 60), 2);
  const m = pad(Math.abs(total) % 60, 2);
  if (letter === 'Z') return `${sign}${h}${m}`;
  if (count === 1) return m === '00' ? `${sign}${h}` : `${sign}${h}${m}`;
  return count === 2 ? `${sign}${h}${m}` : `${sign}${h}:${m}`;
}

/**
 * Formats local date-time fields with a Java pattern. `S` is the fraction of second (SSS =
 * milliseconds). Zone letters need `offsetMs`. Returns null for an unsupported pattern.
 */
export function formatDateTime(f: DateTimeFields, pattern: string, offsetMs?: number): string | null {
  const tokens = compilePattern(pattern);
  if (tokens === null) return null;
  let out = '';
  for (const t of tokens) {
    if ('lit' in t) {
      out += t.lit;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
      case 'u':
        out += n === 2 ? pad(((f.year % 100) + 100) % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(daysFromCivil(f.year, f.month, f.day) - daysFromCivil(f.year, 1, 1) + 1, n);
        break;
      case 'E': {
        const dow = DAYS[(((daysFromCivil(f.year, f.month, f.day) + 3) % 7) + 7) % 7]!;
        out += n >= 4 ? dow : dow.slice(0, 3);
        break;
      }
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += (pad(f.millisecond, 3) + '000000').slice(0, n);
        break;
      default:
        if (offsetMs === undefined) return null;
        out += formatOffset(offsetMs, t.letter, n);
    }
  }
  return out;
}

/** Parsed fields, plus the offset when the text carried one (Z/X letters). */
export interface ParsedDateTime {
  readonly fields: DateTimeFields;
  readonly offsetMs?: number;
}

/**
 * Parses `text` with a Java pattern. Missing fields default to 1970-01-01 00:00:00.000. With
 * `allowTrailing` (SimpleDateFormat.parse), text after the pattern is ignored; otherwise it is
 * an error (DateTimeFormatter). Returns undefined when the text does not match.
 */
export function parseDateTime(text: string, pattern: string, allowTrailing: boolean): ParsedDateTime | undefined {
  const tokens = compilePattern(pattern);
  if (tokens === null) return undefined;
  const f: DateTimeFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let dayOfYear: number | undefined;
  let offsetMs: number | undefined;
  let pos = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if ('lit' in t) {
      if (!text.startsWith(t.lit, pos)) return undefined;
      pos += t.lit.length;
      continue;
    }
    const next = tokens[k + 1];
    const adjacent =
      next !== undefined &&
      'letter' in next &&
      (NUMERIC.has(next.letter) || ((next.letter === 'M' || next.letter === 'L') && next.count < 3));
    if (NUMERIC.has(t.letter) && !((t.letter === 'M' || t.letter === 'L') && t.count >= 3)) {
      const max = adjacent ? t.count : 10;
      let end = pos;
      while (end < text.length && end - pos < max && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
      if (end === pos) return undefined;
      const digits = text.slice(pos, end);
      const v = Number(digits);
      pos = end;
      switch (t.letter) {
        case 'y':
        case 'Y':
        case 'u':
          f.year = t.count === 2 && digits.length === 2 ? 2000 + v : v;
          break;
        case 'd':
          f.day = v;
          break;
        case 'D':
          dayOfYear = v;
          break;
        case 'H':
          f.hour = v;
          break;
        case 'k':
          f.hour = v === 24 ? 0 : v;
          break;
        case 'K':
        case 'h':
          hour12 = v % 12;
          break;
        case 'm':
          f.minute = v;
          break;
        case 's':
          f.second = v;
          break;
        case 'S':
          f.millisecond = Math.floor(Number((digits + '000').slice(0, 3)));
          break;
      }
      continue;
    }
    if (t.letter === 'M' || t.letter === 'L') {
      if (t.count < 3) {
        const max = adjacent ? t.count : 2;
        let end = pos;
        while (end < text.length && end - pos < max && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
        if (end === pos) return undefined;
        f.month = Number(text.slice(pos, end));
        pos = end;
      } else {
        const idx = MONTHS.findIndex((m) => text.startsWith(t.count >= 4 ? m : m.slice(0, 3), pos));
        if (idx < 0) return undefined;
        f.month = idx + 1;
        pos += t.count >= 4 ? MONTHS[idx]!.length : 3;
      }
    } else if (t.letter === 'E') {
      const d = DAYS.find((x) => text.startsWith(t.count >= 4 ? x : x.slice(0, 3), pos));
      if (d === undefined) return undefined;
      pos += t.count >= 4 ? d.length : 3;
    } else if (t.letter === 'a') {
      const s = text.slice(pos, pos + 2).toUpperCase();
      if (s !== 'AM' && s !== 'PM') return undefined;
      pm = s === 'PM';
      pos += 2;
    } else if (t.letter === 'G') {
      if (!text.startsWith('AD', pos)) return undefined;
      pos += 2;
    } else {
      const m = /^(?:Z|([+-])(\d{2}):?(\d{2})?)/.exec(text.slice(pos));
      if (!m) return undefined;
      offsetMs = m[0] === 'Z' ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
      pos += m[0].length;
    }
  }
  if (!allowTrailing && pos !== text.length) return undefined;
  if (hour12 !== undefined) f.hour = hour12 + (pm ? 12 : 0);
  else if (pm === true && f.hour < 12) f.hour += 12;
  if (dayOfYear !== undefined) {
    const c = civilFromDays(daysFromCivil(f.year, 1, 1) + dayOfYear - 1);
    f.month = c.month;
    f.day = c.day;
  }
  return offsetMs === undefined ? { fields: f } : { fields: f, offsetMs };
}
