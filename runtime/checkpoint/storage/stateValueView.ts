// Readable and JSON forms of checkpointed state values, for `checkpoint-lab checkpoints --show`
// and the state browser. Imports runtime/types/decimal only.
import { Decimal } from '../../types/decimal.js';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A state value (key or value) as JSON: bigints and DECIMALs as strings of digits (JSON numbers
 * lose them), NaN and infinities as strings, `Map`s as arrays of `[key, value]` pairs, undefined
 * as null.
 */
export function stateValueToJson(v: unknown): JsonValue {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'bigint':
      return v.toString();
    case 'string':
    case 'boolean':
      return v;
    case 'undefined':
      return null;
    case 'object': {
      if (v === null) return null;
      if (v instanceof Decimal) return v.toPlainString();
      if (Array.isArray(v)) return v.map(stateValueToJson);
      if (v instanceof Map) return [...v].map(([k, x]) => [stateValueToJson(k), stateValueToJson(x)]);
      const out: { [key: string]: JsonValue } = {};
      for (const [k, x] of Object.entries(v)) out[k] = stateValueToJson(x);
      return out;
    }
    default:
      return String(v);
  }
}

/**
 * A state value as one line of text: strings quoted, numbers and bigints as digits, DECIMALs
 * plain, `Map`s as `{k → v, …}`, records as `{field: v, …}`, NULL as `null`.
 */
export function formatStateValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Object.is(v, -0) ? '-0.0' : String(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'undefined':
      return 'undefined';
    case 'object': {
      if (v === null) return 'null';
      if (v instanceof Decimal) return v.toPlainString();
      if (Array.isArray(v)) return `[${v.map(formatStateValue).join(', ')}]`;
      if (v instanceof Map) return `{${[...v].map(([k, x]) => `${formatStateValue(k)} → ${formatStateValue(x)}`).join(', ')}}`;
      return `{${Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatStateValue(x)}`).join(', ')}}`;
    }
    default:
      return String(v);
  }
}
