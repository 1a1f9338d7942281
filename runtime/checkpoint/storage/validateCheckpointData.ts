// Shape checks of decoded `_metadata` and state-file content: a file that decodes but is not what
// this version wrote is reported, never trusted. Imports only types of this folder.

const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;

/** Flink's upper bound of the max parallelism (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM). */
const UPPER_BOUND_MAX_PARALLELISM = 32768;
/** More vertices than any job file plans. */
const MAX_VERTICES = 10_000;

/** Flink's key-group range of subtask `index` (KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex). */
function keyGroupRangeOf(maxParallelism: number, parallelism: number, index: number): { start: number; end: number } {
  return { start: Math.floor((index * maxParallelism + parallelism - 1) / parallelism), end: Math.floor(((index + 1) * maxParallelism - 1) / parallelism) };
}
const CHECKSUM = /^[0-9a-f]{8}$/;

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function validateSubtask(s: unknown, where: string, maxParallelism: number, parallelism: number): string | undefined {
  if (!isRecord(s)) return `${where} is not a record`;
  if (!isIndex(s.subtaskIndex) || s.subtaskIndex >= parallelism) return `${where}.subtaskIndex is not a subtask index below the parallelism ${parallelism}`;
  const r = s.keyGroupRange;
  if (!isRecord(r) || !Number.isSafeInteger(r.startKeyGroup) || !Number.isSafeInteger(r.endKeyGroup)) {
    return `${where}.keyGroupRange is not a key-group range`;
  }
  const start = r.startKeyGroup as number;
  const end = r.endKeyGroup as number;
  if (end >= start && (start < 0 || end >= maxParallelism)) {
    return `${where}.keyGroupRange ${start}-${end} lies outside the max parallelism ${maxParallelism}`;
  }
  const flink = keyGroupRangeOf(maxParallelism, parallelism, s.subtaskIndex);
  const empty = end < start;
  if (empty && s.stateFile !== null) return `${where}.keyGroupRange is empty but the subtask names a state file`;
  if (!empty && (start !== flink.start || end !== flink.end)) {
    return `${where}.keyGroupRange ${start}-${end} is not the range Flink assigns subtask ${s.subtaskIndex} of ${parallelism} (${flink.start}-${flink.end} of ${maxParallelism} key groups)`;
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
  if (!Array.isArray(value.vertices)) return 'vertices is missing';
  if (value.vertices.length > MAX_VERTICES) return `vertices lists ${value.vertices.length} vertices, more than ${MAX_VERTICES}`;
  const subtaskCount = value.vertices.reduce((n: number, v: unknown) => n + (isRecord(v) && Array.isArray(v.subtasks) ? v.subtasks.length : 0), 0);
  const listed = new Set<string>();
  for (const [i, f] of value.stateFiles.entries()) {
    if (!isRecord(f) || typeof f.name !== 'string' || !SAFE_FILE_NAME.test(f.name)) return `stateFiles[${i}] has no valid file name`;
    if (!isIndex(f.sizeBytes) || typeof f.checksum !== 'string' || !CHECKSUM.test(f.checksum)) return `stateFiles[${i}] has no size or checksum`;
    if (listed.has(f.name)) return `stateFiles[${i}] lists ${f.name} twice`;
    listed.add(f.name);
  }
  if (value.stateFiles.length > subtaskCount) return `stateFiles lists ${value.stateFiles.length} files for ${subtaskCount} subtasks`;
  const vertexIds = new Set<string>();
  const referenced = new Set<string>();
  for (const [i, v] of value.vertices.entries()) {
    const where = `vertices[${i}]`;
    if (!isRecord(v) || typeof v.vertexId !== 'string' || v.vertexId.length === 0 || v.vertexId.length > 256) return `${where} has no vertexId`;
    if (vertexIds.has(v.vertexId)) return `${where}.vertexId ${v.vertexId} appears twice`;
    vertexIds.add(v.vertexId);
    if (!isIndex(v.maxParallelism) || v.maxParallelism < 1 || v.maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
      return `${where}.maxParallelism is not between 1 and ${UPPER_BOUND_MAX_PARALLELISM}`;
    }
    if (!isIndex(v.parallelism) || v.parallelism < 1 || v.parallelism > v.maxParallelism) return `${where}.parallelism is not between 1 and the max parallelism ${v.maxParallelism}`;
    if (!Array.isArray(v.subtasks)) return `${where}.subtasks is missing`;
    if (v.subtasks.length !== v.parallelism) return `${where}.subtasks has ${v.subtasks.length} entries for parallelism ${v.parallelism}`;
    const indices = new Set<number>();
    for (const [j, s] of v.subtasks.entries()) {
      const problem = validateSubtask(s, `${where}.subtasks[${j}]`, v.maxParallelism, v.parallelism);
      if (problem !== undefined) return problem;
      const index = (s as Rec).subtaskIndex as number;
      if (indices.has(index)) return `${where}.subtasks[${j}].subtaskIndex ${index} appears twice`;
      indices.add(index);
      const file = (s as Rec).stateFile;
      if (typeof file === 'string' && !listed.has(file)) return `${where}.subtasks[${j}] refers to ${file}, which stateFiles does not list`;
      if (typeof file === 'string' && referenced.has(file)) return `${where}.subtasks[${j}] refers to ${file}, which another subtask also names`;
      if (typeof file === 'string') referenced.add(file);
    }
  }
  return undefined;
}

/**
 * Why `value` is not a `SubtaskStateFileContent` (of `owner`, when the metadata names one), or
 * undefined when it is one.
 */
export function validateStateFileContent(value: unknown, owner?: { vertexId: string; subtaskIndex: number; keyGroupRange?: { startKeyGroup: number; endKeyGroup: number } }): string | undefined {
  if (!isRecord(value)) return 'not a record';
  if (value.stateVersion !== 1) return `unknown state version ${String(value.stateVersion)}`;
  if (typeof value.vertexId !== 'string' || !isIndex(value.subtaskIndex)) return 'the vertex or subtask is missing';
  if (owner !== undefined && (owner.vertexId !== value.vertexId || owner.subtaskIndex !== value.subtaskIndex)) {
    return `the file holds state of vertex ${value.vertexId} subtask ${value.subtaskIndex}, the metadata expects vertex ${owner.vertexId} subtask ${owner.subtaskIndex}`;
  }
  if (!(value.keyGroups instanceof Map)) return 'keyGroups is not a map';
  const range = owner?.keyGroupRange;
  const outside = (kg: number) => range !== undefined && (kg < range.startKeyGroup || kg > range.endKeyGroup);
  for (const [keyGroup, states] of value.keyGroups) {
    if (!isIndex(keyGroup)) return `key group ${String(keyGroup)} is not a key-group index`;
    if (outside(keyGroup)) return `key group ${keyGroup} lies outside the subtask's key-group range ${range!.startKeyGroup}-${range!.endKeyGroup}`;
    if (!(states instanceof Map)) return `key group ${keyGroup} does not hold a map of states`;
    for (const [name, table] of states) {
      if (typeof name !== 'string' || !(table instanceof Map)) return `key group ${keyGroup} holds a state that is not a map of keys to values`;
    }
  }
  if (value.timers !== undefined) {
    if (!(value.timers instanceof Map)) return 'timers is not a map';
    for (const [keyGroup, timers] of value.timers) {
      if (!isIndex(keyGroup) || !Array.isArray(timers)) return `the timers of key group ${String(keyGroup)} are not a list`;
      if (outside(keyGroup)) return `the timers of key group ${keyGroup} lie outside the subtask's key-group range ${range!.startKeyGroup}-${range!.endKeyGroup}`;
      for (const t of timers) if (!isRecord(t) || !isTime(t.timestamp) || !('key' in t)) return `key group ${keyGroup} holds a timer without timestamp or key`;
    }
  }
  return undefined;
}
