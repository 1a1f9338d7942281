// Unaligned checkpoints (Flink's alternating SingleCheckpointBarrierHandler with
// aligned-checkpoint-timeout 0): the first barrier of a checkpoint triggers the snapshot at once
// and is forwarded ahead of the buffers queued in the output channels; the records still in
// flight — buffers the barrier overtook, and everything arriving on a channel before that
// channel's barrier — are persisted as channel state and replayed first on recovery.
import type { Row } from '../connectors/api.js';
import type { CheckpointBarrier, RecordBatch } from '../engine/records.js';
import type { RowKind } from '../types/rowKind.js';

/** In-flight records of one input channel that belong to a checkpoint. */
export interface ChannelStateSnapshot {
  /** Index of the input channel in the subtask's input gate. */
  readonly channel: number;
  readonly kinds: RowKind[];
  readonly rows: Row[];
}

/** What to do after an element arrived. */
export type UnalignedDecision =
  | { readonly kind: 'none' }
  /** The first barrier of a checkpoint: snapshot state now and forward the barrier unaligned. */
  | { readonly kind: 'snapshot'; readonly barrier: CheckpointBarrier }
  /** Every channel delivered its barrier and every overtaken buffer arrived: acknowledge. */
  | { readonly kind: 'complete'; readonly checkpointId: number; readonly channelState: ChannelStateSnapshot[] };

/** Unaligned barrier handling of one subtask's input gate. */
export class UnalignedBarrierHandler {
  private current = -1;
  /** Channels whose barrier of the current checkpoint has not arrived: everything they deliver is in flight. */
  private waiting = new Set<number>();
  /** Per channel: how many more buffers, overtaken by the barrier, belong to the checkpoint. */
  private overtaken = new Map<number, number>();
  private state = new Map<number, ChannelStateSnapshot>();
  private readonly ended = new Set<number>();
  private active = false;

  constructor(private readonly numChannels: number) {}

  /**
   * An aligned checkpoint switches to unaligned (its alignment timed out): from now on everything
   * arriving on a channel that has not delivered the barrier yet is in-flight data.
   */
  startFromAlignment(barrier: CheckpointBarrier, delivered: ReadonlySet<number>): UnalignedDecision {
    this.current = barrier.checkpointId;
    this.active = true;
    this.waiting = new Set();
    for (let c = 0; c < this.numChannels; c++) if (!delivered.has(c) && !this.ended.has(c)) this.waiting.add(c);
    this.overtaken = new Map();
    this.state = new Map();
    return this.completion() ?? { kind: 'none' };
  }

  /** Whether barriers of `checkpointId` belong to this handler (it turned unaligned, or is). */
  handles(checkpointId: number): boolean {
    return this.active && checkpointId === this.current;
  }

  /** Unaligned checkpoints never block a channel. */
  isBlocked(): boolean {
    return false;
  }

  /** A barrier arrived on channel `i`. */
  onBarrier(i: number, b: CheckpointBarrier): UnalignedDecision {
    if (b.checkpointId < this.current) return { kind: 'none' };
    let decision: UnalignedDecision = { kind: 'none' };
    if (b.checkpointId > this.current) {
      // A newer checkpoint starts (an unfinished older one is abandoned: the coordinator expires it).
      this.current = b.checkpointId;
      this.active = true;
      this.waiting = new Set();
      for (let c = 0; c < this.numChannels; c++) if (c !== i && !this.ended.has(c)) this.waiting.add(c);
      this.overtaken = new Map();
      this.state = new Map();
      decision = { kind: 'snapshot', barrier: b };
    } else {
      this.waiting.delete(i);
    }
    if ((b.overtaken ?? 0) > 0) this.overtaken.set(i, b.overtaken!);
    const done = this.completion();
    if (decision.kind === 'snapshot' && done) {
      // A single-channel gate: the snapshot and the acknowledgement happen together.
      this.pendingCompletion = done;
    }
    return decision.kind === 'snapshot' ? decision : (done ?? decision);
  }

  /** Completion found while handling the triggering barrier, handed out right after the snapshot. */
  pendingCompletion: UnalignedDecision | undefined;

  /** Whether a buffer arriving on channel `i` now is in-flight data of the current checkpoint. */
  isRecording(i: number): boolean {
    return this.active && (this.waiting.has(i) || (this.overtaken.get(i) ?? 0) > 0);
  }

  /** Records a buffer from channel `i` as channel state; returns a completion when it was the last one. */
  record(i: number, batch: RecordBatch): UnalignedDecision {
    let s = this.state.get(i);
    if (!s) this.state.set(i, (s = { channel: i, kinds: [], rows: [] }));
    for (let r = 0; r < batch.size; r++) {
      s.kinds.push(batch.kinds[r]!);
      s.rows.push(batch.rows[r]!);
    }
    const left = this.overtaken.get(i);
    if (left !== undefined && !this.waiting.has(i)) {
      if (left <= 1) this.overtaken.delete(i);
      else this.overtaken.set(i, left - 1);
    }
    return this.completion() ?? { kind: 'none' };
  }

  /** Channel `i` ended: it will deliver no more barriers. */
  onEndOfInput(i: number): UnalignedDecision {
    this.ended.add(i);
    this.waiting.delete(i);
    return this.completion() ?? { kind: 'none' };
  }

  private completion(): UnalignedDecision | undefined {
    if (!this.active || this.waiting.size > 0 || this.overtaken.size > 0) return undefined;
    this.active = false;
    return { kind: 'complete', checkpointId: this.current, channelState: [...this.state.values()] };
  }
}
