// Shape checks of decoded `_metadata` and state-file content: a file that decodes but is not what
// this version wrote is reported, never trusted. Imports only types of this folder.

const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CHECKSUM = /^[0-9a-f]{8}$/;

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function validateSubtask(s: unknown, where: string, maxParallelism: number): string | undefined {
  if (!isRecord(s)) return `${where} is not a record`;
  if (!isIndex(s.subtaskIndex)) return `${where}.subtaskIndex is not a subtask index`;
  const r = s.keyGroupRange;
  if (!isRecord(r) || typeof r.startKeyGroup !== 'number' || typeof r.endKeyGroup !== 'number') {
    return `${where}.keyGroupRange is not a key-group range`;
  }
  if (r.endKeyGroup >= r.startKeyGroup && (r.startKeyGroup < 0 || r.endKeyGroup >= maxParallelism)) {
    return `${where}.keyGroupRange ${r.startKeyGroup}-${r.endKeyGroup} lies outside the max parallelism ${maxParallelism}`;
  }
  if (s.stateFile !== null && !(typeof s.stateFile === 'string' && SAFE_FILE_NAME.test(s.stateFile))) {
    return `${where}.stateFile is not a file name`;
  }
  return undefined;
}

/** Why `value` is not a `CheckpointMetadata` this version can use, or undefined when it is one. */
export function validateCheckpointMetadata(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not a record';
  if (value.metadataVersion !== 1) return `unknown metadata version ${String(value.metadataVersion)}`;
  if (typeof value.jobId !== 'string') return 'jobId is missing';
  if (!isIndex(value.checkpointId)) return 'checkpointId is not a checkpoint id';
  if (!isTime(value.triggerTimestampMs) || !isTime(value.completionTimestampMs)) return 'a timestamp is missing';
  if (typeof value.isSavepoint !== 'boolean') return 'isSavepoint is missing';
  if (!Array.isArray(value.stateFiles)) return 'stateFiles is missing';
  const listed = new Set<string>();
  for (const [i, f] of value.stateFiles.entries()) {
    if (!isRecord(f) || typeof f.name !== 'string' || !SAFE_FILE_NAME.test(f.name)) return `stateFiles[${i}] has no valid file name`;
    if (!isIndex(f.sizeBytes) || typeof f.checksum !== 'string' || !CHECKSUM.test(f.checksum)) return `stateFiles[${i}] has no size or checksum`;
    listed.add(f.name);
  }
  if (!Array.isArray(value.vertices)) return 'vertices is missing';
  for (const [i, v] of value.vertices.entries()) {
    const where = `vertices[${i}]`;
    if (!isRecord(v) || typeof v.vertexId !== 'string') return `${where} has no vertexId`;
    if (!isIndex(v.parallelism) || !isIndex(v.maxParallelism) || v.parallelism < 1 || v.maxParallelism < 1) {
      return `${where} has no valid parallelism and max parallelism`;
    }
    if (!Array.isArray(v.subtasks)) return `${where}.subtasks is missing`;
    for (const [j, s] of v.subtasks.entries()) {
      const problem = validateSubtask(s, `${where}.subtasks[${j}]`, v.maxParallelism);
      if (problem !== undefined) return problem;
      const file = (s as Rec).stateFile;
      if (typeof file === 'string' && !listed.has(file)) return `${where}.subtasks[${j}] refers to ${file}, which stateFiles does not list`;
    }
  }
  return undefined;
}

/**
 * Why `value` is not a `SubtaskStateFileContent` (of `owner`, when the metadata names one), or
 * undefined when it is one.
 */
export function validateStateFileContent(value: unknown, owner?: { vertexId: string; subtaskIndex: number }): string | undefined {
  if (!isRecord(value)) return 'not a record';
  if (value.stateVersion !== 1) return `unknown state version ${String(value.stateVersion)}`;
  if (typeof value.vertexId !== 'string' || !isIndex(value.subtaskIndex)) return 'the vertex or subtask is missing';
  if (owner !== undefined && (owner.vertexId !== value.vertexId || owner.subtaskIndex !== value.subtaskIndex)) {
    return `the file holds state of vertex ${value.vertexId} subtask ${value.subtaskIndex}, the metadata expects vertex ${owner.vertexId} subtask ${owner.subtaskIndex}`;
  }
  if (!(value.keyGroups instanceof Map)) return 'keyGroups is not a map';
  for (const [keyGroup, states] of value.keyGroups) {
    if (!isIndex(keyGroup)) return `key group ${String(keyGroup)} is not a key-group index`;
    if (!(states instanceof Map)) return `key group ${keyGroup} does not hold a map of states`;
    for (const [name, table] of states) {
      if (typeof name !== 'string' || !(table instanceof Map)) return `key group ${keyGroup} holds a state that is not a map of keys to values`;
    }
  }
  if (value.timers !== undefined) {
    if (!(value.timers instanceof Map)) return 'timers is not a map';
    for (const [keyGroup, timers] of value.timers) {
      if (!isIndex(keyGroup) || !Array.isArray(timers)) return `the timers of key group ${String(keyGroup)} are not a list`;
      for (const t of timers) if (!isRecord(t) || !isTime(t.timestamp) || !('key' in t)) return `key group ${keyGroup} holds a timer without timestamp or key`;
    }
  }
  return undefined;
}
