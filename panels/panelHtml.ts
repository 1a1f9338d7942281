// The HTML of a panel's webview: the bundle's script with a nonce under a strict CSP
// (`default-src 'none'`), styles and fonts from the extension's own files. No data goes into the
// page: the panel asks the host for it. Pure; imports protocol/ only.
import type { PanelKind } from '../protocol/index.js';

/** What the page needs to know of its host. */
export interface PanelHtmlOptions {
  readonly panel: PanelKind;
  /** The webview's `cspSource` (the origin its resources are served from). */
  readonly cspSource: string;
  /** A fresh random nonce (base64 or hex) from the host's crypto, per page load. */
  readonly nonce: string;
  /** URI of the panel's script bundle (`dist/webview/<panel>.js`). */
  readonly scriptUri: string;
  /** URI of the panel's style sheet (`dist/webview/<panel>.css`). */
  readonly styleUri: string;
  /** The page title. */
  readonly title: string;
}

const TITLES: Record<PanelKind, string> = { partitions: 'Partitions', timeline: 'Checkpoint timeline', state: 'State browser' };

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The Content-Security-Policy of a panel. The state browser also loads Monaco's workers from the
 * extension's files, gives Monaco's own <style> elements the nonce, and allows inline style
 * *attributes* (`style-src-attr`), which Monaco's renderer writes into its HTML; style attributes
 * cannot run script, and every other panel does without them.
 */
export function panelCsp(o: Pick<PanelHtmlOptions, 'cspSource' | 'nonce' | 'panel'>): string {
  const styleExtra = o.panel === 'state' ? ` 'nonce-${o.nonce}'` : '';
  return [
    "default-src 'none'",
    `script-src 'nonce-${o.nonce}'`,
    `style-src ${o.cspSource}${styleExtra}`,
    `font-src ${o.cspSource}`,
    `img-src ${o.cspSource}`,
    ...(o.panel === 'state' ? [`style-src-attr 'unsafe-inline'`, `worker-src ${o.cspSource}`] : []),
  ].join('; ');
}

/** The page. */
export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('panelHtml: the nonce must be at least 16 random base64/hex characters');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="csp-nonce" content="${attr(o.nonce)}">
<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>${attr(o.title || TITLES[o.panel])}</title>
</head>
<body data-panel="${o.panel}">
<main id="app" aria-busy="true"><p class="muted">Waiting for the host…</p></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
