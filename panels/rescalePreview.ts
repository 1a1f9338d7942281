// Rescale preview of a keyed vertex: which key groups, keys and bytes move to another parallelism
// (Flink's key groups), and what a consistent-hash ring with virtual nodes and plain `hash % n`
// would move for the same keys. Pure; imports runtime/ and protocol/.
import type { RescalePreview, RescaleSchemeResult } from '../protocol/index.js';
import {
  assignKey,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
  keyHash,
  murmurHash,
  type KeyType,
} from '../runtime/index.js';
import type { KeyStat, VertexLoad } from './keyGroupStats.js';

/** What the preview asks for. */
export interface RescaleRequest {
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly virtualNodes: number;
}

/** A key with the 31-bit mixed hash every scheme places it by. */
interface HashedKey {
  readonly keyGroup: number;
  readonly stateBytes: number;
  /** Flink's `murmurHash(hashCode)`, in [0, 2^31). */
  readonly mixed: number;
}

const CANDIDATE_TYPES: Record<'string' | 'number', readonly KeyType[]> = {
  string: ['sql-string', 'java-string'],
  number: ['sql-bigint', 'sql-int', 'java-long', 'java-int'],
};

/** FNV-1a of a text, as a signed int (hash of keys whose Flink type is unknown, and of ring nodes). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The key type whose Flink hash puts every sampled key into the key group the checkpoint stored it
 * in, or null (composite keys, or keys of another type).
 */
export function inferKeyType(keys: readonly KeyStat[], maxParallelism: number): KeyType | null {
  const sample = keys.slice(0, 200);
  if (sample.length === 0) return null;
  const kind = typeof sample[0]!.raw === 'string' ? 'string' : typeof sample[0]!.raw === 'number' || typeof sample[0]!.raw === 'bigint' ? 'number' : null;
  if (kind === null) return null;
  for (const t of CANDIDATE_TYPES[kind]) {
    const fits = sample.every((k) => {
      const raw = k.raw as string | number | bigint | null;
      const a = assignKey(t, raw, maxParallelism, 1);
      return a.ok && a.keyGroup === k.keyGroup;
    });
    if (fits) return t;
  }
  return null;
}

function hashKeys(keys: readonly KeyStat[], type: KeyType | null): HashedKey[] {
  return keys.map((k) => {
    let code: number;
    if (type !== null) {
      const h = keyHash(type, k.raw as string | number | bigint | null);
      code = h.ok ? h.hash : fnv1a(k.key);
    } else code = fnv1a(k.key);
    return { keyGroup: k.keyGroup, stateBytes: k.stateBytes, mixed: murmurHash(code) };
  });
}

/** A consistent-hash ring: `virtualNodes` points per node, a key goes to the next point clockwise. */
export class ConsistentHashRing {
  private readonly points: Int32Array;
  private readonly owners: Int32Array;

  constructor(nodes: number, virtualNodes: number) {
    const all: { pos: number; node: number }[] = [];
    for (let n = 0; n < nodes; n++) for (let v = 0; v < virtualNodes; v++) all.push({ pos: murmurHash(fnv1a(`subtask-${n}#${v}`)), node: n });
    all.sort((a, b) => a.pos - b.pos || a.node - b.node);
    this.points = Int32Array.from(all.map((p) => p.pos));
    this.owners = Int32Array.from(all.map((p) => p.node));
  }

  /** Every virtual node as [position as a fraction of the ring, owner], clockwise. */
  nodes(): [number, number][] {
    return Array.from(this.points, (pos, i) => [pos / 2 ** 31, this.owners[i]!]);
  }

  /** The node owning position `pos` (in [0, 2^31)). */
  ownerOf(pos: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.owners[lo === this.points.length ? 0 : lo]!;
  }
}

function scheme(name: string, keys: readonly HashedKey[], newOwners: number, before: (k: HashedKey) => number, after: (k: HashedKey) => number): RescaleSchemeResult {
  let keysMoved = 0;
  let bytesMoved = 0;
  const keysPerOwner = new Array<number>(newOwners).fill(0);
  for (const k of keys) {
    const to = after(k);
    keysPerOwner[to]!++;
    if (before(k) !== to) {
      keysMoved++;
      bytesMoved += k.stateBytes;
    }
  }
  return { scheme: name, keysMoved, bytesMoved, keysPerOwner };
}

/** Checks the request as Flink checks a (max parallelism, parallelism) pair; a message or undefined. */
function problemOf(req: RescaleRequest): string | undefined {
  if (!Number.isInteger(req.parallelism) || req.parallelism < 1 || req.parallelism > 32768) return `parallelism must be 1..32768, got ${req.parallelism}`;
  if (!Number.isInteger(req.maxParallelism) || req.maxParallelism < 1 || req.maxParallelism > 32768) return `max parallelism must be 1..32768, got ${req.maxParallelism}`;
  if (req.maxParallelism < req.parallelism) return 'Maximum parallelism must not be smaller than parallelism.';
  if (!Number.isInteger(req.virtualNodes) || req.virtualNodes < 1 || req.virtualNodes > 1000) return `virtual nodes must be 1..1000, got ${req.virtualNodes}`;
  return undefined;
}

/** The preview of rescaling a vertex running at (parallelism, maxParallelism) with `load`. */
export function rescalePreview(parallelism: number, maxParallelism: number, load: VertexLoad | null, req: RescaleRequest): RescalePreview {
  const problem = problemOf(req);
  if (problem !== undefined) return { ok: false, error: problem };
  const restorable = req.maxParallelism === maxParallelism;
  const keyType = load?.keys ? inferKeyType(load.keys, maxParallelism) : null;
  if (!restorable && keyType === null) {
    return { ok: false, error: `Flink cannot restore state into another max parallelism (the number of key groups is fixed at ${maxParallelism}); with unknown key hashes the new placement cannot be computed either` };
  }
  const hashed = load?.keys ? hashKeys(load.keys, keyType) : null;
  // The key group of each key after the change: the same one unless the max parallelism changes.
  // (Flink's computeKeyGroupForKeyHash is murmurHash(hashCode) % maxParallelism.)
  const newKeyGroup = (k: HashedKey) => (restorable ? k.keyGroup : k.mixed % req.maxParallelism);
  const movedKeyGroups: [number, number, number][] = [];
  if (restorable) {
    for (let kg = 0; kg < maxParallelism; kg++) {
      const from = computeOperatorIndexForKeyGroup(maxParallelism, parallelism, kg);
      const to = computeOperatorIndexForKeyGroup(maxParallelism, req.parallelism, kg);
      if (from !== to) movedKeyGroups.push([kg, from, to]);
    }
  }
  const newSubtasks = Array.from({ length: req.parallelism }, (_, i) => {
    const r = computeKeyGroupRangeForOperatorIndex(req.maxParallelism, req.parallelism, i);
    return { subtask: i, start: r.startKeyGroup, end: r.endKeyGroup, keys: 0, stateBytes: 0 };
  });
  let totalKeys = 0;
  let totalBytes = 0;
  if (hashed) {
    for (const k of hashed) {
      const s = newSubtasks[computeOperatorIndexForKeyGroup(req.maxParallelism, req.parallelism, newKeyGroup(k))]!;
      s.keys++;
      s.stateBytes += k.stateBytes;
      totalKeys++;
      totalBytes += k.stateBytes;
    }
  } else if (load) {
    for (const [kg, g] of load.keyGroups) {
      const s = newSubtasks[computeOperatorIndexForKeyGroup(req.maxParallelism, req.parallelism, kg)]!;
      s.keys += g.keys;
      s.stateBytes += g.stateBytes;
      totalKeys += g.keys;
      totalBytes += g.stateBytes;
    }
  }
  const schemes: RescaleSchemeResult[] = [];
  let ring: { points: [number, number][]; movedKeys: number[] } | undefined;
  if (hashed) {
    schemes.push(
      scheme('Flink key groups', hashed, req.parallelism, (k) => computeOperatorIndexForKeyGroup(maxParallelism, parallelism, k.keyGroup), (k) => computeOperatorIndexForKeyGroup(req.maxParallelism, req.parallelism, newKeyGroup(k))),
    );
    const before = new ConsistentHashRing(parallelism, req.virtualNodes);
    const after = new ConsistentHashRing(req.parallelism, req.virtualNodes);
    schemes.push(scheme(`consistent-hash ring (${req.virtualNodes} virtual nodes per subtask)`, hashed, req.parallelism, (k) => before.ownerOf(k.mixed), (k) => after.ownerOf(k.mixed)));
    if (req.parallelism * req.virtualNodes <= 4000) {
      const movedKeys = hashed.filter((k) => before.ownerOf(k.mixed) !== after.ownerOf(k.mixed)).slice(0, 500).map((k) => k.mixed / 2 ** 31);
      ring = { points: after.nodes(), movedKeys };
    }
    schemes.push(scheme('hash % n', hashed, req.parallelism, (k) => k.mixed % parallelism, (k) => k.mixed % req.parallelism));
  } else if (load) {
    const moved = new Set(movedKeyGroups.map((m) => m[0]));
    let keysMoved = 0;
    let bytesMoved = 0;
    for (const [kg, g] of load.keyGroups) if (moved.has(kg)) ((keysMoved += g.keys), (bytesMoved += g.stateBytes));
    schemes.push({ scheme: 'Flink key groups', keysMoved, bytesMoved, keysPerOwner: newSubtasks.map((s) => s.keys) });
  }
  const hashNote = !hashed
    ? 'Only key-group totals are known (no keys loaded): open a checkpoint to compare with a hash ring and modulo hashing.'
    : keyType !== null
      ? `Every scheme places a key by Flink's murmurHash of its ${keyType} hash code (the type whose hash matches every stored key group).`
      : 'The keys are composite or of an unknown type: the ring and modulo place them by murmurHash of an FNV-1a hash of their text.';
  return {
    ok: true,
    fromParallelism: parallelism,
    toParallelism: req.parallelism,
    fromMaxParallelism: maxParallelism,
    toMaxParallelism: req.maxParallelism,
    restorable,
    keyGroupsMoved: movedKeyGroups.length,
    movedKeyGroups,
    totalKeys,
    totalBytes,
    newSubtasks,
    schemes,
    hashNote,
    ...(ring ? { ring } : {}),
  };
}
