// package.json's commands, menus, settings and activation events are the extension's tables:
// protocol/commands.ts for commands (ids, titles, placement), extension/config.ts for settings.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS, COMMAND_CATEGORY, DEBUG_TYPE, JOB_COMMANDS, JOB_FILE_WHEN, SESSION_WHEN } from '../../protocol/index.js';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
type MenuItem = { command: string; when?: string; group?: string };
const menus = pkg.contributes.menus as Record<string, MenuItem[]>;

test('contributes.commands is the command table: ids, titles, category, icons, session enablement', () => {
  const expected = COMMANDS.map((c) => ({ command: c.id, title: c.title, category: COMMAND_CATEGORY, ...(c.icon ? { icon: c.icon } : {}), ...(c.target === 'session' ? { enablement: SESSION_WHEN } : {}) }));
  assert.deepEqual(pkg.contributes.commands, expected);
  assert.equal(new Set(COMMANDS.map((c) => c.id)).size, COMMANDS.length, 'a command id appears twice');
  for (const c of COMMANDS) assert.match(c.id, /^checkpointLab\.[a-z][A-Za-z]+$/);
});

test('every code lens command is a contributed command', () => {
  const ids = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const l of JOB_COMMANDS) assert.ok(ids.has(l.id), `${l.id} is shown by a lens but not contributed`);
});

test('menus place exactly the commands the table places, with the job-file and session conditions', () => {
  const placed = (where: 'editorTitle' | 'editorContext' | 'explorerContext' | 'debugToolbar') => COMMANDS.filter((c) => c.placement?.[where]).map((c) => c.id);
  assert.deepEqual(menus['editor/title']!.map((m) => m.command), placed('editorTitle'));
  assert.deepEqual(menus['editor/context']!.map((m) => m.command), placed('editorContext'));
  assert.deepEqual(menus['explorer/context']!.map((m) => m.command), placed('explorerContext'));
  assert.deepEqual(menus['debug/toolBar']!.map((m) => m.command), placed('debugToolbar'));
  for (const where of ['editor/title', 'editor/context', 'explorer/context']) for (const m of menus[where]!) assert.equal(m.when, JOB_FILE_WHEN, `${where} ${m.command}`);
  for (const m of menus['debug/toolBar']!) assert.equal(m.when, `debugType == '${DEBUG_TYPE}'`);
  for (const m of menus['editor/title']!.concat(menus['debug/toolBar']!)) assert.ok(COMMANDS.find((c) => c.id === m.command)!.icon, `${m.command} sits in a toolbar without an icon`);
});

test('the palette hides job commands outside job files and session commands outside a checkpoint-lab session', () => {
  for (const c of COMMANDS) {
    const entry = menus.commandPalette!.find((m) => m.command === c.id);
    if (c.target === 'none') assert.equal(entry, undefined, c.id);
    else assert.equal(entry?.when, c.target === 'session' ? SESSION_WHEN : 'editorLangId == flinksql', c.id);
  }
  const known = new Set(COMMANDS.map((c) => c.id));
  for (const [where, items] of Object.entries(menus)) for (const m of items) assert.ok(known.has(m.command as never), `${where} names unknown command ${m.command}`);
});

test('every setting extension/config.ts reads is declared, and every declared one is read', () => {
  const source = readFileSync(join(root, 'extension', 'config.ts'), 'utf8');
  const read = [...source.matchAll(/section\.get<[^>]+>\('([^']+)'/g)].map((m) => `checkpointLab.${m[1]}`).sort();
  const declared = Object.keys(pkg.contributes.configuration.properties).sort();
  assert.deepEqual(read, declared);
  for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string; default?: unknown }>)) {
    assert.ok(schema.markdownDescription && schema.markdownDescription.length > 20, `${key} has no description`);
    assert.ok('default' in schema, `${key} has no default`);
  }
});

test('activation: only the job-file language (and plain SQL, for the association setting) and the debug type; commands activate implicitly', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:flinksql', 'onLanguage:sql', `onDebugResolve:${DEBUG_TYPE}`, `onDebugDynamicConfigurations:${DEBUG_TYPE}`]);
});

test('only extension/ imports vscode', () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && /from 'vscode'|require\('vscode'\)/.test(readFileSync(join(root, rel), 'utf8'))) offenders.push(rel);
    }
  };
  for (const dir of ['runtime', 'cli', 'debug', 'server', 'protocol', 'bridge']) walk(dir);
  assert.deepEqual(offenders, []);
});

test('launch.json snippets: the plain one, with a fault scenario, restoring, rescaling; only declared attributes', () => {
  const d = pkg.contributes.debuggers.find((x: { type: string }) => x.type === DEBUG_TYPE);
  const bodies = d.configurationSnippets.map((s: { body: Record<string, unknown> }) => s.body) as Record<string, unknown>[];
  const declared = Object.keys(d.configurationAttributes.launch.properties);
  for (const b of bodies) {
    assert.equal(b.type, DEBUG_TYPE);
    assert.equal(b.request, 'launch');
    for (const k of Object.keys(b)) if (!['type', 'request', 'name'].includes(k)) assert.ok(declared.includes(k), `snippet '${b.name}' uses undeclared '${k}'`);
  }
  assert.ok(bodies.some((b) => 'faults' in b && b.verify === true), 'a fault-scenario snippet');
  assert.ok(bodies.some((b) => b.restore === 'latest' && !('parallelism' in b)), 'a restore snippet');
  assert.ok(bodies.some((b) => b.restore === 'latest' && typeof b.parallelism === 'number'), 'a rescale snippet');
});

test('the walkthrough\'s steps name existing media and real commands', () => {
  const ids = new Set(COMMANDS.map((c) => c.id as string));
  for (const w of pkg.contributes.walkthroughs) {
    for (const s of w.steps) {
      assert.ok(readFileSync(join(root, s.media.markdown), 'utf8').length > 50, s.media.markdown);
      for (const m of (s.description as string).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(ids.has(m[1]!) || m[1]!.startsWith('workbench.'), `${s.id} links unknown ${m[1]}`);
    }
  }
});
