// Entry of the state browser panel: pick a retained checkpoint or savepoint, walk its state
// (vertices → subtasks → key groups → keys) a page at a time, read values in a read-only Monaco
// editor, and diff any node against a second checkpoint in a Monaco diff editor. Browser only.
import { applyVsCodeTheme, monaco } from './monacoSetup.js';
import './state.css';
import type { PanelSections, RetainedCheckpoint, StateNode } from '../../protocol/index.js';
import { HostConnection } from '../common/hostConnection.js';
import { formatBytes, h, setChildren } from '../common/dom.js';
import { StateTree } from './stateTree.js';

interface UiState {
  checkpoint?: string;
  compareWith?: string;
}

const host = new HostConnection<UiState>('state');
const app = document.getElementById('app')!;
let ui: UiState = host.uiState ?? {};
let checkpoints: readonly RetainedCheckpoint[] = [];
let selected: StateNode | null = null;

const pick = h('select', { id: 'checkpoint', 'aria-label': 'Checkpoint to browse' });
const compare = h('select', { id: 'compare', 'aria-label': 'Checkpoint to compare with' });
const diffButton = h('button', { type: 'button', id: 'diff', disabled: true }, 'Diff selection');
const treeBox = h('nav', { class: 'tree-box', 'aria-label': 'Checkpoint state' });
const status = h('p', { id: 'status', class: 'muted', 'aria-live': 'polite' }, 'Select a key or a key group to see its values.');
const changes = h('div', { id: 'changes' });
const editorBox = h('div', { id: 'editor', class: 'editor-box', role: 'region', 'aria-label': 'Values' });
let editor: monaco.editor.IStandaloneCodeEditor | null = null;
let diffEditor: monaco.editor.IStandaloneDiffEditor | null = null;

function label(c: RetainedCheckpoint): string {
  return `${c.isSavepoint ? 'savepoint' : 'checkpoint'} ${c.checkpointId ?? '?'} · ${formatBytes(c.sizeBytes)}${c.status === 'corrupt' ? ' · CORRUPT' : ''}`;
}

function showText(text: string): void {
  diffEditor?.dispose();
  diffEditor = null;
  if (!editor) {
    editorBox.replaceChildren();
    editor = monaco.editor.create(editorBox, { value: text, language: 'json', readOnly: true, automaticLayout: true, minimap: { enabled: false }, scrollBeyondLastLine: false, ariaLabel: 'Values (read-only)' });
  } else editor.setValue(text);
  editorBox.dataset.mode = 'value';
}

function showDiff(left: string, right: string): void {
  editor?.dispose();
  editor = null;
  diffEditor?.dispose();
  editorBox.replaceChildren();
  diffEditor = monaco.editor.createDiffEditor(editorBox, { readOnly: true, originalEditable: false, automaticLayout: true, renderSideBySide: true, useInlineViewWhenSpaceIsLimited: false, minimap: { enabled: false }, ariaLabel: 'Difference between two checkpoints' });
  diffEditor.setModel({ original: monaco.editor.createModel(left, 'json'), modified: monaco.editor.createModel(right, 'json') });
  editorBox.dataset.mode = 'diff';
}

function onSelect(n: StateNode): void {
  selected = n;
  diffButton.disabled = !compare.value || n.path.split('/').length < 1;
  const depth = n.path.split('/').length;
  if (depth < 3) {
    setChildren(status, `${n.label}: expand it, or select a key group or key to see values.`);
    return;
  }
  host
    .request('stateValue', { checkpoint: pick.value, path: n.path })
    .then((r) => {
      if (!r.ok) return setChildren(status, h('span', { class: 'error' }, r.error));
      setChildren(status, `${n.label} in ${label(checkpoints.find((c) => c.path === pick.value)!)}`);
      showText(r.text ?? '(not in this checkpoint)');
    })
    .catch((e: Error) => setChildren(status, h('span', { class: 'error' }, e.message)));
}

function diff(path: string): void {
  const left = compare.value;
  const right = pick.value;
  host
    .request('stateDiff', { left, right, path })
    .then((r) => {
      if (!r.ok) return setChildren(status, h('span', { class: 'error' }, r.error));
      const from = checkpoints.find((c) => c.path === left)!;
      const to = checkpoints.find((c) => c.path === right)!;
      setChildren(status, `${label(from)} → ${label(to)}: ${r.changed} changed, ${r.added} added, ${r.removed} removed${r.truncated ? ` (the editor shows the first ${r.keysShown} differing keys)` : ''}`);
      const items = r.changedKeys.map((k) => {
        const b = h('button', { type: 'button', class: 'link' }, k.label);
        b.addEventListener('click', () => diff(k.path));
        return h('li', {}, b);
      });
      setChildren(changes, items.length > 0 ? h('ul', { class: 'changed', 'aria-label': 'Changed keys' }, ...items) : null);
      showDiff(r.left, r.right);
    })
    .catch((e: Error) => setChildren(status, h('span', { class: 'error' }, e.message)));
}

diffButton.addEventListener('click', () => selected && diff(selected.path));

function openTree(): void {
  selected = null;
  diffButton.disabled = true;
  if (!pick.value) return setChildren(treeBox, h('p', { class: 'muted' }, 'No retained checkpoints.'));
  const tree = new StateTree(host as HostConnection<unknown>, pick.value);
  tree.onSelect = onSelect;
  setChildren(treeBox, tree.element);
}

pick.addEventListener('change', () => {
  ui = { ...ui, checkpoint: pick.value };
  host.uiState = ui;
  openTree();
});
compare.addEventListener('change', () => {
  ui = { ...ui, compareWith: compare.value };
  host.uiState = ui;
  diffButton.disabled = !compare.value || selected === null;
});

function render(s: PanelSections): void {
  checkpoints = s.state.checkpoints;
  app.removeAttribute('aria-busy');
  const current = ui.checkpoint && checkpoints.some((c) => c.path === ui.checkpoint) ? ui.checkpoint : checkpoints.at(-1)?.path ?? '';
  setChildren(pick, ...checkpoints.map((c) => h('option', { value: c.path }, label(c))));
  pick.value = current;
  setChildren(compare, h('option', { value: '' }, '(none)'), ...checkpoints.map((c) => h('option', { value: c.path }, label(c))));
  compare.value = ui.compareWith ?? '';
  if (!app.contains(treeBox)) {
    setChildren(
      app,
      h('h1', {}, 'State browser'),
      h('p', { class: 'muted' }, s.job ? `${s.job.name} · ${s.job.source.label}` : ''),
      h('div', { class: 'row' }, h('label', {}, 'Checkpoint ', pick), h('label', {}, 'Compare with ', compare), diffButton),
      h('div', { class: 'split' }, treeBox, h('div', { class: 'values' }, status, changes, editorBox)),
    );
    applyVsCodeTheme();
  }
  openTree();
}

host.onChange = (s, changed) => {
  if (changed.has('state')) render(s);
};
host.start();
