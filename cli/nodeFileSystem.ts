// File access for filesystem sources on Node: a table's relative `path` resolves against the job
// file's folder; hidden and underscore files are skipped by the source itself.
import { accessSync, constants, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
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

/** statfs types of Linux's virtual filesystems, where a sink cannot create its files (proc, sysfs, cgroup, cgroup2, debugfs, tracefs, securityfs, devpts, configfs). */
const VIRTUAL_FILESYSTEMS = new Set([0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0x1cd1, 0x62656570]);

/** Why no file can be written under directory `path`, without creating anything (see FileSystemAccess). */
function sinkDirectoryProblem(path: string): string | undefined {
  // The nearest part of the path that exists decides: it must be a writable directory on a real filesystem.
  let existing = path;
  for (;;) {
    const stat = statPath(existing);
    if (stat.kind !== 'missing') {
      if (stat.kind === 'directory') break;
      return existing === path ? 'it is a file, not a directory' : `'${existing}' is a file, not a directory`;
    }
    // Missing, or under a file (ENOTDIR): look further up.
    if (stat.reason !== REASONS.ENOENT && stat.reason !== REASONS.ENOTDIR) return `'${existing}': ${stat.reason}`;
    const parent = dirname(existing);
    if (parent === existing) return 'no part of it exists';
    existing = parent;
  }
  try {
    if (VIRTUAL_FILESYSTEMS.has(Number(statfsSync(existing).type))) return `'${existing}' is on a virtual filesystem (like /proc or /sys) where files cannot be created`;
  } catch {
    // statfs is not available everywhere; the access check below still applies.
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return `'${existing}' is not writable (${code === 'EROFS' ? 'a read-only filesystem' : (REASONS[code] ?? (e as Error).message)})`;
  }
  return undefined;
}

export const nodeFileSystem: FileSystemAccess = {
  sinkDirectoryProblem,
  stat: statPath,
  listFiles: (dir) => readdirSync(dir).filter((name) => statPath(join(dir, name)).kind === 'file'),
  readText: (path) => readFileSync(path, 'utf8'),
  resolve: (jobFile, path) => {
    const p = path.startsWith('file:') ? fileURLToPath(path) : path;
    if (isAbsolute(p)) return p;
    return resolve(jobFile ? dirname(jobFile) : process.cwd(), p);
  },
};
