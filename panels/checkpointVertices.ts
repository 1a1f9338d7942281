// The vertices of a checkpoint's metadata as the JobSnapshot's VertexSnapshot, for a checkpoint
// directory opened without a job: keyed when a subtask owns key groups. Pure; imports runtime/ and protocol/.
import type { VertexSnapshot } from '../protocol/index.js';
import type { CheckpointMetadata } from '../runtime/index.js';

/** Every vertex of the checkpoint, in its order. */
export function vertexSnapshotsOfCheckpoint(m: CheckpointMetadata): VertexSnapshot[] {
  return m.vertices.map((v) => {
    const keyed = v.subtasks.some((s) => s.keyGroupRange.endKeyGroup >= s.keyGroupRange.startKeyGroup);
    const name = v.vertexName ?? `vertex ${v.vertexId}`;
    return {
      id: v.vertexId,
      name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      keyed,
      subtasks: v.subtasks.map((s) => ({
        index: s.subtaskIndex,
        displayName: `${name} (${s.subtaskIndex + 1}/${v.parallelism})`,
        keyGroups: keyed ? { start: s.keyGroupRange.startKeyGroup, end: s.keyGroupRange.endKeyGroup } : null,
      })),
    };
  });
}
