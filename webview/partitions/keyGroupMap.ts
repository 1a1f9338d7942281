// The key-group map: every key group of a vertex as one cell on a canvas (128 to 32,768 cells),
// coloured by owning subtask and shaded by a measure; hover and arrow keys show a cell's details.
// Drawn at one pixel per cell into ImageData, then scaled without smoothing. Browser only.
import type { PartitionMeasure, PartitionVertex } from '../../protocol/index.js';
import { formatBytes, formatCount } from '../common/dom.js';
import { cssVar, parseColor, shade, subtaskPalette } from '../common/theme.js';

/** The map's layout: columns and rows of cells, cell size in CSS pixels. */
export interface MapGeometry {
  readonly cols: number;
  readonly rows: number;
  readonly cell: number;
}

/** Rows×columns for `n` cells: a power of two of columns, twice as wide as tall. */
export function geometryFor(n: number, width: number): MapGeometry {
  let cols = 1;
  while (cols * (cols / 2) < n) cols *= 2;
  cols = Math.max(8, cols);
  const rows = Math.ceil(n / cols);
  const cell = Math.max(1, Math.floor(width / cols));
  return { cols, rows, cell };
}

/** The owning subtask of each key group (Flink's computeOperatorIndexForKeyGroup, from the ranges). */
function ownersOf(v: PartitionVertex): Int32Array {
  const owners = new Int32Array(v.maxParallelism).fill(-1);
  for (const s of v.subtasks) for (let kg = s.start; kg <= s.end; kg++) owners[kg] = s.subtask;
  return owners;
}

/** A drawn map with hover and keyboard focus. */
export class KeyGroupMap {
  readonly canvas: HTMLCanvasElement;
  private vertex: PartitionVertex | null = null;
  private geometry: MapGeometry = { cols: 8, rows: 1, cell: 1 };
  private owners: Int32Array = new Int32Array(0);
  private focused = 0;
  private highlighted: number | null = null;
  private readonly buffer = document.createElement('canvas');
  /** Called with a key group's description when hovered or focused (null when left). */
  onDescribe: (text: string | null, keyGroup: number | null) => void = () => {};

  constructor(private readonly width: () => number) {
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.className = 'kg-map';
    this.canvas.setAttribute('role', 'img');
    this.canvas.addEventListener('mousemove', (e) => this.hover(e));
    this.canvas.addEventListener('mouseleave', () => this.onDescribe(null, null));
    this.canvas.addEventListener('keydown', (e) => this.key(e));
    this.canvas.addEventListener('focus', () => this.describe(this.focused));
  }

  /** Draws `v` shaded by `measure`. Returns the time taken, ms. */
  draw(v: PartitionVertex, measure: PartitionMeasure | 'owner'): number {
    const t0 = performance.now();
    this.vertex = v;
    this.owners = ownersOf(v);
    const g = (this.geometry = geometryFor(v.maxParallelism, this.width()));
    this.canvas.dataset.cols = String(g.cols);
    this.canvas.dataset.cell = String(g.cell);
    this.canvas.dataset.keyGroups = String(v.maxParallelism);
    this.canvas.setAttribute(
      'aria-label',
      `Key-group map of ${v.name}: ${v.maxParallelism} key groups in ${g.rows} rows of ${g.cols}, coloured by owning subtask (${v.parallelism} subtasks)${measure === 'owner' ? '' : `, shaded by ${measure}`}. Use the arrow keys to read key groups.`,
    );
    const palette = subtaskPalette(v.parallelism);
    const bg = parseColor(cssVar('--vscode-editor-background', '#1e1e1e'));
    const values = measure === 'owner' ? null : measure === 'keys' ? v.keyGroups.keys : measure === 'stateBytes' ? v.keyGroups.stateBytes : (v.keyGroups.records ?? null);
    let max = 1;
    if (values) for (const x of values) if (x > max) max = x;
    this.buffer.width = g.cols;
    this.buffer.height = g.rows;
    const ctx = this.buffer.getContext('2d')!;
    const img = ctx.createImageData(g.cols, g.rows);
    const px = new Uint32Array(img.data.buffer);
    // Colours in 33 shades per subtask, computed once per draw; empty groups stay faint, the
    // busiest is the full colour (log scale).
    const shades = new Uint32Array(v.parallelism * 33);
    for (let o = 0; o < v.parallelism; o++) {
      for (let step = 0; step <= 32; step++) {
        const [r, gg, b] = shade(palette[o] ?? [128, 128, 128], bg, 0.18 + (0.82 * step) / 32);
        shades[o * 33 + step] = ((255 << 24) | (b << 16) | (gg << 8) | r) >>> 0;
      }
    }
    const logMax = Math.log1p(max);
    const owners = this.owners;
    for (let kg = 0; kg < v.maxParallelism; kg++) {
      const x = values ? values[kg]! : -1;
      const step = x < 0 ? 32 : x === 0 ? 0 : 1 + Math.round((31 * Math.log1p(x)) / logMax);
      px[kg] = shades[owners[kg]! * 33 + step]!;
    }
    ctx.putImageData(img, 0, 0);
    this.redraw();
    return performance.now() - t0;
  }

  /** Outlines one key group (the key lookup's answer), or none. */
  highlight(keyGroup: number | null): void {
    this.highlighted = keyGroup;
    this.redraw();
    if (keyGroup !== null) this.describe(keyGroup);
  }

  private redraw(): void {
    const g = this.geometry;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(g.cols * g.cell * dpr);
    const hgt = Math.round(g.rows * g.cell * dpr);
    // Resizing a canvas reallocates it: only when the geometry changed.
    if (this.canvas.width !== w || this.canvas.height !== hgt) {
      this.canvas.style.width = `${g.cols * g.cell}px`;
      this.canvas.style.height = `${g.rows * g.cell}px`;
      this.canvas.width = w;
      this.canvas.height = hgt;
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.buffer, 0, 0, this.canvas.width, this.canvas.height);
    const mark = (kg: number, colour: string) => {
      const x = (kg % g.cols) * g.cell * dpr;
      const y = Math.floor(kg / g.cols) * g.cell * dpr;
      ctx.strokeStyle = colour;
      ctx.lineWidth = Math.max(1, dpr);
      ctx.strokeRect(x + 0.5, y + 0.5, Math.max(2, g.cell * dpr - 1), Math.max(2, g.cell * dpr - 1));
    };
    if (document.activeElement === this.canvas) mark(this.focused, cssVar('--vscode-focusBorder', '#007fd4'));
    if (this.highlighted !== null) mark(this.highlighted, cssVar('--vscode-editor-foreground', '#cccccc'));
  }

  /** The key group under a point in CSS pixels of the canvas, or null. */
  keyGroupAt(x: number, y: number): number | null {
    const g = this.geometry;
    const col = Math.floor(x / g.cell);
    const row = Math.floor(y / g.cell);
    if (col < 0 || col >= g.cols || row < 0) return null;
    const kg = row * g.cols + col;
    return this.vertex && kg < this.vertex.maxParallelism ? kg : null;
  }

  private hover(e: MouseEvent): void {
    const r = this.canvas.getBoundingClientRect();
    const kg = this.keyGroupAt(e.clientX - r.left, e.clientY - r.top);
    if (kg === null) this.onDescribe(null, null);
    else this.describe(kg);
  }

  private key(e: KeyboardEvent): void {
    if (!this.vertex) return;
    const g = this.geometry;
    const n = this.vertex.maxParallelism;
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -g.cols, ArrowDown: g.cols, PageUp: -g.cols * 8, PageDown: g.cols * 8 };
    let next = this.focused;
    if (e.key in moves) next = this.focused + moves[e.key]!;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else return;
    e.preventDefault();
    this.focused = Math.max(0, Math.min(n - 1, next));
    this.redraw();
    this.describe(this.focused);
  }

  private describe(kg: number): void {
    const v = this.vertex;
    if (!v) return;
    const g = v.keyGroups;
    const owner = v.subtasks[this.owners[kg]!];
    const top = v.hotKeys.filter((k) => k.keyGroup === kg).slice(0, 3);
    const parts = [`key group ${kg}`, `subtask ${owner?.subtask ?? '?'} (${owner?.displayName ?? ''})`];
    if (v.measures.includes('keys')) parts.push(`${formatCount(g.keys[kg]!)} ${g.keys[kg] === 1 ? 'key' : 'keys'}`);
    if (v.measures.includes('stateBytes')) parts.push(formatBytes(g.stateBytes[kg]!));
    if (g.records) parts.push(`${formatCount(g.records[kg]!)} records`);
    if (top.length > 0) parts.push(`top keys: ${top.map((k) => k.key).join(', ')}`);
    this.onDescribe(parts.join(' · '), kg);
  }
}
