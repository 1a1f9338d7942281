// `checkpoint-lab checkpoints` on a real checkpoint directory: the listing (text and JSON), --show
// of a checkpoint's metadata and state, corrupt files reported per file, and bad DIRs (exit 2).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckpointsCommand } from '../../cli/checkpoints.js';
import { nodeCheckpointFs } from '../../cli/nodeCheckpointFs.js';
import { CheckpointStorage } from '../../runtime/checkpoint/storage/checkpointStorage.js';
import { JOB_ID, sampleMetadata, sampleStates, seededRandom, tempDir } from '../runtime/checkpoint/fixtures.js';

let dir = '';
let cleanup = (): void => undefined;
let savepoint = '';

before(async () => {
  ({ dir, cleanup } = tempDir('cli'));
  const storage = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: dir, savepointDir: join(dir, 'savepoints'), random: seededRandom(5) });
  await storage.init(JOB_ID);
  for (let id = 1; id <= 3; id++) await storage.writeCheckpoint(sampleMetadata(id), sampleStates(id));
  savepoint = await storage.writeSavepoint(sampleMetadata(4), sampleStates(4));
  const p = join(dir, JOB_ID, 'chk-3', 'vertex-1-subtask-1.state');
  const b = readFileSync(p);
  b[b.length - 3]! ^= 0xff;
  writeFileSync(p, b);
  const pending = await storage.beginCheckpoint(5); // a crash leaves it behind
  await pending.writeState(sampleStates(5)[0]!);
});

after(() => cleanup());

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCheckpointsCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

test('text listing: every checkpoint with status, size and job times; corrupt files named; savepoints; leftovers', async () => {
  const r = await run(dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.equal(lines[0], `Job ${JOB_ID}  ${join(dir, JOB_ID)}`);
  assert.equal(lines[1], '  ID  STATUS       SIZE  TRIGGERED  COMPLETED  KIND');
  assert.match(lines[2]!, /^ {3}1 {2}complete {2}\d\.\d KiB {4}1\.000 s {4}1\.020 s {2}checkpoint$/);
  assert.match(lines[3]!, /^ {3}2 {2}complete /);
  assert.match(lines[4]!, /^ {3}3 {2}CORRUPT {3}\d\.\d KiB {10}- {10}- {2}checkpoint$/);
  assert.match(lines[5]!, new RegExp(`^ {6}${JOB_ID}/chk-3/vertex-1-subtask-1\\.state: checksum mismatch: the header says CRC-32C [0-9a-f]{8}, the content has [0-9a-f]{8} \\(the file is corrupted\\)$`));
  assert.equal(lines[7], 'Savepoints');
  assert.match(lines[9]!, /^ {2}savepoints\/savepoint-3f2a11-[0-9a-f]{12} {2}complete {2}/);
  assert.ok(r.out.includes("Left by a crash (never read; removed when the job's checkpoint storage starts again)"));
  assert.match(r.out, new RegExp(`\\n  ${JOB_ID}/chk-5\\.inprogress-[0-9a-f]{12}\\n`));
});

test('--json listing: jobs, checkpoints with status and problems, savepoints, leftovers', async () => {
  const r = await run(dir, '--json');
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.equal(j.jobs.length, 1);
  assert.equal(j.jobs[0].jobId, JOB_ID);
  assert.deepEqual(j.jobs[0].checkpoints.map((c: { checkpointId: number; status: string }) => [c.checkpointId, c.status]), [[1, 'complete'], [2, 'complete'], [3, 'corrupt']]);
  const c1 = j.jobs[0].checkpoints[0];
  assert.equal(c1.kind, 'checkpoint');
  assert.equal(c1.triggerTimestampMs, 1000);
  assert.equal(c1.completionTimestampMs, 1020);
  assert.ok(c1.sizeBytes > 1000);
  assert.deepEqual(c1.problems, []);
  assert.equal(j.jobs[0].checkpoints[2].problems.length, 1);
  assert.equal(j.jobs[0].checkpoints[2].problems[0].path, join(dir, JOB_ID, 'chk-3', 'vertex-1-subtask-1.state'));
  assert.equal(j.savepoints.length, 1);
  assert.equal(j.savepoints[0].kind, 'savepoint');
  assert.equal(j.savepoints[0].checkpointId, 4);
  assert.equal(j.savepoints[0].path, savepoint);
  assert.equal(j.leftovers.length, 1);
});

test('--show ID: metadata, operator state and keyed state per vertex, subtask, key group and key', async () => {
  const r = await run(dir, '--show', '2');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.equal(lines[0], `Checkpoint 2 of job ${JOB_ID}`);
  assert.equal(lines[1], `  path: ${join(dir, JOB_ID, 'chk-2')}`);
  assert.equal(lines[2], '  triggered at job time 2.000 s, completed at 2.020 s');
  assert.match(lines[3]!, /^ {2}\d+\.\d KiB in 3 files; every checksum verified$/);
  assert.ok(lines.includes('Vertex 0 (Source: clicks): parallelism 2, max parallelism 8'));
  assert.ok(lines.includes('  Source: clicks (1/2), subtask 0: no key groups'));
  assert.ok(lines.includes('    operator state: {offset: 20, split: "split-0"}'));
  assert.ok(lines.some((l) => /^ {2}GroupAggregate \(2\/2\), subtask 1: key groups 4-7, vertex-1-subtask-1\.state \(\d+ B, CRC-32C [0-9a-f]{8}\)$/.test(l)));
  const kg0 = lines.indexOf('    key group 0');
  assert.deepEqual(lines.slice(kg0, kg0 + 12), [
    '    key group 0',
    '      count (3 keys)',
    '        "user-0-0" → 200',
    '        1 → 201',
    '        1152921504606846978 → 202',
    '      acc (3 keys)',
    '        "user-0-0" → {count: 2, sum: 18446744073709551618, avg: 0, seen: [true, "x", null]}',
    '        1 → {count: 3, sum: 18446744073709551618, avg: 0.3333333333333333, seen: [true, "x", null]}',
    '        1152921504606846978 → {count: 4, sum: 18446744073709551618, avg: 0.6666666666666666, seen: [true, "x", null]}',
    '      event-time timers (2)',
    '        "user-0-0" at 5002',
    '        1 at 9000',
  ]);
});

test('--show ID --json: every key and value, 64-bit values as strings', async () => {
  const r = await run(dir, '--show', '2', '--json');
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  assert.equal(j.status, 'complete');
  assert.equal(j.metadata.checkpointId, 2);
  assert.equal(j.metadata.isSavepoint, false);
  assert.deepEqual(j.metadata.vertices[0].subtasks[1].operatorState, { offset: 21, split: 'split-1' });
  assert.equal(j.metadata.vertices[0].subtasks[1].keyGroups, null);
  const sub1 = j.metadata.vertices[1].subtasks[1];
  assert.deepEqual(sub1.keyGroupRange, { startKeyGroup: 4, endKeyGroup: 7 });
  assert.deepEqual(sub1.keyGroups.map((k: { keyGroup: number }) => k.keyGroup), [4, 5, 6, 7]);
  assert.deepEqual(sub1.keyGroups[0].states.count, [
    { key: 'user-4-0', value: 200 },
    { key: 4001, value: 201 },
    { key: '1152921504606850978', value: 202 },
  ]);
  assert.deepEqual(sub1.keyGroups[0].states.acc[0].value, { count: 2, sum: '18446744073709551618', avg: 0, seen: [true, 'x', null] });
  assert.deepEqual(sub1.keyGroups[0].timers, []);
  const sub0 = j.metadata.vertices[1].subtasks[0];
  assert.deepEqual(sub0.keyGroups[0].timers, [{ timestamp: 5002, key: 'user-0-0' }, { timestamp: 9000, key: 1 }]);
  assert.deepEqual(sub0.keyGroups[3].timers, [{ timestamp: 7000, key: null }]);
});

test('--show of a corrupt checkpoint: the damaged file is reported, the rest still shown, exit 1', async () => {
  const r = await run(dir, '--show', '3');
  assert.equal(r.code, 1);
  assert.match(r.out, /CORRUPT: 1 damaged file\n {4}.*chk-3\/vertex-1-subtask-1\.state: checksum mismatch/);
  assert.ok(r.out.includes('    (state unreadable, see above)'));
  assert.ok(r.out.includes('        "user-0-0" → 300'));
  const j = JSON.parse((await run(dir, '--show', '3', '--json')).out);
  assert.equal(j.status, 'corrupt');
  assert.equal(j.metadata.vertices[1].subtasks[1].keyGroups, null);
  assert.equal(j.metadata.vertices[1].subtasks[0].keyGroups.length, 4);
});

test('--show PATH of a savepoint (its _metadata), and --max-keys', async () => {
  const r = await run(dir, '--show', join(savepoint, '_metadata'), '--max-keys', '1');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Savepoint 4 of job 3f2a11c0ffee00000000000000000042\n/);
  assert.ok(r.out.includes('        "user-0-0" → 400\n        … 2 more (--max-keys 0 shows all)\n'));
  // A path relative to DIR works too.
  const rel = await run(dir, '--show', `${JOB_ID}/chk-1`);
  assert.equal(rel.code, 0, rel.err);
  assert.match(rel.out, /^Checkpoint 1 of job/);
});

test('DIR that is a single checkpoint, one with garbage as _metadata, and an empty DIR', async () => {
  const one = await run(join(dir, JOB_ID, 'chk-1'));
  assert.equal(one.code, 0);
  assert.match(one.out, /^Checkpoint 1 of job 3f2a11c0ffee00000000000000000042 in .*chk-1: complete, \d+\.\d KiB\n$/);
  const bad = join(dir, 'bad', 'chk-9');
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, '_metadata'), 'garbage');
  const r = await run(bad);
  assert.equal(r.code, 0);
  assert.equal(r.out, `Checkpoint 9 in ${bad}: CORRUPT, 7 B\n  _metadata: the file is truncated: 7 bytes, shorter than the 16-byte header\n`);
  const shown = await run(bad, '--show', bad);
  assert.equal(shown.code, 1);
  assert.match(shown.out, /CORRUPT, cannot be read\n {2}.*_metadata: the file is truncated/);
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  assert.equal((await run(empty)).out, `No checkpoints or savepoints in ${empty}.\n`);
});

test('usage errors and bad DIRs exit 2 with a clear message', async () => {
  const missing = await run(join(dir, 'nope'));
  assert.equal(missing.code, 2);
  assert.equal(missing.err, `checkpoint-lab checkpoints: ${join(dir, 'nope')} does not exist\n`);
  const file = await run(join(savepoint, '_metadata'));
  assert.equal(file.code, 2);
  assert.match(file.err, /is not a directory\n$/);
  assert.equal((await run()).code, 2);
  const unknownId = await run(dir, '--show', '99');
  assert.equal(unknownId.code, 2);
  assert.match(unknownId.err, /no checkpoint 99 in .* \(checkpoints: 1, 2, 3, 4\)/);
  assert.equal((await run(dir, '--bogus')).code, 2);
  assert.equal((await run(dir, '--max-keys', 'x')).code, 2);
  assert.equal((await run(dir, '--show', 'not/a/checkpoint')).code, 2);
});
