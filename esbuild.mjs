// One build script, one bundle per entry point. Entries whose source folder is not written yet
// are skipped, so the manifest never points at a bundle that is not built.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const production = process.argv.includes('--production');

/** @type {{ entry: string, out: string, platform: 'node' | 'browser', external?: string[], banner?: string, loader?: Record<string, string> }[]} */
const bundles = [
  // The CLI: a small launcher (the executable) that runs the bundle from V8's code cache (cli/launch.ts).
  { entry: 'cli/launch.ts', out: 'dist/cli.js', platform: 'node', banner: '#!/usr/bin/env node' },
  { entry: 'cli/main.ts', out: 'dist/cliMain.js', platform: 'node' },
  { entry: 'server/main.ts', out: 'dist/server.js', platform: 'node' },
  { entry: 'debug/main.ts', out: 'dist/debugAdapter.js', platform: 'node' },
  // Only the extension bundle may leave 'vscode' external: anywhere else it is a layering error.
  // The panels' model carries the runtime: a bundle of its own that the extension loads on first use,
  // so that activation does not compile it.
  { entry: 'extension/extension.ts', out: 'dist/extension.js', platform: 'node', external: ['vscode', './panelSources.js'] },
  { entry: 'extension/panelSources.ts', out: 'dist/panelSources.js', platform: 'node', external: ['vscode'] },
  // The panels (webview/): one script and one style sheet per panel, loaded under the webview CSP.
  { entry: 'webview/partitions/main.ts', out: 'dist/webview/partitions.js', platform: 'browser' },
  { entry: 'webview/partitions/partitions.css', out: 'dist/webview/partitions.css', platform: 'browser' },
  { entry: 'webview/timeline/main.ts', out: 'dist/webview/timeline.js', platform: 'browser' },
  { entry: 'webview/timeline/timeline.css', out: 'dist/webview/timeline.css', platform: 'browser' },
  // The state browser bundles Monaco (its styles land in state.css, its font beside it) and its workers.
  { entry: 'webview/state/main.ts', out: 'dist/webview/state.js', platform: 'browser', loader: { '.ttf': 'file' } },
  { entry: 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js', out: 'dist/webview/editor.worker.js', platform: 'browser' },
  { entry: 'node_modules/monaco-editor/esm/vs/language/json/json.worker.js', out: 'dist/webview/json.worker.js', platform: 'browser' },
];

const started = Date.now();
const built = [];
for (const b of bundles.filter((b) => existsSync(b.entry))) {
  await build({
    entryPoints: [b.entry],
    outfile: b.out,
    bundle: true,
    platform: b.platform,
    format: b.platform === 'browser' ? 'iife' : 'cjs',
    target: b.platform === 'browser' ? 'chrome120' : 'node20',
    loader: b.loader,
    sourcemap: production ? false : 'linked',
    minify: production,
    external: b.external ?? [],
    banner: b.banner ? { js: b.banner } : undefined,
    logLevel: 'warning',
  });
  built.push(b.out);
}
// The CLI starts from the Flink grammar's prediction cache (cli/buildGrammarCache.ts, ARCHITECTURE.md).
if (built.includes('dist/cli.js')) {
  await build({ entryPoints: ['cli/buildGrammarCache.ts'], outfile: 'out/buildGrammarCache.js', bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  execFileSync(process.execPath, ['out/buildGrammarCache.js', 'dist'], { stdio: 'inherit' });
  built.push('dist/flinkSqlGrammar.cache.json');
  // V8's code cache of the CLI bundle, written by a tiny run so that it holds what a run compiles.
  for (const f of readdirSync('dist').filter((f) => /^cliMain\.\w+\.codecache$/.test(f))) rmSync(join('dist', f));
  const job = join(tmpdir(), `cl-codecache-${process.pid}.flink.sql`);
  writeFileSync(job, "CREATE TABLE t (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3');\nCREATE TABLE s (id INT) WITH ('connector' = 'blackhole');\nINSERT INTO s SELECT id FROM t;\n");
  execFileSync(process.execPath, ['dist/cli.js', 'run', job], { stdio: 'ignore', env: { ...process.env, CHECKPOINT_LAB_WRITE_CODE_CACHE: '1' } });
  rmSync(job);
  built.push(`dist/${readdirSync('dist').find((f) => /^cliMain\.\w+\.codecache$/.test(f))}`);
}
process.stderr.write(`esbuild: ${built.join(', ')} in ${Date.now() - started} ms\n`);
