import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Row, SourceReader } from '../../../runtime/connectors/api.js';
import type { FilesystemSpec } from '../../../runtime/connectors/connectorSpec.js';
import { createFilesystemSource, SourceReadError, type FilesystemSourceDeps } from '../../../runtime/connectors/filesystemSource.js';

const spec: FilesystemSpec = {
  connector: 'filesystem',
  path: '/in',
  format: 'csv',
  formatOptions: new Map(),
  partitionDefaultName: '__DEFAULT_PARTITION__',
  rollingPolicy: { fileSizeBytes: 1, rolloverIntervalMs: 1, inactivityIntervalMs: 1, checkIntervalMs: 1 },
  autoCompaction: false,
};

function memoryFs(files: Record<string, string>): FilesystemSourceDeps & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    listFiles: (dir) => Object.keys(files).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
    readText: (path) => {
      reads.push(path);
      const t = files[path];
      if (t === undefined) throw new Error(`no file ${path}`);
      return t;
    },
    deserializer: (line) => {
      const parts = line.split(',');
      const n = Number(parts[0]);
      if (!Number.isInteger(n)) return { error: `Cannot parse '${parts[0]}' as INT`, column: 1 };
      return { row: [n, parts[1] ?? null] };
    },
  };
}

function drain(r: SourceReader, max = 100): Row[] {
  const rows: Row[] = [];
  for (;;) {
    const s = r.poll({ push: (x) => rows.push(x) }, max, 0);
    if (s.kind === 'end') return rows;
    assert.equal(s.kind, 'more');
  }
}

const FILES = {
  '/in/b.csv': '3,c\n4,d\n',
  '/in/a.csv': '1,a\r\n2,b',
  '/in/c.csv': '5,e\n\n6,f\n',
  '/in/.a.csv.crc': 'junk',
  '/in/_SUCCESS': '',
};

test('files are sorted by name, hidden files skipped, read line by line', () => {
  const src = createFilesystemSource(spec, [], memoryFs(FILES));
  assert.equal(src.bounded, true);
  assert.deepEqual(drain(src.createReader(0, 1, 0)), [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e'], [6, 'f']]);
});

test('files are assigned to subtasks round-robin by index', () => {
  const src = createFilesystemSource(spec, [], memoryFs(FILES));
  assert.deepEqual(drain(src.createReader(0, 2, 0)), [[1, 'a'], [2, 'b'], [5, 'e'], [6, 'f']]);
  assert.deepEqual(drain(src.createReader(1, 2, 0)), [[3, 'c'], [4, 'd']]);
  assert.deepEqual(drain(src.createReader(3, 4, 0)), []);
});

test('max bounds a poll, and the position resumes exactly', () => {
  const fs = memoryFs(FILES);
  const src = createFilesystemSource(spec, [], fs);
  const r = src.createReader(0, 1, 0);
  const rows: Row[] = [];
  assert.deepEqual(r.poll({ push: (x) => rows.push(x) }, 3, 0), { kind: 'more' });
  assert.deepEqual(rows, [[1, 'a'], [2, 'b'], [3, 'c']]);
  const pos = r.snapshotPosition();
  assert.deepEqual(pos, { fileIndex: 1, line: 1 });
  drain(r);
  const again = src.createReader(0, 1, 0);
  again.restorePosition(JSON.parse(JSON.stringify(pos)));
  assert.deepEqual(drain(again), [[4, 'd'], [5, 'e'], [6, 'f']]);
});

test('a parse error fails the read with file and line', () => {
  const src = createFilesystemSource(spec, [], memoryFs({ '/in/x.csv': '1,a\noops,b\n3,c' }));
  const r = src.createReader(0, 1, 0);
  const rows: Row[] = [];
  assert.throws(
    () => r.poll({ push: (x) => rows.push(x) }, 100, 0),
    (e: unknown) => {
      assert.ok(e instanceof SourceReadError);
      assert.equal(e.path, '/in/x.csv');
      assert.equal(e.line, 2);
      assert.equal(e.column, 1);
      assert.equal(e.message, "Failed to deserialize /in/x.csv:2:1: Cannot parse 'oops' as INT");
      return true;
    },
  );
  assert.deepEqual(rows, [[1, 'a']]);
  assert.deepEqual(r.snapshotPosition(), { fileIndex: 0, line: 1 });
});

test('a directory that cannot be listed fails the first poll (a task failure), not the deployment', () => {
  const fs = memoryFs(FILES);
  const src = createFilesystemSource(spec, [], {
    ...fs,
    listFiles: () => {
      throw new Error('EACCES: permission denied');
    },
  });
  const reader = src.createReader(0, 1, 0);
  assert.throws(() => drain(reader), /EACCES/);
});

test('a single file is read as the one file of subtask 0', () => {
  const fs = memoryFs(FILES);
  const src = createFilesystemSource({ ...spec, path: '/in/b.csv' }, [], { ...fs, singleFile: true });
  assert.deepEqual(drain(src.createReader(0, 2, 0)), [[3, 'c'], [4, 'd']]);
  assert.deepEqual(drain(src.createReader(1, 2, 0)), []);
});
