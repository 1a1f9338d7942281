// JSON read with the runtime's own reader (runtime/formats/jsonText.ts keeps every number's
// source text, so `1.0` stays `1.0` and a BIGINT beyond 2^53 stays exact) and printed back as one
// canonical text, so two engines' json files compare value by value.
import { parseJson, type JsonNode } from '../../../runtime/formats/jsonText.js';

export type { JsonNode };

/** Parses one JSON text; throws on malformed or blank input. */
export function parseJsonPreserving(text: string): JsonNode {
  const r = parseJson(text);
  if ('error' in r) throw new Error(`${r.error} at column ${r.column}`);
  if (r.value === undefined) throw new Error('no JSON value');
  return r.value;
}

/** Canonical text of a parsed value: no spaces, strings re-escaped the same way, numbers as written. */
export function canonicalJson(v: JsonNode): string {
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(v.value);
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return v.text;
    case 'array':
      return `[${v.items.map(canonicalJson).join(',')}]`;
    case 'object':
      return `{${[...v.fields].map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
}
