// File access for filesystem sources on Node: a table's relative `path` resolves against the job
// file's folder; hidden and underscore files are skipped by the source itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSystemAccess, PathStat } from '../runtime/index.js';

/** Node's error codes in the words a user reads. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent of it is not a directory',
  EACCES: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

function statPath(path: string): PathStat {
  try {
    const s = statSync(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other' };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return { kind: 'missing', reason: REASONS[code] ?? (e as Error).message };
  }
}

export const nodeFileSystem: FileSystemAccess = {
  stat: statPath,
  listFiles: (dir) => readdirSync(dir).filter((name) => statPath(join(dir, name)).kind === 'file'),
  readText: (path) => readFileSync(path, 'utf8'),
  resolve: (jobFile, path) => {
    const p = path.startsWith('file:') ? fileURLToPath(path) : path;
    if (isAbsolute(p)) return p;
    return resolve(jobFile ? dirname(jobFile) : process.cwd(), p);
  },
};
