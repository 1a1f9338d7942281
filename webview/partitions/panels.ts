// The partition visualiser's side sections: per-subtask load bars with skew and verdict, the hot
// keys table, the key lookup and the rescale preview. Browser only; imports protocol/ and common/.
import { PANEL_KEY_TYPES, type PanelKeyType, type PartitionVertex, type RescalePreview } from '../../protocol/index.js';
import type { HostConnection } from '../common/hostConnection.js';
import { formatBytes, formatCount, h, setChildren } from '../common/dom.js';
import { cssVar, subtaskPalette } from '../common/theme.js';

/** Load bars: one per subtask, by state bytes when known, else keys. */
export function loadBars(v: PartitionVertex): HTMLElement {
  const byBytes = v.measures.includes('stateBytes') && v.subtasks.some((s) => s.stateBytes > 0);
  const weight = (s: PartitionVertex['subtasks'][number]) => (byBytes ? s.stateBytes : s.keys);
  const max = Math.max(1, ...v.subtasks.map(weight));
  const total = v.subtasks.reduce((n, s) => n + weight(s), 0);
  const list = h('ul', { class: 'bars', 'aria-label': `Load per subtask by ${byBytes ? 'state bytes' : 'keys'}` });
  for (const s of v.subtasks) {
    const bar = h('span', { class: 'bar-fill' });
    bar.style.width = `${(100 * weight(s)) / max}%`;
    bar.style.backgroundColor = `var(--subtask-${s.subtask % 6})`;
    const share = total > 0 ? ` (${Math.round((100 * weight(s)) / total)}%)` : '';
    const records = s.records !== undefined ? `, ${formatCount(s.records)} records in` : '';
    const text = `${s.displayName}: key groups ${s.start}-${s.end}, ${formatCount(s.keys)} keys, ${formatBytes(s.stateBytes)}${share}${records}`;
    list.append(h('li', { tabindex: 0, 'aria-label': text }, h('span', { class: 'bar-label', title: s.displayName }, `subtask ${s.subtask} · ${s.start}-${s.end}`), h('span', { class: 'bar-track' }, bar), h('span', { class: 'bar-value' }, `${byBytes ? formatBytes(s.stateBytes) : formatCount(s.keys)}${share}${s.records !== undefined ? ` · ${formatCount(s.records)} rec` : ''}`)));
  }
  return h(
    'section',
    { 'aria-labelledby': 'load-title' },
    h('h2', { id: 'load-title' }, 'Load per subtask'),
    h('p', { class: 'verdict', role: 'status' }, v.skewRatio === null ? v.verdict : `Skew ${v.skewRatio.toFixed(2)} (busiest / mean). ${v.verdict}`),
    list,
  );
}

/** The hot keys table. */
export function hotKeysTable(v: PartitionVertex): HTMLElement {
  const total = v.subtasks.reduce((n, s) => n + s.stateBytes, 0);
  const body = h('tbody');
  for (const k of v.hotKeys.slice(0, 20)) {
    body.append(h('tr', { tabindex: 0 }, h('td', {}, k.key), h('td', { class: 'num' }, String(k.keyGroup)), h('td', { class: 'num' }, String(k.subtask)), h('td', { class: 'num' }, formatBytes(k.stateBytes)), h('td', { class: 'num' }, total > 0 ? `${((100 * k.stateBytes) / total).toFixed(1)}%` : '')));
  }
  return h(
    'section',
    { 'aria-labelledby': 'hot-title' },
    h('h2', { id: 'hot-title' }, 'Hot keys'),
    v.hotKeys.length === 0
      ? h('p', { class: 'muted' }, 'No keys loaded: open a checkpoint of this job to see its keys.')
      : h('table', { class: 'grid', 'aria-label': 'Heaviest keys by state size' }, h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Key group'), h('th', {}, 'Subtask'), h('th', {}, 'State'), h('th', {}, 'Share'))), body),
  );
}

/** The key lookup form; `onFound` highlights the key group on the map. */
export function keyLookup(host: HostConnection<unknown>, vertexId: () => string, onFound: (keyGroup: number | null) => void): HTMLElement {
  const type = h('select', { id: 'lookup-type', 'aria-label': 'Key type' }, ...PANEL_KEY_TYPES.map((t) => h('option', { value: t.type }, t.label)));
  const input = h('input', { id: 'lookup-key', type: 'text', placeholder: 'user-42', 'aria-label': 'Key', autocomplete: 'off' });
  const isNull = h('input', { id: 'lookup-null', type: 'checkbox', 'aria-label': 'SQL NULL key' });
  const out = h('output', { id: 'lookup-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'row', 'aria-label': 'Key lookup' }, type, input, h('label', {}, isNull, ' NULL'), h('button', { type: 'submit' }, 'Look up'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = isNull.checked ? null : input.value;
    host
      .request('lookupKey', { vertexId: vertexId(), keyType: type.value as PanelKeyType, key })
      .then((r) => {
        if (!r.ok) {
          setChildren(out, h('span', { class: 'error' }, r.error));
          onFound(null);
          return;
        }
        out.dataset.keyGroup = String(r.keyGroup);
        out.dataset.subtask = String(r.subtask);
        setChildren(out, `key group ${r.keyGroup} → subtask ${r.subtask} (${r.subtaskName})${r.stateBytes !== undefined ? `, ${formatBytes(r.stateBytes)} of state` : ', not in the loaded state'}`);
        onFound(r.keyGroup);
      })
      .catch((err: Error) => setChildren(out, h('span', { class: 'error' }, err.message)));
  });
  return h('section', { 'aria-labelledby': 'lookup-title' }, h('h2', { id: 'lookup-title' }, 'Key lookup'), form, out);
}

/** The ring after the change: virtual nodes as ticks in their subtask's colour, moved keys as dots. */
function ringView(ring: NonNullable<Extract<RescalePreview, { ok: true }>['ring']>, parallelism: number): HTMLCanvasElement {
  const size = 220;
  const dpr = window.devicePixelRatio || 1;
  const c = h('canvas', { id: 'ring', role: 'img', 'aria-label': `Consistent-hash ring after the change: ${ring.points.length} virtual nodes of ${parallelism} subtasks; ${ring.movedKeys.length} of the keys that move shown as dots` });
  c.width = size * dpr;
  c.height = size * dpr;
  c.style.width = `${size}px`;
  c.style.height = `${size}px`;
  const ctx = c.getContext('2d')!;
  ctx.scale(dpr, dpr);
  const palette = subtaskPalette(parallelism);
  const cx = size / 2;
  const r = size / 2 - 12;
  const at = (f: number, rr: number): [number, number] => [cx + rr * Math.sin(2 * Math.PI * f), cx - rr * Math.cos(2 * Math.PI * f)];
  ctx.strokeStyle = cssVar('--vscode-descriptionForeground', '#888888');
  ctx.beginPath();
  ctx.arc(cx, cx, r, 0, 2 * Math.PI);
  ctx.stroke();
  for (const [f, owner] of ring.points) {
    const [x0, y0] = at(f, r - 6);
    const [x1, y1] = at(f, r + 6);
    const [cr, cg, cb] = palette[owner] ?? [128, 128, 128];
    ctx.strokeStyle = `rgb(${cr}, ${cg}, ${cb})`;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
  ctx.fillStyle = cssVar('--vscode-foreground', '#cccccc');
  for (const f of ring.movedKeys) {
    const [x, y] = at(f, r - 14);
    ctx.fillRect(x - 1, y - 1, 2, 2);
  }
  return c;
}

function previewView(p: Extract<RescalePreview, { ok: true }>): HTMLElement {
  const pct = (n: number) => (p.totalKeys > 0 ? ` (${((100 * n) / p.totalKeys).toFixed(1)}%)` : '');
  const schemes = h('tbody');
  for (const s of p.schemes) {
    const max = Math.max(...s.keysPerOwner, 0);
    const mean = s.keysPerOwner.length > 0 ? s.keysPerOwner.reduce((a, b) => a + b, 0) / s.keysPerOwner.length : 0;
    schemes.append(h('tr', { tabindex: 0 }, h('td', {}, s.scheme), h('td', { class: 'num' }, `${formatCount(s.keysMoved)}${pct(s.keysMoved)}`), h('td', { class: 'num' }, formatBytes(s.bytesMoved)), h('td', { class: 'num' }, mean > 0 ? (max / mean).toFixed(2) : '–')));
  }
  const balance = h('tbody');
  for (const s of p.newSubtasks) balance.append(h('tr', { tabindex: 0 }, h('td', {}, `subtask ${s.subtask}`), h('td', {}, `${s.start}-${s.end}`), h('td', { class: 'num' }, formatCount(s.keys)), h('td', { class: 'num' }, formatBytes(s.stateBytes))));
  return h(
    'div',
    { id: 'rescale-result' },
    h(
      'p',
      { role: 'status' },
      p.restorable
        ? `${p.fromParallelism} → ${p.toParallelism} subtasks: ${formatCount(p.keyGroupsMoved)} of ${formatCount(p.fromMaxParallelism)} key groups change subtask.`
        : `Max parallelism ${p.fromMaxParallelism} → ${p.toMaxParallelism}: Flink cannot restore this state (the number of key groups is fixed); shown is where the keys would go on a fresh start.`,
    ),
    h('table', { class: 'grid', 'aria-label': 'Keys moved per scheme' }, h('thead', {}, h('tr', {}, h('th', {}, 'Scheme'), h('th', {}, 'Keys moved'), h('th', {}, 'Bytes moved'), h('th', {}, 'Skew after'))), schemes),
    h('p', { class: 'muted' }, p.hashNote),
    p.ring ? h('figure', { class: 'ring' }, ringView(p.ring, p.toParallelism), h('figcaption', { class: 'muted' }, `The ring after the change: ${p.ring.points.length} virtual nodes (ticks, coloured by subtask); dots are keys that move.`)) : null,
    h('table', { class: 'grid', 'aria-label': 'New balance per subtask' }, h('thead', {}, h('tr', {}, h('th', {}, 'New subtask'), h('th', {}, 'Key groups'), h('th', {}, 'Keys'), h('th', {}, 'State'))), balance),
  );
}

/** The rescale preview form and its answer. */
export function rescalePreviewSection(host: HostConnection<unknown>, vertex: () => PartitionVertex | null): HTMLElement {
  const v0 = vertex();
  const p = h('input', { id: 'rescale-parallelism', type: 'number', min: 1, max: 32768, value: v0 ? v0.parallelism + 1 : 2, 'aria-label': 'New parallelism' });
  const m = h('input', { id: 'rescale-max', type: 'number', min: 1, max: 32768, value: v0?.maxParallelism ?? 128, 'aria-label': 'New max parallelism' });
  const vn = h('input', { id: 'rescale-vnodes', type: 'number', min: 1, max: 1000, value: 100, 'aria-label': 'Virtual nodes per subtask on the hash ring' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'row', 'aria-label': 'Rescale preview' }, h('label', {}, 'parallelism ', p), h('label', {}, 'max parallelism ', m), h('label', {}, 'ring virtual nodes ', vn), h('button', { type: 'submit' }, 'Preview'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = vertex();
    if (!v) return;
    host
      .request('rescalePreview', { vertexId: v.vertexId, parallelism: Number(p.value), maxParallelism: Number(m.value), virtualNodes: Number(vn.value) })
      .then((r) => setChildren(out, r.ok ? previewView(r) : h('p', { class: 'error', role: 'alert' }, r.error)))
      .catch((err: Error) => setChildren(out, h('p', { class: 'error', role: 'alert' }, err.message)));
  });
  return h('section', { 'aria-labelledby': 'rescale-title' }, h('h2', { id: 'rescale-title' }, 'Rescale preview'), form, out);
}
