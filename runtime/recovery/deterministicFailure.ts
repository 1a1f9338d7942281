// Recognises a deterministic failure: attempts restored from the same checkpoint that fail the same
// way (same subtask, same cause, same record) — a poison record or a loop no restart can end.
// Only a deterministic runtime can prove this. Imports engine types only.
import type { JobGraph } from '../engine/jobGraph.js';

/** The record a subtask was processing when it failed (known once that subtask is watched). */
export interface FailedRecord {
  /** `+I`, `-U`, `+U` or `-D`. */
  readonly kind: string;
  /** The field values as the subtask received them. */
  readonly row: readonly unknown[];
  /** The record as Flink prints a row: `+I[250, user-3]`. */
  readonly fields: string;
  /** 1-based: the n-th record the subtask received since its attempt started (from the checkpoint, or from the beginning). */
  readonly position: number;
  /** The source tables the record comes from (the subtask's own source when it reads one). */
  readonly sourceTables: readonly string[];
  /** Whether the subtask reads that source itself, so `position` is the record's offset in the source split since the checkpoint. */
  readonly readsSource: boolean;
}

/** A failure that repeated identically after restarts: no restart can get past it. */
export interface DeterministicFailure {
  /** Job-clock ms of the last identical failure. */
  readonly time: number;
  /** How many identical failures in a row proved it. */
  readonly failures: number;
  /** The checkpoint every one of those attempts restored (undefined: they started from the beginning). */
  readonly checkpointId: number | undefined;
  /** The failing subtask (absent for a job-wide failure such as a checkpoint failure threshold). */
  readonly task?: { readonly vertexId: number; readonly subtask: number; readonly name: string };
  /** The failure's message, as the restart lines print it. */
  readonly cause: string;
  /** The poison record, when the failure happened while processing one. */
  readonly record?: FailedRecord;
  /** Why restarting cannot help and what to do, in a few sentences. */
  readonly diagnosis: string;
}

/** One failure as the guard sees it. */
export interface ObservedFailure {
  readonly time: number;
  /** The checkpoint the failed attempt restored (undefined: from the beginning). */
  readonly checkpointId: number | undefined;
  readonly task?: { readonly vertexId: number; readonly subtask: number; readonly name: string };
  readonly cause: string;
  /** Present when the failed subtask was watched record by record. */
  readonly record?: FailedRecord;
  /** For job-wide failures: what else makes the failure identical (e.g. the checkpoint failure behind it). */
  readonly detail?: string;
  /** Extra sentences for the diagnosis (e.g. which subtask is slowed down). */
  readonly explanation?: string;
}

/**
 * Identical failures that prove a failure deterministic, among attempts restored from the same
 * checkpoint with nothing in between (no injected fault, no progress to a newer checkpoint). The
 * runtime is a pure function of (job, seed, faults) and such attempts re-read the same input: when
 * two of them fail in the same subtask, with the same cause, at the same record, every further one
 * reaches that record again — so two is proof, not a heuristic. (The order in which subtasks reach
 * their records may differ per attempt, so two attempts with different poison records may come in
 * between; they do not reset the count.) One is not enough: the first failure of a subtask is seen
 * only at buffer granularity (watching every record of every subtask would slow down every run), so
 * it marks the subtask to be watched record by record from the next attempt on; a record failure is
 * therefore proven at its third occurrence at the earliest, a job-wide failure at its second.
 */
export const IDENTICAL_FAILURES_THAT_PROVE_DETERMINISM = 2;

/** Watches the failures of one job run for a deterministic failure. */
export class DeterministicFailureGuard {
  /** Subtasks (`vertexId/subtask`) watched record by record, after they failed processing records. */
  readonly watched = new Set<string>();
  /** Identical-failure counts since the last interruption, all restored from `checkpointId`. */
  private seen = new Map<string, number>();
  private checkpointId: number | undefined;

  constructor(private readonly graph: JobGraph) {}

  /**
   * Records a failure that may be deterministic (thrown while processing, or a job-wide checkpoint
   * failure, with no injected fault in its attempt).
   * @returns the proof once the same failure happened IDENTICAL_FAILURES_THAT_PROVE_DETERMINISM times in a row
   */
  observe(f: ObservedFailure): DeterministicFailure | undefined {
    if (f.task && f.detail === undefined) this.watched.add(`${f.task.vertexId}/${f.task.subtask}`);
    // Progress to another checkpoint starts over.
    if (this.seen.size > 0 && f.checkpointId !== this.checkpointId) this.seen.clear();
    this.checkpointId = f.checkpointId;
    // A record failure is identical only when the record is known (its subtask was watched).
    if (f.task && f.detail === undefined && f.record === undefined) return undefined;
    const key = JSON.stringify([f.task ? `${f.task.vertexId}/${f.task.subtask}` : null, f.cause, f.detail ?? null, f.record ? [f.record.kind, f.record.fields] : null]);
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (count < IDENTICAL_FAILURES_THAT_PROVE_DETERMINISM) return undefined;
    return { time: f.time, failures: count, checkpointId: f.checkpointId, ...(f.task ? { task: f.task } : {}), cause: f.cause, ...(f.record ? { record: f.record } : {}), diagnosis: diagnose(f, count) };
  }

  /** A failure that cannot be deterministic (injected, or during a recovery) starts the count over. */
  interrupt(): void {
    this.seen.clear();
  }

  /** The source tables upstream of a vertex (its own source first when it reads one). */
  sourceTablesOf(vertexId: number): string[] {
    const seen = new Set<number>();
    const tables: string[] = [];
    const visit = (id: number): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const v = this.graph.vertices[id];
      if (v?.source) tables.push(v.source.name.replace(/^Source: /, ''));
      for (const e of this.graph.edges) if (e.target === id) visit(e.source);
    };
    visit(vertexId);
    return tables;
  }
}

/** A row as Flink prints it: `+I[250, user-3, null]`. */
export function formatFailedRow(kind: string, row: readonly unknown[]): string {
  return `${kind}[${row.map(formatValue).join(', ')}]`;
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && typeof (v as { toString?: unknown }).toString === 'function') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Where a record comes from, in words: `record 125 of Source: clicks (2/4) since checkpoint 3`. */
export function describeRecord(r: FailedRecord, task: string, checkpointId: number | undefined): string {
  const since = checkpointId === undefined ? 'since the job started' : `after restoring checkpoint ${checkpointId}`;
  const from = r.sourceTables.length > 0 ? ` (from source table ${r.sourceTables.map((t) => `'${t}'`).join(', ')})` : '';
  return r.readsSource
    ? `record ${r.position} that ${task} read from source table '${r.sourceTables[0]}' ${since}: ${r.fields}`
    : `record ${r.position} that ${task} received ${since}${from}: ${r.fields}`;
}

function diagnose(f: ObservedFailure, count: number): string {
  const from = f.checkpointId === undefined ? 'from the beginning' : `from checkpoint ${f.checkpointId}`;
  const times = `${count} attempts`;
  if (f.record && f.task) {
    return (
      `Poison record: ${times} restarted ${from} failed at the same record with the same cause, so every further restart would too. ` +
      `The ${describeRecord(f.record, f.task.name, f.checkpointId)}. Cause: ${f.cause}. ` +
      'Fix the job (e.g. guard the expression against this value) or the input; restarting cannot get past it.'
    );
  }
  return `Deterministic failure: ${count} attempts in a row restarted ${from} failed the same way (${f.cause}${f.detail ? `; ${f.detail}` : ''}), so every further restart would too.${f.explanation ? ` ${f.explanation}` : ''}`;
}
