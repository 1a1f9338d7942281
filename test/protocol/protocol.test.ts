// The wire contract of protocol/: custom LSP methods follow `checkpointLab/name`, the lens command
// table matches its argument map, and protocol/ imports nothing outside itself.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { JOB_COMMANDS, jobGraphRequest, keyPlacementRequest, type JobCommandArgsMap } from '../../protocol/index.js';

test('custom request methods are named checkpointLab/name', () => {
  assert.equal(jobGraphRequest.method, 'checkpointLab/jobGraph');
  assert.equal(keyPlacementRequest.method, 'checkpointLab/keyPlacement');
});

test('the lens command table lists every command of the argument map once, in lens order', () => {
  const ids: Array<keyof JobCommandArgsMap> = ['checkpointLab.runJob', 'checkpointLab.debugJob', 'checkpointLab.explainJob', 'checkpointLab.showPartitions'];
  assert.deepEqual(JOB_COMMANDS.map((c) => c.id), ids);
  assert.deepEqual(JOB_COMMANDS.map((c) => c.title), ['Run', 'Debug', 'Explain', 'Partitions']);
});

test('protocol/ imports only its own files', () => {
  const dir = join(import.meta.dirname, '..', '..', 'protocol');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const i of imports) assert.match(i, /^\.\/[A-Za-z]+\.js$/, `${f} imports ${i}`);
  }
});
