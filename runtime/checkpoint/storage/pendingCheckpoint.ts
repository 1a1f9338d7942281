// A checkpoint being written: state files land in its `.inprogress-` directory as subtasks'
// snapshots are ready; complete() writes `_metadata` last and renames the directory into place.
// Imports ../encoding and this folder only.
import { encodeCheckpointData } from '../encoding.js';
import { frameCheckpointFile } from './checkpointFileFormat.js';
import { joinPath, type CheckpointFs } from './checkpointFs.js';
import { METADATA_FILE_NAME, stateFileName } from './checkpointLayout.js';
import type { CheckpointMetadata, CheckpointMetadataInput, EventTimeTimer, KeyGroupedState, StateFileMetadata, SubtaskStateFileContent } from './checkpointMetadata.js';

/** The keyed state of one subtask, to be written as one state file. */
export interface SubtaskStateToWrite {
  /** The vertex id (as in the metadata). */
  readonly vertexId: string;
  /** 0-based subtask index. */
  readonly subtaskIndex: number;
  /** key group → state name → (key → value). */
  readonly keyGroups: KeyGroupedState;
  /** Event-time timers per key group, in firing order (omit when there are none). */
  readonly timers?: ReadonlyMap<number, readonly EventTimeTimer[]>;
}

/** A checkpoint or savepoint under construction. Not reusable after complete() or abort(). */
export class PendingCheckpoint {
  private readonly written = new Map<string, StateFileMetadata>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private state: 'open' | 'completing' | 'done' = 'open';

  /** @internal created by CheckpointStorage. */
  constructor(
    private readonly fs: CheckpointFs,
    private readonly jobId: string,
    private readonly isSavepoint: boolean,
    /** The `.inprogress-` directory being written. */
    readonly workPath: string,
    /** Where the checkpoint will exist once complete. */
    readonly finalPath: string,
  ) {}

  /**
   * Encodes and durably writes one subtask's keyed state as `stateFileName(vertexId, subtaskIndex)`.
   * Resolves to the entry `_metadata` will list.
   */
  writeState(state: SubtaskStateToWrite): Promise<StateFileMetadata> {
    if (this.state !== 'open') throw new Error(`PendingCheckpoint: cannot write state after complete() or abort()`);
    const name = stateFileName(state.vertexId, state.subtaskIndex);
    if (this.written.has(name)) throw new Error(`PendingCheckpoint: state file ${name} written twice`);
    const content: SubtaskStateFileContent = {
      stateVersion: 1,
      vertexId: state.vertexId,
      subtaskIndex: state.subtaskIndex,
      keyGroups: state.keyGroups,
      ...(state.timers !== undefined && state.timers.size > 0 ? { timers: state.timers } : {}),
    };
    const framed = frameCheckpointFile('state', encodeCheckpointData(content));
    const entry: StateFileMetadata = { name, sizeBytes: framed.sizeBytes, checksum: framed.checksum };
    this.written.set(name, entry);
    const p = this.fs.writeFileAtomic(joinPath(this.workPath, name), framed.bytes).then(() => entry);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  /**
   * Waits for every state file, writes `_metadata` (listing each file with its size and checksum)
   * and renames the directory to its final name, making the checkpoint exist. Every subtask naming
   * a state file must have had it written, and every written file must be named. Returns the final path.
   */
  async complete(input: CheckpointMetadataInput): Promise<string> {
    if (this.state !== 'open') throw new Error('PendingCheckpoint: complete() called twice or after abort()');
    this.state = 'completing';
    await Promise.all(this.inFlight);
    const referenced = new Set<string>();
    for (const v of input.vertices) {
      for (const s of v.subtasks) {
        if (s.stateFile === null) continue;
        if (!this.written.has(s.stateFile)) throw new Error(`PendingCheckpoint: vertex ${v.vertexId} subtask ${s.subtaskIndex} names state file ${s.stateFile}, which was not written`);
        if (referenced.has(s.stateFile)) throw new Error(`PendingCheckpoint: state file ${s.stateFile} is named by two subtasks`);
        referenced.add(s.stateFile);
      }
    }
    for (const name of this.written.keys()) {
      if (!referenced.has(name)) throw new Error(`PendingCheckpoint: state file ${name} was written but no subtask names it`);
    }
    const metadata: CheckpointMetadata = {
      metadataVersion: 1,
      jobId: this.jobId,
      checkpointId: input.checkpointId,
      triggerTimestampMs: input.triggerTimestampMs,
      completionTimestampMs: input.completionTimestampMs,
      isSavepoint: this.isSavepoint,
      vertices: input.vertices,
      stateFiles: [...this.written.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
    const framed = frameCheckpointFile('metadata', encodeCheckpointData(metadata));
    await this.fs.writeFileAtomic(joinPath(this.workPath, METADATA_FILE_NAME), framed.bytes);
    await this.fs.rename(this.workPath, this.finalPath);
    this.state = 'done';
    return this.finalPath;
  }

  /** Deletes the unfinished directory (a declined or expired checkpoint). Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.state === 'done') return;
    this.state = 'done';
    await Promise.allSettled(this.inFlight);
    await this.fs.removeRecursive(this.workPath);
  }
}

/** Writes every state in `states` into `pending`, each as its own file, concurrently. */
export async function writeStateFiles(pending: PendingCheckpoint, states: readonly SubtaskStateToWrite[]): Promise<void> {
  await Promise.all(states.map((s) => pending.writeState(s)));
}
