// The datagen source reader with Flink's semantics (legacy DataGeneratorSource): total rate split
// per subtask and paced per second of the job clock, number-of-rows split, strided sequences.
// Imports connectors/, util/ and types/; nothing of the engine.
import type { LogicalType } from '../types/logicalType.js';
import { SeededRandom } from '../util/random.js';
import type { PollStatus, RowSink, SourceFactory, SourceReader } from './api.js';
import type { DatagenSpec } from './connectorSpec.js';
import {
  randomGenerator,
  sequenceCount,
  sequenceGenerator,
  type DecimalFactory,
  type LocalClock,
  type ValueGenerator,
} from './datagenFields.js';

/** A physical column as the source sees it. */
export interface DatagenColumn {
  name: string;
  type: LogicalType;
}

/** Optional inputs of the datagen source. */
export interface DatagenSourceOptions {
  /**
   * Distinguishes the random streams of tables with identical schemas under the same seed; the
   * engine should pass the table name. Default: derived from the column names and types.
   */
  label?: string;
  /** Builds DECIMAL values; default `{ unscaled, scale }` (until runtime/types has Decimal). */
  decimal?: DecimalFactory;
  /**
   * Maps the job clock (epoch ms) to zone-less local ms for TIMESTAMP/DATE/TIME values (Flink uses
   * the JVM's zone). Default: UTC, i.e. identity.
   */
  localClock?: LocalClock;
}

/**
 * A datagen reader's checkpointed position. `rowsEmitted` counts this subtask's rows since the
 * job started and drives the sequences: the next value of a sequence field is
 * `start + subtask + rowsEmitted · parallelism`. Like Flink, the `number-of-rows` quota and the
 * random generators are not part of it: a restored subtask emits its full quota again, and
 * different random rows.
 */
export interface DatagenPosition {
  rowsEmitted: number;
}

const defaultDecimal: DecimalFactory = (unscaled, _precision, scale) => ({ unscaled, scale });
const utc: LocalClock = (ms) => ms;

/**
 * Creates the datagen source for `spec` over the PHYSICAL `columns` (in order; one field spec each).
 * Readers are deterministic per (seed, label, subtask).
 */
export function createDatagenSource(spec: DatagenSpec, columns: readonly DatagenColumn[], options: DatagenSourceOptions = {}): SourceFactory {
  if (columns.length !== spec.fields.length) {
    throw new Error(`datagen: ${columns.length} columns but ${spec.fields.length} field specs`);
  }
  const label = options.label ?? `datagen(${columns.map((c) => `${c.name} ${c.type.root}`).join(',')})`;
  const decimal = options.decimal ?? defaultDecimal;
  const local = options.localClock ?? utc;
  const bounded = spec.numberOfRows !== undefined || spec.fields.some((f) => f.kind === 'sequence');
  return {
    bounded,
    createReader(subtask: number, parallelism: number, seed: number): SourceReader {
      return new DatagenReader(spec, columns, subtask, parallelism, new SeededRandom(seed).fork(label).fork(subtask), decimal, local);
    },
  };
}

class DatagenReader implements SourceReader {
  /** Rows per second-batch for this subtask: ceil(rowsPerSecond / parallelism). */
  private readonly perBatch: number;
  /** This subtask's `number-of-rows` quota (Infinity when unbounded). */
  private readonly quota: number;
  /** Values in this subtask's share of each sequence field. */
  private readonly sequenceCounts: readonly number[];
  /** Values in this subtask's share of the shortest sequence (Infinity without sequences). */
  private readonly sequenceLimit: number;
  private generators: ValueGenerator[] = [];
  private rowsEmitted = 0;
  private quotaEmitted = 0;
  private nextReadTime: number | undefined;
  private batchLeft = 0;
  private batchClosed = false;

  constructor(
    private readonly spec: DatagenSpec,
    private readonly columns: readonly DatagenColumn[],
    private readonly subtask: number,
    private readonly parallelism: number,
    private readonly rng: SeededRandom,
    private readonly decimal: DecimalFactory,
    private readonly local: LocalClock,
  ) {
    this.perBatch = Math.ceil(spec.rowsPerSecond / parallelism);
    const n = spec.numberOfRows;
    this.quota = n === undefined ? Infinity : Math.floor(n / parallelism) + (n % parallelism > subtask ? 1 : 0);
    this.sequenceCounts = spec.fields.flatMap((f) => (f.kind === 'sequence' ? [sequenceCount(f, subtask, parallelism)] : []));
    this.sequenceLimit = Math.min(Infinity, ...this.sequenceCounts);
    this.buildGenerators(rng);
  }

  private buildGenerators(rng: SeededRandom): void {
    this.generators = this.spec.fields.map((f, i) => {
      const col = this.columns[i]!;
      return f.kind === 'sequence'
        ? sequenceGenerator(f, col.type, this.subtask, this.parallelism, this.decimal)
        : randomGenerator(f, col.type, rng.fork(col.name), this.decimal, this.local);
    });
  }

  private exhausted(): boolean {
    return this.quotaEmitted >= this.quota || this.rowsEmitted >= this.sequenceLimit;
  }

  poll(out: RowSink, max: number, now: number): PollStatus {
    if (this.nextReadTime === undefined) {
      this.nextReadTime = now;
      this.batchLeft = this.perBatch;
    }
    const gens = this.generators;
    const width = gens.length;
    let emitted = 0;
    for (;;) {
      if (this.batchLeft === 0) {
        // End of a one-second batch: Flink advances nextReadTime by 1 s and sleeps until then.
        if (!this.batchClosed) {
          this.nextReadTime += 1000;
          this.batchClosed = true;
        }
        if (now < this.nextReadTime) return { kind: 'wait', until: this.nextReadTime };
        this.batchLeft = this.perBatch;
        this.batchClosed = false;
        if (this.batchLeft === 0) continue;
      }
      if (this.exhausted()) return { kind: 'end' };
      if (emitted >= max) return { kind: 'more' };
      const index = this.rowsEmitted;
      const row = new Array<unknown>(width);
      for (let j = 0; j < width; j++) row[j] = gens[j]!(now, index);
      out.push(row);
      this.rowsEmitted = index + 1;
      this.quotaEmitted++;
      this.batchLeft--;
      emitted++;
    }
  }

  /**
   * Flink's SequenceGenerator puts all of a subtask's values in a deque when it opens and
   * checkpoints every value still in it, 8 bytes each: a sequence's checkpoint is as large as
   * what is left of it (a 1M-value sequence starts near 8 MB, as on a real cluster).
   */
  stateBytes(): number {
    let bytes = 0;
    for (const count of this.sequenceCounts) bytes += Math.max(0, count - this.rowsEmitted) * 8;
    return bytes;
  }

  snapshotPosition(): DatagenPosition {
    return { rowsEmitted: this.rowsEmitted };
  }

  restorePosition(position: unknown): void {
    const p = position as Partial<DatagenPosition> | null;
    if (p === null || typeof p !== 'object' || typeof p.rowsEmitted !== 'number') {
      throw new Error(`datagen: not a datagen position: ${JSON.stringify(position)}`);
    }
    this.rowsEmitted = p.rowsEmitted;
    // Not checkpointed in Flink: the quota restarts, and the pacing restarts at the next poll.
    this.quotaEmitted = 0;
    this.nextReadTime = undefined;
    this.batchLeft = 0;
    this.batchClosed = false;
    // Flink's random generator is stateless: after a restore it produces different rows. We
    // derive a fresh (still deterministic) stream from the restored position.
    this.buildGenerators(this.rng.fork(`restore@${p.rowsEmitted}`));
  }
}
