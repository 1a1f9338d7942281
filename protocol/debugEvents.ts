// The debug adapter's custom events (`checkpointLab/...`) for the panels: job and task states, the
// checkpoint lifecycle with per-subtask acknowledgements, recovery phases, and the JobSnapshot with
// key-group deltas. Sent batched, at most every `PANEL_EVENT_INTERVAL_MS`. Imports only protocol/.
import type { JobSnapshot, JobStatusName } from './jobSnapshot.js';

/** The shortest wall-clock interval between two batches of panel events, ms. */
export const PANEL_EVENT_INTERVAL_MS = 100;

/** A subtask as the panels address it. */
export interface SubtaskAddress {
  /** The local runtime's vertex id (as in JobSnapshot's `VertexSnapshot.id`). */
  readonly vertexId: string;
  /** 0-based. */
  readonly subtask: number;
}

/** `checkpointLab/jobState`: the job's status changed. `time` is job-clock ms. */
export interface JobStateEventBody {
  readonly time: number;
  readonly state: JobStatusName;
  readonly previous: JobStatusName;
  readonly reason?: string;
}

/** `checkpointLab/taskStates`: subtask state changes since the last batch, in order. */
export interface TaskStatesEventBody {
  readonly changes: readonly (SubtaskAddress & { readonly time: number; readonly state: string; readonly reason?: string })[];
}

/** One step of a checkpoint's life. */
export type CheckpointLifecycleEntry =
  | { readonly phase: 'triggered'; readonly checkpointId: number; readonly time: number; readonly isSavepoint: boolean }
  | (SubtaskAddress & { readonly phase: 'acknowledged'; readonly checkpointId: number; readonly time: number; readonly alignmentMs: number; readonly stateBytes: number })
  | { readonly phase: 'completed'; readonly checkpointId: number; readonly time: number; readonly durationMs: number; readonly stateBytes: number }
  | { readonly phase: 'failed'; readonly checkpointId: number; readonly time: number; readonly reason: string; readonly message: string };

/** `checkpointLab/checkpoints`: checkpoint lifecycle entries since the last batch, in order. */
export interface CheckpointsEventBody {
  readonly entries: readonly CheckpointLifecycleEntry[];
}

/** `checkpointLab/recovery`: recovery phases since the last batch, each with its data as the runtime reports it. */
export interface RecoveryEventBody {
  readonly phases: readonly ({ readonly phase: string; readonly time: number } & Readonly<Record<string, unknown>>)[];
}

/** `checkpointLab/jobSnapshot`: the whole picture; `seq` grows by one per snapshot or delta. */
export interface JobSnapshotEventBody {
  readonly seq: number;
  readonly snapshot: JobSnapshot;
}

/** `checkpointLab/keyGroups`: keys and state bytes per key group of each keyed subtask, changed since the snapshot `seq - 1`. */
export interface KeyGroupsDeltaEventBody {
  readonly seq: number;
  /** Job-clock ms of the metrics. */
  readonly time: number;
  readonly subtasks: readonly (SubtaskAddress & {
    readonly recordsIn: number;
    readonly recordsOut: number;
    readonly keyGroups: readonly { readonly keyGroup: number; readonly keys: number; readonly stateBytes: number }[];
  })[];
}

/** Every custom event of the debug adapter: name → body. */
export interface DebugCustomEvents {
  'checkpointLab/jobState': JobStateEventBody;
  'checkpointLab/taskStates': TaskStatesEventBody;
  'checkpointLab/checkpoints': CheckpointsEventBody;
  'checkpointLab/recovery': RecoveryEventBody;
  'checkpointLab/jobSnapshot': JobSnapshotEventBody;
  'checkpointLab/keyGroups': KeyGroupsDeltaEventBody;
}

/** A custom event name. */
export type DebugCustomEventName = keyof DebugCustomEvents;
