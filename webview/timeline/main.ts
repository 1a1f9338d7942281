// Entry of the checkpoint timeline panel: the chart, the checkpoint table (the fields of Flink's
// /jobs/:id/checkpoints), one checkpoint's details per vertex and subtask, and every recovery with
// its phases and restart count. Browser only; imports protocol/ and common/.
import type { CheckpointDetails, PanelSections, TimelineState } from '../../protocol/index.js';
import { HostConnection } from '../common/hostConnection.js';
import { formatBytes, formatMs, frameCoalescer, h, setChildren } from '../common/dom.js';
import { describeCheckpoint, formatTime, timelineChart } from './timelineChart.js';

interface UiState {
  selected?: number;
}

const host = new HostConnection<UiState>('timeline');
const app = document.getElementById('app')!;
let ui: UiState = host.uiState ?? {};
let timeline: TimelineState | null = null;
let job: PanelSections['job'] = null;

const header = h('header');
const chartBox = h('div', { class: 'chart-box' });
const table = h('section', { 'aria-labelledby': 'cp-title' });
const details = h('section', { id: 'details', 'aria-labelledby': 'details-title', 'aria-live': 'polite' });
const recoveries = h('section', { 'aria-labelledby': 'rec-title' });

function select(id: number): void {
  ui = { ...ui, selected: id };
  host.uiState = ui;
  for (const row of table.querySelectorAll('tr[data-checkpoint]')) row.setAttribute('aria-selected', String(row.getAttribute('data-checkpoint') === String(id)));
  setChildren(details, h('h2', { id: 'details-title' }, `Checkpoint ${id}`), h('p', { class: 'muted' }, 'Loading…'));
  host
    .request('checkpointDetails', { checkpointId: id })
    .then((d) => showDetails(id, d))
    .catch((e: Error) => setChildren(details, h('h2', { id: 'details-title' }, `Checkpoint ${id}`), h('p', { class: 'error' }, e.message)));
}

function showDetails(id: number, d: CheckpointDetails): void {
  if (!d.ok || !timeline) {
    setChildren(details, h('h2', { id: 'details-title' }, `Checkpoint ${id}`), h('p', { class: 'error' }, d.ok ? '' : d.error));
    return;
  }
  const t = timeline;
  const vertexRows = d.vertices.map((v) =>
    h('tr', { tabindex: 0 }, h('td', {}, v.name), h('td', { class: 'num' }, `${v.acknowledged}/${v.total}`), h('td', { class: 'num' }, formatBytes(v.stateBytes)), h('td', { class: 'num' }, v.maxAlignmentMs !== undefined ? formatMs(v.maxAlignmentMs) : '–'), h('td', { class: 'num' }, v.persistedDataBytes !== undefined ? formatBytes(v.persistedDataBytes) : '–')),
  );
  const subtaskRows = d.vertices.flatMap((v) =>
    v.subtasks.map((a) => h('tr', { tabindex: 0 }, h('td', {}, `${v.name} (${a.subtask + 1}/${v.total})`), h('td', { class: 'num' }, formatMs(a.ackLatencyMs)), h('td', { class: 'num' }, formatMs(a.alignmentMs)), h('td', { class: 'num' }, formatBytes(a.stateBytes)))),
  );
  setChildren(
    details,
    h('h2', { id: 'details-title' }, `Checkpoint ${id}`),
    h('p', { class: d.checkpoint.status === 'FAILED' ? 'error' : '' }, describeCheckpoint(t, d.checkpoint)),
    d.checkpoint.externalPath ? h('p', { class: 'muted' }, `Written to ${d.checkpoint.externalPath}`) : null,
    h('table', { class: 'grid', 'aria-label': 'Per vertex' }, h('thead', {}, h('tr', {}, h('th', {}, 'Vertex'), h('th', { class: 'num' }, 'Acknowledged'), h('th', { class: 'num' }, 'State'), h('th', { class: 'num' }, 'Max alignment'), h('th', { class: 'num' }, 'In-flight data'))), h('tbody', {}, ...vertexRows)),
    subtaskRows.length > 0
      ? h('table', { class: 'grid', 'aria-label': 'Per subtask' }, h('thead', {}, h('tr', {}, h('th', {}, 'Subtask'), h('th', { class: 'num' }, 'Ack after'), h('th', { class: 'num' }, 'Alignment'), h('th', { class: 'num' }, 'State'))), h('tbody', {}, ...subtaskRows))
      : h('p', { class: 'muted' }, 'No per-subtask acknowledgements for this source (Flink reports them per vertex).'),
    d.files.length > 0 ? h('p', { class: 'muted files' }, `Files: ${d.files.map((f) => `${f.name} (${formatBytes(f.sizeBytes)})`).join(', ')}`) : null,
  );
}

function checkpointTable(t: TimelineState): HTMLElement {
  const body = h('tbody');
  for (const c of t.checkpoints) {
    const row = h(
      'tr',
      { tabindex: 0, 'data-checkpoint': c.id, 'aria-selected': String(ui.selected === c.id), class: c.status.toLowerCase() },
      h('td', { class: 'num' }, String(c.id)),
      h('td', {}, c.isSavepoint ? `◆ ${c.checkpointType}` : c.checkpointType),
      h('td', {}, c.status === 'FAILED' ? `FAILED${c.failureReason ? ` ${c.failureReason}` : ''}` : c.status),
      h('td', { class: 'num' }, `${((c.triggerTimestamp - t.startTimestamp) / 1000).toFixed(3)} s`),
      h('td', { class: 'num' }, formatMs(c.endToEndDurationMs)),
      h('td', { class: 'num' }, formatBytes(c.stateSizeBytes)),
      h('td', { class: 'num' }, formatBytes(c.checkpointedSizeBytes)),
      h('td', { class: 'num' }, `${c.acknowledgedSubtasks}/${c.totalSubtasks}`),
      h('td', { class: 'num' }, c.maxAlignmentMs !== undefined ? formatMs(c.maxAlignmentMs) : '–'),
      h('td', { class: 'num' }, c.persistedDataBytes !== undefined ? formatBytes(c.persistedDataBytes) : '–'),
      h('td', {}, c.failureMessage ?? ''),
    );
    row.addEventListener('click', () => select(c.id));
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') select(c.id);
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        ((e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null)?.focus();
      }
    });
    body.append(row);
  }
  const cols = ['ID', 'Type', 'Status', 'Triggered', 'Duration', 'State size', 'Checkpointed', 'Acks', 'Max alignment', 'In-flight data', 'Failure'];
  return h('table', { class: 'grid', id: 'checkpoints', 'aria-label': 'Checkpoints' }, h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, c)))), body);
}

function recoveryList(t: TimelineState): HTMLElement {
  const limit = /maxNumberRestartAttempts=(\d+)/.exec(t.restartStrategy ?? '')?.[1];
  const items = t.recoveries.map((r, i) => {
    const phases = r.phases.map((p, j) => {
      const next = r.phases[j + 1];
      return h('li', {}, `${p.phase} at ${formatTime(t, p.time).split(' (')[0]}${next ? ` (${formatMs(next.time - p.time)})` : ''}: ${p.detail}`);
    });
    const restart = r.attempt === null ? 'no restart' : `restart ${r.attempt}${limit ? ` of at most ${limit}` : ''}`;
    return h('li', { tabindex: 0, class: 'recovery-item' }, h('strong', {}, `Failure ${i + 1}: ${r.task}`), ` — ${r.reason} (${restart}${r.restoredCheckpointId !== null ? `, restored checkpoint ${r.restoredCheckpointId}` : ', from scratch'})`, h('ol', { class: 'phases' }, ...phases));
  });
  const exceptions = t.exceptions.map((e) => h('li', { tabindex: 0 }, `${formatTime(t, e.timestamp)}: ${e.exceptionName}: ${e.message}${e.taskName ? ` (${e.taskName})` : ''}`));
  return h(
    'div',
    {},
    h('h2', { id: 'rec-title' }, 'Failures and recoveries'),
    t.restartStrategy ? h('p', { class: 'muted' }, `Restart strategy: ${t.restartStrategy}`) : null,
    items.length > 0 ? h('ol', { class: 'recoveries' }, ...items) : exceptions.length > 0 ? h('ul', { 'aria-label': 'Exceptions' }, ...exceptions) : h('p', { class: 'muted' }, 'No failures.'),
  );
}

function render(): void {
  const t = timeline;
  app.removeAttribute('aria-busy');
  if (!t) {
    setChildren(app, h('h1', {}, 'Checkpoint timeline'), h('p', { class: 'muted' }, 'No job yet.'));
    return;
  }
  const cfg = t.config;
  setChildren(
    header,
    h('h1', {}, 'Checkpoint timeline'),
    h('p', { class: 'muted' }, `${job?.name ?? ''}${job?.state ? ` · ${job.state}` : ''} · ${t.clock === 'job-time' ? 'local run, job-clock time' : 'Flink job, wall-clock time'}`),
    h('p', {}, cfg ? `Every ${formatMs(cfg.intervalMs)}, ${cfg.mode.replace(/_/g, '-')}${cfg.unaligned ? ', unaligned' : ''}, timeout ${formatMs(cfg.timeoutMs)}, ${cfg.tolerableFailedCheckpoints} tolerable failures` : 'Checkpointing is disabled.'),
  );
  setChildren(chartBox, timelineChart(t, Math.max(600, Math.min(app.clientWidth - 8, 1400)), select));
  setChildren(table, h('h2', { id: 'cp-title' }, `Checkpoints (${t.checkpoints.length})`), checkpointTable(t));
  setChildren(recoveries, recoveryList(t));
  if (!app.contains(header)) setChildren(app, header, chartBox, table, details, recoveries);
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
}

const schedule = frameCoalescer(render);
host.onChange = (s, changed) => {
  timeline = s.timeline;
  job = s.job;
  if (changed.has('timeline') || changed.has('job')) schedule();
};
host.start();
if (ui.selected !== undefined) select(ui.selected);
