// Converts between the engine's completed checkpoints and the durable storage format: keyed state
// per key group goes to one state file per subtask; source positions, operator state and the
// finished flag travel in the subtask's `operatorState` inside `_metadata`.
import type { JobGraph } from '../engine/jobGraph.js';
import { computeKeyGroupRangeForOperatorIndex } from '../keys/keyGroupAssignment.js';
import type { CompletedCheckpoint } from './checkpointCoordinator.js';
import { stateFileName, type CheckpointMetadataInput, type KeyGroupedState, type LoadedCheckpoint, type SubtaskStateToWrite, type VertexStateMetadata } from './storage/index.js';
import type { KeyGroupSnapshot, TaskSnapshot } from './taskSnapshot.js';

/** What a subtask keeps in `_metadata` besides its keyed state. */
interface SubtaskOperatorState {
  readonly channelState?: TaskSnapshot['channelState'];
  readonly sourcePosition?: unknown;
  readonly operators: readonly unknown[];
  readonly finished?: boolean;
  readonly alignmentMs: number;
  readonly stateBytes: number;
}

/** The metadata and state files of a completed checkpoint. */
export function checkpointToStorage(cp: CompletedCheckpoint, graph: JobGraph, wallClockMs: number): { input: CheckpointMetadataInput; states: SubtaskStateToWrite[] } {
  const states: SubtaskStateToWrite[] = [];
  const vertices: VertexStateMetadata[] = graph.vertices.map((v) => ({
    vertexId: String(v.id),
    vertexName: v.name,
    parallelism: v.parallelism,
    maxParallelism: v.maxParallelism,
    subtasks: Array.from({ length: v.parallelism }, (_, i) => {
      const snap = cp.snapshots.get(`${v.id}/${i}`);
      const range = computeKeyGroupRangeForOperatorIndex(v.maxParallelism, v.parallelism, i);
      const operatorState: SubtaskOperatorState | undefined = snap
        ? { sourcePosition: snap.sourcePosition, operators: snap.operators, finished: snap.finished, alignmentMs: snap.alignmentMs, stateBytes: snap.stateBytes, channelState: snap.channelState }
        : undefined;
      let stateFile: string | null = null;
      if (snap && v.key) {
        const keyGroups: KeyGroupedState = new Map();
        const timers = new Map<number, { timestamp: number; key: unknown }[]>();
        for (const g of snap.keyGroups) {
          const byName = new Map<string, Map<unknown, unknown>>();
          for (const [name, map] of Object.entries(g.states)) byName.set(name, map as Map<unknown, unknown>);
          keyGroups.set(g.keyGroup, byName);
          if (g.timers.length > 0) timers.set(g.keyGroup, [...g.timers]);
        }
        states.push({ vertexId: String(v.id), subtaskIndex: i, keyGroups, timers: timers.size > 0 ? timers : undefined });
        stateFile = stateFileName(String(v.id), i);
      }
      return { subtaskIndex: i, keyGroupRange: { startKeyGroup: range.startKeyGroup, endKeyGroup: range.endKeyGroup }, stateFile, operatorState };
    }),
  }));
  return { input: { checkpointId: cp.id, triggerTimestampMs: wallClockMs - (cp.completedAt - cp.triggeredAt), completionTimestampMs: wallClockMs, vertices }, states };
}

/** A completed checkpoint read back from storage, ready for `assignState`. */
export function checkpointFromStorage(loaded: LoadedCheckpoint): CompletedCheckpoint {
  const snapshots = new Map<string, TaskSnapshot>();
  const maxParallelism: number[] = [];
  const parallelism: number[] = [];
  for (const v of loaded.metadata.vertices) {
    const id = Number(v.vertexId);
    maxParallelism[id] = v.maxParallelism;
    parallelism[id] = v.parallelism;
    for (const s of v.subtasks) {
      const op = (s.operatorState ?? { operators: [], alignmentMs: 0, stateBytes: 0 }) as SubtaskOperatorState;
      const file = s.stateFile ? loaded.states.get(s.stateFile) : undefined;
      const keyGroups: KeyGroupSnapshot[] = [];
      if (file) {
        for (const [kg, byName] of file.keyGroups) {
          const states: Record<string, ReadonlyMap<unknown, unknown>> = {};
          for (const [name, map] of byName) states[name] = map;
          keyGroups.push({ keyGroup: kg, states, timers: file.timers?.get(kg) ?? [] });
        }
      }
      snapshots.set(`${id}/${s.subtaskIndex}`, {
        vertexId: id,
        subtask: s.subtaskIndex,
        checkpointId: loaded.metadata.checkpointId,
        keyGroups,
        sourcePosition: op.sourcePosition,
        operators: op.operators ?? [],
        alignmentMs: op.alignmentMs ?? 0,
        stateBytes: op.stateBytes ?? 0,
        finished: op.finished,
        channelState: op.channelState,
      });
    }
  }
  return {
    id: loaded.metadata.checkpointId,
    isSavepoint: loaded.metadata.isSavepoint,
    triggeredAt: 0,
    completedAt: 0,
    snapshots,
    maxParallelism,
    parallelism,
  };
}
