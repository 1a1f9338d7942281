// Places subtasks into task slots of simulated TaskManagers, as Flink's default slot sharing
// does: one slot holds one subtask of every vertex, so a job needs as many slots as its highest
// parallelism, and losing a TaskManager loses every subtask in its slots.
import type { JobGraph } from './jobGraph.js';

/** A simulated TaskManager. */
export interface TaskManagerInfo {
  /** `tm-0`, `tm-1`, … */
  readonly id: string;
  /** Number of task slots (`taskmanager.numberOfTaskSlots`). */
  readonly slots: number;
}

/** Where every subtask runs. */
export interface Placement {
  readonly taskManagers: readonly TaskManagerInfo[];
  /** placement.slotOf[vertexId][subtask] = global slot index. */
  readonly slotOf: readonly (readonly number[])[];
  /** TaskManager id of a subtask. */
  taskManagerOf(vertexId: number, subtask: number): string;
}

/** Computes the slot placement of a job on TaskManagers with `slotsPerTaskManager` slots each. */
export function placeSubtasks(graph: JobGraph, slotsPerTaskManager: number): Placement {
  const slotsNeeded = Math.max(1, ...graph.vertices.map((v) => v.parallelism));
  const tmCount = Math.ceil(slotsNeeded / slotsPerTaskManager);
  const taskManagers: TaskManagerInfo[] = [];
  for (let i = 0; i < tmCount; i++) taskManagers.push({ id: `tm-${i}`, slots: slotsPerTaskManager });
  // Slot sharing: subtask i of every vertex shares slot i.
  const slotOf = graph.vertices.map((v) => Array.from({ length: v.parallelism }, (_, i) => i));
  return {
    taskManagers,
    slotOf,
    taskManagerOf: (vertexId, subtask) => taskManagers[Math.floor(slotOf[vertexId]![subtask]! / slotsPerTaskManager)]!.id,
  };
}
