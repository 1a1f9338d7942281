// CheckpointStorage on real files: Flink's layout, round trips, corruption reported and skipped,
// leftovers of crashes removed, subsumption and savepoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync, truncateSync, unlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCheckpointFs } from '../../../cli/nodeCheckpointFs.js';
import { CheckpointStorage } from '../../../runtime/checkpoint/storage/checkpointStorage.js';
import { encodeCheckpointData } from '../../../runtime/checkpoint/encoding.js';
import { CHECKPOINT_FILE_MAGIC, frameCheckpointFile } from '../../../runtime/checkpoint/storage/checkpointFileFormat.js';
import type { SubtaskStateFileContent } from '../../../runtime/checkpoint/storage/checkpointMetadata.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import { crc32c } from '../../../runtime/checkpoint/storage/crc32c.js';
import { JOB_ID, sampleMetadata, sampleStates, seededRandom, tempDir } from './fixtures.js';

async function setup(label: string, seed = 1) {
  const t = tempDir(label);
  const storage = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: t.dir, savepointDir: join(t.dir, 'savepoints'), random: seededRandom(seed) });
  const leftovers = await storage.init(JOB_ID);
  return { ...t, storage, leftovers, jobDir: join(t.dir, JOB_ID) };
}

async function writeN(storage: CheckpointStorage, n: number): Promise<void> {
  for (let id = 1; id <= n; id++) await storage.writeCheckpoint(sampleMetadata(id), sampleStates(id));
}

function flipByte(path: string, offsetFromEnd: number): void {
  const b = readFileSync(path);
  b[b.length - offsetFromEnd]! ^= 0x5a;
  writeFileSync(path, b);
}

test('CRC-32C matches the standard check value and java.util.zip.CRC32C', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test("Flink's layout: <dir>/<job-id>/{shared,taskowned,chk-<n>/_metadata + state files}", async () => {
  const { storage, jobDir, cleanup, leftovers } = await setup('layout');
  try {
    assert.deepEqual(leftovers, []);
    assert.deepEqual(readdirSync(jobDir).sort(), ['shared', 'taskowned']);
    const path = await storage.writeCheckpoint(sampleMetadata(1), sampleStates(1));
    assert.equal(path, `${jobDir}/chk-1`);
    assert.deepEqual(readdirSync(jobDir).sort(), ['chk-1', 'shared', 'taskowned']);
    assert.deepEqual(readdirSync(path).sort(), ['_metadata', 'vertex-1-subtask-0.state', 'vertex-1-subtask-1.state']);
    for (const f of readdirSync(path)) assert.deepEqual([...readFileSync(join(path, f)).subarray(0, 4)], CHECKPOINT_FILE_MAGIC);
    assert.deepEqual(await storage.completedCheckpoints(), [{ checkpointId: 1, path }]);
  } finally {
    cleanup();
  }
});

test('round trip: metadata, opaque operator state and keyed state of every value kind', async () => {
  const { storage, cleanup } = await setup('roundtrip');
  try {
    const path = await storage.writeCheckpoint(sampleMetadata(7), sampleStates(7, 12));
    const loaded = await storage.loadCheckpoint(path);
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems));
    const m = loaded.value.metadata;
    const input = sampleMetadata(7);
    assert.equal(m.metadataVersion, 1);
    assert.equal(m.jobId, JOB_ID);
    assert.equal(m.checkpointId, 7);
    assert.equal(m.triggerTimestampMs, 7000);
    assert.equal(m.completionTimestampMs, 7020);
    assert.equal(m.isSavepoint, false);
    assert.deepEqual(m.vertices, input.vertices);
    assert.deepEqual(m.stateFiles.map((f) => f.name), ['vertex-1-subtask-0.state', 'vertex-1-subtask-1.state']);
    for (const f of m.stateFiles) {
      const bytes = readFileSync(join(path, f.name));
      assert.equal(f.sizeBytes, bytes.length);
      assert.equal(f.checksum, crc32c(bytes, 16).toString(16).padStart(8, '0'));
    }
    for (const s of sampleStates(7, 12)) {
      const content: SubtaskStateFileContent = loaded.value.states.get(`vertex-1-subtask-${s.subtaskIndex}.state`)!;
      assert.equal(content.vertexId, '1');
      assert.equal(content.subtaskIndex, s.subtaskIndex);
      assert.deepEqual(content.keyGroups, s.keyGroups);
      assert.deepEqual(content.timers, s.timers);
    }
    const price = loaded.value.states.get('vertex-1-subtask-0.state')!.keyGroups.get(1)!.get('price')!;
    assert.ok(price.get('user-1-0') instanceof Decimal);
    assert.equal((price.get('user-1-0') as Decimal).toPlainString(), '12.50');
    assert.equal((price.get(false) as Decimal).unscaled, -(10n ** 38n - 1n));
    assert.deepEqual(price.get(2n ** 70n), new Map([[null, -1.5]]));
    assert.deepEqual(loaded.value.states.get('vertex-1-subtask-0.state')!.timers!.get(0), [{ timestamp: 5007, key: 'user-0-0' }, { timestamp: 9000, key: 1 }]);
    assert.equal(loaded.value.totalSizeBytes, readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0));
    // The same through openCheckpoint, on the path of _metadata (as Flink accepts it).
    const opened = await storage.openCheckpoint(`${path}/_metadata`);
    assert.ok(opened.ok);
    const one = await opened.value.readState('vertex-1-subtask-1.state');
    assert.ok(one.ok);
    assert.deepEqual(one.value.keyGroups, sampleStates(7, 12)[1]!.keyGroups);
    const unknown = await opened.value.readState('other.state');
    assert.ok(!unknown.ok);
    assert.match(unknown.problems[0]!.problem, /does not list/);
  } finally {
    cleanup();
  }
});

interface DamageCase {
  readonly name: string;
  readonly damage: (chk: string) => void;
  readonly file: string;
  readonly problem: RegExp;
}

const DAMAGE: DamageCase[] = [
  { name: 'a flipped byte in a state file', file: 'vertex-1-subtask-1.state', damage: (c) => flipByte(join(c, 'vertex-1-subtask-1.state'), 100), problem: /checksum mismatch.*corrupted/ },
  { name: 'a flipped byte in _metadata', file: '_metadata', damage: (c) => flipByte(join(c, '_metadata'), 5), problem: /checksum mismatch/ },
  { name: 'a flipped byte in a header', file: 'vertex-1-subtask-0.state', damage: (c) => { const p = join(c, 'vertex-1-subtask-0.state'); const b = readFileSync(p); b[9]! ^= 1; writeFileSync(p, b); }, problem: /truncated|unexpected bytes/ },
  { name: 'a truncated state file', file: 'vertex-1-subtask-0.state', damage: (c) => { const p = join(c, 'vertex-1-subtask-0.state'); truncateSync(p, statSync(p).size - 7); }, problem: /truncated: the header announces \d+ payload bytes, the file has \d+/ },
  { name: 'a state file cut inside its header', file: 'vertex-1-subtask-0.state', damage: (c) => truncateSync(join(c, 'vertex-1-subtask-0.state'), 9), problem: /shorter than the 16-byte header/ },
  { name: 'an empty _metadata', file: '_metadata', damage: (c) => truncateSync(join(c, '_metadata'), 0), problem: /empty/ },
  { name: 'a missing state file', file: 'vertex-1-subtask-0.state', damage: (c) => unlinkSync(join(c, 'vertex-1-subtask-0.state')), problem: /state file is missing/ },
  { name: 'a missing _metadata', file: '_metadata', damage: (c) => unlinkSync(join(c, '_metadata')), problem: /_metadata file is missing/ },
  { name: 'garbage named _metadata', file: '_metadata', damage: (c) => writeFileSync(join(c, '_metadata'), 'this is not a checkpoint\n'.repeat(10)), problem: /bad magic bytes/ },
  { name: 'a state file posing as _metadata', file: '_metadata', damage: (c) => writeFileSync(join(c, '_metadata'), readFileSync(join(c, 'vertex-1-subtask-0.state'))), problem: /expected a metadata file, found a state file/ },
];

for (const d of DAMAGE) {
  test(`${d.name} in the latest checkpoint: reported, the previous complete one is used`, async () => {
    const { storage, jobDir, cleanup } = await setup('damage');
    try {
      await writeN(storage, 3);
      d.damage(join(jobDir, 'chk-3'));
      const r = await storage.latestValid();
      assert.equal(r.checkpoint?.metadata.checkpointId, 2);
      assert.deepEqual(r.checkpoint.states.get('vertex-1-subtask-0.state')!.keyGroups, sampleStates(2)[0]!.keyGroups);
      assert.equal(r.skipped.length, 1);
      assert.equal(r.skipped[0]!.checkpointId, 3);
      assert.equal(r.skipped[0]!.problems.length, 1);
      assert.equal(r.skipped[0]!.problems[0]!.path, `${jobDir}/chk-3/${d.file}`);
      assert.match(r.skipped[0]!.problems[0]!.problem, d.problem);
    } finally {
      cleanup();
    }
  });
}

test('a state file from another checkpoint (valid on its own) is caught by the checksum in _metadata', async () => {
  const { storage, jobDir, cleanup } = await setup('swap');
  try {
    await writeN(storage, 2);
    writeFileSync(join(jobDir, 'chk-2', 'vertex-1-subtask-0.state'), readFileSync(join(jobDir, 'chk-1', 'vertex-1-subtask-0.state')));
    const r = await storage.latestValid();
    assert.equal(r.checkpoint?.metadata.checkpointId, 1);
    assert.match(r.skipped[0]!.problems[0]!.problem, /metadata says CRC-32C [0-9a-f]{8}, the file has [0-9a-f]{8}/);
  } finally {
    cleanup();
  }
});

test('every damaged file is reported, and several bad checkpoints are walked past', async () => {
  const { storage, jobDir, cleanup } = await setup('multi');
  try {
    await writeN(storage, 4);
    flipByte(join(jobDir, 'chk-4', 'vertex-1-subtask-0.state'), 3);
    unlinkSync(join(jobDir, 'chk-4', 'vertex-1-subtask-1.state'));
    flipByte(join(jobDir, 'chk-3', '_metadata'), 3);
    const r = await storage.latestValid();
    assert.equal(r.checkpoint?.metadata.checkpointId, 2);
    assert.deepEqual(r.skipped.map((s) => [s.checkpointId, s.problems.map((p) => p.path.slice(jobDir.length + 1))]), [
      [4, ['chk-4/vertex-1-subtask-0.state', 'chk-4/vertex-1-subtask-1.state']],
      [3, ['chk-3/_metadata']],
    ]);
    flipByte(join(jobDir, 'chk-2', '_metadata'), 3);
    flipByte(join(jobDir, 'chk-1', '_metadata'), 3);
    const none = await storage.latestValid();
    assert.equal(none.checkpoint, null);
    assert.equal(none.skipped.length, 4);
  } finally {
    cleanup();
  }
});

test('an unfinished checkpoint is invisible, and init() removes and reports what a crash left', async () => {
  const { storage, dir, jobDir, cleanup } = await setup('leftover');
  try {
    await writeN(storage, 1);
    const pending = await storage.beginCheckpoint(2);
    await pending.writeState(sampleStates(2)[0]!);
    assert.match(pending.workPath, /\/chk-2\.inprogress-[0-9a-f]{12}$/);
    assert.ok(existsSync(pending.workPath));
    mkdirSync(join(jobDir, 'chk-0000'), { recursive: true }); // not a checkpoint name
    mkdirSync(join(jobDir, 'chk-1.discarding-0123456789ab'));
    writeFileSync(join(jobDir, 'chk-1.discarding-0123456789ab', 'x.state'), 'x');
    assert.deepEqual((await storage.completedCheckpoints()).map((c) => c.checkpointId), [1]);
    assert.equal((await storage.latestValid()).checkpoint?.metadata.checkpointId, 1);
    // A new process starts on the same directory.
    const again = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: dir, random: seededRandom(9) });
    const removed = await again.init(JOB_ID);
    assert.deepEqual(removed.map((r) => r.path.slice(jobDir.length + 1)).sort(), ['chk-1.discarding-0123456789ab', pending.workPath.slice(jobDir.length + 1)].sort());
    assert.ok(removed.some((r) => /unfinished checkpoint left by a crash/.test(r.problem)));
    assert.ok(!existsSync(pending.workPath));
    assert.deepEqual(readdirSync(jobDir).sort(), ['chk-0000', 'chk-1', 'shared', 'taskowned']);
  } finally {
    cleanup();
  }
});

test('abort() removes a pending checkpoint; complete() rejects inconsistent state files', async () => {
  const { storage, jobDir, cleanup } = await setup('abort');
  try {
    const p1 = await storage.beginCheckpoint(1);
    await p1.writeState(sampleStates(1)[0]!);
    await p1.abort();
    assert.deepEqual(readdirSync(jobDir).sort(), ['shared', 'taskowned']);
    // Metadata names a file that was never written.
    await assert.rejects(storage.writeCheckpoint(sampleMetadata(2), sampleStates(2).slice(0, 1)), /names state file vertex-1-subtask-1.state, which was not written/);
    // A file written that no subtask names.
    await assert.rejects(storage.writeCheckpoint(sampleMetadata(3), [...sampleStates(3), ...sampleStates(3, 1, '9')]), /written but no subtask names it/);
    assert.deepEqual(readdirSync(jobDir).sort(), ['shared', 'taskowned']);
    await storage.writeCheckpoint(sampleMetadata(4), sampleStates(4));
    await assert.rejects(storage.beginCheckpoint(4), /already exists/);
    await assert.rejects(storage.init('not-a-job-id'), /32 lowercase hex/);
  } finally {
    cleanup();
  }
});

test('discard() and retainNewest(): subsumption per num-retained', async () => {
  const { storage, jobDir, cleanup } = await setup('retain');
  try {
    await writeN(storage, 5);
    assert.equal(await storage.discard(2), true);
    assert.equal(await storage.discard(2), false);
    assert.deepEqual(await storage.retainNewest(2), [1, 3]);
    assert.deepEqual((await storage.completedCheckpoints()).map((c) => c.checkpointId), [4, 5]);
    assert.deepEqual(readdirSync(jobDir).sort(), ['chk-4', 'chk-5', 'shared', 'taskowned']);
  } finally {
    cleanup();
  }
});

test('savepoints: savepoint-<first 6 of job id>-<12 hex>/_metadata, never listed as checkpoints', async () => {
  const { storage, dir, cleanup } = await setup('savepoint', 42);
  try {
    const path = await storage.writeSavepoint(sampleMetadata(3), sampleStates(3));
    assert.match(path, new RegExp(`^${dir}/savepoints/savepoint-3f2a11-[0-9a-f]{12}$`));
    assert.deepEqual(readdirSync(join(dir, 'savepoints')), [path.slice(path.lastIndexOf('/') + 1)]);
    assert.deepEqual(await storage.completedCheckpoints(), []);
    const loaded = await storage.loadCheckpoint(path);
    assert.ok(loaded.ok);
    assert.equal(loaded.value.metadata.isSavepoint, true);
    assert.deepEqual(loaded.value.states.get('vertex-1-subtask-1.state')!.keyGroups, sampleStates(3)[1]!.keyGroups);
    // The same seed draws the same name; another target directory may be given.
    const again = await setup('savepoint', 42);
    try {
      const p2 = await again.storage.writeSavepoint(sampleMetadata(3), sampleStates(3));
      assert.equal(p2.slice(p2.lastIndexOf('/')), path.slice(path.lastIndexOf('/')));
      const p3 = await again.storage.writeSavepoint(sampleMetadata(4), sampleStates(4), join(again.dir, 'elsewhere'));
      assert.ok(p3.startsWith(`${again.dir}/elsewhere/savepoint-3f2a11-`));
    } finally {
      again.cleanup();
    }
    const noDir = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: dir, random: seededRandom(1) });
    await noDir.init(JOB_ID);
    await assert.rejects(noDir.writeSavepoint(sampleMetadata(5), []), /savepoint-dir/);
  } finally {
    cleanup();
  }
});

test('latestValid() with no checkpoints returns null and nothing skipped', async () => {
  const { storage, cleanup } = await setup('empty');
  try {
    assert.deepEqual(await storage.latestValid(), { checkpoint: null, skipped: [] });
  } finally {
    cleanup();
  }
});

test('metadata that decodes but is malformed (a state file outside the checkpoint, a wrong id) is reported, never followed', async () => {
  const { storage, jobDir, cleanup } = await setup('malformed');
  try {
    await writeN(storage, 2);
    const chk2 = join(jobDir, 'chk-2');
    const good = await storage.loadCheckpoint(chk2);
    assert.ok(good.ok);
    const m = good.value.metadata;
    const escape = { ...m, stateFiles: [{ name: '../chk-1/_metadata', sizeBytes: 10, checksum: '00000000' }], vertices: [] };
    writeFileSync(join(chk2, '_metadata'), frameCheckpointFile('metadata', encodeCheckpointData(escape)).bytes);
    let r = await storage.latestValid();
    assert.equal(r.checkpoint?.metadata.checkpointId, 1);
    assert.match(r.skipped[0]!.problems[0]!.problem, /the metadata is malformed: stateFiles\[0\] has no valid file name/);
    // A whole valid checkpoint copied under another id verifies file by file but is not that checkpoint.
    cpSync(join(jobDir, 'chk-1'), join(jobDir, 'chk-7'), { recursive: true });
    r = await storage.latestValid();
    assert.equal(r.checkpoint?.metadata.checkpointId, 1);
    assert.deepEqual(r.skipped.map((s) => s.checkpointId), [7, 2]);
    assert.match(r.skipped[0]!.problems[0]!.problem, /the metadata belongs to checkpoint 1 of job 3f2a11c0ffee00000000000000000042, not to this directory/);
  } finally {
    cleanup();
  }
});
