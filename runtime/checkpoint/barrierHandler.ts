// What a subtask does with the checkpoint barriers arriving on its input channels, as Flink's
// SingleCheckpointBarrierHandler (aligned, EXACTLY_ONCE) and CheckpointBarrierTracker
// (AT_LEAST_ONCE) do: aligned blocks every channel that delivered barrier n until all have, so
// the snapshot reflects exactly the records before the barrier on every channel; at-least-once
// never blocks, so records after the barrier on a fast channel are already in the snapshot and
// are replayed again after a recovery.
import type { CheckpointBarrier } from '../engine/records.js';

/** Flink's checkpointing modes. */
export type CheckpointingMode = 'EXACTLY_ONCE' | 'AT_LEAST_ONCE';

/** What to do after a barrier arrived. */
export type BarrierDecision =
  /** Nothing yet: wait for the barrier on the other channels. */
  | { readonly kind: 'wait' }
  /** Every open channel delivered it: snapshot now, then forward the barrier. */
  | { readonly kind: 'snapshot'; readonly barrier: CheckpointBarrier; readonly alignmentStartedAt: number }
  /** A newer barrier overtook an unfinished alignment: the older checkpoint is declined. */
  | { readonly kind: 'abortAndWait'; readonly abortedCheckpointId: number };

/** Barrier handling of one subtask's input gate. */
export class BarrierHandler {
  private current = -1;
  private seen = new Set<number>();
  private alignmentStartedAt = 0;
  private pendingBarrier: CheckpointBarrier | undefined;
  private readonly ended = new Set<number>();

  constructor(
    private readonly numChannels: number,
    readonly mode: CheckpointingMode,
  ) {}

  /** Whether channel `i` is blocked by an ongoing alignment (EXACTLY_ONCE only). */
  isBlocked(i: number): boolean {
    return this.mode === 'EXACTLY_ONCE' && this.pendingBarrier !== undefined && this.seen.has(i);
  }

  /** The checkpoint being aligned, if any. */
  get aligningCheckpoint(): number | undefined {
    return this.pendingBarrier?.checkpointId;
  }

  /** Handles barrier `b` from channel `i` at job time `now`. */
  onBarrier(i: number, b: CheckpointBarrier, now: number): BarrierDecision {
    if (b.checkpointId < this.current) return { kind: 'wait' }; // late barrier of an aborted checkpoint
    let aborted: number | undefined;
    if (b.checkpointId > this.current) {
      if (this.pendingBarrier) aborted = this.current;
      this.current = b.checkpointId;
      this.seen = new Set();
      this.alignmentStartedAt = now;
      this.pendingBarrier = b;
    }
    this.seen.add(i);
    const done = this.complete();
    if (done) return done;
    return aborted !== undefined ? { kind: 'abortAndWait', abortedCheckpointId: aborted } : { kind: 'wait' };
  }

  /** Channel `i` ended: it will deliver no more barriers, so it no longer holds up alignment. */
  onEndOfInput(i: number): BarrierDecision {
    this.ended.add(i);
    return this.complete() ?? { kind: 'wait' };
  }

  /** When the current alignment times out (aligned-checkpoint-timeout), if one is under way. */
  alignmentDeadline(timeoutMs: number): number | undefined {
    return this.pendingBarrier && !this.pendingBarrier.isSavepoint ? this.alignmentStartedAt + timeoutMs : undefined;
  }

  /**
   * Gives up aligning (the alignment timed out): returns the barrier, the channels that already
   * delivered it, and when alignment started; the channels are unblocked.
   */
  abandonAlignment(): { barrier: CheckpointBarrier; delivered: ReadonlySet<number>; startedAt: number } | undefined {
    const barrier = this.pendingBarrier;
    if (!barrier) return undefined;
    const delivered = new Set([...this.seen, ...this.ended]);
    this.pendingBarrier = undefined;
    this.seen = new Set();
    return { barrier, delivered, startedAt: this.alignmentStartedAt };
  }

  /** Forgets an alignment (the checkpoint was aborted, or the task restarts). */
  reset(): void {
    this.pendingBarrier = undefined;
    this.seen = new Set();
  }

  private complete(): BarrierDecision | undefined {
    if (!this.pendingBarrier) return undefined;
    for (let c = 0; c < this.numChannels; c++) if (!this.seen.has(c) && !this.ended.has(c)) return undefined;
    const barrier = this.pendingBarrier;
    this.pendingBarrier = undefined;
    this.seen = new Set();
    return { kind: 'snapshot', barrier, alignmentStartedAt: this.alignmentStartedAt };
  }
}
