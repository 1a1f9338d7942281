// The file access checkpoint storage needs, injected by the host (cli/nodeCheckpointFs.ts on Node,
// an in-memory one in tests). Paths use '/' separators. Imports nothing.

/** One entry of a directory listing. */
export interface CheckpointFsEntry {
  /** The entry's name (no directory part). */
  readonly name: string;
  /** Whether the entry is a directory. */
  readonly isDirectory: boolean;
  /** Size in bytes (0 for a directory). */
  readonly sizeBytes: number;
}

/**
 * Durable file operations. Every method rejects with the host's error (e.g. ENOENT) on failure;
 * the storage layer turns those into reported problems where a user can cause them.
 */
export interface CheckpointFs {
  /** Creates `path` and any missing parents (`mkdir -p`); fine if it exists. */
  mkdirs(path: string): Promise<void>;
  /**
   * Writes `bytes` to `path` so that after a crash at any moment `path` holds either its old
   * content (or nothing) or all of `bytes`: write a temporary file in the same directory, fsync
   * it, rename it over `path`, fsync the directory.
   */
  writeFileAtomic(path: string, bytes: Uint8Array): Promise<void>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** Reads at most `length` bytes of a file from byte `offset` (fewer at its end). */
  readRange(path: string, offset: number, length: number): Promise<Uint8Array>;
  /** The size of a file in bytes. */
  fileSize(path: string): Promise<number>;
  /** The entries of a directory, in any order. */
  list(dir: string): Promise<CheckpointFsEntry[]>;
  /** Removes a file or a directory tree; fine if it does not exist. */
  removeRecursive(path: string): Promise<void>;
  /** Whether anything exists at `path`. */
  exists(path: string): Promise<boolean>;
  /** Whether `path` is a directory (false when it does not exist). */
  isDirectory(path: string): Promise<boolean>;
  /**
   * Renames `from` to `to` atomically (both in the same directory or file system), then makes the
   * rename durable (fsync of the parent directory). Fails if `to` exists as a non-empty directory.
   */
  rename(from: string, to: string): Promise<void>;
}

/** Joins path segments with '/', dropping a trailing '/' of the first. */
export function joinPath(dir: string, ...names: string[]): string {
  const base = dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return [base, ...names].join('/');
}
