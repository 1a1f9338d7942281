// Key-type dispatch for the `keys` command and the partition visualiser: a key given as text,
// number or bigint, of a DataStream (Java) or SQL key type → key group → subtask.
// Imports only keys/ siblings; no host APIs.
import { KeyRowHasher } from './binaryRow.js';
import { javaIntHash, javaLongHash, javaStringHash } from './javaHashCodes.js';
import {
  checkMaxParallelismPreconditions,
  computeKeyGroupForKeyHash,
  computeOperatorIndexForKeyGroup,
} from './keyGroupAssignment.js';

/**
 * How a key is hashed: `java-*` as a DataStream key (`String`/`Integer`/`Long.hashCode()`),
 * `sql-*` as a one-column Flink SQL key (BinaryRowData of STRING / INT / BIGINT).
 */
export type KeyType = 'java-string' | 'java-int' | 'java-long' | 'sql-string' | 'sql-int' | 'sql-bigint';

/** Every key type, in display order. */
export const KEY_TYPES: readonly KeyType[] = ['java-string', 'java-int', 'java-long', 'sql-string', 'sql-int', 'sql-bigint'];

/** Whether `s` names a key type. */
export function isKeyType(s: string): s is KeyType {
  return (KEY_TYPES as readonly string[]).includes(s);
}

/** A key as a user gives it: text, a number, a bigint, or null (SQL NULL). */
export type KeyInput = string | number | bigint | null;

/** A key's hash, or why the key is not valid for its type. */
export type KeyHashResult = { readonly ok: true; readonly hash: number } | { readonly ok: false; readonly error: string };

/** A key's key group and subtask (0-based), or why it could not be assigned. */
export type KeyAssignment =
  | { readonly ok: true; readonly keyGroup: number; readonly subtask: number }
  | { readonly ok: false; readonly error: string };

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^[+-]?[0-9]+$/;

let stringHasher: KeyRowHasher | undefined;
let intHasher: KeyRowHasher | undefined;
let bigintHasher: KeyRowHasher | undefined;

function show(key: KeyInput): string {
  return typeof key === 'string' ? JSON.stringify(key) : String(key);
}

/** Parses an integer key within [min, max]; returns a number when safe, else a bigint, or an error. */
function parseInteger(key: string | number | bigint, min: bigint, max: bigint, typeName: string): number | bigint | string {
  let v: bigint;
  if (typeof key === 'number') {
    if (!Number.isInteger(key)) return `key ${show(key)} is not an integer (${typeName} expected)`;
    if (!Number.isSafeInteger(key)) {
      return `key ${show(key)} is beyond 2^53 and not exact as a JSON number; give it as a string`;
    }
    v = BigInt(key);
  } else if (typeof key === 'bigint') {
    v = key;
  } else {
    const t = key.trim();
    if (!INTEGER_TEXT.test(t)) return `key ${show(key)} is not an integer (${typeName} expected)`;
    v = BigInt(t);
  }
  if (v < min || v > max) return `key ${show(key)} is out of range for ${typeName} (${min} to ${max})`;
  return v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n ? Number(v) : v;
}

/**
 * The hash Flink feeds to `murmurHash` for this key: the Java `hashCode()` for `java-*`, the
 * `BinaryRowData.hashCode()` of the one-column key row for `sql-*`. Invalid keys are errors
 * (null for a Java key: Flink's "Assigned key must not be null!").
 */
export function keyHash(keyType: KeyType, key: KeyInput): KeyHashResult {
  if (key === null && keyType.startsWith('java-')) return { ok: false, error: 'Assigned key must not be null!' };
  switch (keyType) {
    case 'java-string':
    case 'sql-string': {
      if (key !== null && typeof key !== 'string') {
        return { ok: false, error: `key ${show(key)} is not a string (${keyType} expected)` };
      }
      if (keyType === 'java-string') return { ok: true, hash: javaStringHash(key as string) };
      stringHasher ??= new KeyRowHasher(['VARCHAR']);
      return { ok: true, hash: stringHasher.hash1(key) };
    }
    case 'java-int':
    case 'sql-int': {
      let v: number | null = null;
      if (key !== null) {
        const parsed = parseInteger(key, INT_MIN, INT_MAX, keyType === 'java-int' ? 'Integer' : 'INT');
        if (typeof parsed === 'string') return { ok: false, error: parsed };
        v = Number(parsed);
      }
      if (keyType === 'java-int') return { ok: true, hash: javaIntHash(v!) };
      intHasher ??= new KeyRowHasher(['INTEGER']);
      return { ok: true, hash: intHasher.hash1(v) };
    }
    case 'java-long':
    case 'sql-bigint': {
      let v: number | bigint | null = null;
      if (key !== null) {
        const parsed = parseInteger(key, LONG_MIN, LONG_MAX, keyType === 'java-long' ? 'Long' : 'BIGINT');
        if (typeof parsed === 'string') return { ok: false, error: parsed };
        v = parsed;
      }
      if (keyType === 'java-long') return { ok: true, hash: javaLongHash(v!) };
      bigintHasher ??= new KeyRowHasher(['BIGINT']);
      return { ok: true, hash: bigintHasher.hash1(v) };
    }
  }
}

/**
 * Flink's `assignKeyToParallelOperator` for a key of `keyType`: its key group in
 * [0, maxParallelism) and its 0-based subtask in [0, parallelism). Bad parallelism or a bad key
 * gives `{ ok: false, error }`.
 */
export function assignKey(keyType: KeyType, key: KeyInput, maxParallelism: number, parallelism: number): KeyAssignment {
  const problem = checkMaxParallelismPreconditions(maxParallelism, parallelism);
  if (problem !== undefined) return { ok: false, error: problem };
  const h = keyHash(keyType, key);
  if (!h.ok) return h;
  const keyGroup = computeKeyGroupForKeyHash(h.hash, maxParallelism);
  return { ok: true, keyGroup, subtask: computeOperatorIndexForKeyGroup(maxParallelism, parallelism, keyGroup) };
}
