// Part-file names of the filesystem sink, as Flink's FileSystemTableSink names them:
// `part-<uuid>-<subtask>-<counter>`, with one uuid per sink instance (derived here from the run id
// and the sink instance, never from wall-clock randomness), and the hidden in-progress name
// `.part-<uuid>-<subtask>-<counter>.inprogress.<uuid>-<counter>`. Imports nothing.

/** A part-file id: Flink's UUID text form, 8-4-4-4-12 lowercase hex digits. */
const PART_FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `id` has the form of a part-file id. */
export function isPartFileId(id: unknown): id is string {
  return typeof id === 'string' && PART_FILE_ID.test(id);
}

/** 32-bit FNV-1a of `text` from `seed`. */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3's fmix32) so close inputs give unrelated ids.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The uuid in the part-file names of one sink instance (one INSERT) of a run: a pure function of
 * the run id and the sink instance, so two sinks writing into the same directory never collide
 * and the same run id always gives the same names.
 */
export function partFileIdOf(runId: string, sinkInstance: string): string {
  const text = `${runId}\u0000${sinkInstance}`;
  const hex = [0x811c9dc5, 0x9e3779b9, 0x7f4a7c15, 0x2545f491].map((seed) => fnv1a(text, seed).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** `part-<id>-<subtask>-<counter>`: the committed (visible) name. */
export function finishedPartName(id: string, subtask: number, counter: number): string {
  return `part-${id}-${subtask}-${counter}`;
}

/** `.part-<id>-<subtask>-<counter>.inprogress.<id>-<counter>`: the hidden name while written or pending. */
export function inProgressPartName(id: string, subtask: number, counter: number): string {
  return `.${finishedPartName(id, subtask, counter)}.inprogress.${id}-${counter}`;
}

/** The id and counter of a committed part file of `subtask`, or undefined for any other name. */
export function parseFinishedPartName(name: string, subtask: number): { id: string; counter: number } | undefined {
  const m = /^part-([0-9a-f-]{36})-(\d+)-(\d+)$/.exec(name);
  if (!m || !isPartFileId(m[1]) || Number(m[2]) !== subtask) return undefined;
  const counter = Number(m[3]);
  return Number.isSafeInteger(counter) ? { id: m[1]!, counter } : undefined;
}

/** Part-file ids used by the sinks of a run, per file access object (so a run reads back only its own files). */
const idsByFiles = new WeakMap<object, Map<string, Set<string>>>();

/** Records that a sink writing into `dir` through `files` names its part files with `id`. */
export function registerPartFileId(files: object, dir: string, id: string): void {
  let byDir = idsByFiles.get(files);
  if (!byDir) idsByFiles.set(files, (byDir = new Map()));
  let ids = byDir.get(dir);
  if (!ids) byDir.set(dir, (ids = new Set()));
  ids.add(id);
}

/** The part-file ids the sinks of a run used in `dir` through `files`. */
export function partFileIdsOf(files: object, dir: string): ReadonlySet<string> {
  return idsByFiles.get(files)?.get(dir) ?? new Set();
}
