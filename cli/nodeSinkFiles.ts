// File access of filesystem sinks on Node: appends, truncation on restore, and a durable commit
// (fsync the file, rename, fsync the directory) so a committed part file survives a crash.
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
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

/**
 * Sink file access for one run. `runId` (the run's job id when it has durable checkpoints, else a
 * fresh random one, as Flink's JobID) and each sink instance give the uuid in the part-file names.
 */
export function nodeSinkFiles(runId: string = randomBytes(16).toString('hex')): SinkFileAccess {
  return {
    runId,
    append(path, text) {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, text);
    },
    truncate(path, length) {
      // Only a restore truncates: never through a symbolic link, which could point out of the sink's directory.
      if (lstatSync(path).isSymbolicLink()) throw new Error(`refusing to truncate ${path}: it is a symbolic link, not a part file the sink wrote`);
      truncateSync(path, length);
    },
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
