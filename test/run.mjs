// Runs every *.test.ts under test/ on Node's built-in test runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here. When a selected test needs real
// Flink (test/flink/, test/bridge/), Flink is installed (cached) and a loopback cluster started
// for the whole run, then stopped; if that fails, those tests fail with the reason.
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'golden' && name !== 'node_modules' && name !== 'support') out.push(...collect(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : collect('test');
if (files.length === 0) {
  console.error('no test files found under test/');
  process.exit(1);
}

const needsFlink = files.some((f) => /(^|[\\/])test[\\/](flink|bridge)[\\/]/.test(f));
const env = { ...process.env };
let started = false;
if (needsFlink) {
  const runDir = resolve(process.env.CHECKPOINT_LAB_FLINK_TEST_RUN_DIR ?? 'out/flink-test-cluster');
  mkdirSync(resolve(runDir, '..'), { recursive: true });
  env.CHECKPOINT_LAB_FLINK_RUN_DIR = runDir;
  const t0 = Date.now();
  for (const script of ['flink/install.sh', 'flink/start.sh']) {
    const r = spawnSync('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      env.CHECKPOINT_LAB_FLINK_ERROR = `${script} exited with ${r.status ?? r.signal} (its output is above)`;
      console.error(`test/run.mjs: ${env.CHECKPOINT_LAB_FLINK_ERROR}; the tests that need Flink will fail`);
      break;
    }
  }
  started = env.CHECKPOINT_LAB_FLINK_ERROR === undefined;
  if (started) console.error(`test/run.mjs: Flink test cluster ready in ${Date.now() - t0} ms (${runDir})`);
}

let status = 1;
try {
  // The differential tests read the TaskManager's shared stdout: with Flink, one test file at a time.
  const concurrency = needsFlink ? ['--test-concurrency=1'] : [];
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...concurrency, ...files], {
    stdio: 'inherit',
    env,
  });
  status = res.status ?? 1;
} finally {
  if (started) spawnSync('bash', ['flink/stop.sh'], { stdio: ['ignore', 'inherit', 'inherit'], env });
}
process.exit(status);
