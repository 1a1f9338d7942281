// The output side of a subtask for one edge: picks the target channel of each row with Flink's
// partitioners and packs rows into buffers, flushing full ones (and partial ones on events/idle).
import type { Row } from '../connectors/api.js';
import { computeOperatorIndexForKeyGroup } from '../keys/keyGroupAssignment.js';
import type { RowKind } from '../types/rowKind.js';
import type { Channel } from './channel.js';
import type { PartitionerKind } from './jobGraph.js';
import type { KeySelector } from './keySelector.js';
import { RecordBatch, type CheckpointBarrier, type StreamElement } from './records.js';

/** Writes rows of one subtask into the channels of one output edge. */
export class RecordWriter {
  private readonly pending: RecordBatch[];
  private nextRebalance: number;
  /** Records written (for the recordsOut metric). */
  recordsOut = 0;

  /**
   * @param channels the channels to each target subtask, indexed by target subtask
   * @param bufferSize rows per buffer
   * @param rebalanceStart REBALANCE's first channel (Flink starts at a random one)
   */
  constructor(
    readonly partitioner: PartitionerKind,
    readonly channels: readonly Channel[],
    private readonly bufferSize: number,
    private readonly keySelector: KeySelector | undefined,
    private readonly targetMaxParallelism: number,
    rebalanceStart: number,
    private readonly forwardIndex: number,
  ) {
    this.pending = channels.map(() => new RecordBatch());
    this.nextRebalance = rebalanceStart % channels.length;
    if (partitioner === 'HASH' && !keySelector) throw new Error('a HASH edge needs a key selector');
  }

  /** Writes one row to the channel the partitioner selects. */
  write(kind: RowKind, row: Row): void {
    this.recordsOut++;
    let target: number;
    let batch: RecordBatch;
    switch (this.partitioner) {
      case 'HASH': {
        const kg = this.keySelector!.keyGroupOf(row);
        target = computeOperatorIndexForKeyGroup(this.targetMaxParallelism, this.channels.length, kg);
        batch = this.pending[target]!;
        batch.pushKeyed(kind, row, kg);
        break;
      }
      case 'FORWARD':
        target = this.channels.length === 1 ? 0 : this.forwardIndex;
        batch = this.pending[target]!;
        batch.push(kind, row);
        break;
      case 'GLOBAL':
        target = 0;
        batch = this.pending[0]!;
        batch.push(kind, row);
        break;
      case 'REBALANCE':
        target = this.nextRebalance;
        this.nextRebalance = target + 1 === this.channels.length ? 0 : target + 1;
        batch = this.pending[target]!;
        batch.push(kind, row);
        break;
    }
    if (batch.size >= this.bufferSize) this.flushChannel(target);
  }

  /** Whether every target channel can take another buffer. */
  hasCapacity(): boolean {
    for (const c of this.channels) if (!c.hasCapacity()) return false;
    return true;
  }

  /** Sends every partially filled buffer. */
  flush(): void {
    for (let i = 0; i < this.pending.length; i++) if (this.pending[i]!.size > 0) this.flushChannel(i);
  }

  /** Rows written but not yet sent (in partially filled buffers). */
  pendingRecords(): number {
    let n = 0;
    for (const b of this.pending) n += b.size;
    return n;
  }

  /** Flushes buffers, then sends an event to every channel (events are broadcast, in order). */
  broadcastEvent(element: StreamElement): void {
    this.flush();
    for (const c of this.channels) c.push(element);
  }

  /**
   * Sends an unaligned barrier: partial buffers are flushed, then the barrier goes to the head of
   * every channel, ahead of the buffers queued there, and tells the consumer how many it overtook.
   */
  broadcastUnalignedBarrier(barrier: CheckpointBarrier): void {
    this.flush();
    for (const c of this.channels) c.pushFront({ ...barrier, overtaken: c.queuedBuffers() });
  }

  private flushChannel(i: number): void {
    const batch = this.pending[i]!;
    this.channels[i]!.push({ type: 'records', batch });
    this.pending[i] = new RecordBatch();
  }
}
