// Any runtime value as a Variables tree: scalars as text, arrays and Maps as indexed children
// (paged by the client), objects by their own fields. Decimals and other value classes print as text.

/** A value waiting to be expanded. */
export interface ValueNode {
  readonly value: unknown;
}

/** How a value shows in one line, and how many children it has. */
export interface ValueDescription {
  readonly value: string;
  readonly type?: string;
  readonly children: number;
  /** Children are positions (arrays, maps), fetched in pages. */
  readonly indexed: boolean;
}

function hasOwnToString(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto !== null && proto !== Object.prototype && proto !== Array.prototype && typeof (v as { toString?: unknown }).toString === 'function' && (v as { toString: () => string }).toString !== Object.prototype.toString;
}

/** A one-line description of a value. */
export function describeValue(v: unknown): ValueDescription {
  switch (typeof v) {
    case 'undefined':
      return { value: 'NULL', children: 0, indexed: false };
    case 'string':
      return { value: JSON.stringify(v), type: 'string', children: 0, indexed: false };
    case 'number':
      return { value: Number.isInteger(v) ? String(v) : String(v), type: 'number', children: 0, indexed: false };
    case 'bigint':
      return { value: `${v}`, type: 'bigint', children: 0, indexed: false };
    case 'boolean':
      return { value: String(v), type: 'boolean', children: 0, indexed: false };
    case 'function':
      return { value: 'function', children: 0, indexed: false };
    case 'symbol':
      return { value: String(v), children: 0, indexed: false };
  }
  if (v === null || v === undefined) return { value: 'NULL', children: 0, indexed: false };
  if (Array.isArray(v)) return { value: `[${v.slice(0, 5).map((x) => describeValue(x).value).join(', ')}${v.length > 5 ? ', …' : ''}]`, type: `array(${v.length})`, children: v.length, indexed: true };
  if (v instanceof Map) return { value: `Map(${v.size})`, type: 'Map', children: v.size, indexed: true };
  if (v instanceof Set) return { value: `Set(${v.size})`, type: 'Set', children: v.size, indexed: true };
  if (hasOwnToString(v as object)) return { value: String(v), type: (v as object).constructor?.name, children: 0, indexed: false };
  const keys = Object.keys(v as object);
  const preview = keys.slice(0, 4).map((k) => `${k}: ${describeValue((v as Record<string, unknown>)[k]).value}`).join(', ');
  return { value: `{${preview}${keys.length > 4 ? ', …' : ''}}`, type: 'object', children: keys.length, indexed: false };
}

/** The children of an expandable value. */
export function childrenOfValue(v: unknown): { name: string; value: unknown }[] {
  if (Array.isArray(v)) return v.map((x, i) => ({ name: `[${i}]`, value: x }));
  if (v instanceof Map) return [...v].map(([k, x]) => ({ name: describeValue(k).value, value: x }));
  if (v instanceof Set) return [...v].map((x, i) => ({ name: `[${i}]`, value: x }));
  if (v !== null && typeof v === 'object') return Object.keys(v).map((k) => ({ name: k, value: (v as Record<string, unknown>)[k] }));
  return [];
}
