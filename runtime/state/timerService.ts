// Event-time timers of one keyed subtask, scoped by key and stored per key group (so they are
// snapshotted and redistributed with the key group). Fires in timestamp order, then in
// registration order, which keeps runs deterministic.
import type { KeyId } from './keyedStateBackend.js';

/** A registered timer. */
export interface Timer {
  readonly timestamp: number;
  readonly keyGroup: number;
  readonly key: KeyId;
  /** Registration sequence, the tie-breaker. */
  readonly seq: number;
}

/** Event-time timers (Flink's InternalTimerService for the event-time domain). */
export class TimerService {
  private heap: Timer[] = [];
  private seq = 0;
  /** Per key group: key → registered timestamps, for de-duplication and snapshots. */
  private readonly registered = new Map<number, Map<KeyId, Set<number>>>();

  /** Registers a timer for `key` at `timestamp`; registering the same one twice is a no-op. */
  register(timestamp: number, keyGroup: number, key: KeyId): void {
    let byKey = this.registered.get(keyGroup);
    if (!byKey) this.registered.set(keyGroup, (byKey = new Map()));
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    if (set.has(timestamp)) return;
    set.add(timestamp);
    this.pushHeap({ timestamp, keyGroup, key, seq: this.seq++ });
  }

  /** Number of registered timers. */
  size(): number {
    return this.heap.length;
  }

  /** Removes and returns every timer with timestamp <= watermark, in firing order. */
  pollDue(watermark: number): Timer[] {
    const due: Timer[] = [];
    while (this.heap.length > 0 && this.heap[0]!.timestamp <= watermark) {
      const t = this.popHeap();
      const byKey = this.registered.get(t.keyGroup);
      const set = byKey?.get(t.key);
      set?.delete(t.timestamp);
      if (set && set.size === 0) byKey!.delete(t.key);
      due.push(t);
    }
    return due;
  }

  /** Timers of one key group, in firing order (for snapshots and the state browser). */
  timersOfKeyGroup(keyGroup: number): { timestamp: number; key: KeyId }[] {
    return this.heap
      .filter((t) => t.keyGroup === keyGroup)
      .sort(compare)
      .map((t) => ({ timestamp: t.timestamp, key: t.key }));
  }

  private pushHeap(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(h[parent]!, h[i]!) <= 0) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private popHeap(): Timer {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && compare(h[l]!, h[m]!) < 0) m = l;
        if (r < h.length && compare(h[r]!, h[m]!) < 0) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

function compare(a: Timer, b: Timer): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}
