// Read-only views of a running subtask for the debugger: the record it is about to process (with
// the row type of its input), its key, its input channels and its watermark. Never changes the job.
import type { Row } from '../connectors/api.js';
import type { JobGraph, JobVertex, RowField } from '../engine/jobGraph.js';
import { inputsOf } from '../engine/jobGraph.js';
import { createKeySelector, type KeySelector } from '../engine/keySelector.js';
import type { StreamTask } from '../engine/streamTask.js';
import type { RowKind } from '../types/rowKind.js';

/** What a subtask will process next. */
export interface NextElement {
  readonly action: 'record' | 'watermark' | 'barrier' | 'endOfInput' | 'poll';
  readonly kind?: RowKind;
  readonly row?: Row;
}

/** The record a subtask is about to process, or what else it will do next. */
export function nextElementOf(task: StreamTask): NextElement | undefined {
  return task.peekAction();
}

/** The row type of the records entering a vertex: the output of the operator before it (undefined when unknown). */
export function inputFieldsOf(graph: JobGraph, vertex: JobVertex): readonly RowField[] | undefined {
  if (vertex.source) return vertex.source.fields;
  const edge = inputsOf(graph, vertex.id)[0];
  if (!edge) return undefined;
  const upstream = graph.vertices[edge.source]!;
  const last = upstream.operators[upstream.operators.length - 1];
  return last ? last.fields : upstream.source?.fields;
}

/** The rows entering a source vertex's chain come from the source; a record is pending only mid-buffer. */
export function isSourceTask(task: StreamTask): boolean {
  return task.reader !== undefined;
}

const selectors = new WeakMap<JobVertex, KeySelector>();

/** The key of a row entering a keyed vertex: the state key, its values and its key group. */
export function keyOfRow(vertex: JobVertex, row: Row): { key: unknown; values: unknown[]; keyGroup: number } | undefined {
  if (!vertex.key) return undefined;
  let s = selectors.get(vertex);
  if (!s) {
    s = createKeySelector(vertex.key, vertex.maxParallelism);
    selectors.set(vertex, s);
  }
  return { key: s.keyOf(row), values: s.keyValues(row), keyGroup: s.keyGroupOf(row) };
}

/** One input channel as the debugger shows it. */
export interface InputChannelView {
  /** 0-based position in the input gate. */
  readonly index: number;
  /** The producing subtask: `vertexId` and 0-based `subtask`. */
  readonly producer: { readonly vertexId: number; readonly subtask: number };
  readonly queuedBuffers: number;
  readonly queuedRecords: number;
  /** The last watermark received (ms): -Infinity before the first, +Infinity once the input ended. */
  readonly watermark: number;
  readonly ended: boolean;
  /** Blocked by barrier alignment (EXACTLY_ONCE): it waits for the barriers of the other channels. */
  readonly blockedByAlignment: boolean;
  /** The id of the last checkpoint barrier still queued in the channel, if any. */
  readonly queuedBarrier?: number;
}

/** The input channels of a subtask, in input-gate order. */
export function inputChannelsOf(graph: JobGraph, task: StreamTask): InputChannelView[] {
  return task.inputs.map((c, index) => {
    const edge = graph.edges[c.edgeIndex]!;
    let queuedBarrier: number | undefined;
    for (const e of c.elements()) if (e.type === 'barrier') queuedBarrier = e.checkpointId;
    return {
      index,
      producer: { vertexId: edge.source, subtask: c.producer },
      queuedBuffers: c.queuedBuffers(),
      queuedRecords: c.queuedRecords(),
      watermark: c.watermark,
      ended: c.ended,
      blockedByAlignment: task.isInputBlocked(index),
      queuedBarrier,
    };
  });
}

/**
 * The record entering the operator at chain position `position` (0 = the source or the first
 * operator after the network input), computed from the record the subtask is about to process by
 * previewing the Calcs before it. `filtered`: a Calc before it drops the record; undefined: it
 * cannot be known without running the chain (a stateful or non-deterministic operator before it).
 */
export function recordAtOperator(task: StreamTask, row: Row, position: number): { row: Row } | { filtered: true } | undefined {
  const first = task.vertex.source ? 1 : 0;
  let current = row;
  for (let p = first; p < position; p++) {
    const op = task.operators[p - first] as { preview?: (r: Row) => { row: Row } | { filtered: true } | undefined } | undefined;
    const r = op?.preview?.(current);
    if (!r) return undefined;
    if ('filtered' in r) return r;
    current = r.row;
  }
  return { row: current };
}

/** The row type entering the operator at chain position `position`. */
export function fieldsAtOperator(graph: JobGraph, vertex: JobVertex, position: number): readonly RowField[] | undefined {
  const first = vertex.source ? 1 : 0;
  if (position <= first) return inputFieldsOf(graph, vertex);
  return vertex.operators[position - first - 1]?.fields;
}
