// What one subtask contributes to a checkpoint: its keyed state per key group (copied at the
// barrier, so later updates cannot leak in), its timers, its source position and the state of
// each chained operator that keeps some.
import { estimateBytes, type KeyedStateBackend, type KeyId } from '../state/keyedStateBackend.js';
import type { TimerService } from '../state/timerService.js';
import type { ChannelStateSnapshot } from './unalignedBarrierHandler.js';

/** The keyed state of one key group. */
export interface KeyGroupSnapshot {
  readonly keyGroup: number;
  /** State name → (key → value), frozen at the barrier (copied, or shared under copy-on-write). */
  readonly states: Readonly<Record<string, ReadonlyMap<KeyId, unknown>>>;
  /** Event-time timers of the key group, in firing order. */
  readonly timers: readonly { readonly timestamp: number; readonly key: KeyId }[];
}

/** One subtask's acknowledged state for one checkpoint. */
export interface TaskSnapshot {
  readonly vertexId: number;
  readonly subtask: number;
  readonly checkpointId: number;
  /** Key groups owned by the subtask (keyed vertices only). */
  readonly keyGroups: readonly KeyGroupSnapshot[];
  /** The source reader's position (source vertices only). */
  readonly sourcePosition?: unknown;
  /** Per chained operator, its non-keyed state (undefined when it keeps none). */
  readonly operators: readonly unknown[];
  /** Job-clock ms the subtask spent aligning barriers. */
  readonly alignmentMs: number;
  /** Approximate size of the state in bytes. */
  readonly stateBytes: number;
  /**
   * The subtask had finished before the checkpoint (Flink's FLIP-147 "finished on restore"): its
   * state is its final one and a restore does not run it again.
   */
  readonly finished?: boolean;
  /** Unaligned checkpoints: the in-flight records of each input channel, replayed first on restore. */
  readonly channelState?: readonly ChannelStateSnapshot[];
}

/** Deep copy of state values: plain data only (numbers, bigints, strings, arrays, Maps, objects). */
export function copyState<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyState) as T;
  if (v instanceof Map) {
    const m = new Map();
    for (const [k, x] of v) m.set(k, copyState(x));
    return m as T;
  }
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = copyState(x);
    return o as T;
  }
  // Immutable value objects (DECIMAL) are shared safely.
  return v;
}

/** Copies the keyed state and timers of every key group a backend owns. */
export function snapshotKeyedState(backend: KeyedStateBackend, timers: TimerService | undefined): { keyGroups: KeyGroupSnapshot[]; bytes: number } {
  const keyGroups: KeyGroupSnapshot[] = [];
  let bytes = 0;
  const tables = [...backend.allTables()];
  for (const [, table] of tables) if (table.copyOnWrite) table.snapshotEpoch++;
  for (let kg = backend.startKeyGroup; kg <= backend.endKeyGroup; kg++) {
    const states: Record<string, ReadonlyMap<KeyId, unknown>> = {};
    for (const [name, table] of tables) {
      const group = table.group(kg);
      if (group.size === 0) continue;
      let frozen: Map<KeyId, unknown>;
      if (table.copyOnWrite) {
        // Values are replaced, never changed, once snapshotted: a copy of the map is enough.
        frozen = new Map(group);
      } else {
        frozen = new Map();
        for (const [k, v] of group) frozen.set(k, copyState(v));
      }
      states[name] = frozen;
      // Size estimate from the first entry (the metric need not be exact; walking every value is not cheap).
      const [k0, v0] = frozen.entries().next().value as [KeyId, unknown];
      bytes += frozen.size * (estimateBytes(k0) + estimateBytes(v0));
    }
    const t = timers?.timersOfKeyGroup(kg) ?? [];
    if (Object.keys(states).length > 0 || t.length > 0) keyGroups.push({ keyGroup: kg, states, timers: t });
  }
  return { keyGroups, bytes };
}

/** Loads key groups into a backend (which must own them) and re-registers their timers. */
export function restoreKeyedState(backend: KeyedStateBackend, timers: TimerService | undefined, groups: readonly KeyGroupSnapshot[]): void {
  for (const g of groups) {
    for (const [name, entries] of Object.entries(g.states)) {
      const map = backend.table<unknown>(name).group(g.keyGroup);
      for (const [k, v] of entries) map.set(k, copyState(v));
    }
    for (const t of g.timers) timers?.register(t.timestamp, g.keyGroup, t.key);
  }
}
