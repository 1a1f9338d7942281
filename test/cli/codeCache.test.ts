// The CLI launcher (cli/launch.ts) runs the bundle from V8's code cache written by the build: a run
// with the cache, without it, and with a broken cache under the bundle's own key all behave the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const JOB = 'examples/clickstream-counts.flink.sql';
const CACHE = /^cliMain\.[0-9a-f]{16}\.codecache$/;

/** The run's JSON result without its wall time, the one field that differs between runs. */
const result = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as Record<string, unknown>), wallTimeMs: undefined });

function run(dist: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(dist, 'cli.js'), 'run', JOB, '--json', '--seed', '3'], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test('the build writes one code cache for the CLI bundle; runs with it, without it and with a corrupt one print the same result', () => {
  const caches = readdirSync('dist').filter((f) => CACHE.test(f));
  assert.equal(caches.length, 1, `dist/ holds ${caches.length} code caches: run npm run build first`);
  const withCache = run('dist');
  assert.equal(withCache.status, 0, withCache.stderr);
  const without = run('dist', { CHECKPOINT_LAB_NO_CODE_CACHE: '1' });
  assert.equal(without.status, 0, without.stderr);
  assert.deepEqual(result(withCache.stdout), result(without.stdout));
  // A corrupt cache under the bundle's key: V8 rejects it and the bundle is compiled from source.
  const dist = mkdtempSync(join(tmpdir(), 'cl-codecache-'));
  for (const f of ['cli.js', 'cliMain.js', 'flinkSqlGrammar.cache.json']) cpSync(join('dist', f), join(dist, f));
  writeFileSync(join(dist, caches[0]!), Buffer.alloc(4096, 7));
  const corrupt = run(dist);
  assert.equal(corrupt.status, 0, corrupt.stderr);
  assert.deepEqual(result(corrupt.stdout), result(withCache.stdout));
  assert.equal(JSON.parse(withCache.stdout).status, 'FINISHED');
});

test('a changed bundle does not use the old cache: the cache is keyed by the bundle\'s contents', () => {
  const dist = mkdtempSync(join(tmpdir(), 'cl-codecache-'));
  for (const f of readdirSync('dist').filter((f) => f === 'cli.js' || f === 'flinkSqlGrammar.cache.json' || CACHE.test(f))) cpSync(join('dist', f), join(dist, f));
  writeFileSync(join(dist, 'cliMain.js'), `${readFileSync(join('dist', 'cliMain.js'), 'utf8')}\n// changed\n`);
  const r = run(dist, { CHECKPOINT_LAB_WRITE_CODE_CACHE: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).status, 'FINISHED');
  const caches = readdirSync(dist).filter((f) => CACHE.test(f));
  assert.equal(caches.length, 2, caches.join(', ')); // the build's, and the changed bundle's own
});
