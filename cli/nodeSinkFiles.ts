// File access of filesystem sinks on Node: appends, truncation on restore, and a durable commit
// (fsync the file, rename, fsync the directory) so a committed part file survives a crash.
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SinkFileAccess } from '../runtime/index.js';

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Sink file access for one run (a fresh part-file id, as Flink uses a new UUID per run). */
export function nodeSinkFiles(): SinkFileAccess {
  const hex = randomBytes(16).toString('hex');
  return {
    runId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    append(path, text) {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, text);
    },
    truncate: (path, length) => truncateSync(path, length),
    size(path) {
      try {
        return statSync(path).size;
      } catch {
        return -1;
      }
    },
    rename(from, to) {
      fsyncPath(from);
      renameSync(from, to);
      fsyncPath(dirname(to));
    },
    remove: (path) => rmSync(path, { force: true }),
    read: (path) => readFileSync(path, 'utf8'),
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  };
}
