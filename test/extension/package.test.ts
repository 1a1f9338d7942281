// The .vsix holds every file the manifest names (main, debugger program, server, grammar, panel
// bundles, Monaco's workers and font, walkthrough media, icon) and nothing outside .vscodeignore's allow-list: no sources,
// tests, source maps or node_modules. Packs the current dist/ with vsce into a temporary folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'checkpoint-lab-vsix-'));
const vsix = join(work, 'checkpoint-lab.vsix');
let entries: string[] = [];

/** The names in a zip's central directory (a .vsix is a zip). */
function zipEntries(file: string): string[] {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, `${file} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'bad central directory');
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** `.vscodeignore`'s allow-list as regular expressions over package paths. */
function allowList(): RegExp[] {
  const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  return lines
    .filter((l) => l.startsWith('!'))
    .map((l) => new RegExp(`^${l.slice(1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`));
}

/** Every file path the manifest names, relative to the package root. */
function manifestPaths(): string[] {
  const c = pkg.contributes;
  const paths = [pkg.main, pkg.icon, ...c.debuggers.map((d: { program: string }) => d.program), ...c.languages.map((l: { configuration: string }) => l.configuration), ...c.grammars.map((g: { path: string }) => g.path)];
  for (const w of c.walkthroughs ?? []) for (const s of w.steps) paths.push(s.media.markdown ?? s.media.image);
  // The server and the CLI are started by path from extension/; the panels' bundles by the panel host.
  const extensionSources = ['languageClient.ts', 'cliTask.ts'].map((f) => readFileSync(join(root, 'extension', f), 'utf8')).join('\n');
  for (const m of extensionSources.matchAll(/'dist', '([\w.]+)'/g)) paths.push(`dist/${m[1]}`);
  const esbuild = readFileSync(join(root, 'esbuild.mjs'), 'utf8');
  // Every bundle of extension/ (the extension and what it loads lazily) and of the panels (webview/).
  for (const m of esbuild.matchAll(/entry: '(?:extension|webview)\/[^']+', out: '(dist\/[^']+)'/g)) paths.push(m[1]!);
  return paths.map((p: string) => p.replace(/^\.\//, ''));
}

before(() => {
  for (const b of ['extension.js', 'server.js', 'debugAdapter.js', 'cli.js']) assert.ok(existsSync(join(root, 'dist', b)), `dist/${b} is missing: run npm run build first`);
  execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  entries = zipEntries(vsix).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
});

after(() => rmSync(work, { recursive: true, force: true }));

test('every path the manifest names is in the package', () => {
  const names = manifestPaths();
  assert.ok(names.includes('dist/extension.js') && names.includes('dist/debugAdapter.js') && names.includes('dist/server.js') && names.includes('dist/cli.js'), names.join(', '));
  assert.ok(names.includes('syntaxes/flinksql.tmLanguage.json') && names.includes('media/icon.png') && names.includes('dist/panelSources.js'));
  for (const p of names) assert.ok(entries.includes(p), `${p} is named by the manifest but not packaged`);
});

test('every file the build writes to dist/ is packaged (bundles, the CLI\'s grammar cache, the panels\' style sheets, Monaco\'s workers and icon font), maps excepted', () => {
  const built = readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.map'))
    .map((e) => join(e.parentPath, e.name).slice(join(root, 'dist').length + 1).split('\\').join('/'));
  assert.ok(built.includes('webview/partitions.js'), 'dist/webview has no panel bundles: run npm run build first');
  for (const f of built) assert.ok(entries.includes(`dist/${f}`), `dist/${f} is built but not packaged`);
});

test('nothing outside the allow-list is packaged: no sources, tests, maps or node_modules', () => {
  const allowed = allowList();
  // vsce adds the manifest files itself and renames README/CHANGELOG/LICENSE.
  const vsceOwn = new Set(['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt']);
  for (const e of entries) {
    assert.ok(vsceOwn.has(e) || allowed.some((r) => r.test(e)), `${e} is packaged but not in the allow-list`);
    assert.ok(!/\.(ts|map)$/.test(e) && !e.startsWith('node_modules/') && !e.startsWith('test/'), `${e} should not be packaged`);
  }
  assert.ok(entries.includes('readme.md') && entries.includes('changelog.md'));
});

test('the manifest is publishable: repository, icon, package script with a production build', () => {
  assert.match(pkg.repository.url, /^https:\/\//);
  assert.equal(pkg.icon, 'media/icon.png');
  assert.match(pkg.scripts.package, /esbuild\.mjs --production && vsce package/);
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.readUInt32BE(16), 128, 'icon is 128 px wide');
  assert.equal(png.readUInt32BE(20), 128, 'icon is 128 px high');
});
