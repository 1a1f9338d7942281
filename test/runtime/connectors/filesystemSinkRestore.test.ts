// The filesystem sink restored from an older checkpoint than the newest: what newer checkpoints
// committed is withdrawn and written again by the replay, so the committed rows are exactly-once;
// a checkpoint's sink state is validated before any file is touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFilesystemSink, memorySinkFiles, type FilesystemSinkState, type SinkFiles } from '../../../runtime/connectors/filesystemSink.js';
import type { FilesystemSpec } from '../../../runtime/connectors/connectorSpec.js';
import { RowKind } from '../../../runtime/types/rowKind.js';

const DIR = '/out';
const spec: FilesystemSpec = {
  connector: 'filesystem',
  path: DIR,
  format: 'csv',
  formatOptions: new Map(),
  partitionDefaultName: '__DEFAULT_PARTITION__',
  // Roll after every 3 rows (4 bytes each): files are committed at almost every checkpoint.
  rollingPolicy: { fileSizeBytes: 12, rolloverIntervalMs: 1e9, inactivityIntervalMs: 1e9, checkIntervalMs: 60_000 },
  autoCompaction: false,
};

function writer(files: SinkFiles) {
  return createFilesystemSink(spec, { files, serialize: (row) => String(row[0]), now: () => 0, runId: 'run-a', sinkInstance: 'out@1:1', checkpointing: true })(0, 1);
}

function committedRows(files: SinkFiles): string[] {
  return files
    .list(DIR)
    .filter((n) => n.startsWith('part-'))
    .flatMap((n) => files.read(`${DIR}/${n}`).split('\n').filter((l) => l !== ''))
    .sort();
}

/** Rows 100..199, a checkpoint (barrier + completion) after every 4 rows; returns each checkpoint's sink state. */
function runTo(files: SinkFiles, from: number, states: Map<number, FilesystemSinkState>, restore?: FilesystemSinkState, firstId = 1): void {
  const w = writer(files);
  if (restore) w.restoreState!(restore);
  let id = firstId;
  for (let i = from; i < 200; i++) {
    w.write(RowKind.INSERT, [i]);
    if ((i + 1) % 4 === 0) {
      states.set(id, w.snapshotState!(id) as FilesystemSinkState);
      w.notifyCheckpointComplete!(id);
      id++;
    }
  }
  w.finish();
  states.set(id, w.snapshotState!(id) as FilesystemSinkState);
  w.notifyCheckpointComplete!(id);
}

const expected = Array.from({ length: 100 }, (_, i) => String(100 + i)).sort();

test('restoring an older checkpoint withdraws what newer checkpoints committed, and the replay commits it once', () => {
  const files = memorySinkFiles();
  const states = new Map<number, FilesystemSinkState>();
  runTo(files, 100, states);
  assert.deepEqual(committedRows(files), expected);
  // Checkpoint 10 covered rows 100..139; its in-progress file was committed by checkpoint 11.
  const old = states.get(10)!;
  assert.ok(old.inProgress, 'checkpoint 10 has an in-progress file');
  assert.ok(files.list(DIR).includes(`part-${old.partFileId}-0-${old.inProgress.counter}`), 'a newer checkpoint committed it');
  runTo(files, 140, new Map(), old, 11);
  assert.deepEqual(committedRows(files), expected);
  assert.equal(files.list(DIR).filter((n) => n.includes('.inprogress.')).length, 0);
});

test('a sink state naming a path, or with counters out of range, is refused before any file changes', () => {
  const files = memorySinkFiles();
  const states = new Map<number, FilesystemSinkState>();
  runTo(files, 100, states);
  const before = files.list(DIR).map((n) => [n, files.read(`${DIR}/${n}`)]);
  const good = states.get(10)!;
  const bad: [unknown, RegExp][] = [
    [{ ...good, partFileId: '../../etc' }, /partFileId/],
    [{ ...good, inProgress: { path: '/etc/passwd', finalPath: '/tmp/x', length: 0, openedAt: 0 } }, /inProgress\.counter/],
    [{ ...good, pending: [{ counter: good.partCounter + 5, checkpointId: 3 }] }, /pending\[0\]\.counter/],
    [{ ...good, inProgress: { ...good.inProgress!, length: -1 } }, /inProgress\.length/],
    [{ ...good, pending: [{ counter: 0, checkpointId: 1 }, { counter: 0, checkpointId: 1 }] }, /twice/],
    ['not a state', /not a record/],
  ];
  for (const [state, message] of bad) {
    const w = writer(files);
    assert.match(w.validateRestoreState!(state) ?? '', message);
    assert.throws(() => w.restoreState!(state), message);
  }
  assert.deepEqual(files.list(DIR).map((n) => [n, files.read(`${DIR}/${n}`)]), before, 'no file changed');
});
