// Lets Monaco's own <style> elements pass the panel's CSP: every style element the page creates
// carries the page's nonce (from `<meta property="csp-nonce">`), so style-src stays
// `'nonce-…'` plus the extension's files, never 'unsafe-inline'. Imported before monaco-editor.
// Browser only; imports nothing.

const nonce = document.querySelector('meta[property="csp-nonce"]')?.getAttribute('content') ?? '';
const createElement = document.createElement.bind(document);
document.createElement = ((tag: string, options?: ElementCreationOptions) => {
  const el = createElement(tag, options);
  if (nonce && el instanceof HTMLStyleElement) el.nonce = nonce;
  return el;
}) as typeof document.createElement;

/** The base URL of the panel's bundle (workers are loaded from beside it). */
export const BUNDLE_BASE = (document.currentScript as HTMLScriptElement | null)?.src.replace(/[^/]*$/, '') ?? './';
