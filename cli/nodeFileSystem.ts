// File access for filesystem sources on Node: a table's relative `path` resolves against the job
// file's folder; hidden and underscore files are skipped by the source itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSystemAccess } from '../runtime/index.js';

export const nodeFileSystem: FileSystemAccess = {
  listFiles: (dir) => readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile()),
  readText: (path) => readFileSync(path, 'utf8'),
  resolve: (jobFile, path) => {
    const p = path.startsWith('file:') ? fileURLToPath(path) : path;
    if (isAbsolute(p)) return p;
    return resolve(jobFile ? dirname(jobFile) : process.cwd(), p);
  },
};
