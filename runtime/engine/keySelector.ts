// Extracts the key of a row and its key group, exactly as Flink's BinaryRowDataKeySelector and
// KeyGroupRangeAssignment do for SQL keys.
import type { Row } from '../connectors/api.js';
import { KeyRowHasher } from '../keys/binaryRow.js';
import { computeKeyGroupForKeyHash } from '../keys/keyGroupAssignment.js';
import type { KeyId } from '../state/keyedStateBackend.js';
import type { KeySpec } from './jobGraph.js';

/** Computes the state key and the key group of rows. */
export interface KeySelector {
  /** The key's identity in keyed state (the value for one-field keys, an encoding otherwise). */
  keyOf(row: Row): KeyId;
  /** The key values as a row, for display. */
  keyValues(row: Row): unknown[];
  /** `murmurHash(BinaryRowData(key).hashCode()) % maxParallelism`. */
  keyGroupOf(row: Row): number;
  /** Indexes of the key fields in the row. */
  readonly fields: readonly number[];
}

/** Builds the key selector of a keyed vertex or HASH edge. */
export function createKeySelector(spec: KeySpec, maxParallelism: number): KeySelector {
  const hasher = new KeyRowHasher(spec.types);
  const fields = spec.fields;
  if (fields.length === 1) {
    const f = fields[0]!;
    return {
      fields,
      keyOf: (row) => row[f],
      keyValues: (row) => [row[f]],
      keyGroupOf: (row) => computeKeyGroupForKeyHash(hasher.hash1(row[f]), maxParallelism),
    };
  }
  const values = new Array<unknown>(fields.length);
  return {
    fields,
    keyOf: (row) => encodeCompositeKey(fields.map((f) => row[f])),
    keyValues: (row) => fields.map((f) => row[f]),
    keyGroupOf: (row) => {
      for (let i = 0; i < fields.length; i++) values[i] = row[fields[i]!];
      return computeKeyGroupForKeyHash(hasher.hashRow(values), maxParallelism);
    },
  };
}

/** A stable string identity for a multi-field key (distinguishes types and NULL). */
export function encodeCompositeKey(values: readonly unknown[]): string {
  let s = '';
  for (const v of values) {
    if (v === null || v === undefined) s += 'N;';
    else if (typeof v === 'string') s += `s${v.length}:${v};`;
    else if (typeof v === 'bigint' || typeof v === 'number') s += `n${String(v)};`;
    else if (typeof v === 'boolean') s += v ? 'T;' : 'F;';
    else s += `o${String(v)};`;
  }
  return s;
}
