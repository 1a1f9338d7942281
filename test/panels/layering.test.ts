// The panels' layering: webview/ (browser code) imports protocol/ and nothing else of ours, no Node
// and no vscode; panels/ (the host model) imports runtime/, protocol/ and bridge/ only, no Node,
// no vscode, no DOM.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** The top-level folder an import resolves into, or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return relative(ROOT, resolve(file, '..', spec)).split(/[\\/]/)[0]!;
}

test('webview/ imports protocol/ and itself only (plus monaco-editor), never Node or vscode', () => {
  for (const f of sources(join(ROOT, 'webview'))) {
    for (const spec of importsOf(f)) {
      const t = target(f, spec);
      assert.ok(t === 'webview' || t === 'protocol' || t.startsWith('monaco-editor'), `${relative(ROOT, f)} imports ${spec}`);
    }
  }
});

test('panels/ imports runtime/, protocol/, bridge/ and itself only, never Node, vscode or the DOM', () => {
  for (const f of sources(join(ROOT, 'panels'))) {
    for (const spec of importsOf(f)) {
      const t = target(f, spec);
      assert.ok(['panels', 'runtime', 'protocol', 'bridge'].includes(t), `${relative(ROOT, f)} imports ${spec}`);
    }
    assert.doesNotMatch(readFileSync(f, 'utf8'), /\b(document|window)\./, `${relative(ROOT, f)} touches the DOM`);
  }
});
