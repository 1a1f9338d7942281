// The host↔panel protocol of the webviews (GitLens style): the panel says `ready`, the host answers
// with a full snapshot, updates carry sequence numbers, a panel that missed one asks for a resync,
// and requests get exactly one response. Wire types only; imports only its protocol/ siblings.
import type { CheckpointRecord, JobExceptionSnapshot, JobSnapshot } from './jobSnapshot.js';

/** The panels. */
export type PanelKind = 'partitions' | 'timeline' | 'state';

/** Where the panel's data comes from, for its header. */
export interface PanelSourceInfo {
  /** `local run`, `Flink job`, `checkpoint directory`. */
  readonly kind: 'local' | 'flink' | 'checkpoint-dir';
  /** A file, a URL or a directory. */
  readonly label: string;
}

/**
 * Load per key group of a keyed vertex, as parallel arrays indexed by key group (length
 * maxParallelism: compact on the wire for 32,768 key groups). Absent figures are not known.
 */
export interface KeyGroupLoads {
  /** Distinct keys with state in each key group. */
  readonly keys: readonly number[];
  /** Approximate state bytes (keys and values) of each key group. */
  readonly stateBytes: readonly number[];
  /** Records processed for keys of each key group, when the source counts them. */
  readonly records?: readonly number[];
}

/** One key of a vertex's state, for the hot-keys table and the hover. */
export interface HotKey {
  /** The key as text (`"user-7"`, `42`). */
  readonly key: string;
  readonly keyGroup: number;
  /** 0-based owning subtask. */
  readonly subtask: number;
  /** Approximate state bytes of the key (key and values). */
  readonly stateBytes: number;
}

/** A keyed vertex as the partition visualiser shows it. */
export interface PartitionVertex {
  readonly vertexId: string;
  readonly name: string;
  readonly parallelism: number;
  /** The number of key groups. */
  readonly maxParallelism: number;
  /** Per key group: keys, state bytes (and records when counted). */
  readonly keyGroups: KeyGroupLoads;
  /** The heaviest keys (by state bytes), heaviest first, at most 50. */
  readonly hotKeys: readonly HotKey[];
  /** Which figures are known: `keys`/`stateBytes` need key-group statistics, `records` record counts. */
  readonly measures: readonly PartitionMeasure[];
  /** Where the figures come from, in words (`checkpoint 7`, `metrics at job time 4.0 s`). */
  readonly measuredAt: string;
  /** Per subtask: its key-group range and load. */
  readonly subtasks: readonly SubtaskLoad[];
  /** Busiest subtask's state bytes (keys when bytes are unknown) over the mean; 1 is perfectly even, null when nothing is measured. */
  readonly skewRatio: number | null;
  /** The balance in plain words. */
  readonly verdict: string;
}

/** One subtask's share of a keyed vertex. */
export interface SubtaskLoad {
  readonly subtask: number;
  /** Flink's display name, `GroupAggregate (2/4)`. */
  readonly displayName: string;
  readonly start: number;
  readonly end: number;
  readonly keys: number;
  readonly stateBytes: number;
  readonly records?: number;
}

/** A figure a key-group cell can be shaded by. */
export type PartitionMeasure = 'keys' | 'stateBytes' | 'records';

/** The partition visualiser's data. */
export interface PartitionsState {
  readonly vertices: readonly PartitionVertex[];
}

/** One subtask's acknowledgement of a checkpoint. */
export interface SubtaskCheckpointAck {
  readonly vertexId: string;
  readonly subtask: number;
  /** When it acknowledged, ms (the snapshot's clock). */
  readonly ackTimestamp: number;
  /** Trigger to acknowledgement, ms. */
  readonly ackLatencyMs: number;
  /** Time the subtask spent aligning barriers, ms. */
  readonly alignmentMs: number;
  /** State bytes it reported. */
  readonly stateBytes: number;
}

/** A checkpoint on the timeline: Flink's record plus what a local run also knows. */
export interface TimelineCheckpoint extends CheckpointRecord {
  /** Flink's failure reason (`CHECKPOINT_DECLINED`, `CHECKPOINT_EXPIRED`, `CHECKPOINT_SUBSUMED`, ...), when failed. */
  readonly failureReason?: string;
  /** Longest alignment of any subtask, ms. */
  readonly maxAlignmentMs?: number;
  /** Per-subtask acknowledgements, when known (local runs; Flink's per-subtask details otherwise). */
  readonly acks?: readonly SubtaskCheckpointAck[];
}

/** One phase of a recovery. */
export interface RecoveryPhase {
  /** `failure-detected`, `tasks-cancelled`, `restart-delay`, `checkpoint-chosen`, `state-assigned`, `sources-rewound`, `transactions-aborted`, `running`. */
  readonly phase: string;
  /** When the phase happened, ms (the snapshot's clock). */
  readonly time: number;
  /** What it did, in words. */
  readonly detail: string;
}

/** A failure and the recovery that followed. */
export interface TimelineRecovery {
  /** 1-based restart count when the job ran again (the attempt), or null if it did not. */
  readonly attempt: number | null;
  /** When the failure was detected, ms. */
  readonly failedAt: number;
  /** When the job was running again, ms; null while recovering or if it never ran again. */
  readonly runningAt: number | null;
  /** The failed task and reason. */
  readonly task: string;
  readonly reason: string;
  /** The checkpoint restored, or null (from scratch). */
  readonly restoredCheckpointId: number | null;
  readonly phases: readonly RecoveryPhase[];
}

/** The checkpoint timeline's data. */
export interface TimelineState {
  /** What timestamps mean (see JobSnapshot.clock). */
  readonly clock: JobSnapshot['clock'];
  /** The job's start on that clock (0 for job-time), ms. */
  readonly startTimestamp: number;
  /** How long the job ran, ms. */
  readonly durationMs: number;
  readonly checkpoints: readonly TimelineCheckpoint[];
  readonly recoveries: readonly TimelineRecovery[];
  readonly exceptions: readonly JobExceptionSnapshot[];
  /** The restart strategy in words with its limit (`fixed-delay, 3 attempts`), when known. */
  readonly restartStrategy?: string;
  /** The configured interval etc., null when checkpointing is disabled or unknown. */
  readonly config: JobSnapshot['checkpoints']['config'];
}

/** A retained checkpoint or savepoint the state browser can open. */
export interface RetainedCheckpoint {
  /** An opaque handle for requests (its directory). */
  readonly path: string;
  readonly checkpointId: number | null;
  readonly isSavepoint: boolean;
  readonly status: 'complete' | 'corrupt';
  readonly sizeBytes: number;
}

/** The state browser's data. */
export interface StateBrowserState {
  readonly checkpoints: readonly RetainedCheckpoint[];
}

/** Everything a panel shows; each panel reads its part. */
export interface PanelSections {
  readonly job: { readonly name: string; readonly jobId: string; readonly state: string; readonly source: PanelSourceInfo } | null;
  readonly partitions: PartitionsState;
  readonly timeline: TimelineState | null;
  readonly state: StateBrowserState;
}

/** Host → panel. */
export type HostToPanelMessage =
  /** The whole picture; resets the sequence to `seq`. */
  | { readonly type: 'snapshot'; readonly seq: number; readonly sections: PanelSections }
  /** Replaces the given sections; `seq` is the previous message's plus one. */
  | { readonly type: 'update'; readonly seq: number; readonly sections: Partial<PanelSections> }
  /** The answer to a request. */
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: string };

/** Panel → host. */
export type PanelToHostMessage =
  /** The panel loaded (or reloaded) and wants a snapshot. */
  | { readonly type: 'ready'; readonly panel: PanelKind }
  /** The panel saw a gap in the sequence (`expected`, got a later one) and wants a fresh snapshot. */
  | { readonly type: 'resync'; readonly expected: number }
  | { [M in PanelRequestMethod]: { readonly type: 'request'; readonly id: number; readonly method: M; readonly params: PanelRequestMap[M]['params'] } }[PanelRequestMethod];

/** A key type as the lookup offers it (the runtime's key types). */
export type PanelKeyType = 'java-string' | 'java-int' | 'java-long' | 'sql-string' | 'sql-int' | 'sql-bigint';

/** The key types in display order with their labels. */
export const PANEL_KEY_TYPES: ReadonlyArray<{ readonly type: PanelKeyType; readonly label: string }> = [
  { type: 'sql-string', label: 'SQL STRING' },
  { type: 'sql-int', label: 'SQL INT' },
  { type: 'sql-bigint', label: 'SQL BIGINT' },
  { type: 'java-string', label: 'Java String' },
  { type: 'java-int', label: 'Java Integer' },
  { type: 'java-long', label: 'Java Long' },
];

/** Result of a key lookup. */
export type KeyLookupResult =
  | {
      readonly ok: true;
      readonly keyGroup: number;
      /** 0-based subtask. */
      readonly subtask: number;
      /** The subtask's display name, e.g. `GroupAggregate (2/4)`. */
      readonly subtaskName: string;
      /** State bytes of this key, when the key is in the loaded state. */
      readonly stateBytes?: number;
    }
  | { readonly ok: false; readonly error: string };

/** How many keys a scheme moves when the parallelism changes. */
export interface RescaleSchemeResult {
  /** `Flink key groups`, `consistent-hash ring (V virtual nodes)`, `hash % n`. */
  readonly scheme: string;
  /** Keys whose owner changes. */
  readonly keysMoved: number;
  /** State bytes of those keys. */
  readonly bytesMoved: number;
  /** Keys per new owner. */
  readonly keysPerOwner: readonly number[];
}

/** The rescale preview of a keyed vertex. */
export type RescalePreview =
  | {
      readonly ok: true;
      readonly fromParallelism: number;
      readonly toParallelism: number;
      readonly fromMaxParallelism: number;
      readonly toMaxParallelism: number;
      /** Whether Flink can restore the state (max parallelism unchanged). */
      readonly restorable: boolean;
      /** Key groups whose owning subtask changes (with max parallelism unchanged). */
      readonly keyGroupsMoved: number;
      /** Every key group that moves: [keyGroup, fromSubtask, toSubtask]. */
      readonly movedKeyGroups: readonly (readonly [number, number, number])[];
      /** Keys and bytes in the state considered. */
      readonly totalKeys: number;
      readonly totalBytes: number;
      /** Per new subtask: its key-group range, keys and bytes (the new balance). */
      readonly newSubtasks: readonly { readonly subtask: number; readonly start: number; readonly end: number; readonly keys: number; readonly stateBytes: number }[];
      /** Flink's key groups, the consistent-hash ring and modulo hashing, for the same keys. */
      readonly schemes: readonly RescaleSchemeResult[];
      /** How the keys were hashed for the comparison, in words. */
      readonly hashNote: string;
      /**
       * The consistent-hash ring after the change, for drawing: its virtual nodes (position as a
       * fraction of the ring, owner) and up to 500 keys it moves (positions); absent without keys
       * or with more than 4,000 virtual nodes.
       */
      readonly ring?: { readonly points: readonly (readonly [number, number])[]; readonly movedKeys: readonly number[] };
    }
  | { readonly ok: false; readonly error: string };

/** One vertex's share of a checkpoint (Flink's TaskCheckpointStatistics plus per-subtask acks). */
export interface CheckpointVertexDetail {
  readonly vertexId: string;
  readonly name: string;
  readonly acknowledged: number;
  readonly total: number;
  readonly stateBytes: number;
  /** Longest alignment of its subtasks, ms; absent when only per-vertex figures are known (Flink). */
  readonly maxAlignmentMs?: number;
  /** In-flight data it persisted (unaligned checkpoints), when reported. */
  readonly persistedDataBytes?: number;
  readonly subtasks: readonly SubtaskCheckpointAck[];
}

/** One checkpoint's details. */
export type CheckpointDetails =
  | { readonly ok: true; readonly checkpoint: TimelineCheckpoint; readonly vertices: readonly CheckpointVertexDetail[]; readonly files: readonly { readonly name: string; readonly sizeBytes: number }[] }
  | { readonly ok: false; readonly error: string };

/** A node of the state tree: a vertex, subtask, key group or key. */
export interface StateNode {
  /** Where it is: `v`, `v/s`, `v/s/kg`, `v/s/kg/keyIndex`. */
  readonly path: string;
  readonly label: string;
  /** Whether it has children to page through. */
  readonly hasChildren: boolean;
  /** Count of children (key groups, keys...) when known. */
  readonly childCount?: number;
  readonly stateBytes?: number;
}

/** A page of children. */
export type StatePage =
  | { readonly ok: true; readonly nodes: readonly StateNode[]; readonly offset: number; readonly total: number }
  | { readonly ok: false; readonly error: string };

/** A key's values in one checkpoint, as JSON text (pretty-printed), or null if absent. */
export type StateValueResult = { readonly ok: true; readonly text: string | null } | { readonly ok: false; readonly error: string };

/** A diff of two checkpoints at a path (vertex, subtask, key group or key). */
export type StateDiffResult =
  | {
      readonly ok: true;
      /** JSON text of the left and right side at that path. */
      readonly left: string;
      readonly right: string;
      /** Keys added, removed and changed below the path. */
      readonly added: number;
      readonly removed: number;
      readonly changed: number;
      /** Up to 100 changed keys, as labels with their paths. */
      readonly changedKeys: readonly { readonly label: string; readonly path: string }[];
      /** When the scope is large, the texts hold only differing keys, at most 2,000: how many they hold. */
      readonly keysShown: number;
      /** Whether differing keys were left out of the texts (more than 2,000). */
      readonly truncated: boolean;
    }
  | { readonly ok: false; readonly error: string };

/** Every request a panel can make: method → params and result. */
export interface PanelRequestMap {
  lookupKey: { params: { readonly vertexId: string; readonly keyType: PanelKeyType; readonly key: string | null }; result: KeyLookupResult };
  rescalePreview: {
    params: { readonly vertexId: string; readonly parallelism: number; readonly maxParallelism: number; readonly virtualNodes: number };
    result: RescalePreview;
  };
  checkpointDetails: { params: { readonly checkpointId: number }; result: CheckpointDetails };
  stateChildren: { params: { readonly checkpoint: string; readonly path: string; readonly offset: number; readonly limit: number }; result: StatePage };
  stateValue: { params: { readonly checkpoint: string; readonly path: string }; result: StateValueResult };
  stateDiff: { params: { readonly left: string; readonly right: string; readonly path: string }; result: StateDiffResult };
}

/** A request method. */
export type PanelRequestMethod = keyof PanelRequestMap;

/** How long a panel waits for a response before the request fails, ms. */
export const PANEL_REQUEST_TIMEOUT_MS = 10_000;

/** At most this many updates per second go to a panel; the rest are coalesced. */
export const PANEL_MAX_UPDATES_PER_SECOND = 10;
