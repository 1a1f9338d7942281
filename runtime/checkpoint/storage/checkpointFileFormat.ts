// The frame around every checkpoint file: a 16-byte header (magic, format version, file kind,
// payload length, CRC-32C of the payload) and then the payload. Imports only ./crc32c and ../encoding.
import { CorruptCheckpointError } from '../encoding.js';
import { crc32c, formatCrc32c } from './crc32c.js';

/** The first four bytes of every checkpoint file: ASCII `CKPL`. */
export const CHECKPOINT_FILE_MAGIC: readonly number[] = [0x43, 0x4b, 0x50, 0x4c];

/** The file format version this code writes and reads. */
export const CHECKPOINT_FILE_FORMAT_VERSION = 1;

/** Header size in bytes. */
export const CHECKPOINT_FILE_HEADER_BYTES = 16;

/** What a checkpoint file holds; written in the header so a state file posing as `_metadata` is caught. */
export type CheckpointFileKind = 'metadata' | 'state' | 'job';

const KIND_CODES: Record<CheckpointFileKind, number> = { metadata: 1, state: 2, job: 3 };

/** A framed file: its bytes and the facts `_metadata` records about it. */
export interface FramedFile {
  /** Header + payload, ready to write. */
  readonly bytes: Uint8Array;
  /** Total file size in bytes (header included). */
  readonly sizeBytes: number;
  /** CRC-32C of the payload, 8 lowercase hex digits. */
  readonly checksum: string;
}

/** Frames `payload` as a checkpoint file of `kind`. Payloads must be smaller than 4 GiB. */
export function frameCheckpointFile(kind: CheckpointFileKind, payload: Uint8Array): FramedFile {
  if (payload.length > 0xffffffff) throw new Error(`checkpoint file payload of ${payload.length} bytes exceeds 4 GiB`);
  const bytes = new Uint8Array(CHECKPOINT_FILE_HEADER_BYTES + payload.length);
  const view = new DataView(bytes.buffer);
  bytes.set(CHECKPOINT_FILE_MAGIC, 0);
  view.setUint8(4, CHECKPOINT_FILE_FORMAT_VERSION);
  view.setUint8(5, KIND_CODES[kind]);
  view.setUint16(6, 0);
  view.setUint32(8, payload.length);
  const crc = crc32c(payload);
  view.setUint32(12, crc);
  bytes.set(payload, CHECKPOINT_FILE_HEADER_BYTES);
  return { bytes, sizeBytes: bytes.length, checksum: formatCrc32c(crc) };
}

/** The verified payload of a checkpoint file, with the checksum its header carried. */
export interface UnframedFile {
  /** The payload (a view into the file's bytes). */
  readonly payload: Uint8Array;
  /** CRC-32C of the payload, 8 lowercase hex digits. */
  readonly checksum: string;
}

/**
 * Checks the header of a checkpoint file (its first 16 bytes, or fewer when the file is shorter)
 * and returns the payload length it announces. Throws `CorruptCheckpointError` (without a path) on
 * a short, foreign or other-kind file. Read this before trusting a file's size.
 */
export function checkCheckpointFileHeader(expectedKind: CheckpointFileKind, bytes: Uint8Array): { payloadLength: number } {
  if (bytes.length === 0) throw new CorruptCheckpointError('the file is empty');
  if (bytes.length < CHECKPOINT_FILE_HEADER_BYTES) {
    throw new CorruptCheckpointError(`the file is truncated: ${bytes.length} bytes, shorter than the ${CHECKPOINT_FILE_HEADER_BYTES}-byte header`);
  }
  for (let i = 0; i < CHECKPOINT_FILE_MAGIC.length; i++) {
    if (bytes[i] !== CHECKPOINT_FILE_MAGIC[i]) {
      throw new CorruptCheckpointError('not a Checkpoint Lab checkpoint file (bad magic bytes)');
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== CHECKPOINT_FILE_FORMAT_VERSION) {
    throw new CorruptCheckpointError(`written in file format version ${version}; this version reads format ${CHECKPOINT_FILE_FORMAT_VERSION}`);
  }
  const kindCode = view.getUint8(5);
  const kind = (Object.keys(KIND_CODES) as CheckpointFileKind[]).find((k) => KIND_CODES[k] === kindCode);
  if (kind === undefined) throw new CorruptCheckpointError(`unknown file kind ${kindCode} in the header`);
  if (kind !== expectedKind) throw new CorruptCheckpointError(`expected a ${expectedKind} file, found a ${kind} file`);
  return { payloadLength: view.getUint32(8) };
}

/**
 * Checks the header and the checksum of a checkpoint file and returns its payload. Throws
 * `CorruptCheckpointError` (without a path) on a short, foreign, truncated, padded or corrupted file.
 */
export function unframeCheckpointFile(expectedKind: CheckpointFileKind, bytes: Uint8Array): UnframedFile {
  const length = checkCheckpointFileHeader(expectedKind, bytes).payloadLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const actual = bytes.length - CHECKPOINT_FILE_HEADER_BYTES;
  if (actual < length) {
    throw new CorruptCheckpointError(`the file is truncated: the header announces ${length} payload bytes, the file has ${actual}`);
  }
  if (actual > length) {
    throw new CorruptCheckpointError(`the file has ${actual - length} unexpected bytes after its ${length}-byte payload`);
  }
  const stored = view.getUint32(12);
  const computed = crc32c(bytes, CHECKPOINT_FILE_HEADER_BYTES, bytes.length);
  if (stored !== computed) {
    throw new CorruptCheckpointError(
      `checksum mismatch: the header says CRC-32C ${formatCrc32c(stored)}, the content has ${formatCrc32c(computed)} (the file is corrupted)`,
    );
  }
  return { payload: bytes.subarray(CHECKPOINT_FILE_HEADER_BYTES), checksum: formatCrc32c(stored) };
}
