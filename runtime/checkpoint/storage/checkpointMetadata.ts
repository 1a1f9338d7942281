// What a checkpoint's `_metadata` file holds (the encoded payload of its metadata frame), and the
// content shape of its state files. Types only; imports nothing.

/** An inclusive key-group range `[startKeyGroup, endKeyGroup]`; empty when end < start. */
export interface KeyGroupRangeMetadata {
  readonly startKeyGroup: number;
  readonly endKeyGroup: number;
}

/** A state file of the checkpoint, as `_metadata` lists it. */
export interface StateFileMetadata {
  /** File name inside the checkpoint directory, e.g. `vertex-2-subtask-0.state`. */
  readonly name: string;
  /** File size in bytes, header included. */
  readonly sizeBytes: number;
  /** CRC-32C of the file's payload, 8 lowercase hex digits (the same value as in its header). */
  readonly checksum: string;
}

/** The state of one subtask of a vertex in a checkpoint (Flink's OperatorSubtaskState). */
export interface SubtaskStateMetadata {
  /** 0-based subtask index. */
  readonly subtaskIndex: number;
  /** The key groups this subtask owned when the checkpoint was taken (empty for a non-keyed vertex). */
  readonly keyGroupRange: KeyGroupRangeMetadata;
  /** The state file holding this subtask's keyed state, or null when it had none. */
  readonly stateFile: string | null;
  /**
   * Opaque operator state of the subtask (source positions, pending sink transactions, channel
   * state...), encoded as is. The storage layer never looks inside.
   */
  readonly operatorState?: unknown;
}

/** One job vertex (a chain of operators) in a checkpoint (Flink's OperatorState). */
export interface VertexStateMetadata {
  /** The vertex id as the job graph names it. */
  readonly vertexId: string;
  /** The display name, e.g. `GroupAggregate`, when known. */
  readonly vertexName?: string;
  /** Parallelism when the checkpoint was taken. */
  readonly parallelism: number;
  /** Max parallelism (number of key groups); wins over a derived one on restore, as in Flink. */
  readonly maxParallelism: number;
  /** One entry per subtask, sorted by subtask index. */
  readonly subtasks: readonly SubtaskStateMetadata[];
}

/** What the caller states about a checkpoint when it writes one. */
export interface CheckpointMetadataInput {
  /** Checkpoint id (positive integer; savepoints also carry the id of the checkpoint they are). */
  readonly checkpointId: number;
  /** When the checkpoint was triggered: job clock milliseconds. */
  readonly triggerTimestampMs: number;
  /** When it completed (all acks in): job clock milliseconds. */
  readonly completionTimestampMs: number;
  /** The vertices and their subtasks' state. */
  readonly vertices: readonly VertexStateMetadata[];
}

/** The decoded `_metadata` of a checkpoint or savepoint. */
export interface CheckpointMetadata extends CheckpointMetadataInput {
  /** Version of this metadata shape. */
  readonly metadataVersion: 1;
  /** The job id: 32 lowercase hex characters, like Flink's JobID. */
  readonly jobId: string;
  /** Whether this is a savepoint (user-triggered, never subsumed) rather than a checkpoint. */
  readonly isSavepoint: boolean;
  /** Every state file of the checkpoint with its size and checksum, sorted by name. */
  readonly stateFiles: readonly StateFileMetadata[];
}

/**
 * Keyed state of one subtask, per key group: key group → state name → (key → value). Keys and
 * values use the runtime's value representation (runtime/types/logicalType.ts); a key is the key
 * value itself for one-field keys, otherwise the backend's encoded key. Window and timer state are
 * ordinary named states whose keys or values carry their namespace.
 */
export type KeyGroupedState = Map<number, Map<string, Map<unknown, unknown>>>;

/** An event-time timer of a key (Flink's InternalTimer, namespace folded into the key if any). */
export interface EventTimeTimer {
  /** When it fires: event time, ms. */
  readonly timestamp: number;
  /** The key it fires for (the same key representation as KeyGroupedState). */
  readonly key: unknown;
}

/** The content of a state file. */
export interface SubtaskStateFileContent {
  /** Version of this content shape. */
  readonly stateVersion: 1;
  /** The vertex the state belongs to. */
  readonly vertexId: string;
  /** 0-based subtask index. */
  readonly subtaskIndex: number;
  /** The keyed state, per key group. */
  readonly keyGroups: KeyGroupedState;
  /** Event-time timers per key group, in firing order; absent when the subtask has none. */
  readonly timers?: ReadonlyMap<number, readonly EventTimeTimer[]>;
}
