// `checkpoint-lab flink run|attach` against the real Flink cluster test/run.mjs starts, through the
// built CLI: submission, job status, the live JobSnapshot next to a local run's, and every error a
// user can meet (cluster down, job gone, credentials wanted, a statement Flink rejects).
import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobSnapshot } from '../../protocol/index.js';
import { FlinkRestClient } from '../../bridge/index.js';
import { computeKeyGroupRangeForOperatorIndex } from '../../runtime/index.js';
import { requireFlinkCluster, type FlinkTestCluster } from '../support/flinkCluster.js';

const LIVE_JOB = 'test/fixtures/flink/live-keyed-count.flink.sql';
let cluster: FlinkTestCluster;
const servers: Server[] = [];

before(() => {
  cluster = requireFlinkCluster();
});
after(() => {
  for (const s of servers) s.close();
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<CliResult> {
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

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

test('flink run submits an example job file unchanged and waits until it FINISHED', async () => {
  const r = await cli(['flink', 'run', 'examples/per-second-windows.flink.sql', '--rest', cluster.gatewayUrl, '--wait', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { ok: boolean; jobs: { jobId: string; status: string; name: string }[]; statements: { line: number; keyword: string; jobId?: string }[] };
  assert.equal(out.ok, true);
  assert.equal(out.jobs.length, 1);
  assert.match(out.jobs[0]!.jobId, /^[0-9a-f]{32}$/);
  assert.equal(out.jobs[0]!.status, 'FINISHED');
  assert.deepEqual(
    out.statements.map((s) => `${s.line}:${s.keyword}`),
    ['13:SET', '15:CREATE', '28:CREATE', '37:INSERT'],
  );
  // The JobManager agrees.
  const details = await new FlinkRestClient(cluster.jobManagerUrl).get<{ state: string }>(`/jobs/${out.jobs[0]!.jobId}`);
  assert.equal(details.state, 'FINISHED');
});

test('flink attach reads a live job as the same JobSnapshot a local run of the file gives', async (t) => {
  const submitted = await cli(['flink', 'run', LIVE_JOB, '--rest', cluster.gatewayUrl, '--json']);
  assert.equal(submitted.code, 0, submitted.stderr);
  const jobId = (JSON.parse(submitted.stdout) as { jobs: { jobId: string }[] }).jobs[0]!.jobId;
  const jm = new FlinkRestClient(cluster.jobManagerUrl);
  t.after(() => jm.patch(`/jobs/${jobId}?mode=cancel`).catch(() => undefined));

  // Wait (bounded) for the first completed checkpoint, then attach.
  let flink: JobSnapshot | undefined;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const r = await cli(['flink', 'attach', '--rest', cluster.jobManagerUrl, '--job', jobId, '--json']);
    assert.equal(r.code, 0, r.stderr);
    flink = JSON.parse(r.stdout) as JobSnapshot;
    if (flink.checkpoints.counts.completed > 0) break;
    await new Promise((res) => setTimeout(res, 300));
  }
  assert.ok(flink && flink.checkpoints.counts.completed > 0, 'no completed checkpoint within 60 s');
  assert.equal(flink.source.kind, 'flink');
  assert.equal(flink.jobId, jobId);
  assert.equal(flink.state, 'RUNNING');
  assert.equal(flink.clock, 'epoch');
  assert.deepEqual(flink.checkpoints.config && { mode: flink.checkpoints.config.mode, interval: flink.checkpoints.config.intervalMs }, { mode: 'exactly_once', interval: 1000 });
  const completed = flink.checkpoints.history.find((c) => c.status === 'COMPLETED')!;
  assert.ok(completed.acknowledgedSubtasks === completed.totalSubtasks && completed.totalSubtasks > 0);
  assert.match(completed.externalPath ?? '', /chk-\d+$/);

  // The keyed vertex's key-group ranges are Flink's, and equal the local run's.
  const keyed = flink.vertices.filter((v) => v.keyed);
  assert.equal(keyed.length, 1);
  const v = keyed[0]!;
  assert.equal(v.parallelism, 3);
  assert.equal(v.maxParallelism, 128);
  assert.deepEqual(
    v.subtasks.map((s) => s.keyGroups),
    [0, 1, 2].map((i) => {
      const r = computeKeyGroupRangeForOperatorIndex(128, 3, i);
      return { start: r.startKeyGroup, end: r.endKeyGroup };
    }),
  );
  assert.ok(flink.edges.some((e) => e.target === v.id && e.shipStrategy === 'HASH'));

  // The local run of the same file: same shape, same ranges, same checkpoint config.
  const local = await cli(['run', LIVE_JOB, '--json']);
  // The local run of an unbounded-looking source ends with the sequence; its snapshot is what matters.
  const localSnapshot = (JSON.parse(local.stdout) as { job: JobSnapshot }).job;
  assert.equal(localSnapshot.source.kind, 'local');
  const localKeyed = localSnapshot.vertices.filter((x) => x.keyed);
  assert.deepEqual(localKeyed.map((x) => x.subtasks.map((s) => s.keyGroups)), keyed.map((x) => x.subtasks.map((s) => s.keyGroups)));
  assert.deepEqual(Object.keys(localSnapshot).sort(), Object.keys(flink).sort());
  assert.deepEqual(localSnapshot.checkpoints.config, flink.checkpoints.config);
  // What a checkpoint holds: the datagen sequence keeps every value it has yet to emit, on both
  // engines (about 100,000 × 8 bytes here; the counts' keyed state is small beside it).
  const localCompleted = localSnapshot.checkpoints.history.find((c) => c.status === 'COMPLETED')!;
  const ratio = localCompleted.checkpointedSizeBytes / completed.checkpointedSizeBytes;
  assert.ok(ratio > 0.95 && ratio < 1.05, `checkpoint size: runtime ${localCompleted.checkpointedSizeBytes} bytes, Flink ${completed.checkpointedSizeBytes} bytes`);

  // The readable summary names the job, its keyed ranges and its checkpoints.
  const text = await cli(['flink', 'attach', '--rest', cluster.jobManagerUrl, '--job', jobId]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`Job ${jobId} .*RUNNING`));
  assert.match(text.stdout, /subtask 2\/3: key groups 43-85/);
  assert.match(text.stdout, /Checkpoints: exactly_once, every 1000 ms; \d+ triggered, \d+ completed/);
});

test('a statement Flink rejects is reported at its place in the job file; nothing after it runs', async () => {
  const r = await cli(['flink', 'run', 'test/fixtures/flink/unknown-table.flink.sql', '--rest', cluster.gatewayUrl]);
  assert.equal(r.code, 2, r.stderr);
  // Calcite says "From line 2, column 16" of the statement, which starts on line 6 of the file.
  assert.match(r.stderr, /unknown-table\.flink\.sql:7:16: error: Flink rejected this statement: .*Object 'no_such_table' not found/);
});

test('a syntax error Flink agrees on is refused before anything runs: both parsers are named, no job is submitted', async () => {
  const jm = new FlinkRestClient(cluster.jobManagerUrl);
  const before = (await jm.get<{ jobs: unknown[] }>('/jobs/overview')).jobs.length;
  const r = await cli(['flink', 'run', 'test/fixtures/flink/syntax-error-after-insert.flink.sql', '--rest', cluster.gatewayUrl, '--json']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /syntax-error-after-insert\.flink\.sql:6:19: error: Unexpected 'SELEC'/);
  // Flink's "at line 1, column 23" of the statement, placed in the file.
  assert.match(r.stderr, /syntax-error-after-insert\.flink\.sql:6:\d+: error: Flink rejects this statement too: .*SQL parse failed/);
  assert.deepEqual((JSON.parse(r.stdout) as { jobIds: string[] }).jobIds, []);
  // The INSERT on line 5, valid on its own, was not sent.
  assert.equal((await jm.get<{ jobs: unknown[] }>('/jobs/overview')).jobs.length, before);
  const single = await cli(['flink', 'run', 'test/fixtures/flink/syntax-error.flink.sql', '--rest', cluster.gatewayUrl]);
  assert.equal(single.code, 2, single.stderr);
  assert.match(single.stderr, /syntax-error\.flink\.sql:2:31: error: Missing '\)'/);
  assert.match(single.stderr, /syntax-error\.flink\.sql:2:31: error: Flink rejects this statement too: .*Encountered "WITH" at line 1, column 31/);
});

test('cluster down: a clear message and exit 1, for run and attach', async () => {
  const url = await closedPort();
  const run = await cli(['flink', 'run', 'examples/per-second-windows.flink.sql', '--rest', url]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, new RegExp(`cannot reach ${url}/api_versions \\(connection refused\\); is the Flink cluster running`));
  const attach = await cli(['flink', 'attach', '--rest', url]);
  assert.equal(attach.code, 1);
  assert.match(attach.stderr, /connection refused/);
});

test('job gone: attach names the job and lists the jobs the cluster has', async () => {
  const r = await cli(['flink', 'attach', '--rest', cluster.jobManagerUrl, '--job', '0123456789abcdef0123456789abcdef']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /job 0123456789abcdef0123456789abcdef is not known to the cluster at .*Jobs: [0-9a-f]{32} /);
  const bad = await cli(['flink', 'attach', '--rest', cluster.jobManagerUrl, '--job', 'not-a-job']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /'not-a-job' is not a Flink job id \(32 hex digits\)/);
});

test('a cluster behind an authenticating proxy: refused without credentials, read with --header', async () => {
  const target = new URL(cluster.jobManagerUrl);
  // A real proxy in front of the real JobManager that wants a bearer token.
  const proxy = createServer((req, res) => {
    if (req.headers.authorization !== 'Bearer s3cret') {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end('unauthorized');
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const url = await listen(proxy);
  const refused = await cli(['flink', 'attach', '--rest', url]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /refused \(401 Unauthorized\); the cluster wants credentials: pass them with --header 'Authorization: \.\.\.'/);
  const anyJob = (await new FlinkRestClient(cluster.jobManagerUrl).get<{ jobs: { jid: string }[] }>('/jobs/overview')).jobs[0]!.jid;
  const ok = await cli(['flink', 'attach', '--rest', url, '--job', anyJob, '--header', 'Authorization: Bearer s3cret', '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as JobSnapshot).jobId, anyJob);
});

test('answers that are not Flink\'s: the wrong port and a malformed body are named as such', async () => {
  // The JobManager's port given to `flink run` (which wants the SQL Gateway), and the reverse.
  const wrongRun = await cli(['flink', 'run', 'examples/per-second-windows.flink.sql', '--rest', cluster.jobManagerUrl]);
  assert.equal(wrongRun.code, 1);
  assert.match(wrongRun.stderr, /is not a Flink SQL Gateway \(no \/api_versions\); is this the JobManager's port\?/);
  const wrongAttach = await cli(['flink', 'attach', '--rest', cluster.gatewayUrl]);
  assert.equal(wrongAttach.code, 1);
  assert.match(wrongAttach.stderr, /is not a Flink JobManager REST API \(no \/config\); is this the SQL Gateway's port\?/);
  const garbage = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"versions": [ truncated'));
  const url = await listen(garbage);
  const r = await cli(['flink', 'run', 'examples/per-second-windows.flink.sql', '--rest', url]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /answered 200 with something that is not JSON: \{"versions": \[ truncated/);
});

test('EXPLAIN prints Flink\'s plan and submits no job', async () => {
  const r = await cli(['flink', 'run', 'test/fixtures/flink/explain.flink.sql', '--rest', cluster.gatewayUrl]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /== Abstract Syntax Tree ==/);
  assert.match(r.stdout, /== Optimized Execution Plan ==[\s\S]*Calc\(select=\[id\], where=\[\(id > 3\)\]\)/);
  assert.match(r.stdout, /No job was submitted/);
});

test('usage errors name the option', async () => {
  const r = await cli(['flink', 'run', 'examples/per-second-windows.flink.sql', '--header', 'no-colon']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /option --header expects 'Name: value', got 'no-colon'/);
  const s = await cli(['flink', 'frobnicate']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /unknown subcommand 'frobnicate'/);
});
