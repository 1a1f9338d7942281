// A retained checkpoint or savepoint read for the state browser, the hot keys and the diff: the
// runtime's own checkpoint reader, state files read on demand and cached, keys paged.
// Pure; imports runtime/ and protocol/.
import type { StateDiffResult, StateNode, StatePage, StateValueResult } from '../protocol/index.js';
import { formatStateValue, openCheckpoint, stateValueToJson, type CheckpointFs, type JsonValue, type OpenedCheckpoint, type SubtaskStateFileContent } from '../runtime/index.js';
import type { KeyStat } from './keyGroupStats.js';

/** One key of a key group: its identity, label and values per named state. */
interface KeyEntry {
  /** JSON text of the key: its identity across checkpoints. */
  readonly id: string;
  readonly label: string;
  readonly raw: unknown;
  readonly values: Map<string, unknown>;
  readonly stateBytes: number;
}

/** Bytes of a text as UTF-8. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) ((n += 4), i++);
    else n += 3;
  }
  return n;
}

const DIFF_FULL_LIMIT = 2000;
const CHANGED_KEYS_LIMIT = 100;

/** An opened checkpoint. */
export class CheckpointStateView {
  private readonly contents = new Map<string, SubtaskStateFileContent>();
  private readonly keyCache = new Map<string, KeyEntry[]>();

  private constructor(readonly opened: OpenedCheckpoint) {}

  /** Opens a checkpoint directory (or its `_metadata`); problems as a message. */
  static async open(fs: CheckpointFs, path: string): Promise<CheckpointStateView | { error: string }> {
    const r = await openCheckpoint(fs, path);
    if (!r.ok) return { error: `${path}: cannot be read: ${r.problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}` };
    return new CheckpointStateView(r.value);
  }

  get metadata() {
    return this.opened.metadata;
  }

  private async content(vertexId: string, subtask: number): Promise<SubtaskStateFileContent | null> {
    const v = this.metadata.vertices.find((x) => x.vertexId === vertexId);
    const s = v?.subtasks.find((x) => x.subtaskIndex === subtask);
    if (!s || s.stateFile === null) return null;
    const cached = this.contents.get(s.stateFile);
    if (cached) return cached;
    const r = await this.opened.readState(s.stateFile);
    if (!r.ok) throw new CheckpointStateError(`${s.stateFile}: ${r.problems.map((p) => p.problem).join('; ')}`);
    this.contents.set(s.stateFile, r.value);
    return r.value;
  }

  /** The keys of one key group of a subtask, sorted by label. */
  private async keysOf(vertexId: string, subtask: number, keyGroup: number): Promise<KeyEntry[]> {
    const cacheKey = `${vertexId}/${subtask}/${keyGroup}`;
    const cached = this.keyCache.get(cacheKey);
    if (cached) return cached;
    const c = await this.content(vertexId, subtask);
    const byId = new Map<string, { raw: unknown; values: Map<string, unknown> }>();
    for (const [name, table] of c?.keyGroups.get(keyGroup) ?? []) {
      for (const [k, v] of table) {
        const id = JSON.stringify(stateValueToJson(k));
        const e = byId.get(id) ?? { raw: k, values: new Map<string, unknown>() };
        e.values.set(name, v);
        byId.set(id, e);
      }
    }
    const out = [...byId].map(([id, e]) => ({
      id,
      label: formatStateValue(e.raw),
      raw: e.raw,
      values: e.values,
      stateBytes: utf8Length(id) + [...e.values].reduce((n, [name, v]) => n + utf8Length(name) + utf8Length(JSON.stringify(stateValueToJson(v))), 0),
    }));
    out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    this.keyCache.set(cacheKey, out);
    return out;
  }

  private async keyGroupsOf(vertexId: string, subtask: number): Promise<number[]> {
    const c = await this.content(vertexId, subtask);
    if (!c) return [];
    return [...c.keyGroups.keys()].filter((kg) => [...c.keyGroups.get(kg)!.values()].some((t) => t.size > 0)).sort((a, b) => a - b);
  }

  /** Every key of a vertex with its key group and size (for hot keys and the rescale preview). */
  async vertexKeys(vertexId: string): Promise<KeyStat[]> {
    const v = this.metadata.vertices.find((x) => x.vertexId === vertexId);
    const out: KeyStat[] = [];
    for (const s of v?.subtasks ?? []) {
      for (const kg of await this.keyGroupsOf(vertexId, s.subtaskIndex)) {
        for (const k of await this.keysOf(vertexId, s.subtaskIndex, kg)) out.push({ key: k.label, raw: k.raw, keyGroup: kg, stateBytes: k.stateBytes });
      }
    }
    return out;
  }

  /** The children of a tree path (`''` → vertices, `v` → subtasks, `v/s` → key groups, `v/s/kg` → keys), paged. */
  async children(path: string, offset: number, limit: number): Promise<StatePage> {
    try {
      const all = await this.allChildren(path);
      const o = Math.max(0, Math.floor(offset));
      const l = Math.max(1, Math.min(500, Math.floor(limit)));
      return { ok: true, nodes: await Promise.all(all.slice(o, o + l).map((n) => n())), offset: o, total: all.length };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  private async allChildren(path: string): Promise<(() => Promise<StateNode>)[]> {
    const parts = path === '' ? [] : path.split('/');
    const m = this.metadata;
    if (parts.length === 0) {
      return m.vertices.map((v) => async () => ({
        path: v.vertexId,
        label: `${v.vertexName ?? `vertex ${v.vertexId}`} (parallelism ${v.parallelism}, max parallelism ${v.maxParallelism})`,
        hasChildren: v.subtasks.length > 0,
        childCount: v.subtasks.length,
      }));
    }
    const v = m.vertices.find((x) => x.vertexId === parts[0]);
    if (!v) throw new CheckpointStateError(`no vertex ${parts[0]} in checkpoint ${m.checkpointId}`);
    if (parts.length === 1) {
      return v.subtasks.map((s) => async () => {
        const r = s.keyGroupRange;
        const kgs = await this.keyGroupsOf(v.vertexId, s.subtaskIndex);
        const file = m.stateFiles.find((f) => f.name === s.stateFile);
        return {
          path: `${v.vertexId}/${s.subtaskIndex}`,
          label: `${v.vertexName ?? 'subtask'} (${s.subtaskIndex + 1}/${v.parallelism})${r.endKeyGroup >= r.startKeyGroup ? `, key groups ${r.startKeyGroup}-${r.endKeyGroup}` : ''}`,
          hasChildren: kgs.length > 0,
          childCount: kgs.length,
          ...(file ? { stateBytes: file.sizeBytes } : {}),
        };
      });
    }
    const subtask = Number(parts[1]);
    if (parts.length === 2) {
      const kgs = await this.keyGroupsOf(v.vertexId, subtask);
      return kgs.map((kg) => async () => {
        const keys = await this.keysOf(v.vertexId, subtask, kg);
        return { path: `${path}/${kg}`, label: `key group ${kg}`, hasChildren: keys.length > 0, childCount: keys.length, stateBytes: keys.reduce((n, k) => n + k.stateBytes, 0) };
      });
    }
    if (parts.length === 3) {
      const keys = await this.keysOf(v.vertexId, subtask, Number(parts[2]));
      return keys.map((k) => async () => ({ path: `${path}/${encodeURIComponent(k.id)}`, label: k.label, hasChildren: false, stateBytes: k.stateBytes }));
    }
    throw new CheckpointStateError(`a key has no children: ${path}`);
  }

  /** The JSON of a key's values (path `v/s/kg/key`), or of a whole key group (`v/s/kg`). */
  async value(path: string): Promise<StateValueResult> {
    try {
      const parts = path.split('/');
      if (parts.length < 3 || parts.length > 4) return { ok: false, error: `not a key group or key path: ${path}` };
      const keys = await this.keysOf(parts[0]!, Number(parts[1]), Number(parts[2]));
      if (parts.length === 3) return { ok: true, text: JSON.stringify(Object.fromEntries(keys.map((k) => [jsonName(k), valuesJson(k)])), null, 2) };
      const id = decodeURIComponent(parts[3]!);
      const k = keys.find((x) => x.id === id);
      return { ok: true, text: k ? JSON.stringify(valuesJson(k), null, 2) : null };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Every key of a vertex (optionally one key group / one key) as `keyGroup → key → values`. */
  async scope(vertexId: string, keyGroup: number | null, keyId: string | null): Promise<Map<string, { kg: number; label: string; name: string; json: JsonValue }>> {
    const v = this.metadata.vertices.find((x) => x.vertexId === vertexId);
    const out = new Map<string, { kg: number; label: string; name: string; json: JsonValue }>();
    for (const s of v?.subtasks ?? []) {
      for (const kg of await this.keyGroupsOf(vertexId, s.subtaskIndex)) {
        if (keyGroup !== null && kg !== keyGroup) continue;
        for (const k of await this.keysOf(vertexId, s.subtaskIndex, kg)) {
          if (keyId !== null && k.id !== keyId) continue;
          out.set(`${kg}\u0000${k.id}`, { kg, label: k.label, name: jsonName(k), json: valuesJson(k) });
        }
      }
    }
    return out;
  }
}

/** A key as a JSON object's property name: a string key as itself, any other key as its text. */
function jsonName(k: KeyEntry): string {
  return typeof k.raw === 'string' ? k.raw : k.label;
}

function valuesJson(k: KeyEntry): JsonValue {
  return Object.fromEntries([...k.values].map(([name, v]) => [name, stateValueToJson(v)]));
}

/** A state file that cannot be read. */
export class CheckpointStateError extends Error {}

/**
 * The diff of two checkpoints at `path` (`v`, `v/s`, `v/s/kg` or `v/s/kg/key`; the subtask is
 * ignored: key groups are matched by number, as a rescaled restore matches them).
 */
export async function diffCheckpoints(left: CheckpointStateView, right: CheckpointStateView, path: string): Promise<StateDiffResult> {
  const parts = path.split('/');
  const vertexId = parts[0]!;
  const keyGroup = parts.length >= 3 ? Number(parts[2]) : null;
  const keyId = parts.length >= 4 ? decodeURIComponent(parts[3]!) : null;
  let l: Awaited<ReturnType<CheckpointStateView['scope']>>;
  let r: typeof l;
  try {
    [l, r] = await Promise.all([left.scope(vertexId, keyGroup, keyId), right.scope(vertexId, keyGroup, keyId)]);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  let added = 0;
  let removed = 0;
  let changed = 0;
  const changedKeys: { label: string; path: string }[] = [];
  const differing = new Set<string>();
  for (const id of new Set([...l.keys(), ...r.keys()])) {
    const a = l.get(id);
    const b = r.get(id);
    if (a && b && JSON.stringify(a.json) === JSON.stringify(b.json)) continue;
    differing.add(id);
    if (!a) added++;
    else if (!b) removed++;
    else changed++;
    const e = (a ?? b)!;
    if (changedKeys.length < CHANGED_KEYS_LIMIT) changedKeys.push({ label: `${e.label} (key group ${e.kg}, ${!a ? 'added' : !b ? 'removed' : 'changed'})`, path: `${vertexId}/*/${e.kg}/${encodeURIComponent(id.slice(id.indexOf('\u0000') + 1))}` });
  }
  // Small scopes show every key; large ones only differing keys, at most DIFF_FULL_LIMIT of them,
  // so a diff never puts a whole checkpoint into the editor.
  const onlyDiffering = l.size + r.size > DIFF_FULL_LIMIT;
  const ids = [...new Set([...l.keys(), ...r.keys()])].filter((id) => !onlyDiffering || differing.has(id));
  const entry = (id: string) => (l.get(id) ?? r.get(id))!;
  ids.sort((x, y) => entry(x).kg - entry(y).kg || (entry(x).label < entry(y).label ? -1 : 1));
  const shown = new Set(ids.slice(0, DIFF_FULL_LIMIT));
  const text = (side: typeof l) => {
    const byGroup: Record<string, Record<string, JsonValue>> = {};
    for (const id of shown) {
      const e = side.get(id);
      if (e) (byGroup[`key group ${e.kg}`] ??= {})[e.name] = e.json;
    }
    return JSON.stringify(byGroup, null, 2);
  };
  return { ok: true, left: text(l), right: text(r), added, removed, changed, changedKeys, keysShown: shown.size, truncated: shown.size < ids.length };
}
