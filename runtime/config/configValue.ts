// Parses one textual config value by its key's type, with Flink's rules and error wording.
// Imports only the key catalogue types and the duration/memory parsers.
import type { ConfigKey } from './configKeys.js';
import { parseDuration, parseMemorySize } from './duration.js';

/** A parsed config value: durations in ms, memory sizes in bytes, enums in Flink's spelling. */
export type ConfigValue = number | boolean | string;

/** The outcome of parsing one value: the value, or the reason it was rejected. */
export type ParsedConfigValue = { ok: true; value: ConfigValue } | { ok: false; reason: string };

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function parseJavaInteger(text: string, min: number, max: number): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * Parses `text` as a value of `entry`'s type (Flink trims the text first). Range checks declared
 * in the catalogue (`min`/`max`) are applied too.
 */
export function parseConfigValue(entry: ConfigKey, text: string): ParsedConfigValue {
  const t = text.trim();
  switch (entry.type) {
    case 'duration': {
      const d = parseDuration(t);
      return typeof d === 'number'
        ? { ok: true, value: d }
        : { ok: false, reason: `Expected a duration like '10 s' or '500 ms' (${d}).` };
    }
    case 'memory': {
      const m = parseMemorySize(t);
      return typeof m === 'number'
        ? { ok: true, value: m }
        : { ok: false, reason: `Expected a memory size like '20 kb' or '128 mb' (${m}).` };
    }
    case 'boolean': {
      const l = t.toLowerCase();
      if (l === 'true') return { ok: true, value: true };
      if (l === 'false') return { ok: true, value: false };
      return { ok: false, reason: 'Expected either true or false (case insensitive).' };
    }
    case 'int':
    case 'long': {
      const n =
        entry.type === 'int'
          ? parseJavaInteger(t, INT_MIN, INT_MAX)
          : parseJavaInteger(t, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (n === undefined) {
        return { ok: false, reason: entry.type === 'int' ? 'Expected an integer.' : 'Expected a whole number.' };
      }
      return checkRange(entry, n);
    }
    case 'double': {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
      if (!Number.isFinite(n)) return { ok: false, reason: 'Expected a number.' };
      return checkRange(entry, n);
    }
    case 'enum': {
      const values = entry.enumValues ?? [];
      const upper = t.toUpperCase();
      const hit = values.find((v) => v.toUpperCase() === upper);
      return hit !== undefined
        ? { ok: true, value: hit }
        : { ok: false, reason: `Expected one of: [${values.join(', ')}].` };
    }
    case 'string':
      return { ok: true, value: text }; // Flink does not trim string values
  }
}

function checkRange(entry: ConfigKey, n: number): ParsedConfigValue {
  const { min, max } = entry;
  const outside = (min !== undefined && n < min) || (max !== undefined && n > max);
  if (outside && entry.rangeMessage !== undefined) return { ok: false, reason: entry.rangeMessage };
  if (min !== undefined && max !== undefined && (n < min || n > max)) {
    return { ok: false, reason: `Expected a value between ${min} and ${max}.` };
  }
  if (min !== undefined && n < min) return { ok: false, reason: `Expected a value of at least ${min}.` };
  if (max !== undefined && n > max) return { ok: false, reason: `Expected a value of at most ${max}.` };
  return { ok: true, value: n };
}

/** The parsed default of `entry`, or undefined when Flink has none. */
export function defaultConfigValue(entry: ConfigKey): ConfigValue | undefined {
  if (entry.defaultValue === undefined) return undefined;
  if (entry.defaultValue === 'infinite') return INT_MAX;
  const p = parseConfigValue({ ...entry, min: undefined, max: undefined } as ConfigKey, entry.defaultValue);
  if (!p.ok) throw new Error(`catalogue default of '${entry.key}' does not parse: ${p.reason}`);
  return p.value;
}
