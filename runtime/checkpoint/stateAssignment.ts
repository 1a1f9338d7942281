// Flink's StateAssignmentOperation: hands a completed checkpoint's state to a (re)deployed job.
// Keyed state moves by key group to whichever subtask's key-group range now holds it, so the
// parallelism may change; the max parallelism (the number of key groups) may not.
import { RecordBatch } from '../engine/records.js';
import type { StreamTask } from '../engine/streamTask.js';
import { computeKeyGroupRangeForOperatorIndex } from '../keys/keyGroupAssignment.js';
import type { CompletedCheckpoint } from './checkpointCoordinator.js';
import { restoreKeyedState, type KeyGroupSnapshot, type TaskSnapshot } from './taskSnapshot.js';

/** Which key groups went to which subtask, and where each source resumes. */
export interface StateAssignment {
  readonly keyGroups: readonly { readonly vertexId: number; readonly subtask: number; readonly start: number; readonly end: number; readonly keys: number }[];
  readonly sources: readonly { readonly vertexId: number; readonly subtask: number; readonly position: unknown }[];
}

/** Whether any vertex runs with another parallelism than in the checkpoint. */
function graphParallelismChanged(checkpoint: CompletedCheckpoint, tasks: readonly StreamTask[]): boolean {
  return tasks.some((t) => checkpoint.parallelism[t.vertex.id] !== undefined && checkpoint.parallelism[t.vertex.id] !== t.vertex.parallelism);
}

/**
 * Restores `checkpoint` into freshly deployed `tasks`. Returns what was assigned, or an error
 * message when the checkpoint does not fit the job (max parallelism changed, a source rescaled).
 */
export function assignState(checkpoint: CompletedCheckpoint, tasks: readonly StreamTask[]): StateAssignment | { error: string } {
  const byVertex = new Map<number, TaskSnapshot[]>();
  for (const s of checkpoint.snapshots.values()) byVertex.set(s.vertexId, [...(byVertex.get(s.vertexId) ?? []), s]);
  // A checkpoint is input: every operator checks its state before any of them restores (and so
  // touches files), so a bad checkpoint changes nothing.
  for (const task of tasks) {
    const own = byVertex.get(task.vertex.id)?.find((s) => s.subtask === task.index);
    if (!own) continue;
    for (const [i, op] of task.operators.entries()) {
      const problem = own.operators[i] !== undefined ? op.validateRestoreState?.(own.operators[i]) : undefined;
      if (problem !== undefined) return { error: `Checkpoint ${checkpoint.id} cannot be restored: the state of ${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism}), operator ${i}: ${problem}` };
    }
  }
  const keyGroups: StateAssignment['keyGroups'][number][] = [];
  const sources: StateAssignment['sources'][number][] = [];
  for (const task of tasks) {
    const v = task.vertex;
    const snaps = byVertex.get(v.id) ?? [];
    const storedMaxP = checkpoint.maxParallelism[v.id];
    if (storedMaxP !== undefined && storedMaxP !== v.maxParallelism && v.key) {
      return {
        error: `The maximum parallelism (${v.maxParallelism}) of the restored job vertex ${v.name} does not match the maximum parallelism (${storedMaxP}) of the checkpoint. The number of key groups cannot change on restore.`,
      };
    }
    const own = snaps.find((s) => s.subtask === task.index);
    if (task.reader) {
      const storedP = checkpoint.parallelism[v.id];
      if (storedP !== undefined && storedP !== v.parallelism) {
        return { error: `Source ${v.name} ran with parallelism ${storedP} in the checkpoint and ${v.parallelism} now: rescaling a source's position is not supported by Checkpoint Lab yet` };
      }
    }
    for (const cs of own?.channelState ?? []) {
      if (cs.channel >= task.inputs.length) return { error: `Checkpoint ${checkpoint.id} cannot be restored: ${v.name} (${task.index + 1}/${v.parallelism}) has ${task.inputs.length} input channels, its channel state names channel ${cs.channel}` };
    }
  }
  // Sources first (they only read), so a bad position fails the restore before any sink commits.
  for (const task of tasks) {
    const own = byVertex.get(task.vertex.id)?.find((s) => s.subtask === task.index);
    if (!task.reader || own?.sourcePosition === undefined) continue;
    try {
      task.reader.restorePosition(own.sourcePosition);
    } catch (e) {
      return { error: `Checkpoint ${checkpoint.id} cannot be restored: the source position of ${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism}) is invalid: ${(e as Error).message}` };
    }
    sources.push({ vertexId: task.vertex.id, subtask: task.index, position: own.sourcePosition });
  }
  for (const task of tasks) {
    const v = task.vertex;
    const snaps = byVertex.get(v.id) ?? [];
    const own = snaps.find((s) => s.subtask === task.index);
    if (own) {
      try {
        task.operators.forEach((op, i) => own.operators[i] !== undefined && op.restoreState?.(own.operators[i]));
      } catch (e) {
        return { error: `Checkpoint ${checkpoint.id} cannot be restored into ${task.vertex.name} (${task.index + 1}/${task.vertex.parallelism}): ${(e as Error).message}` };
      }
    }
    if (own?.channelState && own.channelState.length > 0) {
      if (graphParallelismChanged(checkpoint, tasks)) return { error: `The unaligned checkpoint ${checkpoint.id} holds in-flight data of ${v.name}; restoring it onto a different parallelism is not supported by Checkpoint Lab yet` };
      // In-flight records of an unaligned checkpoint are replayed before anything new arrives.
      for (const cs of own.channelState) {
        const batch = new RecordBatch();
        for (let r = 0; r < cs.rows.length; r++) batch.push(cs.kinds[r]!, cs.rows[r]!);
        task.inputs[cs.channel]!.push({ type: 'records', batch });
      }
    }
    if (task.keyedState) {
      const range = computeKeyGroupRangeForOperatorIndex(v.maxParallelism, v.parallelism, task.index);
      const groups: KeyGroupSnapshot[] = [];
      for (const s of snaps) for (const g of s.keyGroups) if (g.keyGroup >= range.startKeyGroup && g.keyGroup <= range.endKeyGroup) groups.push(g);
      restoreKeyedState(task.keyedState, task.timers, groups);
      let keys = 0;
      for (const g of groups) {
        const ids = new Set<unknown>();
        for (const entries of Object.values(g.states)) for (const k of entries.keys()) ids.add(k);
        keys += ids.size;
      }
      keyGroups.push({ vertexId: v.id, subtask: task.index, start: range.startKeyGroup, end: range.endKeyGroup, keys });
    }
  }
  return { keyGroups, sources };
}
