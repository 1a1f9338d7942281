// Key lookup for the partition visualiser: key → key group → subtask with the runtime's
// `assignKey` (Flink's KeyGroupRangeAssignment), plus the key's state size when it is loaded.
// Pure; imports runtime/ and protocol/.
import type { KeyLookupResult, PanelKeyType, VertexSnapshot } from '../protocol/index.js';
import { assignKey, isKeyType } from '../runtime/index.js';
import type { VertexLoad } from './keyGroupStats.js';

/** Where `key` (text, or null for SQL NULL) of `keyType` lives on vertex `v`. */
export function lookupKey(v: VertexSnapshot, load: VertexLoad | null, keyType: PanelKeyType, key: string | null): KeyLookupResult {
  if (!isKeyType(keyType)) return { ok: false, error: `unknown key type ${String(keyType)}` };
  const a = assignKey(keyType, key, v.maxParallelism, v.parallelism);
  if (!a.ok) return a;
  const subtaskName = v.subtasks[a.subtask]?.displayName ?? `subtask ${a.subtask}`;
  const stored = load?.keys?.find((k) => k.keyGroup === a.keyGroup && sameKey(k.raw, key));
  return { ok: true, keyGroup: a.keyGroup, subtask: a.subtask, subtaskName, ...(stored ? { stateBytes: stored.stateBytes } : {}) };
}

function sameKey(raw: unknown, key: string | null): boolean {
  if (key === null) return raw === null;
  if (typeof raw === 'string') return raw === key;
  if (typeof raw === 'number' || typeof raw === 'bigint') return String(raw) === key.trim();
  return false;
}
