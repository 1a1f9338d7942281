// The grammar's prediction cache: installed only into a fresh process and only for this grammar,
// never half-installed, and a job file compiles to exactly the same plan and diagnostics with it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportGrammarCache, installGrammarCache, parseJobFile, type GrammarCacheData } from '../../../runtime/index.js';

function corpusCache(): GrammarCacheData {
  // Built in a separate process, so this process's DFAs stay empty for the install tests.
  const dir = mkdtempSync(join(tmpdir(), 'cl-grammar-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/buildGrammarCache.ts', dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(join(dir, 'flinkSqlGrammar.cache.json'), 'utf8')) as GrammarCacheData;
}

test('a cache of another grammar or with broken data is refused and changes nothing; a good one is installed once', () => {
  const data = corpusCache();
  assert.ok(data.parser.length > 0 && data.lexer.length > 0);
  assert.equal(installGrammarCache({ ...data, grammar: 'flink-sql/0/0/0' }), false);
  const broken = { ...data, parser: [{ ...data.parser[0]!, states: [[0, 1, 0, -1, '', null, null, [1, 999999], 0]] }] } as unknown as GrammarCacheData;
  assert.equal(installGrammarCache(broken), false);
  const untouched = exportGrammarCache();
  assert.equal(untouched.lexer.length + untouched.parser.length, 0, 'no DFA state was installed');
  assert.equal(installGrammarCache(data), true);
  assert.equal(installGrammarCache(data), false, 'only into fresh DFAs');
  const p = parseJobFile("CREATE TABLE t (id INT) WITH ('connector' = 'datagen');\nINSERT INTO t SELECT id FROM t;\n", 'x.flink.sql');
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.statements.length, 2);
});

test('every example and differential job file, and broken ones, compile the same with and without the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-grammar-'));
  const cacheFile = join(dir, 'cache.json');
  writeFileSync(cacheFile, JSON.stringify(corpusCache()));
  const broken = join(dir, 'broken.flink.sql');
  writeFileSync(broken, "CREATE TABLE t (id INT,) WITH ('connector' = 'datagen');\rINSERT INTO t SELECT CASE id WHEN 1 THEN 'a' END, COUNT(DISTINCT id) FROM t GROUP BY HOP(ts, INTERVAL '1' SECOND;\n");
  const files = [
    ...readdirSync('examples').filter((n) => n.endsWith('.flink.sql')).map((n) => join('examples', n)),
    ...readdirSync('test/fixtures/differential').filter((n) => n.endsWith('.flink.sql')).map((n) => join('test/fixtures/differential', n)),
    broken,
  ];
  const compile = (withCache: boolean) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/runtime/sql/compileCorpus.ts', ...(withCache ? [cacheFile] : []), '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { installed: boolean; out: Record<string, unknown> };
  };
  const cached = compile(true);
  const plain = compile(false);
  assert.equal(cached.installed, true);
  assert.equal(plain.installed, false);
  assert.ok(Object.keys(plain.out).length >= 20);
  for (const f of files) assert.deepEqual(cached.out[f], plain.out[f], f);
});
