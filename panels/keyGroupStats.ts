// Per-key-group load of a keyed vertex, from the runtime's metrics events or from a checkpoint's
// state, turned into the partition visualiser's PartitionVertex. Pure; imports runtime/ and protocol/.
import type { HotKey, KeyGroupLoads, PartitionMeasure, PartitionVertex, VertexSnapshot } from '../protocol/index.js';
import { computeOperatorIndexForKeyGroup, type SubtaskMetrics } from '../runtime/index.js';

/** How many hot keys a vertex keeps. */
export const HOT_KEY_LIMIT = 50;

/** One key of a vertex's state with its size (from a checkpoint). */
export interface KeyStat {
  readonly key: string;
  /** The key as stored in the checkpoint (for hashing in the rescale preview). */
  readonly raw: unknown;
  readonly keyGroup: number;
  readonly stateBytes: number;
}

/** What is known about a keyed vertex's load. */
export interface VertexLoad {
  /** Key group → figures; missing key groups hold nothing. */
  readonly keyGroups: Map<number, { keys: number; stateBytes: number; records?: number }>;
  /** Every key with its size, when read from a checkpoint; null from metrics. */
  readonly keys: KeyStat[] | null;
  readonly measures: PartitionMeasure[];
  readonly measuredAt: string;
  /** Records each subtask read (its `recordsIn`), from metrics; key groups are not counted separately. */
  readonly subtaskRecords?: ReadonlyMap<number, number>;
}

/** A vertex's load from one `metrics` event (job-time ms `time`). */
export function loadFromMetrics(vertexId: string, subtasks: readonly SubtaskMetrics[], time: number): VertexLoad | null {
  const keyGroups = new Map<number, { keys: number; stateBytes: number }>();
  const subtaskRecords = new Map<number, number>();
  let any = false;
  for (const s of subtasks) {
    if (String(s.vertexId) !== vertexId || !s.keyGroups) continue;
    any = true;
    subtaskRecords.set(s.subtask, s.recordsIn);
    for (const g of s.keyGroups) keyGroups.set(g.keyGroup, { keys: g.keys, stateBytes: g.stateBytes });
  }
  if (!any) return null;
  return { keyGroups, keys: null, measures: ['keys', 'stateBytes'], measuredAt: `metrics at job time ${(time / 1000).toFixed(1)} s`, subtaskRecords };
}

/** A vertex's load from the keys of a checkpoint. */
export function loadFromKeys(keys: KeyStat[], measuredAt: string): VertexLoad {
  const keyGroups = new Map<number, { keys: number; stateBytes: number }>();
  for (const k of keys) {
    const g = keyGroups.get(k.keyGroup) ?? { keys: 0, stateBytes: 0 };
    g.keys++;
    g.stateBytes += k.stateBytes;
    keyGroups.set(k.keyGroup, g);
  }
  return { keyGroups, keys, measures: ['keys', 'stateBytes'], measuredAt };
}

/** The partition visualiser's picture of a keyed vertex with what is known of its load. */
export function partitionVertex(v: VertexSnapshot, load: VertexLoad | null): PartitionVertex {
  const keys = new Array<number>(v.maxParallelism).fill(0);
  const stateBytes = new Array<number>(v.maxParallelism).fill(0);
  let records: number[] | undefined;
  for (const [kg, g] of load?.keyGroups ?? []) {
    if (kg < 0 || kg >= v.maxParallelism) continue;
    keys[kg] = g.keys;
    stateBytes[kg] = g.stateBytes;
    if (g.records !== undefined) (records ??= new Array<number>(v.maxParallelism).fill(0))[kg] = g.records;
  }
  const keyGroups: KeyGroupLoads = { keys, stateBytes, ...(records ? { records } : {}) };
  const hotKeys: HotKey[] = (load?.keys ?? [])
    .slice()
    .sort((a, b) => b.stateBytes - a.stateBytes || (a.key < b.key ? -1 : 1))
    .slice(0, HOT_KEY_LIMIT)
    .map((k) => ({ key: k.key, keyGroup: k.keyGroup, subtask: computeOperatorIndexForKeyGroup(v.maxParallelism, v.parallelism, k.keyGroup), stateBytes: k.stateBytes }));
  return {
    ...balanceOf(v, keyGroups, hotKeys, load !== null, load?.subtaskRecords),
    vertexId: v.id,
    name: v.name,
    parallelism: v.parallelism,
    maxParallelism: v.maxParallelism,
    keyGroups,
    hotKeys,
    measures: load?.measures ?? [],
    measuredAt: load?.measuredAt ?? 'no state measured yet: colours show ownership only',
  };
}

/** Per-subtask load, skew ratio and verdict of a vertex's key groups. */
export function balanceOf(
  v: VertexSnapshot,
  keyGroups: KeyGroupLoads,
  hotKeys: readonly HotKey[],
  measured: boolean,
  subtaskRecords?: ReadonlyMap<number, number>,
): Pick<PartitionVertex, 'subtasks' | 'skewRatio' | 'verdict'> {
  const subtasks = v.subtasks.map((s) => {
    const start = s.keyGroups?.start ?? 0;
    const end = s.keyGroups?.end ?? -1;
    let keys = 0;
    let stateBytes = 0;
    let records: number | undefined;
    for (let kg = start; kg <= end; kg++) {
      keys += keyGroups.keys[kg] ?? 0;
      stateBytes += keyGroups.stateBytes[kg] ?? 0;
      if (keyGroups.records) records = (records ?? 0) + (keyGroups.records[kg] ?? 0);
    }
    records ??= subtaskRecords?.get(s.index);
    return { subtask: s.index, displayName: s.displayName, start, end, keys, stateBytes, ...(records !== undefined ? { records } : {}) };
  });
  const totalBytes = subtasks.reduce((n, s) => n + s.stateBytes, 0);
  const totalKeys = subtasks.reduce((n, s) => n + s.keys, 0);
  if (!measured || (totalBytes === 0 && totalKeys === 0)) {
    return { subtasks, skewRatio: null, verdict: `No state measured yet. Each of the ${v.parallelism} subtasks owns about ${Math.round(v.maxParallelism / v.parallelism)} of the ${v.maxParallelism} key groups.` };
  }
  const byBytes = totalBytes > 0;
  const weight = (s: { keys: number; stateBytes: number }) => (byBytes ? s.stateBytes : s.keys);
  const total = byBytes ? totalBytes : totalKeys;
  const busiest = subtasks.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const mean = total / subtasks.length;
  const skewRatio = weight(busiest) / mean;
  const share = Math.round((100 * weight(busiest)) / total);
  const what = byBytes ? 'of the state' : 'of the keys';
  let verdict: string;
  if (subtasks.length === 1) verdict = `One subtask holds all ${what.slice(3)}.`;
  else if (skewRatio < 1.25) verdict = `Evenly spread: the busiest subtask, ${busiest.displayName}, holds ${share}% ${what} (${skewRatio.toFixed(2)}× the mean).`;
  else verdict = `Skewed: ${busiest.displayName} holds ${share}% ${what}, ${skewRatio.toFixed(2)}× the mean.`;
  const top = hotKeys[0];
  if (top && byBytes && subtasks.length > 1) {
    const keyShare = (100 * top.stateBytes) / totalBytes;
    if (keyShare >= 5) verdict += ` Key ${top.key} alone is ${Math.round(keyShare)}%.`;
  }
  return { subtasks, skewRatio, verdict };
}
