// Entry of the partition visualiser panel: vertex and measure selectors, the key-group map with
// its details line, load bars, hot keys, key lookup and rescale preview. Browser only.
import type { PanelSections, PartitionMeasure, PartitionVertex } from '../../protocol/index.js';
import { HostConnection } from '../common/hostConnection.js';
import { frameCoalescer, h, setChildren } from '../common/dom.js';
import { KeyGroupMap } from './keyGroupMap.js';
import { hotKeysTable, keyLookup, loadBars, rescalePreviewSection } from './panels.js';

interface UiState {
  vertexId?: string;
  measure?: PartitionMeasure | 'owner';
}

const host = new HostConnection<UiState>('partitions');
const app = document.getElementById('app')!;
let sections: PanelSections | null = null;
let ui: UiState = host.uiState ?? {};

const title = h('h1', {}, 'Partitions');
const source = h('p', { class: 'muted' });
const vertexSelect = h('select', { id: 'vertex', 'aria-label': 'Keyed vertex' });
const measureSelect = h('select', { id: 'measure', 'aria-label': 'Shade key groups by' });
const details = h('p', { id: 'kg-details', class: 'details', 'aria-live': 'polite' }, 'Hover a key group, or focus the map and use the arrow keys.');
const measuredAt = h('p', { class: 'muted' });
const map = new KeyGroupMap(() => Math.max(256, Math.min(app.clientWidth - 8, 1024)));
const side = h('div', { class: 'side' });
map.onDescribe = (text) => setChildren(details, text ?? 'Hover a key group, or focus the map and use the arrow keys.');

function vertex(): PartitionVertex | null {
  const vs = sections?.partitions.vertices ?? [];
  return vs.find((v) => v.vertexId === ui.vertexId) ?? vs[0] ?? null;
}

function saveUi(): void {
  host.uiState = ui;
}

vertexSelect.addEventListener('change', () => {
  ui = { ...ui, vertexId: vertexSelect.value };
  saveUi();
  render(true);
});
measureSelect.addEventListener('change', () => {
  ui = { ...ui, measure: measureSelect.value as UiState['measure'] };
  saveUi();
  drawMap();
});

const lookup = keyLookup(host as HostConnection<unknown>, () => vertex()?.vertexId ?? '', (kg) => map.highlight(kg));
const rescale = rescalePreviewSection(host as HostConnection<unknown>, vertex);

function drawMap(): void {
  const v = vertex();
  if (!v) return;
  const measure = ui.measure && (ui.measure === 'owner' || v.measures.includes(ui.measure)) ? ui.measure : v.measures.includes('stateBytes') ? 'stateBytes' : 'owner';
  measureSelect.value = measure;
  const ms = map.draw(v, measure);
  map.canvas.dataset.renderMs = ms.toFixed(2);
  document.body.dataset.firstDrawnAt ??= String(performance.now());
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
}

let built = false;
function render(vertexChanged: boolean): void {
  const job = sections?.job;
  setChildren(source, job ? `${job.name}${job.state ? ` · ${job.state}` : ''} · ${job.source.kind === 'flink' ? 'Flink job at ' : job.source.kind === 'checkpoint-dir' ? 'checkpoint ' : 'local run of '}${job.source.label}` : 'No job yet.');
  const vs = sections?.partitions.vertices ?? [];
  if (!built) {
    app.removeAttribute('aria-busy');
    setChildren(app, h('header', {}, title, source), h('div', { class: 'row' }, h('label', {}, 'Vertex ', vertexSelect), h('label', {}, 'Shade by ', measureSelect)), measuredAt, map.canvas, details, side, lookup, rescale);
    built = true;
  }
  const v = vertex();
  if (!v) {
    setChildren(side, h('p', { class: 'muted' }, vs.length === 0 ? 'This job has no keyed vertex: no key groups to show.' : ''));
    return;
  }
  setChildren(vertexSelect, ...vs.map((x) => h('option', { value: x.vertexId, selected: x.vertexId === v.vertexId }, `${x.name} (parallelism ${x.parallelism}, ${x.maxParallelism} key groups)`)));
  vertexSelect.value = v.vertexId;
  const measures: [PartitionMeasure | 'owner', string][] = [['owner', 'owner only'], ...v.measures.map((m): [PartitionMeasure, string] => [m, m === 'stateBytes' ? 'state bytes' : m])];
  setChildren(measureSelect, ...measures.map(([value, label]) => h('option', { value }, label)));
  setChildren(measuredAt, `${v.maxParallelism} key groups, ${v.parallelism} subtasks · ${v.measuredAt}`);
  drawMap();
  setChildren(side, loadBars(v), hotKeysTable(v));
  if (vertexChanged) map.highlight(null);
}

const schedule = frameCoalescer(() => render(false));
host.onChange = (s, changed) => {
  sections = s;
  if (changed.has('partitions') || changed.has('job')) schedule();
};
host.start();
