// Failure behaviour against real Flink: the same job file loses a TaskManager on Flink (the process
// is SIGKILLed by flink/taskmanager.sh, then a new one is started) and on the runtime (a
// kill-taskmanager fault); both recover from a checkpoint, and the filesystem sink's committed
// files hold exactly the same rows: every row once, none lost.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FlinkRestClient, submitJobFile, type CheckpointingStatistics, type JobExceptionsInfoWithHistory } from '../../bridge/index.js';
import { nodeFileSystem } from '../../cli/nodeFileSystem.js';
import { requireFlinkCluster, type FlinkTestCluster } from '../support/flinkCluster.js';
import { waitFor } from './cluster.js';

const FIXTURE = 'test/fixtures/flink/failover-files';
let cluster: FlinkTestCluster;

before(() => {
  cluster = requireFlinkCluster();
});

/** A fresh folder holding the job file and its fault scenario. */
function stage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-failover-'));
  for (const ext of ['.flink.sql', '.faults.yaml']) copyFileSync(`${FIXTURE}${ext}`, join(dir, `failover-files${ext}`));
  return dir;
}

/** Every line of the committed (visible) part files under dir, sorted. */
function committedLines(dir: string): string[] {
  const lines: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name.startsWith('_') || !statSync(join(dir, name)).isFile()) continue;
    lines.push(...readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l !== ''));
  }
  return lines.sort();
}

function taskManager(action: 'kill' | 'start'): void {
  const r = spawnSync('bash', ['flink/taskmanager.sh', action], { env: { ...process.env, CHECKPOINT_LAB_FLINK_RUN_DIR: cluster.runDir }, encoding: 'utf8' });
  assert.equal(r.status, 0, `flink/taskmanager.sh ${action} failed:\n${r.stderr}`);
}

/** The rows the job must write: ids 1..6000 whose reading is not 13, each once. */
function expectedLines(): string[] {
  const out: string[] = [];
  for (let id = 1; id <= 6000; id++) {
    const reading = (id * 7) % 101;
    if (reading !== 13) out.push(`${id},sensor-${id % 5},${reading}`);
  }
  return out.sort();
}

test('a TaskManager killed mid-run: Flink and the runtime both recover and commit every row exactly once', { timeout: 240_000 }, async () => {
  // Flink: submit, let checkpoints complete, SIGKILL the TaskManager, start a new one.
  const flinkDir = stage();
  const file = join(flinkDir, 'failover-files.flink.sql');
  const submitted = await submitJobFile({ text: readFileSync(file, 'utf8'), file, fileSystem: nodeFileSystem, gatewayUrl: cluster.gatewayUrl });
  assert.ok(submitted.ok, submitted.ok ? '' : submitted.diagnostics.map((d) => d.message).join('\n'));
  const jobId = submitted.jobIds[0]!;
  const jm = new FlinkRestClient(cluster.jobManagerUrl);
  await waitFor('3 completed checkpoints', async () => {
    const s = await jm.get<CheckpointingStatistics>(`/jobs/${jobId}/checkpoints`);
    return s.counts.completed >= 3 ? s : undefined;
  }, { timeoutMs: 60_000, intervalMs: 200 });
  const before = await jm.get<{ state: string }>(`/jobs/${jobId}`);
  assert.equal(before.state, 'RUNNING', 'the job ended before the TaskManager could be killed: slow it down');
  taskManager('kill');
  await waitFor('the JobManager to notice the lost TaskManager', async () => {
    const e = await jm.get<JobExceptionsInfoWithHistory>(`/jobs/${jobId}/exceptions`);
    return e.exceptionHistory.entries.length > 0 ? e : undefined;
  }, { timeoutMs: 60_000, intervalMs: 200 });
  taskManager('start');
  const { value: finished } = await waitFor('the job to end', async () => {
    const d = await jm.get<{ state: string }>(`/jobs/${jobId}`);
    return ['FINISHED', 'FAILED', 'CANCELED'].includes(d.state) ? d : undefined;
  }, { timeoutMs: 120_000, intervalMs: 200 });
  assert.equal(finished.state, 'FINISHED');
  const stats = await jm.get<CheckpointingStatistics>(`/jobs/${jobId}/checkpoints`);
  assert.ok(stats.counts.restored >= 1, 'Flink restarted without restoring a checkpoint');
  assert.ok(stats.latest.restored !== null && stats.latest.restored.id >= 3);
  const flinkRows = committedLines(join(flinkDir, 'archived'));

  // The runtime: the same file with a lost TaskManager, verified against a run without faults.
  const localDir = stage();
  const local = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.js'), 'run', 'failover-files.flink.sql', '--faults', 'failover-files.faults.yaml', '--verify', '--json'], {
    cwd: localDir,
    encoding: 'utf8',
  });
  assert.equal(local.status, 0, local.stderr);
  const summary = JSON.parse(local.stdout) as { restarts: number; verify: unknown };
  assert.equal(summary.restarts, 1);
  const localRows = committedLines(join(localDir, 'archived'));

  const expected = expectedLines();
  assert.equal(expected.length, 5941);
  assertSameRows('Flink', flinkRows, expected);
  assertSameRows('the runtime', localRows, expected);
  assert.deepEqual(localRows, flinkRows);
});

function assertSameRows(engine: string, got: string[], expected: string[]): void {
  if (got.length === expected.length && got.every((l, i) => l === expected[i])) return;
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const g = count(got);
  const e = count(expected);
  const lost = [...e].filter(([k, n]) => (g.get(k) ?? 0) < n).map(([k]) => k);
  const dup = [...g].filter(([k, n]) => n > (e.get(k) ?? 0)).map(([k, n]) => `${k} ×${n}`);
  assert.fail(`${engine} committed ${got.length} rows, expected ${expected.length}: ${lost.length} lost (${lost.slice(0, 10).join('; ')}), ${dup.length} duplicated or unexpected (${dup.slice(0, 10).join('; ')})`);
}
