// The scripted host for panel tests and benchmarks: serves the built bundles (dist/webview/) and a
// panel page from panels/panelHtml over loopback HTTP, plays the VS Code webview API
// (`acquireVsCodeApi`, postMessage both ways) in real headless Chromium, and wires it to a real
// PanelModel. Chromium is Debian's (`/usr/bin/chromium`, installed by .ci/run when missing).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelCsp, panelHtml, type PanelModel } from '../../../panels/index.js';
import type { HostToPanelMessage, PanelKind, PanelToHostMessage } from '../../../protocol/index.js';
import type { WebviewTheme } from './themes.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const DIST = join(REPO_ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.ttf': 'font/ttf', '.html': 'text/html' };

/** A loopback server for the panel pages and the built bundles. */
export async function startPanelServer(): Promise<{ origin: string; notFound: string[]; close(): Promise<void> }> {
  const notFound: string[] = [];
  if (!existsSync(join(DIST, 'webview', 'partitions.js'))) throw new Error('dist/webview is not built: run `npm run build` first');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = /^\/panel\/(partitions|timeline|state)\.html$/.exec(url.pathname);
    if (page) {
      const panel = page[1] as PanelKind;
      const nonce = randomBytes(16).toString('base64');
      const origin = `http://${req.headers.host}`;
      const html = panelHtml({ panel, cspSource: origin, nonce, scriptUri: `/webview/${panel}.js`, styleUri: `/webview/${panel}.css`, title: '' });
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': panelCsp({ panel, cspSource: origin, nonce }) });
      res.end(html);
      return;
    }
    const file = resolve(DIST, `.${url.pathname}`);
    if (!file.startsWith(join(DIST, 'webview')) || !existsSync(file)) {
      notFound.push(url.pathname);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { origin: `http://127.0.0.1:${port}`, notFound, close: () => new Promise((r) => server.close(() => r())) };
}

/** Debian's Chromium, headless. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does it)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
}

/** An open panel page wired to a model. */
export interface OpenPanel {
  readonly page: Page;
  /** Messages the panel sent, in order. */
  readonly fromPanel: PanelToHostMessage[];
  /** Messages the host sent, in order. */
  readonly toPanel: HostToPanelMessage[];
  /** Errors the page logged or threw (console.error, uncaught exceptions, failed workers). */
  readonly errors: string[];
  /** CSP violations the page reported. */
  cspViolations(): Promise<string[]>;
  /** Hides or shows the panel (as VS Code does with a background tab). */
  setVisible(visible: boolean): void;
  close(): Promise<void>;
}

/** Opens `panel` in a new page with `theme`, connected to `model` through the webview API. */
export async function openPanel(browser: Browser, origin: string, panel: PanelKind, model: PanelModel, theme: WebviewTheme, viewport = { width: 1100, height: 1400 }): Promise<OpenPanel> {
  const page = await browser.newPage({ viewport });
  const fromPanel: PanelToHostMessage[] = [];
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const toPanel: HostToPanelMessage[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const connection = model.connect((m) => {
    toPanel.push(m);
    // The message travels as one JSON string argument and is posted as an object (VS Code's
    // postMessage clones it the same way); no script text is built from data.
    queue = queue.then(() => page.evaluate((json) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(JSON.parse(json), '*'), JSON.stringify(m))).catch(() => undefined);
  });
  await page.exposeBinding('__checkpointLabHost', (_source, m: PanelToHostMessage) => {
    fromPanel.push(m);
    connection.receive(m);
  });
  await page.addInitScript({ content: webviewApiShim(theme) });
  await page.goto(`${origin}/panel/${panel}.html`);
  return {
    page,
    fromPanel,
    toPanel,
    errors,
    cspViolations: () => page.evaluate('window.__cspViolations.slice()') as Promise<string[]>,
    setVisible: (v) => connection.setVisible(v),
    close: async () => {
      connection.dispose();
      await page.close();
    },
  };
}

/**
 * The page-side script (run before the panel's own): VS Code's `acquireVsCodeApi` (once per page,
 * postMessage to the host binding, getState/setState), the theme's variables and body class, and a
 * record of CSP violations. Browser code, kept as text: the test project has no DOM types.
 */
function webviewApiShim(theme: WebviewTheme): string {
  return `(() => {
  const violations = [];
  window.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
  let state;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return { postMessage: (m) => window.__checkpointLabHost(m), getState: () => state, setState: (s) => { state = s; } };
  };
  // VS Code sets the theme on <html> and <body> before the page's scripts run: do the same as soon
  // as the parser creates them.
  const vars = ${JSON.stringify(theme.vars)};
  const apply = () => {
    const html = document.documentElement;
    if (html && !html.dataset.themed) {
      html.dataset.themed = '1';
      for (const k of Object.keys(vars)) html.style.setProperty(k, vars[k]);
    }
    if (document.body) document.body.classList.add(${JSON.stringify(theme.bodyClass)});
    return Boolean(html && document.body);
  };
  if (!apply()) {
    const observer = new MutationObserver(() => { if (apply()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
  }
})();`;
}

/** A PanelModel scheduler on Node's timers. */
export const nodeScheduler = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
  now: () => performance.now(),
};
