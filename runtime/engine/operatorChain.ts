// Runs a vertex's chained operators inside one subtask: each operator's output feeds the next
// operator directly (no network), and the last one writes to the record writers.
import type { Row } from '../connectors/api.js';
import type { RowKind } from '../types/rowKind.js';
import type { Output, StreamOperator } from './operator.js';
import { RecordBatch } from './records.js';
import type { RecordWriter } from './recordWriter.js';

/** Output of a chained operator: buffers a batch for the next operator in the chain. */
export class ChainedOutput implements Output {
  private batch = new RecordBatch();
  constructor(private readonly next: StreamOperator, private readonly nextOutput: ChainOutput) {}

  collect(kind: RowKind, row: Row): void {
    this.batch.push(kind, row);
  }

  /** Hands the buffered rows to the next operator. */
  flush(): void {
    if (this.batch.size === 0) return;
    const b = this.batch;
    this.batch = new RecordBatch();
    this.next.processBatch(b);
    this.nextOutput.flush();
  }

  emitWatermark(timestamp: number): void {
    this.flush();
    this.next.processWatermark(timestamp);
    this.nextOutput.flush();
  }
}

/** Output of a chained operator whose successor takes rows one at a time (no buffering). */
export class DirectChainedOutput implements Output {
  constructor(private readonly next: StreamOperator & { processRecord(kind: RowKind, row: Row): void }, private readonly nextOutput: ChainOutput) {}

  collect(kind: RowKind, row: Row): void {
    this.next.processRecord(kind, row);
  }

  flush(): void {
    this.nextOutput.flush();
  }

  emitWatermark(timestamp: number): void {
    this.next.processWatermark(timestamp);
    this.nextOutput.flush();
  }
}

/** Output of the chain's last operator: writes to every output edge's record writer. */
export class NetworkOutput implements Output {
  constructor(private readonly writers: readonly RecordWriter[]) {}

  collect(kind: RowKind, row: Row): void {
    const w = this.writers;
    for (let i = 0; i < w.length; i++) w[i]!.write(kind, row);
  }

  flush(): void {}

  emitWatermark(timestamp: number): void {
    for (const w of this.writers) w.broadcastEvent({ type: 'watermark', timestamp });
  }
}

export type ChainOutput = ChainedOutput | DirectChainedOutput | NetworkOutput;

/** The operators of one subtask, wired head to tail. */
export class OperatorChain {
  /** outputs[i] is operator i's output. */
  readonly outputs: ChainOutput[];

  constructor(readonly operators: readonly StreamOperator[], private readonly network: NetworkOutput) {
    this.outputs = new Array<ChainOutput>(operators.length);
    let next: ChainOutput = network;
    for (let i = operators.length - 1; i >= 0; i--) {
      this.outputs[i] = next;
      if (i > 0) {
        const op = operators[i]!;
        next = op.processRecord ? new DirectChainedOutput(op as StreamOperator & { processRecord(kind: RowKind, row: Row): void }, next) : new ChainedOutput(op, next);
      }
    }
  }

  /** Pushes a batch into the head operator and through the chain. */
  processBatch(batch: RecordBatch): void {
    if (this.operators.length === 0) {
      for (let i = 0; i < batch.size; i++) this.network.collect(batch.kinds[i]!, batch.rows[i]!);
      return;
    }
    this.operators[0]!.processBatch(batch);
    this.outputs[0]!.flush();
  }

  /** Pushes a watermark through the chain (each operator forwards it). */
  processWatermark(timestamp: number): void {
    if (this.operators.length === 0) {
      this.network.emitWatermark(timestamp);
      return;
    }
    this.operators[0]!.processWatermark(timestamp);
    this.outputs[0]!.flush();
  }

  /** Ends input for each operator in order, so each flushes into the next before it ends. */
  endInput(): void {
    for (let i = 0; i < this.operators.length; i++) {
      this.operators[i]!.endInput();
      this.outputs[i]!.flush();
    }
  }
}
