// The panels' webviews: one per panel kind, beside the editor, each connected to the panels'
// host-side model (panels/) over postMessage. The page comes from panels/panelHtml with a fresh
// crypto nonce and the webview's cspSource. Imports vscode, protocol and panels/panelHtml.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PanelKind, PanelToHostMessage } from '../protocol/index.js';
// panelHtml.ts imports only protocol/: the model (and the runtime under it) is loaded lazily by panelSources.ts.
import type { PanelConnection, PanelModel } from '../panels/index.js';
import { panelHtml } from '../panels/panelHtml.js';

/**
 * The panels' model and its sources, loaded on first use: they carry the runtime, built as a bundle
 * of their own (dist/panelSources.js) so that activation does not compile them.
 */
export function panelSources(): typeof import('./panelSources.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./panelSources.js') as typeof import('./panelSources.js');
}

/** Panel titles, as the tabs show them. */
const TITLES: Record<PanelKind, string> = { partitions: 'Partitions', timeline: 'Checkpoint Timeline', state: 'State Browser' };

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  connection: PanelConnection;
}

/** Owns the panel webviews; `show` points them at a model (the current source of data). */
export class PanelHost implements vscode.Disposable {
  private readonly open = new Map<PanelKind, OpenPanel>();
  private model: PanelModel | undefined;
  /** What keeps the current model fresh (a Flink attachment), disposed with it. */
  private feed: vscode.Disposable | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Whether this build has the panel's bundle. */
  has(kind: PanelKind): boolean {
    return existsSync(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', `${kind}.js`).fsPath);
  }

  /** Shows the panels of `kinds` that this build has, fed by `model` (kept fresh by `feed`); returns the kinds shown. */
  show(model: PanelModel, kinds: readonly PanelKind[], feed?: vscode.Disposable): PanelKind[] {
    if (model !== this.model) {
      this.feed?.dispose();
      this.feed = feed;
      this.model = model;
      for (const [kind, p] of this.open) this.reconnect(kind, p);
    }
    const shown = kinds.filter((k) => this.has(k));
    for (const kind of shown) {
      const existing = this.open.get(kind);
      if (existing) existing.panel.reveal(undefined, true);
      else this.create(kind);
    }
    // The first kind asked for is the tab in front.
    if (shown.length > 1) this.open.get(shown[0]!)?.panel.reveal(undefined, true);
    return shown;
  }

  private create(kind: PanelKind): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(`checkpointLab.${kind}`, TITLES[kind], { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [root] });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    const w = panel.webview;
    this.render(kind, panel);
    const entry: OpenPanel = { panel, connection: this.model!.connect((m) => void w.postMessage(m)) };
    const subscriptions = [
      w.onDidReceiveMessage((m: PanelToHostMessage) => entry.connection.receive(m)),
      panel.onDidChangeViewState((e) => entry.connection.setVisible(e.webviewPanel.visible)),
    ];
    panel.onDidDispose(() => {
      entry.connection.dispose();
      subscriptions.forEach((s) => s.dispose());
      this.open.delete(kind);
    });
    this.open.set(kind, entry);
  }

  /** Connects an open panel to the current model; a reload makes the page say `ready` again. */
  private reconnect(kind: PanelKind, p: OpenPanel): void {
    p.connection.dispose();
    p.connection = this.model!.connect((m) => void p.panel.webview.postMessage(m));
    this.render(kind, p.panel);
  }

  /** Sets the page with a fresh nonce (a new page says `ready` and gets a full snapshot). */
  private render(kind: PanelKind, panel: vscode.WebviewPanel): void {
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const w = panel.webview;
    w.html = panelHtml({
      panel: kind,
      cspSource: w.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(root, `${kind}.js`)).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(root, `${kind}.css`)).toString(),
      title: TITLES[kind],
    });
  }

  dispose(): void {
    this.feed?.dispose();
    for (const [, p] of this.open) p.panel.dispose();
    this.open.clear();
  }
}
