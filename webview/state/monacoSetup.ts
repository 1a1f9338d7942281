// Monaco for the state browser, loaded from the extension's own files under the panel's CSP: the
// editor API, JSON colouring, workers from beside the bundle (worker-src is the extension's
// origin), colours from the VS Code theme. Browser only; imports monaco-editor and common/.
import { BUNDLE_BASE } from './styleNonce.js';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/language/json/monaco.contribution';
// The diff editor's breadcrumbs need the outline model service, which only this contribution registers.
import 'monaco-editor/editor/contrib/documentSymbols/browser/outlineModel';
import { cssVar, themeKind } from '../common/theme.js';

// Workers straight from the extension's files (Monaco's getWorkerUrl would wrap them in a blob:
// URL, which worker-src does not allow).
(self as unknown as { MonacoEnvironment: { getWorker(moduleId: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => new Worker(`${BUNDLE_BASE}${label === 'json' ? 'json.worker.js' : 'editor.worker.js'}`, { name: label }),
};

/** A Monaco theme from the page's `--vscode-*` colours. */
export function applyVsCodeTheme(): void {
  const kind = themeKind();
  const base = kind === 'light' || kind === 'high-contrast-light' ? 'vs' : kind === 'high-contrast' ? 'hc-black' : 'vs-dark';
  const hex = (name: string, fallback: string) => {
    const v = cssVar(name, fallback);
    return /^#[0-9a-f]{3,8}$/i.test(v) ? v : fallback;
  };
  monaco.editor.defineTheme('checkpoint-lab', {
    base,
    inherit: true,
    rules: [],
    colors: {
      'editor.background': hex('--vscode-editor-background', base === 'vs' ? '#ffffff' : '#1e1e1e'),
      'editor.foreground': hex('--vscode-editor-foreground', base === 'vs' ? '#000000' : '#d4d4d4'),
    },
  });
  monaco.editor.setTheme('checkpoint-lab');
}

export { monaco };
