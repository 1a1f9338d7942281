// `checkpoint-lab flink run` sends what Flink runs, against the real cluster test/run.mjs starts:
// SQL only the local grammar lacks is sent with a warning, a BEGIN STATEMENT SET block runs as one
// job (its parts sent as Flink's SQL client sends them), plural interval units run on both engines.
import { spawn } from 'node:child_process';
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FlinkRestClient } from '../../bridge/index.js';
import { requireFlinkCluster, type FlinkTestCluster } from '../support/flinkCluster.js';

let cluster: FlinkTestCluster;
before(() => {
  cluster = requireFlinkCluster();
});

interface FlinkRunJson {
  ok: boolean;
  jobs: { jobId: string; name: string; status: string }[];
  statements: { line: number; keyword: string; jobId?: string }[];
  warnings: string[];
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function flinkRun(file: string): Promise<FlinkRunJson> {
  const r = await cli(['flink', 'run', file, '--rest', cluster.gatewayUrl, '--wait', '--timeout', '120', '--json']);
  assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout) as FlinkRunJson;
}

test('FILTER (WHERE ...) and the SESSION window TVF: the local check warns at their place, Flink runs both jobs', async () => {
  const file = 'test/fixtures/flink/flink-only-syntax.flink.sql';
  const local = await cli(['explain', file]);
  assert.equal(local.code, 2, 'the local runtime does not parse these yet; when it does, pick other constructs for this test');
  const out = await flinkRun(file);
  assert.deepEqual(out.warnings.length, 2, out.warnings.join('\n'));
  assert.match(out.warnings[0]!, /flink-only-syntax\.flink\.sql:16:35: warning: Unexpected 'FILTER' .*Flink's parser accepts it, so it is sent to Flink/);
  assert.match(out.warnings[1]!, /flink-only-syntax\.flink\.sql:20:12: warning: Unexpected 'SESSION'/);
  assert.deepEqual(out.jobs.map((j) => j.status), ['FINISHED', 'FINISHED']);
  assert.deepEqual(out.statements.filter((s) => s.jobId).map((s) => s.line), [15, 18]);
});

test('BEGIN STATEMENT SET; two INSERTs; END; runs as ONE Flink job writing both sinks', async () => {
  const out = await flinkRun('test/fixtures/flink/statement-set.flink.sql');
  assert.deepEqual(
    out.statements.map((s) => `${s.line}:${s.keyword}${s.jobId ? ':job' : ''}`),
    ['2:SET', '4:CREATE', '6:CREATE', '7:CREATE', '9:BEGIN', '10:INSERT', '12:INSERT', '14:END:job'],
  );
  assert.equal(out.jobs.length, 1);
  const job = out.jobs[0]!;
  assert.equal(job.status, 'FINISHED');
  assert.match(job.name, /evens.*odds/);
  // The JobManager's view of that one job: both sinks are vertices of its plan (Flink 2.3 names a
  // sink's writer `<table>[n]: Writer`; it even shares one source scan between the two INSERTs).
  const jm = new FlinkRestClient(cluster.jobManagerUrl);
  const details = await jm.get<{ state: string; vertices: { name: string }[] }>(`/jobs/${job.jobId}`);
  assert.equal(details.state, 'FINISHED');
  const names = details.vertices.map((v) => v.name);
  assert.ok(names.some((n) => /\bevens\b/.test(n)) && names.some((n) => /\bodds\b/.test(n)), names.join(' | '));
});

test("INTERVAL '1' SECONDS and '1' MINUTES: no warning locally, the job runs on Flink and gives the runtime's windows", async () => {
  const file = 'test/fixtures/flink/plural-intervals.flink.sql';
  const local = await cli(['run', file, '--json']);
  assert.equal(local.code, 0, local.stderr);
  assert.doesNotMatch(local.stderr, /warning/);
  const rows = (JSON.parse(local.stdout) as { sinks: { per_minute: { rows: { n: number }[] } } }).sinks.per_minute.rows;
  assert.deepEqual(rows.map((r) => r.n), [59, 60, 1]);
  const out = await flinkRun(file);
  assert.deepEqual(out.warnings, []);
  assert.deepEqual(out.jobs.map((j) => j.status), ['FINISHED']);
});
