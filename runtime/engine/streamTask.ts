// One subtask of a vertex (Flink's StreamTask): its input channels, operator chain, record
// writers and state, and the single step the scheduler asks it to take.
import type { BarrierHandler } from '../checkpoint/barrierHandler.js';
import type { UnalignedBarrierHandler } from '../checkpoint/unalignedBarrierHandler.js';
import { snapshotKeyedState, type TaskSnapshot } from '../checkpoint/taskSnapshot.js';
import type { Row, RowSink, SourceReader } from '../connectors/api.js';
import type { TimerService } from '../state/timerService.js';
import type { KeyedStateBackend } from '../state/keyedStateBackend.js';
import { RowKind } from '../types/rowKind.js';
import type { Channel } from './channel.js';
import type { TaskState } from './events.js';
import type { JobVertex } from './jobGraph.js';
import type { StreamOperator } from './operator.js';
import type { OperatorChain } from './operatorChain.js';
import { MAX_WATERMARK, MIN_WATERMARK, RecordBatch, type CheckpointBarrier } from './records.js';
import type { RecordWriter } from './recordWriter.js';

/** What a subtask would do if it ran now. */
export type NextAction = 'record' | 'watermark' | 'barrier' | 'endOfInput' | 'poll';

/** What one step did. */
export interface StepOutcome {
  /** Records taken from the input or the source. */
  readonly records: number;
  /** The kind of element processed. */
  readonly action: NextAction;
  /** The combined watermark, if it advanced in this step. */
  readonly watermarkAdvancedTo?: number;
  /** Whether the subtask finished in this step. */
  readonly finished: boolean;
}

/** Where a subtask reports its part of a checkpoint. */
export interface CheckpointListener {
  /** The subtask snapshotted its state for a checkpoint and forwarded the barrier. */
  acknowledge(task: StreamTask, snapshot: TaskSnapshot): void;
  /** The subtask cannot complete a checkpoint (a newer barrier overtook its alignment). */
  decline(task: StreamTask, checkpointId: number, reason: string): void;
}

/** Collects rows polled from a source into a batch. */
class SourceBatch implements RowSink {
  batch = new RecordBatch();
  push(row: Row): void {
    this.batch.push(RowKind.INSERT, row);
  }
}

/** One running subtask. */
export class StreamTask implements RowSink {
  state: TaskState = 'CREATED';
  /** Job-clock time until which this subtask is busy with its last step. */
  busyUntil = 0;
  /** Sources: job-clock time before which the reader has nothing. */
  waitUntil = 0;
  /** Combined input watermark. */
  watermark = MIN_WATERMARK;
  recordsIn = 0;
  /** The rows handed to the chain by the last step (one row when stepped record by record): a failure's record. */
  lastInput: RecordBatch | undefined;
  busyTimeMs = 0;
  backPressuredTimeMs = 0;
  private sourceEnded = false;
  private sourceEndPending = false;
  private pending: RecordBatch | undefined;
  private pendingOffset = 0;
  /** Barrier handling of the input gate; absent without checkpointing or for sources. */
  private barriers: BarrierHandler | undefined;
  /** Unaligned barrier handling, when unaligned checkpoints are enabled. */
  private unaligned: UnalignedBarrierHandler | undefined;
  /** The snapshot of an unaligned checkpoint, waiting for its in-flight data to arrive. */
  private unalignedSnapshot: TaskSnapshot | undefined;
  private alignedCheckpointTimeoutMs = 0;
  private checkpoints: CheckpointListener | undefined;
  /** Sources: a checkpoint the coordinator triggered, injected before the next poll. */
  private triggered: CheckpointBarrier | undefined;
  /** Sources: stop emitting once the next barrier is injected (stop-with-savepoint). */
  suspendAfterBarrier = false;
  private suspended = false;
  /** Event-time timers of a keyed vertex. */
  timers: TimerService | undefined;
  private nextChannel = 0;
  private readonly sourceBatch = new SourceBatch();

  constructor(
    readonly vertex: JobVertex,
    readonly index: number,
    /** Input channels in input-gate order. */
    readonly inputs: readonly Channel[],
    readonly writers: readonly RecordWriter[],
    readonly chain: OperatorChain,
    readonly operators: readonly StreamOperator[],
    readonly reader: SourceReader | undefined,
    readonly keyedState: KeyedStateBackend | undefined,
    /** The slot's TaskManager. */
    readonly taskManager: string,
    /** Rows a source polls per step (one network buffer). */
    private readonly batchSize: number,
  ) {}

  push(row: Row): void {
    this.sourceBatch.push(row);
  }

  /** Records written to output edges. */
  get recordsOut(): number {
    let n = 0;
    for (const w of this.writers) n += w.recordsOut;
    return n;
  }

  /**
   * Enables checkpointing: barriers on the input gate go through `handler` (and, for unaligned
   * barriers, `unaligned`), acknowledgements to `listener`.
   */
  enableCheckpointing(handler: BarrierHandler | undefined, listener: CheckpointListener, unaligned?: UnalignedBarrierHandler, alignedCheckpointTimeoutMs = 0): void {
    this.barriers = handler;
    this.checkpoints = listener;
    this.unaligned = unaligned;
    this.alignedCheckpointTimeoutMs = alignedCheckpointTimeoutMs;
  }

  /** When this subtask's alignment times out and the checkpoint turns unaligned, if it can. */
  alignmentDeadline(): number | undefined {
    if (!this.unaligned || this.alignedCheckpointTimeoutMs <= 0 || this.state !== 'RUNNING') return undefined;
    return this.barriers?.alignmentDeadline(this.alignedCheckpointTimeoutMs);
  }

  /**
   * aligned-checkpoint-timeout: an alignment running past its deadline switches to unaligned —
   * the snapshot is taken now, the barrier overtakes the queued output, and whatever arrives
   * before the missing barriers is persisted as channel state.
   */
  checkAlignmentTimeout(now: number): void {
    const deadline = this.alignmentDeadline();
    if (deadline === undefined || now < deadline) return;
    const abandoned = this.barriers!.abandonAlignment()!;
    const barrier = { ...abandoned.barrier, unaligned: true };
    this.unalignedSnapshot = this.snapshot(barrier.checkpointId, now - abandoned.startedAt);
    for (const w of this.writers) w.broadcastUnalignedBarrier(barrier);
    const d = this.unaligned!.startFromAlignment(barrier, abandoned.delivered);
    if (d.kind === 'complete') this.completeUnaligned(d.channelState);
  }

  /** Sources: inject the barrier of a triggered checkpoint before the next record (Flink's triggerCheckpoint RPC). */
  triggerCheckpoint(barrier: CheckpointBarrier): void {
    this.triggered = barrier;
  }

  /** Whether a triggered checkpoint waits to be injected. */
  hasTriggeredCheckpoint(): boolean {
    return this.triggered !== undefined;
  }

  /** Tells every operator that a checkpoint completed (where sinks commit). */
  notifyCheckpointComplete(checkpointId: number): void {
    for (const op of this.operators) op.notifyCheckpointComplete?.(checkpointId);
  }

  /** Whether input channel `channel` is blocked by barrier alignment (for the debugger). */
  isInputBlocked(channel: number): boolean {
    return this.barriers?.isBlocked(channel) ?? false;
  }

  /** Whether the subtask is in the middle of a buffer (record-by-record stepping). */
  hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** Whether the subtask has something to process at job time `now`, ignoring output capacity. */
  hasWork(now: number): boolean {
    if (this.state !== 'RUNNING') return false;
    if (this.pending) return true;
    if (this.triggered) return true;
    if (this.reader) return !this.sourceEnded && !this.suspended && this.waitUntil <= now;
    return this.pickChannel() >= 0;
  }

  /** Whether the subtask will have work once its source wait is over or input arrives. */
  isWaitingForSource(): boolean {
    return this.state === 'RUNNING' && this.reader !== undefined && !this.sourceEnded && !this.suspended;
  }

  /** Whether every output edge can take another buffer. */
  hasOutputCapacity(): boolean {
    for (const w of this.writers) if (!w.hasCapacity()) return false;
    return true;
  }

  /** Whether the scheduler may start a new step of this subtask at `now`. */
  canRun(now: number): boolean {
    return this.busyUntil <= now && this.hasWork(now) && this.hasOutputCapacity();
  }

  /** What the next step would process, or undefined if nothing. */
  peekAction(): { action: NextAction; kind?: RowKind; row?: Row } | undefined {
    if (this.pending) {
      return { action: 'record', kind: this.pending.kinds[this.pendingOffset]!, row: this.pending.rows[this.pendingOffset]! };
    }
    if (this.triggered) return { action: 'barrier' };
    if (this.reader) return this.sourceEnded ? undefined : { action: 'poll' };
    const c = this.pickChannel();
    if (c < 0) return undefined;
    const e = this.inputs[c]!.peek()!;
    if (e.type === 'records') return { action: 'record', kind: e.batch.kinds[0]!, row: e.batch.rows[0]! };
    return { action: e.type };
  }

  /**
   * Takes one step: processes at most `maxRecords` rows of the current buffer; when none is in
   * progress, first takes the next element — polls the source once, or takes the next element of
   * the input channels in round-robin order. Processing a buffer in several steps gives the same
   * results as in one.
   */
  step(now: number, maxRecords: number): StepOutcome {
    if (this.pending) return this.processPending(maxRecords, 'record');
    if (this.triggered) {
      const barrier = this.triggered;
      this.triggered = undefined;
      this.performCheckpoint(barrier, 0);
      // A synchronous savepoint (stop-with-savepoint): nothing after the barrier is emitted.
      if (this.suspendAfterBarrier) this.suspended = true;
      return { records: 0, action: 'barrier', finished: false };
    }
    if (this.reader) return this.stepSource(now, maxRecords);
    const ci = this.pickChannel();
    if (ci < 0) throw new Error(`${this.vertex.name} (${this.index + 1}/${this.vertex.parallelism}) was stepped with no input`);
    this.nextChannel = (ci + 1) % this.inputs.length;
    const channel = this.inputs[ci]!;
    const element = channel.poll()!;
    switch (element.type) {
      case 'records':
        if (this.unaligned?.isRecording(ci)) {
          // In-flight data of an unaligned checkpoint: persisted as channel state, and processed.
          const d = this.unaligned.record(ci, element.batch);
          if (d.kind === 'complete') this.completeUnaligned(d.channelState);
        }
        this.pending = element.batch;
        this.pendingOffset = 0;
        return this.processPending(maxRecords, 'record');
      case 'watermark': {
        channel.watermark = Math.max(channel.watermark, element.timestamp);
        const advanced = this.updateWatermark();
        return { records: 0, action: 'watermark', watermarkAdvancedTo: advanced, finished: false };
      }
      case 'barrier': {
        if (this.unaligned && (element.unaligned || this.unaligned.handles(element.checkpointId))) {
          const d = this.unaligned.onBarrier(ci, element);
          if (d.kind === 'snapshot') {
            this.unalignedSnapshot = this.snapshot(d.barrier.checkpointId, 0);
            // The barrier overtakes what is queued in the output channels.
            for (const w of this.writers) w.broadcastUnalignedBarrier(d.barrier);
            const done = this.unaligned.pendingCompletion;
            this.unaligned.pendingCompletion = undefined;
            if (done?.kind === 'complete') this.completeUnaligned(done.channelState);
          } else if (d.kind === 'complete') this.completeUnaligned(d.channelState);
          return { records: 0, action: 'barrier', finished: false };
        }
        if (!this.barriers) return { records: 0, action: 'barrier', finished: false };
        const decision = this.barriers.onBarrier(ci, element, now);
        if (decision.kind === 'abortAndWait') this.checkpoints?.decline(this, decision.abortedCheckpointId, `checkpoint ${decision.abortedCheckpointId} was overtaken by the barrier of checkpoint ${element.checkpointId}`);
        if (decision.kind === 'snapshot') this.performCheckpoint(decision.barrier, now - decision.alignmentStartedAt);
        return { records: 0, action: 'barrier', finished: false };
      }
      case 'endOfInput': {
        channel.ended = true;
        if (this.unaligned) {
          const d = this.unaligned.onEndOfInput(ci);
          if (d.kind === 'complete') this.completeUnaligned(d.channelState);
        }
        if (this.barriers) {
          const decision = this.barriers.onEndOfInput(ci);
          if (decision.kind === 'snapshot') this.performCheckpoint(decision.barrier, now - decision.alignmentStartedAt);
        }
        const advanced = this.updateWatermark();
        const finished = this.inputs.every((c) => c.ended);
        if (finished) this.finishInput();
        return { records: 0, action: 'endOfInput', watermarkAdvancedTo: advanced, finished };
      }
    }
  }

  /** Sends partially filled output buffers downstream. */
  flushOutputs(): void {
    for (const w of this.writers) w.flush();
  }

  private processPending(maxRecords: number, action: NextAction): StepOutcome {
    const batch = this.pending!;
    const from = this.pendingOffset;
    const to = Math.min(batch.size, from + maxRecords);
    let part = batch;
    if (from !== 0 || to !== batch.size) {
      part = new RecordBatch();
      const keyed = batch.keyGroups.length > 0;
      for (let i = from; i < to; i++) {
        if (keyed) part.pushKeyed(batch.kinds[i]!, batch.rows[i]!, batch.keyGroups[i]!);
        else part.push(batch.kinds[i]!, batch.rows[i]!);
      }
    }
    this.pendingOffset = to;
    if (to >= batch.size) this.pending = undefined;
    this.recordsIn += to - from;
    this.lastInput = part;
    this.chain.processBatch(part);
    if (!this.pending && this.sourceEndPending) return this.endSource(to - from);
    return { records: to - from, action, finished: false };
  }

  private stepSource(now: number, maxRecords: number): StepOutcome {
    const batch = this.sourceBatch.batch;
    const status = this.reader!.poll(this, this.batchSize, now);
    if (status.kind === 'wait') this.waitUntil = status.until;
    if (status.kind === 'end') this.sourceEndPending = true;
    if (batch.size > 0) {
      this.sourceBatch.batch = new RecordBatch();
      this.pending = batch;
      this.pendingOffset = 0;
      // Record by record (a debugger's stop condition): the poll only fills the buffer, so the
      // check before the next step sees its first record like every other.
      if (maxRecords === 1) return { records: 0, action: 'poll', finished: false };
      return this.processPending(maxRecords, 'poll');
    }
    if (this.sourceEndPending) return this.endSource(0);
    return { records: 0, action: 'poll', finished: false };
  }

  private endSource(records: number): StepOutcome {
    this.sourceEndPending = false;
    this.sourceEnded = true;
    // A bounded source ends with Long.MAX_VALUE as its watermark, which fires every timer.
    this.watermark = MAX_WATERMARK;
    this.chain.processWatermark(MAX_WATERMARK);
    this.finishInput();
    return { records, action: 'poll', watermarkAdvancedTo: MAX_WATERMARK, finished: true };
  }

  /** The subtask's state for a checkpoint, taken now. */
  snapshot(checkpointId: number, alignmentMs: number): TaskSnapshot {
    const operators = this.operators.map((op) => op.snapshotState?.(checkpointId));
    const keyed = this.keyedState ? snapshotKeyedState(this.keyedState, this.timers) : { keyGroups: [], bytes: 0 };
    return {
      vertexId: this.vertex.id,
      subtask: this.index,
      checkpointId,
      keyGroups: keyed.keyGroups,
      sourcePosition: this.reader?.snapshotPosition(),
      operators,
      alignmentMs,
      stateBytes: keyed.bytes + (this.reader?.stateBytes?.() ?? 0),
      finished: this.state === 'FINISHED' ? true : undefined,
    };
  }

  /** Snapshots state for a checkpoint, forwards its barrier downstream and acknowledges it. */
  private performCheckpoint(barrier: CheckpointBarrier, alignmentMs: number): void {
    const snapshot = this.snapshot(barrier.checkpointId, alignmentMs);
    // An unaligned barrier leaving a source overtakes its queued output too.
    if (barrier.unaligned) for (const w of this.writers) w.broadcastUnalignedBarrier(barrier);
    else for (const w of this.writers) w.broadcastEvent(barrier);
    this.checkpoints?.acknowledge(this, snapshot);
  }

  /** Every in-flight buffer of an unaligned checkpoint arrived: acknowledge with the channel state. */
  private completeUnaligned(channelState: TaskSnapshot['channelState']): void {
    const snap = this.unalignedSnapshot;
    this.unalignedSnapshot = undefined;
    if (!snap) return;
    let bytes = snap.stateBytes;
    for (const c of channelState ?? []) bytes += c.rows.length * 16;
    this.checkpoints?.acknowledge(this, { ...snap, channelState, stateBytes: bytes });
  }

  private finishInput(): void {
    this.chain.endInput();
    for (const w of this.writers) w.broadcastEvent({ type: 'endOfInput' });
    this.state = 'FINISHED';
  }

  /** Recomputes the combined watermark (min over channels still open); returns it if it advanced. */
  private updateWatermark(): number | undefined {
    let min = MAX_WATERMARK;
    let open = 0;
    for (const c of this.inputs) {
      if (c.ended) continue;
      open++;
      if (c.watermark < min) min = c.watermark;
    }
    if (open === 0) min = MAX_WATERMARK;
    if (min > this.watermark) {
      this.watermark = min;
      this.chain.processWatermark(min);
      return min;
    }
    return undefined;
  }

  /** The next channel with a queued element, round-robin from the last one served. */
  private pickChannel(): number {
    const n = this.inputs.length;
    for (let k = 0; k < n; k++) {
      const i = (this.nextChannel + k) % n;
      if (this.inputs[i]!.length > 0 && !this.barriers?.isBlocked(i)) return i;
    }
    return -1;
  }
}
