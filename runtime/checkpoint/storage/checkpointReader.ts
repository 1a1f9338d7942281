// Reads a checkpoint or savepoint directory and verifies it: header, size and CRC-32C of every file
// against `_metadata`, then the decoded shapes. Problems are returned as data, never thrown.
// Imports ../encoding and this folder only.
import { CorruptCheckpointError, decodeCheckpointData } from '../encoding.js';
import { CHECKPOINT_FILE_HEADER_BYTES, checkCheckpointFileHeader, unframeCheckpointFile, type CheckpointFileKind } from './checkpointFileFormat.js';
import { joinPath, type CheckpointFs } from './checkpointFs.js';
import { METADATA_FILE_NAME } from './checkpointLayout.js';
import type { CheckpointMetadata, SubtaskStateFileContent } from './checkpointMetadata.js';
import { validateCheckpointMetadata, validateStateFileContent } from './validateCheckpointData.js';

/** Something wrong with one file (or directory) of a checkpoint. */
export interface CheckpointProblem {
  /** The file or directory. */
  readonly path: string;
  /** What is wrong, e.g. `checksum mismatch: ...` or `the state file is missing`. */
  readonly problem: string;
  /** Set when the file verifies (checksum, size) but what it holds is not valid: crafted or foreign, not damaged. */
  readonly invalid?: true;
}

/** A value, or the problems that prevented reading it. */
export type CheckpointReadResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly CheckpointProblem[] };

/** A checkpoint whose `_metadata` was read and verified; state files are read on demand. */
export interface OpenedCheckpoint {
  /** The checkpoint directory. */
  readonly path: string;
  /** The decoded metadata. */
  readonly metadata: CheckpointMetadata;
  /** Size of `_metadata` in bytes. */
  readonly metadataSizeBytes: number;
  /** Reads and verifies one state file listed in the metadata. */
  readState(name: string): Promise<CheckpointReadResult<SubtaskStateFileContent>>;
}

/** A checkpoint with every file read and verified. */
export interface LoadedCheckpoint {
  /** The checkpoint directory. */
  readonly path: string;
  /** The decoded metadata. */
  readonly metadata: CheckpointMetadata;
  /** Bytes of `_metadata` plus every state file. */
  readonly totalSizeBytes: number;
  /** The decoded state files, by file name. */
  readonly states: ReadonlyMap<string, SubtaskStateFileContent>;
}

function describe(e: unknown): string {
  if (e instanceof CorruptCheckpointError) return e.problem;
  return e instanceof Error ? e.message : String(e);
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

/** Largest `_metadata` read: it holds operator state (source positions, sink transactions, in-flight buffers), never keyed state. */
export const MAX_METADATA_BYTES = 256 * 1024 * 1024;

/** Largest state file read (Node cannot hold one buffer much larger). */
export const MAX_STATE_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Reads a checkpoint file without trusting its size: the header first (magic, version, kind and
 * the payload length it declares), then the file's size against the declared length and `limit`
 * (and `expectedSize`, when the metadata lists one), and only then the whole file, whose CRC-32C is
 * checked. Throws `CorruptCheckpointError` on a file that disagrees with its header.
 */
export async function readCheckpointFile(fs: CheckpointFs, path: string, kind: CheckpointFileKind, limit: number, expectedSize?: number): Promise<Uint8Array> {
  const header = await fs.readRange(path, 0, CHECKPOINT_FILE_HEADER_BYTES);
  const { payloadLength } = checkCheckpointFileHeader(kind, header);
  const declared = CHECKPOINT_FILE_HEADER_BYTES + payloadLength;
  const size = await fs.fileSize(path);
  if (size < declared) throw new CorruptCheckpointError(`the file is truncated: the header announces ${payloadLength} payload bytes, the file has ${size - CHECKPOINT_FILE_HEADER_BYTES}`);
  if (size > declared) throw new CorruptCheckpointError(`the file has ${size - declared} unexpected bytes after its ${payloadLength}-byte payload`);
  if (expectedSize !== undefined && size !== expectedSize) throw new CorruptCheckpointError(`the file has ${size} bytes, the checkpoint metadata says ${expectedSize}`);
  if (size > limit) throw new CorruptCheckpointError(`the file has ${formatSize(size)}, more than the ${formatSize(limit)} a ${kind === 'metadata' ? '_metadata' : kind} file may have; not read`);
  return fs.readRange(path, 0, size);
}

const fail = <T>(path: string, problem: string): CheckpointReadResult<T> => ({ ok: false, problems: [{ path, problem }] });

/** The checkpoint directory of `path`, which may also name its `_metadata` file (as Flink accepts). */
export function checkpointDirOf(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.endsWith(`/${METADATA_FILE_NAME}`) || trimmed.endsWith(`\\${METADATA_FILE_NAME}`)
    ? trimmed.slice(0, -METADATA_FILE_NAME.length - 1)
    : trimmed;
}

/** Reads and verifies the `_metadata` of the checkpoint at `path` (its directory or its `_metadata`). */
export async function openCheckpoint(fs: CheckpointFs, path: string): Promise<CheckpointReadResult<OpenedCheckpoint>> {
  const dir = checkpointDirOf(path);
  const metadataPath = joinPath(dir, METADATA_FILE_NAME);
  let bytes: Uint8Array;
  let metadata: CheckpointMetadata;
  try {
    bytes = await readCheckpointFile(fs, metadataPath, 'metadata', MAX_METADATA_BYTES);
  } catch (e) {
    if (e instanceof CorruptCheckpointError) return fail(metadataPath, e.problem);
    return fail(metadataPath, isNotFound(e) ? 'the _metadata file is missing: not a complete checkpoint' : `cannot read the file: ${describe(e)}`);
  }
  try {
    const decoded = decodeCheckpointData(unframeCheckpointFile('metadata', bytes).payload);
    const invalid = validateCheckpointMetadata(decoded);
    if (invalid !== undefined) return { ok: false, problems: [{ path: metadataPath, problem: `the metadata is malformed: ${invalid}`, invalid: true }] };
    metadata = decoded as CheckpointMetadata;
  } catch (e) {
    return fail(metadataPath, describe(e));
  }
  const listed = new Map(metadata.stateFiles.map((f) => [f.name, f]));
  const owner = new Map<string, { vertexId: string; subtaskIndex: number; keyGroupRange: { startKeyGroup: number; endKeyGroup: number } }>();
  for (const v of metadata.vertices) {
    for (const s of v.subtasks) if (s.stateFile !== null) owner.set(s.stateFile, { vertexId: v.vertexId, subtaskIndex: s.subtaskIndex, keyGroupRange: s.keyGroupRange });
  }
  const readState = async (name: string): Promise<CheckpointReadResult<SubtaskStateFileContent>> => {
    const entry = listed.get(name);
    const filePath = joinPath(dir, name);
    if (entry === undefined) return fail(filePath, 'the checkpoint metadata does not list this state file');
    let file: Uint8Array;
    try {
      file = await readCheckpointFile(fs, filePath, 'state', MAX_STATE_FILE_BYTES, entry.sizeBytes);
    } catch (e) {
      if (e instanceof CorruptCheckpointError) return fail(filePath, e.problem);
      return fail(filePath, isNotFound(e) ? 'the state file is missing' : `cannot read the file: ${describe(e)}`);
    }
    try {
      const { payload, checksum } = unframeCheckpointFile('state', file);
      if (checksum !== entry.checksum) {
        return fail(filePath, `checksum mismatch: the checkpoint metadata says CRC-32C ${entry.checksum}, the file has ${checksum} (a file from another checkpoint?)`);
      }
      const content = decodeCheckpointData(payload);
      const invalid = validateStateFileContent(content, owner.get(name));
      if (invalid !== undefined) return { ok: false, problems: [{ path: filePath, problem: `the state is malformed: ${invalid}`, invalid: true }] };
      return { ok: true, value: content as SubtaskStateFileContent };
    } catch (e) {
      return fail(filePath, describe(e));
    }
  };
  return { ok: true, value: { path: dir, metadata, metadataSizeBytes: bytes.length, readState } };
}

/**
 * Reads and verifies the whole checkpoint at `path`: `_metadata`, then every state file it lists.
 * All problems are collected (one per bad file), so a report names every damaged file.
 */
export async function loadCheckpoint(fs: CheckpointFs, path: string): Promise<CheckpointReadResult<LoadedCheckpoint>> {
  const opened = await openCheckpoint(fs, path);
  if (!opened.ok) return opened;
  const { metadata, metadataSizeBytes, readState } = opened.value;
  const states = new Map<string, SubtaskStateFileContent>();
  const problems: CheckpointProblem[] = [];
  let totalSizeBytes = metadataSizeBytes;
  for (const file of metadata.stateFiles) {
    const r = await readState(file.name);
    if (r.ok) {
      states.set(file.name, r.value);
      totalSizeBytes += file.sizeBytes;
    } else {
      problems.push(...r.problems);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { path: opened.value.path, metadata, totalSizeBytes, states } };
}
