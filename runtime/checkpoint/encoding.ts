// The binary encoding of checkpoint data (metadata and state files): MessagePack through msgpackr's
// no-eval build. Decoding never evaluates or executes anything it reads. Imports msgpackr and
// runtime/types/decimal only.
import { Packr, Unpackr, addExtension } from 'msgpackr/index-no-eval';
import { Decimal } from '../types/decimal.js';

/**
 * Options shared by the encoder and the decoder.
 * - `useRecords: true`: plain objects are written as msgpackr records, MessagePack maps are read back
 *   as `Map`. With records off MessagePack cannot tell a plain object from a `Map` (both are maps),
 *   so one of the two would not round-trip. No shared structures are configured, so every encoded
 *   buffer carries its own record definitions and decodes on its own.
 * - `useBigIntExtension`: a bigint beyond 64 bits (a DECIMAL(38) unscaled value) keeps every digit;
 *   within 64 bits it is an int64, and `int64AsType: 'bigint'` reads it back as a bigint. Numbers
 *   are written as ints (32-bit range) or float64, so a number never comes back as a bigint.
 * - `moreTypes`/`structuredClone` off: no Sets, typed arrays, Errors or cycles in checkpoint data.
 */
const OPTIONS = {
  useRecords: true,
  mapsAsObjects: false,
  useBigIntExtension: true,
  int64AsType: 'bigint',
  moreTypes: false,
  structuredClone: false,
  largeBigIntToFloat: false,
  largeBigIntToString: false,
} as const;

const packr = new Packr(OPTIONS);
const unpackr = new Unpackr(OPTIONS);

/** The msgpackr extension type code of a DECIMAL value: payload `[unscaled: bigint, scale: number]`. */
export const DECIMAL_EXTENSION_TYPE = 1;

addExtension({
  Class: Decimal as unknown as new () => Decimal,
  type: DECIMAL_EXTENSION_TYPE,
  write: (value: Decimal) => [value.unscaled, value.scale],
  read: (datum: unknown) => {
    if (!Array.isArray(datum) || datum.length !== 2 || typeof datum[0] !== 'bigint' || typeof datum[1] !== 'number' || !Number.isSafeInteger(datum[1])) {
      throw new Error('malformed DECIMAL value');
    }
    return Decimal.fromUnscaled(datum[0], datum[1]);
  },
});

/** Checkpoint data that cannot be read back: a bad checksum, a truncated file, bytes that do not decode. */
export class CorruptCheckpointError extends Error {
  override readonly name = 'CorruptCheckpointError';

  /**
   * @param problem what is wrong, in words a Flink user understands
   * @param path the file, when known (filled in by the storage layer)
   */
  constructor(
    readonly problem: string,
    readonly path?: string,
  ) {
    super(path === undefined ? problem : `${path}: ${problem}`);
  }

  /** The same problem attributed to `path`. */
  withPath(path: string): CorruptCheckpointError {
    return new CorruptCheckpointError(this.problem, path);
  }
}

/**
 * Encodes checkpoint data. Supported values: numbers (-0 is written as 0), bigints of any size,
 * strings, booleans, null, undefined, arrays, `Map`s with keys of any of these kinds (nested
 * too), plain objects, and `Decimal` (DECIMAL) values, which come back as `Decimal` instances. Returns a fresh array the caller owns.
 */
export function encodeCheckpointData(value: unknown): Uint8Array {
  const packed: Uint8Array = packr.pack(value);
  // msgpackr packs into a buffer it reuses: copy into a plain Uint8Array the caller owns.
  const out = new Uint8Array(packed.length);
  out.set(packed);
  return out;
}

/**
 * Decodes bytes written by `encodeCheckpointData`. Throws `CorruptCheckpointError` (without a
 * path) when the bytes are not exactly one encoded value.
 */
export function decodeCheckpointData(bytes: Uint8Array): unknown {
  let values: unknown[];
  try {
    values = unpackr.unpackMultiple(bytes);
  } catch (e) {
    throw new CorruptCheckpointError(`the data does not decode (${e instanceof Error ? e.message : String(e)})`);
  }
  if (values.length !== 1) {
    throw new CorruptCheckpointError(`expected one encoded value, found ${values.length}`);
  }
  const foreign = findForeignValue(values[0], 0);
  if (foreign !== undefined) throw new CorruptCheckpointError(`the data holds ${foreign}, which checkpoints never contain`);
  return values[0];
}

const MAX_DEPTH = 64;

/**
 * Describes the first value in `value` that encodeCheckpointData never writes (a Set, a Date, a
 * typed array, MessagePack's reserved 0xC1...), or returns undefined when there is none.
 */
function findForeignValue(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? `a ${typeof value}` : undefined;
  if (depth > MAX_DEPTH) return `values nested deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (const v of value) {
      const f = findForeignValue(v, depth + 1);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const f = findForeignValue(k, depth + 1) ?? findForeignValue(v, depth + 1);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    for (const v of Object.values(value)) {
      const f = findForeignValue(v, depth + 1);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  if (value instanceof Decimal) return undefined;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return `a value of kind ${typeof name === 'string' && name !== '' ? name : 'unknown'}`;
}
