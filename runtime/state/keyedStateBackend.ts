// Keyed state of one subtask, stored per key group so snapshots and restores can move whole key
// groups, as Flink's heap keyed state backend does. Imports nothing of the engine.

/** A key's identity inside the backend: the key value itself for one-field keys, an encoded string otherwise. */
export type KeyId = unknown;

/** One named state table: for each owned key group, a map from key to value. */
export class KeyGroupedTable<V> {
  /** Index = key group - range start. */
  readonly groups: Map<KeyId, V>[];
  /**
   * Set by an operator that never mutates a value a snapshot may hold (Flink's copy-on-write state
   * map): before changing a value taken before `snapshotEpoch`, it replaces it with a copy. A
   * snapshot of such a table copies references only, so the barrier does not stop the world.
   */
  copyOnWrite = false;
  /** Increments at every snapshot of a copy-on-write table. */
  snapshotEpoch = 0;

  constructor(
    readonly name: string,
    readonly startKeyGroup: number,
    numberOfKeyGroups: number,
  ) {
    this.groups = [];
    for (let i = 0; i < numberOfKeyGroups; i++) this.groups.push(new Map());
  }

  /** The map of one key group (which must be owned by this backend). */
  group(keyGroup: number): Map<KeyId, V> {
    const g = this.groups[keyGroup - this.startKeyGroup];
    if (g === undefined) throw new Error(`key group ${keyGroup} is not owned by this state backend (state '${this.name}')`);
    return g;
  }

  /** Total number of keys. */
  size(): number {
    let n = 0;
    for (const g of this.groups) n += g.size;
    return n;
  }
}

/** Approximate in-memory size of a state value, for metrics (not exact; stable across runs). */
export function estimateBytes(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return 8;
    case 'bigint':
      return 16;
    case 'boolean':
      return 1;
    case 'string':
      return 4 + value.length * 2;
    case 'object': {
      if (value === null) return 1;
      if (Array.isArray(value)) {
        let n = 16;
        for (const v of value) n += estimateBytes(v);
        return n;
      }
      if (value instanceof Map) {
        let n = 32;
        for (const [k, v] of value) n += estimateBytes(k) + estimateBytes(v);
        return n;
      }
      return 32;
    }
    default:
      return 8;
  }
}

/** Value state of the current key (Flink's ValueState). */
export interface ValueState<V> {
  value(): V | undefined;
  update(value: V): void;
  clear(): void;
}

/** Map state of the current key (Flink's MapState). */
export interface MapState<K, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  remove(key: K): void;
  contains(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
  isEmpty(): boolean;
  clear(): void;
}

/**
 * The keyed state backend of one subtask: owns the key groups [start, end] and scopes every state
 * access to the current key, set by the operator before touching state.
 */
export class KeyedStateBackend {
  readonly numberOfKeyGroups: number;
  private readonly tables = new Map<string, KeyGroupedTable<unknown>>();
  private currentKeyGroup = -1;
  private currentKey: KeyId = undefined;

  /**
   * @param startKeyGroup first owned key group (inclusive)
   * @param endKeyGroup last owned key group (inclusive)
   */
  constructor(
    readonly maxParallelism: number,
    readonly startKeyGroup: number,
    readonly endKeyGroup: number,
  ) {
    this.numberOfKeyGroups = endKeyGroup - startKeyGroup + 1;
  }

  /** Sets the key (and its key group) that every state access refers to until the next call. */
  setCurrentKey(key: KeyId, keyGroup: number): void {
    this.currentKey = key;
    this.currentKeyGroup = keyGroup;
  }

  /** The current key group. */
  getCurrentKeyGroup(): number {
    return this.currentKeyGroup;
  }

  /** The current key. */
  getCurrentKey(): KeyId {
    return this.currentKey;
  }

  /** The table behind a named state, created on first use. */
  table<V>(name: string): KeyGroupedTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      t = new KeyGroupedTable<unknown>(name, this.startKeyGroup, this.numberOfKeyGroups);
      this.tables.set(name, t);
    }
    return t as KeyGroupedTable<V>;
  }

  /** All state tables, by name. */
  allTables(): ReadonlyMap<string, KeyGroupedTable<unknown>> {
    return this.tables;
  }

  /** A value state scoped to the current key. */
  getValueState<V>(name: string): ValueState<V> {
    const table = this.table<V>(name);
    const backend = this;
    return {
      value: () => table.group(backend.currentKeyGroup).get(backend.currentKey),
      update: (v: V) => void table.group(backend.currentKeyGroup).set(backend.currentKey, v),
      clear: () => void table.group(backend.currentKeyGroup).delete(backend.currentKey),
    };
  }

  /** A map state scoped to the current key (stored as a Map per key). */
  getMapState<K, V>(name: string): MapState<K, V> {
    const table = this.table<Map<K, V>>(name);
    const backend = this;
    const current = (create: boolean): Map<K, V> | undefined => {
      const g = table.group(backend.currentKeyGroup);
      let m = g.get(backend.currentKey);
      if (!m && create) {
        m = new Map();
        g.set(backend.currentKey, m);
      }
      return m;
    };
    return {
      get: (k) => current(false)?.get(k),
      put: (k, v) => void current(true)!.set(k, v),
      remove: (k) => {
        const m = current(false);
        if (!m) return;
        m.delete(k);
        if (m.size === 0) table.group(backend.currentKeyGroup).delete(backend.currentKey);
      },
      contains: (k) => current(false)?.has(k) ?? false,
      entries: () => (current(false) ?? new Map<K, V>()).entries(),
      isEmpty: () => (current(false)?.size ?? 0) === 0,
      clear: () => void table.group(backend.currentKeyGroup).delete(backend.currentKey),
    };
  }

  /** Keys and approximate bytes per owned key group, over all states (for metrics and panels). */
  keyGroupStats(): { keyGroup: number; keys: number; stateBytes: number }[] {
    const out: { keyGroup: number; keys: number; stateBytes: number }[] = [];
    for (let i = 0; i < this.numberOfKeyGroups; i++) {
      const keys = new Set<KeyId>();
      let bytes = 0;
      for (const t of this.tables.values()) {
        for (const [k, v] of t.groups[i]!) {
          keys.add(k);
          bytes += estimateBytes(k) + estimateBytes(v);
        }
      }
      out.push({ keyGroup: this.startKeyGroup + i, keys: keys.size, stateBytes: bytes });
    }
    return out;
  }
}
