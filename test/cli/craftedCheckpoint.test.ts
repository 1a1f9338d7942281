// A checkpoint is input: a `_metadata` re-encoded with a valid CRC-32C that names files outside
// the sink's directory, or holds fields out of range, is listed as INVALID by `checkpoints`, refused
// by `run --restore` with the checkpoint file and the field named, and skipped loudly by
// `--restore latest`; no file anywhere is touched.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeCheckpointData, encodeCheckpointData } from '../../runtime/checkpoint/encoding.js';
import { frameCheckpointFile, unframeCheckpointFile } from '../../runtime/checkpoint/storage/checkpointFileFormat.js';
import { cli, committedRows, failedRun, fallbackJob } from './support/fallbackJob.js';

type Metadata = { vertices: { subtasks: { keyGroupRange: { startKeyGroup: number; endKeyGroup: number }; operatorState?: { operators: unknown[] } }[] }[] };

/** Rewrites a checkpoint's `_metadata` through `change`, framed with a valid checksum. */
function craft(chkDir: string, change: (m: Metadata) => void): void {
  const path = join(chkDir, '_metadata');
  const m = decodeCheckpointData(unframeCheckpointFile('metadata', readFileSync(path)).payload) as Metadata;
  change(m);
  writeFileSync(path, frameCheckpointFile('metadata', encodeCheckpointData(m)).bytes);
}

/** The sink states in a metadata (operator states with a part-file id), to tamper with. */
function sinkStates(m: Metadata): Record<string, unknown>[] {
  return m.vertices.flatMap((v) => v.subtasks.flatMap((s) => (s.operatorState?.operators ?? []).filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null && 'partFileId' in o)));
}

/** Every file under `dir` with its content, to prove nothing changed. */
function snapshot(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e): [string, string] => [join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), readFileSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), 'utf8')])
    .filter(([p]) => !p.includes('/ckpt/'))
    .sort();
}

const attacks: { name: string; change: (m: Metadata, victim: string) => void; field: RegExp }[] = [
  {
    name: 'sink files named by path outside the sink directory',
    change: (m, victim) => {
      for (const s of sinkStates(m)) {
        s.inProgress = { path: victim, finalPath: `${victim}.moved`, length: 0, openedAt: 0, counter: 0 };
        s.pending = [{ inProgressPath: victim, finalPath: `${victim}.moved`, checkpointId: 1, counter: 99 }];
      }
    },
    field: /operatorState\.operators\[\d+\]: pending\[0\]\.counter is not a part-file counter below partCounter/,
  },
  {
    name: 'a part-file id that climbs out of the directory',
    change: (m) => {
      for (const s of sinkStates(m)) s.partFileId = '../../../../victim';
    },
    field: /operatorState\.operators\[\d+\]: partFileId is not a part-file uuid/,
  },
  {
    name: 'an in-progress length beyond any file',
    change: (m) => {
      for (const s of sinkStates(m)) if (s.inProgress) (s.inProgress as { length: number }).length = -7;
    },
    field: /inProgress\.length is not a byte length/,
  },
  {
    name: 'a key-group range that is not the one Flink assigns',
    change: (m) => {
      m.vertices[0]!.subtasks[0]!.keyGroupRange = { startKeyGroup: 0, endKeyGroup: 127 };
    },
    field: /vertices\[0\]\.subtasks\[0\]\.keyGroupRange 0-127 is not the range Flink assigns subtask 0 of 2/,
  },
];

for (const attack of attacks) {
  test(`a crafted checkpoint with ${attack.name} is INVALID and refused before any file is touched`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-crafted-'));
    const file = fallbackJob(dir);
    const { jobDir, ids } = failedRun(dir, file);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const chk = join(jobDir, `chk-${ids[ids.length - 1]}`);
    craft(chk, (m) => attack.change(m, victim));
    const before = snapshot(dir);

    const listing = cli(['checkpoints', join(dir, 'ckpt')]);
    assert.equal(listing.status, 0, listing.stderr);
    assert.match(listing.stdout, new RegExp(`\\n\\s+${ids[ids.length - 1]}  INVALID `));
    assert.match(listing.stdout, attack.field);
    const json = JSON.parse(cli(['checkpoints', join(dir, 'ckpt'), '--json']).stdout);
    const listed = json.jobs[0].checkpoints.find((c: { path: string }) => c.path === chk);
    assert.deepEqual([listed.status, listed.invalid, listed.restorable], ['corrupt', true, false]);

    const explicit = cli(['run', file, '--restore', chk]);
    assert.equal(explicit.status, 2, explicit.stderr);
    assert.ok(explicit.stderr.includes(`Cannot restore from ${chk}: ${chk}/_metadata: the `), explicit.stderr);
    assert.match(explicit.stderr, attack.field);
    assert.doesNotMatch(explicit.stderr, /internal error|\n\s+at /);
    assert.deepEqual(snapshot(dir), before, 'no file changed');

    const latest = cli(['run', file, '--restore', 'latest']);
    assert.equal(latest.status, 0, latest.stderr);
    assert.match(latest.stderr, new RegExp(`WARNING: skipping corrupted checkpoint ${chk}`));
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(committedRows(dir).length, 2000);
    assert.equal(new Set(committedRows(dir)).size, 2000, 'every row once');
  });
}

test('a restore never truncates through a symbolic link planted as an in-progress part file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-symlink-'));
  const file = fallbackJob(dir);
  failedRun(dir, file);
  const victim = join(dir, 'victim.txt');
  const precious = 'precious\n'.repeat(10_000); // longer than any checkpointed length: only the link check stops a truncate
  writeFileSync(victim, precious);
  const out = join(dir, 'out');
  const planted = readdirSync(out).filter((n) => n.includes('.inprogress.'));
  assert.ok(planted.length > 0, 'the failed run left in-progress files');
  for (const n of planted) {
    unlinkSync(join(out, n));
    symlinkSync(victim, join(out, n));
  }
  const r = cli(['run', file, '--restore', 'latest']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /refusing to truncate .*\.inprogress\..*: it is a symbolic link/);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  assert.equal(readFileSync(victim, 'utf8'), precious);
});
