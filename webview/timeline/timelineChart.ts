// The timeline's chart: checkpoints (trigger to completion or failure, savepoints marked), failures
// and recoveries with their phases, on one time axis, as SVG; every mark is focusable and labelled.
// Browser only; imports protocol/ and common/.
import type { TimelineCheckpoint, TimelineRecovery, TimelineState } from '../../protocol/index.js';
import { formatBytes, formatMs } from '../common/dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** A time on the timeline's clock, as text relative to the start. */
export function formatTime(t: TimelineState, ms: number): string {
  const rel = ms - t.startTimestamp;
  return t.clock === 'job-time' ? `job time ${(rel / 1000).toFixed(3)} s` : `+${(rel / 1000).toFixed(3)} s (${new Date(ms).toISOString()})`;
}

/** What a checkpoint is, in one line for a label. */
export function describeCheckpoint(t: TimelineState, c: TimelineCheckpoint): string {
  const kind = c.isSavepoint ? 'Savepoint' : c.checkpointType === 'UNALIGNED_CHECKPOINT' ? 'Unaligned checkpoint' : 'Checkpoint';
  const status = c.status === 'FAILED' ? `failed${c.failureReason ? ` (${c.failureReason})` : ''}${c.failureMessage ? `: ${c.failureMessage}` : ''}` : c.status === 'COMPLETED' ? 'completed' : 'in progress';
  return `${kind} ${c.id} ${status}; triggered at ${formatTime(t, c.triggerTimestamp)}, ${formatMs(c.endToEndDurationMs)}, ${formatBytes(c.stateSizeBytes)}, ${c.acknowledgedSubtasks}/${c.totalSubtasks} acknowledged`;
}

/** Draws the chart; `onSelect` is called with a checkpoint id when one is clicked or activated. */
export function timelineChart(t: TimelineState, width: number, onSelect: (id: number) => void): SVGSVGElement {
  const left = 110;
  const right = 16;
  const lanes = { checkpoints: 34, failures: 80 };
  const height = 130;
  const span = Math.max(1, t.durationMs);
  const x = (ms: number) => left + ((ms - t.startTimestamp) / span) * (width - left - right);
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'group', 'aria-label': `Checkpoints and recoveries over ${formatMs(span)}`, class: 'chart' });
  svg.append(s('text', { x: 4, y: lanes.checkpoints + 14, class: 'lane' }, 'Checkpoints'), s('text', { x: 4, y: lanes.failures + 14, class: 'lane' }, 'Failures'));
  // Axis with about 8 ticks.
  const step = niceStep(span / 8);
  const axisY = height - 18;
  svg.append(s('line', { x1: left, x2: width - right, y1: axisY, y2: axisY, class: 'axis' }));
  for (let v = 0; v <= span + 1e-9; v += step) {
    const xx = x(t.startTimestamp + v);
    svg.append(s('line', { x1: xx, x2: xx, y1: axisY, y2: axisY + 4, class: 'axis' }), s('text', { x: xx, y: axisY + 15, class: 'tick', 'text-anchor': 'middle' }, `${(v / 1000).toFixed(step < 1000 ? 1 : 0)} s`));
  }
  for (const c of t.checkpoints) {
    const x0 = x(c.triggerTimestamp);
    const w = Math.max(4, x(c.triggerTimestamp + c.endToEndDurationMs) - x0);
    const cls = `cp ${c.status.toLowerCase()}${c.isSavepoint ? ' savepoint' : ''}`;
    const g = s('g', { tabindex: 0, role: 'button', class: cls, 'data-checkpoint': c.id, 'aria-label': describeCheckpoint(t, c) }, s('title', {}, describeCheckpoint(t, c)));
    g.append(s('rect', { x: x0, y: lanes.checkpoints, width: w, height: 20, rx: 2 }));
    if (c.isSavepoint) g.append(s('path', { d: `M ${x0} ${lanes.checkpoints - 9} l 5 5 l -5 5 l -5 -5 z`, class: 'marker' }));
    if (c.status === 'FAILED') g.append(s('text', { x: x0 + w / 2, y: lanes.checkpoints + 15, class: 'cross', 'text-anchor': 'middle' }, '✕'));
    g.addEventListener('click', () => onSelect(c.id));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(c.id);
      }
    });
    svg.append(g);
  }
  t.recoveries.forEach((r, i) => svg.append(recoveryMark(t, r, i, x, lanes.failures, width - right)));
  for (const e of t.exceptions) {
    const xx = x(e.timestamp);
    svg.append(s('path', { d: `M ${xx} ${lanes.failures + 22} l 5 8 l -10 0 z`, class: 'exception', tabindex: 0, 'aria-label': `${e.exceptionName}: ${e.message} at ${formatTime(t, e.timestamp)}${e.taskName ? ` in ${e.taskName}` : ''}` }, s('title', {}, `${e.exceptionName}: ${e.message}`)));
  }
  return svg;
}

function recoveryMark(t: TimelineState, r: TimelineRecovery, i: number, x: (ms: number) => number, y: number, maxX: number): SVGGElement {
  const x0 = x(r.failedAt);
  const x1 = r.runningAt === null ? maxX : x(r.runningAt);
  const label = `Failure ${i + 1}: ${r.task}: ${r.reason} at ${formatTime(t, r.failedAt)}; ${r.runningAt === null ? 'not running again' : `running again after ${formatMs(r.runningAt - r.failedAt)}`}${r.restoredCheckpointId !== null ? `, from checkpoint ${r.restoredCheckpointId}` : ''}`;
  const g = s('g', { class: 'recovery', tabindex: 0, 'aria-label': label, 'data-recovery': i }, s('title', {}, label));
  g.append(s('rect', { x: x0, y, width: Math.max(4, x1 - x0), height: 20, rx: 2 }));
  for (const p of r.phases) g.append(s('line', { x1: x(p.time), x2: x(p.time), y1: y - 3, y2: y + 23, class: 'phase' }));
  return g;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
