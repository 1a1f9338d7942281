// Size before trust: a checkpoint file's header and declared length are checked before the file is
// read, what is read is bounded, and a file whose size disagrees with its header is corrupt. A
// byte-counting file access proves how much was read.
import assert from 'node:assert/strict';
import { openSync, closeSync, ftruncateSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeCheckpointFs } from '../../../cli/nodeCheckpointFs.js';
import type { CheckpointFs } from '../../../runtime/checkpoint/storage/checkpointFs.js';
import { loadCheckpoint } from '../../../runtime/checkpoint/storage/checkpointReader.js';
import { CheckpointStorage } from '../../../runtime/checkpoint/storage/checkpointStorage.js';
import { scanCheckpointDirectory } from '../../../runtime/checkpoint/storage/checkpointDirectoryScan.js';
import { JOB_ID, sampleMetadata, sampleStates, seededRandom, tempDir } from './fixtures.js';

/** nodeCheckpointFs that counts the bytes it reads. */
function countingFs(): { fs: CheckpointFs; read: () => number } {
  let bytes = 0;
  const fs: CheckpointFs = {
    ...nodeCheckpointFs,
    async readFile(path) {
      const b = await nodeCheckpointFs.readFile(path);
      bytes += b.length;
      return b;
    },
    async readRange(path, offset, length) {
      const b = await nodeCheckpointFs.readRange(path, offset, length);
      bytes += b.length;
      return b;
    },
  };
  return { fs, read: () => bytes };
}

/** Grows `path` to `size` bytes without writing them (a sparse file), after `header` if given. */
function grow(path: string, size: number, header?: Uint8Array): void {
  const fd = openSync(path, 'r+');
  try {
    if (header) writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

async function oneCheckpoint(label: string) {
  const t = tempDir(label);
  const storage = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: t.dir, random: seededRandom(7) });
  await storage.init(JOB_ID);
  const path = await storage.writeCheckpoint(sampleMetadata(1), sampleStates(1));
  return { ...t, path };
}

const BIG = 300 * 1024 * 1024;

test('a huge _metadata whose header announces its size is refused without reading it', async () => {
  const { path, cleanup } = await oneCheckpoint('huge-meta');
  const metadata = join(path, '_metadata');
  const header = readFileSync(metadata).subarray(0, 16);
  new DataView(header.buffer, header.byteOffset, 16).setUint32(8, BIG - 16);
  grow(metadata, BIG, header);
  const { fs, read } = countingFs();
  const r = await loadCheckpoint(fs, path);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problems[0]!.problem : '', /300\.0 MiB, more than the 256\.0 MiB a _metadata file may have/);
  assert.ok(read() <= 64, `read ${read()} bytes`);
  cleanup();
});

test('a file padded far beyond the length its header declares is corrupt and not read', async () => {
  const { path, cleanup } = await oneCheckpoint('padded');
  const metadata = join(path, '_metadata');
  grow(metadata, BIG);
  const { fs, read } = countingFs();
  const r = await loadCheckpoint(fs, path);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problems[0]!.problem : '', /unexpected bytes after its \d+-byte payload/);
  assert.ok(read() <= 64, `read ${read()} bytes`);
  // The listing reports it as corrupt with the same bound.
  const scan = await scanCheckpointDirectory(fs, join(path, '..'));
  assert.equal(scan.jobs[0]!.checkpoints[0]!.status, 'corrupt');
  assert.ok(read() <= 128, `read ${read()} bytes`);
  cleanup();
});

test('a state file larger than the metadata says is refused before it is read', async () => {
  const { path, cleanup } = await oneCheckpoint('big-state');
  const state = join(path, 'vertex-1-subtask-0.state');
  const header = readFileSync(state).subarray(0, 16);
  new DataView(header.buffer, header.byteOffset, 16).setUint32(8, BIG - 16);
  grow(state, BIG, header);
  const { fs, read } = countingFs();
  const r = await loadCheckpoint(fs, path);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problems.map((p) => p.problem).join('\n') : '', new RegExp(`the file has ${BIG} bytes, the checkpoint metadata says \\d+`));
  assert.ok(read() < 1024 * 1024, `read ${read()} bytes`);
  cleanup();
});

test('a short file is reported by its header, not read past its end', async () => {
  const { path, cleanup } = await oneCheckpoint('short');
  writeFileSync(join(path, '_metadata'), new Uint8Array([0x43, 0x4b, 0x50]));
  const r = await loadCheckpoint(nodeCheckpointFs, path);
  assert.match(!r.ok ? r.problems[0]!.problem : '', /truncated: 3 bytes, shorter than the 16-byte header/);
  cleanup();
});
