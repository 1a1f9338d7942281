// Colours from VS Code's theme variables, so light, dark and high-contrast themes all read well:
// subtask colours from the `--vscode-charts-*` palette, lightness adapted to the theme.
// Browser only; imports nothing.

const CHART_VARS = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

/** The theme kind VS Code puts on `body` (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`). */
export function themeKind(): 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

/** A CSS variable's value on the page, or `fallback`. */
export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Parses `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb(a)(...)` into [r, g, b]. */
export function parseColor(c: string): [number, number, number] {
  const s = c.trim();
  if (s.startsWith('#')) {
    const hex = s.length === 4 ? s.slice(1).split('').map((x) => x + x).join('') : s.slice(1, 7);
    const n = parseInt(hex, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const m = /rgba?\(([^)]+)\)/.exec(s);
  if (m) {
    const [r, g, b] = m[1]!.split(',').map((x) => parseFloat(x));
    return [r ?? 0, g ?? 0, b ?? 0];
  }
  return [128, 128, 128];
}

function rgbToHsl([r, g, b]: [number, number, number]): [number, number, number] {
  r /= 255;
  g /= 255;
  b /= 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const hue = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [hue * 60, s, l];
}

function hslToRgb(hue: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** `n` distinct subtask colours: the theme's chart colours first, then hues spread between them. */
export function subtaskPalette(n: number): [number, number, number][] {
  const base = CHART_VARS.map((v, i) => parseColor(cssVar(v, FALLBACK[i]!)));
  if (n <= base.length) return base.slice(0, n);
  const [, s, l] = rgbToHsl(base[0]!);
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) out.push(i < base.length ? base[i]! : hslToRgb((i * 137.508) % 360, Math.max(0.5, s), l));
  return out;
}

/** Mixes a colour towards the editor background by `1 - weight` (weight 1 = the colour itself). */
export function shade(rgb: [number, number, number], background: [number, number, number], weight: number): [number, number, number] {
  const w = Math.max(0, Math.min(1, weight));
  return [0, 1, 2].map((i) => Math.round(background[i]! + (rgb[i]! - background[i]!) * w)) as [number, number, number];
}
