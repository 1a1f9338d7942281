// Reads a job file or fault scenario as text, bounded: only a regular file, at most
// MAX_TEXT_FILE_BYTES, UTF-8 without NUL bytes. Anything else is an Error whose message says why.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** The largest job file or fault scenario the CLI reads (8 MiB; real job files are a few KB). */
export const MAX_TEXT_FILE_BYTES = 8 * 1024 * 1024;

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The text of a regular file; throws an Error with a message a user reads (the caller names the file). */
export function readTextFile(path: string): string {
  // O_NONBLOCK: opening a named pipe must not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`it is ${kindOf(stat)}, not a regular file`);
    if (stat.size > MAX_TEXT_FILE_BYTES) {
      throw new Error(`it has ${stat.size} bytes, more than the ${MAX_TEXT_FILE_BYTES} bytes (8 MiB) a job file or fault scenario may have`);
    }
    // Read at most one byte past the limit, in case the file grew since fstat.
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_TEXT_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > MAX_TEXT_FILE_BYTES) throw new Error(`it has more than the ${MAX_TEXT_FILE_BYTES} bytes (8 MiB) a job file or fault scenario may have`);
    const bytes = buffer.subarray(0, length);
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw new Error(`it holds binary data (a NUL byte at byte ${nul}), not text`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new Error('it is not UTF-8 text');
    }
  } finally {
    closeSync(fd);
  }
}
