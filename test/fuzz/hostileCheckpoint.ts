// Corruptions of a savepoint directory for the fuzz suite: bit flips, truncation, an absurd declared
// length, and hostile contents re-encoded with a valid CRC-32C (paths outside the sink directory,
// absurd lengths, counts and ranges, deep nesting). Uses the runtime's own codec to write them.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCheckpointData, encodeCheckpointData } from '../../runtime/checkpoint/encoding.js';
import { frameCheckpointFile, unframeCheckpointFile } from '../../runtime/checkpoint/storage/index.js';
import type { Rng } from './fuzzSeed.js';

type Json = Record<string, unknown>;

/** The corruption kinds, in a fixed order (case i uses kind i mod n). */
export const CORRUPTIONS = [
  'bitFlipMetadata',
  'hostileSinkPath',
  'bitFlipState',
  'hostilePendingPath',
  'truncate',
  'hostileStateFileName',
  'absurdDeclaredLength',
  'hostileNumbers',
  'hostileStateContent',
  'hostileSinkLength',
  'deepNesting',
  'hostileSinkTraversal',
] as const;

function readMetadata(dir: string): Json {
  return decodeCheckpointData(unframeCheckpointFile('metadata', readFileSync(join(dir, '_metadata'))).payload) as Json;
}

function writeFramed(path: string, kind: 'metadata' | 'state', value: unknown): void {
  writeFileSync(path, frameCheckpointFile(kind, encodeCheckpointData(value)).bytes);
}

/** Every filesystem-sink operator state in the metadata (objects with `inProgress`/`pending`). */
function sinkStates(meta: Json): Json[] {
  const out: Json[] = [];
  for (const v of meta.vertices as Json[]) {
    for (const s of v.subtasks as Json[]) {
      const ops = (s.operatorState as Json | undefined)?.operators;
      if (Array.isArray(ops)) for (const op of ops) if (op && typeof op === 'object' && 'pending' in op) out.push(op as Json);
    }
  }
  return out;
}

/**
 * Moves a copied savepoint to its new folder: the sink file paths it records (absolute) are
 * rewritten from `from` to `to` and `_metadata` re-encoded, so each case restores its own files.
 */
export function relocateCheckpoint(dir: string, from: string, to: string): void {
  const meta = readMetadata(dir);
  const move = (p: unknown) => (typeof p === 'string' && p.startsWith(from) ? to + p.slice(from.length) : p);
  for (const s of sinkStates(meta)) {
    const inProgress = s.inProgress as Json | undefined;
    if (inProgress) s.inProgress = { ...inProgress, path: move(inProgress.path), finalPath: move(inProgress.finalPath) };
    s.pending = (s.pending as Json[]).map((p) => ({ ...p, inProgressPath: move(p.inProgressPath), finalPath: move(p.finalPath) }));
  }
  writeFramed(join(dir, '_metadata'), 'metadata', meta);
}

/**
 * Corrupts the savepoint in `dir` with the named kind. `victim` is a file outside the sink
 * directory that no checkpoint may make the runtime touch. Returns what was done.
 */
export function corruptCheckpoint(dir: string, kind: (typeof CORRUPTIONS)[number], victim: string, rng: Rng): string {
  const stateFiles = readdirSync(dir).filter((f) => f.endsWith('.state')).sort();
  if (kind === 'bitFlipMetadata' || kind === 'bitFlipState') {
    const file = kind === 'bitFlipMetadata' ? '_metadata' : rng.pick(stateFiles);
    const bytes = readFileSync(join(dir, file));
    const at = rng.int(bytes.length);
    const bit = rng.int(8);
    bytes[at]! ^= 1 << bit;
    writeFileSync(join(dir, file), bytes);
    return `flipped bit ${bit} of byte ${at} of ${file}`;
  }
  if (kind === 'truncate') {
    const file = rng.pick(['_metadata', ...stateFiles]);
    const bytes = readFileSync(join(dir, file));
    const at = rng.int(bytes.length);
    writeFileSync(join(dir, file), bytes.subarray(0, at));
    return `truncated ${file} to ${at} of ${bytes.length} bytes`;
  }
  if (kind === 'absurdDeclaredLength') {
    const bytes = readFileSync(join(dir, '_metadata'));
    const length = rng.pick([0xffffffff, 0x7fffffff, 0]);
    bytes.writeUInt32BE(length, 8);
    writeFileSync(join(dir, '_metadata'), bytes);
    return `_metadata header declares a payload of ${length} bytes`;
  }
  const meta = readMetadata(dir);
  const sinks = sinkStates(meta);
  let how: string;
  switch (kind) {
    case 'hostileSinkPath':
    case 'hostileSinkTraversal': {
      // A sink names its files by a part-file id (today) or by whole paths (earlier formats): both
      // are pointed outside the sink directory.
      const id = kind === 'hostileSinkPath' ? rng.pick([victim, `${victim}#`, '']) : rng.pick(['../victim/victim.txt', 'x/../../victim/victim.txt', '../../../../../../tmp']);
      const field = rng.pick(['path', 'finalPath']);
      for (const s of sinks) {
        s.partFileId = id;
        if (s.inProgress && typeof s.inProgress === 'object' && 'path' in s.inProgress) s.inProgress = { ...(s.inProgress as Json), [field]: kind === 'hostileSinkPath' ? victim : id };
      }
      how = `every sink's part-file id${sinks.some((s) => s.inProgress && 'path' in (s.inProgress as Json)) ? ` and in-progress ${field}` : ''} is ${JSON.stringify(id)}`;
      break;
    }
    case 'hostilePendingPath': {
      const counter = rng.pick([-1, 1e15, Number.NaN, 0.5]);
      for (const s of sinks) s.pending = [{ counter, checkpointId: meta.checkpointId, inProgressPath: victim, finalPath: `${victim}.renamed` }];
      how = `every sink's pending file has counter ${String(counter)} (and the path ${victim} in the earlier format)`;
      break;
    }
    case 'hostileSinkLength': {
      const length = rng.pick([-1, 1e15, Number.NaN, 2 ** 53, 'x']);
      for (const s of sinks) if (s.inProgress) (s.inProgress as Json).length = length;
      how = `every sink's in-progress length is ${String(length)}`;
      break;
    }
    case 'hostileStateFileName': {
      const name = rng.pick([victim, '../victim/victim.txt', '_metadata', '']);
      const v = (meta.vertices as Json[]).find((x) => (x.subtasks as Json[]).some((s) => s.stateFile));
      if (v) for (const s of v.subtasks as Json[]) s.stateFile = name;
      meta.stateFiles = (meta.stateFiles as Json[]).map((f) => ({ ...f, name }));
      how = `state file names are ${JSON.stringify(name)}`;
      break;
    }
    case 'hostileNumbers': {
      const v = rng.pick(meta.vertices as Json[]);
      const field = rng.pick(['parallelism', 'maxParallelism', 'keyGroupRange', 'subtaskIndex', 'rowsEmitted', 'checkpointId', 'subtaskCount']);
      const value = rng.pick([-1, 0, 1e9, 2 ** 31, 1e300, Number.NaN]);
      if (field === 'parallelism' || field === 'maxParallelism') v[field] = value;
      else if (field === 'checkpointId') meta.checkpointId = value;
      else if (field === 'subtaskCount') v.subtasks = Array.from({ length: 100_000 }, (_, i) => ({ ...(v.subtasks as Json[])[0], subtaskIndex: i }));
      else {
        for (const s of v.subtasks as Json[]) {
          if (field === 'keyGroupRange') s.keyGroupRange = { startKeyGroup: -5, endKeyGroup: value };
          else if (field === 'subtaskIndex') s.subtaskIndex = value;
          else if (s.operatorState && (s.operatorState as Json).sourcePosition) (s.operatorState as Json).sourcePosition = { rowsEmitted: value };
        }
      }
      how = `${String(v.vertexName)}: ${field} = ${field === 'subtaskCount' ? '100000 subtasks' : String(value)}`;
      break;
    }
    case 'hostileStateContent': {
      const file = rng.pick(stateFiles);
      const content = decodeCheckpointData(unframeCheckpointFile('state', readFileSync(join(dir, file))).payload) as Json;
      const what = rng.pick(['keyGroup', 'version', 'timers']);
      if (what === 'keyGroup') content.keyGroups = new Map([[99_999, new Map([['count', new Map([['k', 1]])]])]]);
      else if (what === 'version') content.stateVersion = 2;
      else content.timers = new Map([[0, [{ timestamp: Number.NaN, key: null }]]]);
      const framed = frameCheckpointFile('state', encodeCheckpointData(content));
      writeFileSync(join(dir, file), framed.bytes);
      // Keep _metadata consistent with the new file, so only the hostile content is left to catch.
      meta.stateFiles = (meta.stateFiles as Json[]).map((f) => (f.name === file ? { ...f, sizeBytes: framed.sizeBytes, checksum: framed.checksum } : f));
      how = `${file} re-encoded with a hostile ${what} (valid CRC, _metadata updated)`;
      break;
    }
    case 'deepNesting': {
      // The encoder would overflow building it: splice 20,000 one-element arrays (MessagePack 0x91)
      // into the encoded payload where a marker string stands.
      const marker = 'checkpoint-lab-nesting';
      const s = ((meta.vertices as Json[])[0]!.subtasks as Json[])[0]!;
      s.operatorState = { ...(s.operatorState as Json), channelState: marker };
      const payload = Buffer.from(encodeCheckpointData(meta));
      const at = payload.indexOf(Buffer.concat([Buffer.from([0xa0 + marker.length]), Buffer.from(marker)]));
      if (at < 0) throw new Error('the nesting marker was not found in the encoded metadata');
      const nested = Buffer.concat([payload.subarray(0, at), Buffer.alloc(20_000, 0x91), Buffer.from([0x01]), payload.subarray(at + 1 + marker.length)]);
      writeFileSync(join(dir, '_metadata'), frameCheckpointFile('metadata', nested).bytes);
      return 'an operator state nested 20,000 arrays deep (_metadata re-encoded with a valid CRC-32C)';
    }
  }
  writeFramed(join(dir, '_metadata'), 'metadata', meta);
  return `${how} (_metadata re-encoded with a valid CRC-32C)`;
}
