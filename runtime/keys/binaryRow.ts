// SQL key rows: the BinaryRowData image Flink's generated key projection writes, and its hashCode
// (MurmurHashUtils.hashBytesByWords, seed 42). Hot path: no allocation per call for numeric or
// string keys. Imports only keys/ siblings and the type roots; no host APIs.
import type { TypeRoot } from '../types/logicalType.js';
import { computeKeyGroupForKeyHash } from './keyGroupAssignment.js';
import { BINARY_ROW_HASH_SEED, fmix, hashBytesByWords, mixH1, mixK1 } from './murmurHash.js';
import { writeUtf8 } from './utf8.js';

/** A key field's type: its root, and for TIMESTAMP/TIMESTAMP_LTZ/DECIMAL its precision. */
export interface KeyFieldType {
  readonly root: TypeRoot;
  /**
   * TIMESTAMP precision (digits of fractional seconds) or DECIMAL precision. Absent means the
   * compact layout (TIMESTAMP(p <= 3) as a long of millis, DECIMAL(p <= 18) as the unscaled long).
   */
  readonly precision?: number;
}

/** A key field given as a bare type root (compact layout) or with its precision. */
export type KeyFieldSpec = TypeRoot | KeyFieldType;

/** The part of a DECIMAL value the key row needs: the unscaled value at the column's scale. */
export interface UnscaledDecimal {
  readonly unscaled: bigint;
}

// How a field is written into its 8-byte slot (or the variable part).
const K_BOOLEAN = 0;
const K_BYTE = 1;
const K_SHORT = 2;
const K_INT = 3;
const K_LONG = 4;
const K_FLOAT = 5;
const K_DOUBLE = 6;
const K_DECIMAL_COMPACT = 7;
const K_STRING = 8;
const K_NULL = 9;
const K_TIMESTAMP_WIDE = 10;
const K_DECIMAL_WIDE = 11;

/** `TimestampData.isCompact`: precision <= 3. */
const MAX_COMPACT_TIMESTAMP_PRECISION = 3;
/** `DecimalData.isCompact`: precision <= 18. */
const MAX_COMPACT_DECIMAL_PRECISION = 18;
/** `BinaryFormat.MAX_FIX_PART_DATA_SIZE`: strings up to 7 bytes live inside the slot. */
const MAX_FIX_PART_DATA_SIZE = 7;

/** `BinaryRowData.calculateBitSetWidthInBytes(arity)`: `((arity + 63 + 8) / 64) * 8` bytes. */
export function nullBitsSizeInBytes(arity: number): number {
  return Math.floor((arity + 63 + 8) / 64) * 8;
}

function fieldKind(spec: KeyFieldSpec): number {
  const root = typeof spec === 'string' ? spec : spec.root;
  const precision = typeof spec === 'string' ? undefined : spec.precision;
  switch (root) {
    case 'BOOLEAN':
      return K_BOOLEAN;
    case 'TINYINT':
      return K_BYTE;
    case 'SMALLINT':
      return K_SHORT;
    case 'INTEGER':
    case 'DATE':
    case 'TIME_WITHOUT_TIME_ZONE':
    case 'INTERVAL_YEAR_MONTH':
      return K_INT;
    case 'BIGINT':
    case 'INTERVAL_DAY_TIME':
      return K_LONG;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return precision !== undefined && precision > MAX_COMPACT_TIMESTAMP_PRECISION ? K_TIMESTAMP_WIDE : K_LONG;
    case 'FLOAT':
      return K_FLOAT;
    case 'DOUBLE':
      return K_DOUBLE;
    case 'DECIMAL':
      return precision !== undefined && precision > MAX_COMPACT_DECIMAL_PRECISION ? K_DECIMAL_WIDE : K_DECIMAL_COMPACT;
    case 'CHAR':
    case 'VARCHAR':
      return K_STRING;
    case 'NULL':
      return K_NULL;
  }
}

// Slot words of the last `slotWords` call (module scratch: the runtime is single-threaded).
let slotLo = 0;
let slotHi = 0;
const floatScratch = new DataView(new ArrayBuffer(8));

function longWords(v: number | bigint): void {
  if (typeof v === 'number') {
    slotLo = v | 0;
    slotHi = Math.floor(v / 4294967296) | 0;
  } else {
    slotLo = Number(BigInt.asIntN(32, v));
    slotHi = Number(BigInt.asIntN(32, v >> 32n));
  }
}

/** Sets slotLo/slotHi to the little-endian words of a fixed-width field's 8-byte slot. */
function slotWords(kind: number, v: unknown): void {
  switch (kind) {
    case K_BOOLEAN:
      slotLo = v ? 1 : 0;
      slotHi = 0;
      return;
    case K_BYTE:
      slotLo = (v as number) & 0xff;
      slotHi = 0;
      return;
    case K_SHORT:
      slotLo = (v as number) & 0xffff;
      slotHi = 0;
      return;
    case K_INT:
      slotLo = (v as number) | 0;
      slotHi = 0;
      return;
    case K_LONG:
      longWords(v as number | bigint);
      return;
    case K_DECIMAL_COMPACT:
      longWords((v as UnscaledDecimal).unscaled);
      return;
    case K_FLOAT:
      floatScratch.setFloat32(0, v as number, true);
      slotLo = floatScratch.getInt32(0, true);
      slotHi = 0;
      return;
    case K_DOUBLE:
      floatScratch.setFloat64(0, v as number, true);
      slotLo = floatScratch.getInt32(0, true);
      slotHi = floatScratch.getInt32(4, true);
      return;
    default:
      throw new Error(`slotWords: kind ${kind} has no fixed-width slot`);
  }
}

/** `BigInteger.toByteArray()`: minimal big-endian two's complement bytes (at least one). */
function unscaledBytes(v: bigint): number[] {
  let len = 1;
  while (v < -(1n << BigInt(8 * len - 1)) || v >= 1n << BigInt(8 * len - 1)) len++;
  const out = new Array<number>(len);
  for (let j = 0; j < len; j++) out[j] = Number(BigInt.asUintN(8, v >> BigInt(8 * (len - 1 - j))));
  return out;
}

// Murmur state after the 8-byte null-bit region of a one-field row: all zero, or field 0 null.
const H_HEADER_NOT_NULL = mixH1(mixH1(BINARY_ROW_HASH_SEED, mixK1(0)), mixK1(0));
const H_HEADER_NULL = mixH1(mixH1(BINARY_ROW_HASH_SEED, mixK1(0x100)), mixK1(0));
/** Hash of the one-field row holding NULL in a fixed-width slot. */
const HASH_NULL_1 = fmix(mixH1(mixH1(H_HEADER_NULL, mixK1(0)), mixK1(0)), 16);

/**
 * Builds and hashes SQL key rows for one list of key field types, exactly as Flink's
 * `BinaryRowDataKeySelector` + `BinaryRowData.hashCode()`: the RowKind header is always 0.
 * Create one per key selector and reuse it; it keeps growable scratch buffers and is not
 * re-entrant. Values follow runtime/types/logicalType.ts (NULL = null).
 */
export class KeyRowHasher {
  /** Number of key fields. */
  readonly arity: number;
  /** Bytes of the null-bit region (8 for up to 56 fields). */
  readonly nullBitsSize: number;
  /** Bytes of the fixed part: null bits + 8 per field; the first variable-part offset. */
  readonly fixedSize: number;
  /**
   * `BinaryRowData.hashCode()` of the one-field key row holding `value` (a signed int). Only for
   * a hasher with exactly one field; throws otherwise (programmer error).
   */
  readonly hash1: (value: unknown) => number;

  private readonly kinds: Int8Array;
  private buf: Uint8Array;
  private view: DataView;
  private str: Uint8Array;

  /** Creates the hasher for key fields of the given types, in key order. */
  constructor(types: readonly KeyFieldSpec[]) {
    this.arity = types.length;
    this.kinds = Int8Array.from(types.map(fieldKind));
    this.nullBitsSize = nullBitsSizeInBytes(this.arity);
    this.fixedSize = this.nullBitsSize + 8 * this.arity;
    this.buf = new Uint8Array(Math.max(64, this.fixedSize * 2));
    this.view = new DataView(this.buf.buffer);
    this.str = new Uint8Array(64);
    this.hash1 = this.makeHash1();
  }

  /** `BinaryRowData.hashCode()` of the key row holding `values` (one per key field; a signed int). */
  hashRow(values: readonly unknown[]): number {
    if (this.arity === 1 && values.length === 1) return this.hash1(values[0]);
    const size = this.encode(values);
    return hashBytesByWords(this.view, 0, size);
  }

  /** Key group of a one-field key: `murmurHash(hash1(value)) % maxParallelism`. */
  keyGroupOf(value: unknown, maxParallelism: number): number {
    return computeKeyGroupForKeyHash(this.hash1(value), maxParallelism);
  }

  /** Key group of a key row: `murmurHash(hashRow(values)) % maxParallelism`. */
  keyGroupOfRow(values: readonly unknown[], maxParallelism: number): number {
    return computeKeyGroupForKeyHash(this.hashRow(values), maxParallelism);
  }

  /** A copy of the key row's bytes (`sizeInBytes` long, a multiple of 8), for tests and display. */
  encodeKeyRow(values: readonly unknown[]): Uint8Array {
    const size = this.encode(values);
    return this.buf.slice(0, size);
  }

  private ensureCapacity(bytes: number): void {
    if (bytes <= this.buf.length) return;
    const next = new Uint8Array(Math.max(bytes, this.buf.length * 2));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** UTF-8 of `s` into the string scratch, zero-padded to the next word; returns the byte length. */
  private utf8(s: string): number {
    const need = 3 * s.length + 8;
    if (need > this.str.length) this.str = new Uint8Array(Math.max(need, this.str.length * 2));
    const b = this.str;
    const n = writeUtf8(s, b, 0);
    const end = n <= MAX_FIX_PART_DATA_SIZE ? 8 : (n + 7) & ~7;
    for (let i = n; i < end; i++) b[i] = 0;
    return n;
  }

  /** Writes the key row into the scratch buffer as BinaryRowWriter does; returns `sizeInBytes`. */
  private encode(values: readonly unknown[]): number {
    const arity = this.arity;
    if (values.length !== arity) throw new Error(`key row has ${arity} fields, got ${values.length} values`);
    const fixed = this.fixedSize;
    this.ensureCapacity(fixed);
    this.buf.fill(0, 0, fixed);
    let cursor = fixed;
    for (let i = 0; i < arity; i++) {
      const v = values[i];
      const kind = this.kinds[i]!;
      const slot = this.nullBitsSize + 8 * i;
      if (v === null || v === undefined || kind === K_NULL) {
        this.buf[(i + 8) >>> 3]! |= 1 << ((i + 8) & 7);
        if (kind === K_TIMESTAMP_WIDE || kind === K_DECIMAL_WIDE) {
          // writeTimestamp/writeDecimal(pos, null, precision): reserve and zero the var part.
          const width = kind === K_TIMESTAMP_WIDE ? 8 : 16;
          this.ensureCapacity(cursor + width);
          this.buf.fill(0, cursor, cursor + width);
          this.view.setInt32(slot + 4, cursor, true);
          cursor += width;
        }
        continue;
      }
      if (kind === K_STRING) {
        const n = this.utf8(v as string);
        const b = this.str;
        if (n <= MAX_FIX_PART_DATA_SIZE) {
          for (let j = 0; j < n; j++) this.buf[slot + j] = b[j]!;
          this.buf[slot + 7] = 0x80 | n;
        } else {
          const padded = (n + 7) & ~7;
          this.ensureCapacity(cursor + padded);
          for (let j = 0; j < padded; j++) this.buf[cursor + j] = b[j]!;
          this.view.setInt32(slot, n, true);
          this.view.setInt32(slot + 4, cursor, true);
          cursor += padded;
        }
      } else if (kind === K_TIMESTAMP_WIDE) {
        // Millis in the var part; the slot holds (offset << 32) | nanoOfMillisecond (always 0 here).
        this.ensureCapacity(cursor + 8);
        longWords(v as number | bigint);
        this.view.setInt32(cursor, slotLo, true);
        this.view.setInt32(cursor + 4, slotHi, true);
        this.view.setInt32(slot + 4, cursor, true);
        cursor += 8;
      } else if (kind === K_DECIMAL_WIDE) {
        const bytes = unscaledBytes((v as UnscaledDecimal).unscaled);
        this.ensureCapacity(cursor + 16);
        this.buf.fill(0, cursor, cursor + 16);
        for (let j = 0; j < bytes.length; j++) this.buf[cursor + j] = bytes[j]!;
        this.view.setInt32(slot, bytes.length, true);
        this.view.setInt32(slot + 4, cursor, true);
        cursor += 16;
      } else {
        slotWords(kind, v);
        this.view.setInt32(slot, slotLo, true);
        this.view.setInt32(slot + 4, slotHi, true);
      }
    }
    return cursor;
  }

  /** A specialised single-field hash: the 16-byte row is hashed without being written. */
  private makeHash1(): (value: unknown) => number {
    if (this.arity !== 1) {
      return () => {
        throw new Error(`hash1 needs a one-field key row, this one has ${this.arity} fields`);
      };
    }
    const kind = this.kinds[0]!;
    if (kind === K_TIMESTAMP_WIDE || kind === K_DECIMAL_WIDE || kind === K_NULL) {
      return (value) => hashBytesByWords(this.view, 0, this.encode([value]));
    }
    if (kind === K_STRING) {
      return (value) => {
        if (value === null || value === undefined) return HASH_NULL_1;
        const n = this.utf8(value as string);
        const b = this.str;
        if (n <= MAX_FIX_PART_DATA_SIZE) {
          const lo = b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
          const hi = b[4]! | (b[5]! << 8) | (b[6]! << 16) | ((0x80 | n) << 24);
          return fmix(mixH1(mixH1(H_HEADER_NOT_NULL, mixK1(lo)), mixK1(hi)), 16);
        }
        let h = mixH1(mixH1(H_HEADER_NOT_NULL, mixK1(n)), mixK1(16));
        const padded = (n + 7) & ~7;
        for (let i = 0; i < padded; i += 4) {
          h = mixH1(h, mixK1(b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)));
        }
        return fmix(h, 16 + padded);
      };
    }
    if (kind === K_INT) {
      return (value) => {
        if (value === null || value === undefined) return HASH_NULL_1;
        return fmix(mixH1(mixH1(H_HEADER_NOT_NULL, mixK1((value as number) | 0)), mixK1(0)), 16);
      };
    }
    if (kind === K_LONG) {
      return (value) => {
        if (value === null || value === undefined) return HASH_NULL_1;
        longWords(value as number | bigint);
        return fmix(mixH1(mixH1(H_HEADER_NOT_NULL, mixK1(slotLo)), mixK1(slotHi)), 16);
      };
    }
    return (value) => {
      if (value === null || value === undefined) return HASH_NULL_1;
      slotWords(kind, value);
      return fmix(mixH1(mixH1(H_HEADER_NOT_NULL, mixK1(slotLo)), mixK1(slotHi)), 16);
    };
  }
}
