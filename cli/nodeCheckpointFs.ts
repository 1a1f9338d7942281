// CheckpointFs on Node's file system: atomic, durable writes (temp file, fsync, rename, fsync of
// the directory). The only place checkpoint storage touches real files. Imports node:fs and node:path.
import { constants } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointFs, CheckpointFsEntry } from '../runtime/checkpoint/storage/checkpointFs.js';

/**
 * Fsyncs a directory so the entries created, renamed or removed in it survive a power loss.
 * Windows cannot open a directory for fsync; there the rename is already durable as far as Node
 * can make it, so the error is ignored.
 */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, constants.O_RDONLY);
  } catch (e) {
    if (process.platform === 'win32') return;
    throw e;
  }
  try {
    await handle.sync();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (process.platform !== 'win32' && code !== 'EINVAL' && code !== 'EISDIR') throw e;
  } finally {
    await handle.close();
  }
}

let tempCounter = 0;

/** CheckpointFs on the local file system. */
export const nodeCheckpointFs: CheckpointFs = {
  async mkdirs(path) {
    await mkdir(path, { recursive: true });
  },

  async writeFileAtomic(path, bytes) {
    const temp = `${path}.tmp-${process.pid}-${++tempCounter}`;
    const handle = await open(temp, 'w', 0o644);
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      await handle.sync();
    } catch (e) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw e;
    }
    await handle.close();
    await rename(temp, path);
    await fsyncDirectory(dirname(path));
  },

  async readFile(path) {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },

  async readRange(path, offset, length) {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },

  async fileSize(path) {
    return (await stat(path)).size;
  },

  async list(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    const out: CheckpointFsEntry[] = [];
    for (const e of entries) {
      const isDirectory = e.isDirectory();
      let sizeBytes = 0;
      if (!isDirectory) {
        try {
          sizeBytes = (await stat(`${dir}/${e.name}`)).size;
        } catch {
          continue; // removed while listing
        }
      }
      out.push({ name: e.name, isDirectory, sizeBytes });
    }
    return out;
  },

  async removeRecursive(path) {
    await rm(path, { recursive: true, force: true });
    await fsyncDirectory(dirname(path)).catch(() => undefined);
  },

  async exists(path) {
    try {
      await stat(path);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return false;
      throw e;
    }
  },

  async isDirectory(path) {
    try {
      return (await stat(path)).isDirectory();
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR') return false;
      throw e;
    }
  },

  async rename(from, to) {
    await rename(from, to);
    await fsyncDirectory(dirname(to));
  },
};
