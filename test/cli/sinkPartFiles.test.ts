// Part-file names of the filesystem sink through the CLI: two INSERTs into one table in a statement
// set each name their files with their own uuid (Flink's `part-<uuid>-<subtask>-<counter>`), so
// both commit and the table holds every row of both exactly once.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { partFileIdOf } from '../../runtime/connectors/partFileNames.js';

function cli(args: string[]) {
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
}

test('two INSERTs into one filesystem table in a statement set commit files of their own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-parts-'));
  const file = join(dir, 'job.flink.sql');
  writeFileSync(
    file,
    `SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '200 ms';
CREATE TABLE a (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '299');
CREATE TABLE out_t (id BIGINT) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', 'sink.rolling-policy.rollover-interval' = '300 ms');
EXECUTE STATEMENT SET BEGIN
INSERT INTO out_t SELECT id FROM a;
INSERT INTO out_t SELECT id + 1000 FROM a;
END;
`,
  );
  const r = cli(['run', file]);
  assert.equal(r.status, 0, r.stderr);
  const names = readdirSync(join(dir, 'out')).filter((n) => !n.startsWith('.'));
  const parsed = names.map((n) => /^part-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([01])-(\d+)$/.exec(n));
  assert.ok(parsed.every((m) => m !== null), `every committed file is named part-<uuid>-<subtask>-<counter>: ${names.join(', ')}`);
  assert.equal(new Set(parsed.map((m) => m![1])).size, 2, 'one uuid per sink instance');
  assert.ok(names.length > 4, `files rolled and committed over several checkpoints (${names.length})`);
  const rows = names.flatMap((n) => readFileSync(join(dir, 'out', n), 'utf8').split('\n').filter((l) => l !== '')).map(Number);
  const expected = [...Array.from({ length: 300 }, (_, i) => i), ...Array.from({ length: 300 }, (_, i) => i + 1000)];
  assert.deepEqual(rows.sort((x, y) => x - y), expected);
});

test('a part-file uuid is a pure function of the run and the sink instance', () => {
  const a = partFileIdOf('run-1', 'default_catalog.default_database.out_t@6:1');
  assert.equal(a, partFileIdOf('run-1', 'default_catalog.default_database.out_t@6:1'));
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.notEqual(a, partFileIdOf('run-1', 'default_catalog.default_database.out_t@7:1'));
  assert.notEqual(a, partFileIdOf('run-2', 'default_catalog.default_database.out_t@6:1'));
});
