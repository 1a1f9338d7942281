// Read-only, paged access to a subtask's keyed state for the debugger: key groups with their key
// counts, the keys of one key group a page at a time, and the states of one key. Never changes the job.
import type { StreamTask } from '../engine/streamTask.js';
import type { KeyId } from '../state/keyedStateBackend.js';

/** An owned key group that holds state. */
export interface KeyGroupSummary {
  readonly keyGroup: number;
  /** Distinct keys with state in any named state. */
  readonly keys: number;
}

/**
 * A view of one subtask's keyed state at one moment. Keys of a key group are listed once and
 * cached, so paging through a large key group costs one pass; make a new view after the job moved.
 */
export class KeyedStateView {
  private readonly keyLists = new Map<number, KeyId[]>();

  constructor(private readonly task: StreamTask) {}

  /** Whether the subtask has keyed state at all. */
  get keyed(): boolean {
    return this.task.keyedState !== undefined;
  }

  /** The owned key-group range (inclusive), if keyed. */
  range(): { start: number; end: number } | undefined {
    const b = this.task.keyedState;
    return b ? { start: b.startKeyGroup, end: b.endKeyGroup } : undefined;
  }

  /** The names of the states the operators created. */
  stateNames(): string[] {
    return [...(this.task.keyedState?.allTables().keys() ?? [])];
  }

  /** Owned key groups with at least one key, in order. */
  keyGroups(): KeyGroupSummary[] {
    const b = this.task.keyedState;
    if (!b) return [];
    const tables = [...b.allTables().values()];
    const out: KeyGroupSummary[] = [];
    for (let i = 0; i < b.numberOfKeyGroups; i++) {
      const keys = tables.length === 1 ? tables[0]!.groups[i]!.size : this.keysOf(b.startKeyGroup + i).length;
      if (keys > 0) out.push({ keyGroup: b.startKeyGroup + i, keys });
    }
    return out;
  }

  /** Total keys over all owned key groups. */
  totalKeys(): number {
    return this.keyGroups().reduce((n, g) => n + g.keys, 0);
  }

  /** Number of keys in a key group. */
  keyCount(keyGroup: number): number {
    return this.keysOf(keyGroup).length;
  }

  /** A page of a key group's keys (in the order they were first stored). */
  keys(keyGroup: number, start: number, count: number): KeyId[] {
    return this.keysOf(keyGroup).slice(start, start + count);
  }

  /** Every named state's value for one key (states without a value for it are left out). */
  statesOf(keyGroup: number, key: KeyId): { name: string; value: unknown }[] {
    const b = this.task.keyedState;
    if (!b || keyGroup < b.startKeyGroup || keyGroup > b.endKeyGroup) return [];
    const out: { name: string; value: unknown }[] = [];
    for (const [name, t] of b.allTables()) {
      const g = t.groups[keyGroup - b.startKeyGroup]!;
      if (g.has(key)) out.push({ name, value: g.get(key) });
    }
    return out;
  }

  private keysOf(keyGroup: number): KeyId[] {
    let list = this.keyLists.get(keyGroup);
    if (list) return list;
    const b = this.task.keyedState;
    if (!b || keyGroup < b.startKeyGroup || keyGroup > b.endKeyGroup) return [];
    const tables = [...b.allTables().values()];
    const i = keyGroup - b.startKeyGroup;
    if (tables.length === 1) list = [...tables[0]!.groups[i]!.keys()];
    else {
      const set = new Set<KeyId>();
      for (const t of tables) for (const k of t.groups[i]!.keys()) set.add(k);
      list = [...set];
    }
    this.keyLists.set(keyGroup, list);
    return list;
  }
}
