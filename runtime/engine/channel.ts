// A channel between one producing and one consuming subtask: a bounded queue of stream elements
// (Flink's input channel with its credit-based buffers). Bounded capacity is what backpressure is.
import { MIN_WATERMARK, type RecordBatch, type StreamElement } from './records.js';

/** One producer → consumer channel. */
export class Channel {
  private readonly queue: StreamElement[] = [];
  private head = 0;
  /** The last watermark that arrived through this channel (consumer side). */
  watermark = MIN_WATERMARK;
  /** Whether end-of-input has been consumed from this channel. */
  ended = false;

  /**
   * @param capacity how many buffers may wait before the producer is backpressured
   */
  constructor(
    readonly edgeIndex: number,
    readonly producer: number,
    readonly consumer: number,
    readonly capacity: number,
  ) {}

  /** Number of queued elements. */
  get length(): number {
    return this.queue.length - this.head;
  }

  /** Whether the producer may write another buffer without exceeding capacity. */
  hasCapacity(): boolean {
    return this.length < this.capacity;
  }

  /** Number of queued records (for the debugger's in-flight view). */
  queuedRecords(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const e = this.queue[i]!;
      if (e.type === 'records') n += e.batch.size;
    }
    return n;
  }

  /** Appends an element. */
  push(element: StreamElement): void {
    this.queue.push(element);
  }

  /** The next element, without removing it. */
  peek(): StreamElement | undefined {
    return this.queue[this.head];
  }

  /** Removes and returns the next element. */
  poll(): StreamElement | undefined {
    if (this.head >= this.queue.length) return undefined;
    const e = this.queue[this.head]!;
    this.queue[this.head] = undefined as unknown as StreamElement;
    this.head++;
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return e;
  }

  /** Puts an element at the head, ahead of everything queued (an unaligned barrier overtaking). */
  pushFront(element: StreamElement): void {
    if (this.head > 0) {
      this.head--;
      this.queue[this.head] = element;
    } else {
      this.queue.unshift(element);
    }
  }

  /** Number of queued record buffers. */
  queuedBuffers(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if (this.queue[i]!.type === 'records') n++;
    return n;
  }

  /** Puts the rest of a partially consumed batch back at the head. */
  unshiftRecords(batch: RecordBatch): void {
    if (this.head > 0) {
      this.head--;
      this.queue[this.head] = { type: 'records', batch };
    } else {
      this.queue.unshift({ type: 'records', batch });
    }
  }

  /** A read-only view of what is queued (for inspection). */
  elements(): StreamElement[] {
    return this.queue.slice(this.head);
  }

  /** Drops everything (on cancellation). */
  clear(): void {
    this.queue.length = 0;
    this.head = 0;
  }
}
