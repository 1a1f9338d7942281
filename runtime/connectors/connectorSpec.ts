// The validated, typed form of a table's WITH options (one variant per connector), boundedness
// and source/sink capabilities. Imports only shared types.
import { RowKind } from '../types/rowKind.js';

/** A datagen field generated at random (Flink's RandomGeneratorVisitor). */
export interface DatagenRandomField {
  kind: 'random';
  /** Inclusive lower bound for numeric types (type minimum when unset; Float.MIN_VALUE for FLOAT/DOUBLE/DECIMAL, as Flink). */
  min?: number | bigint;
  /** Inclusive upper bound for numeric types (type maximum when unset). */
  max?: number | bigint;
  /** Hex string length for CHAR/VARCHAR: `fields.#.length`, else VARCHAR(n)'s n, else 100. */
  length: number;
  /** Random timestamps are `now - uniform(0..maxPastMs)`; 0 = exactly now. */
  maxPastMs: number;
  /** Proportion of nulls in [0, 1]. */
  nullRate: number;
  /** Variable-length strings: each value's length is uniform in [1, length]. */
  varLen: boolean;
}

/** A datagen field generated as a sequence, strided across subtasks (Flink's SequenceGenerator). */
export interface DatagenSequenceField {
  kind: 'sequence';
  /** First value (inclusive), in the BIGINT representation. */
  start: number | bigint;
  /** Last value (inclusive). */
  end: number | bigint;
}

/** A datagen column's generator. */
export type DatagenField = DatagenRandomField | DatagenSequenceField;

/** `'connector' = 'datagen'`. */
export interface DatagenSpec {
  connector: 'datagen';
  /** Total rows per second over all subtasks. */
  rowsPerSecond: number;
  /** Total rows over all subtasks; absent = unbounded (unless a sequence field ends). */
  numberOfRows?: number;
  /** `scan.parallelism`, if set. */
  scanParallelism?: number;
  /** One generator per PHYSICAL column, in column order. */
  fields: DatagenField[];
}

/** `'connector' = 'filesystem'`. */
export interface FilesystemSpec {
  connector: 'filesystem';
  /** The directory. */
  path: string;
  /** `csv` or `json`. */
  format: 'csv' | 'json';
  /** The format's options with the `<format>.` prefix removed (`field-delimiter` → `;`). */
  formatOptions: Map<string, string>;
  /** `sink.parallelism`, if set. */
  sinkParallelism?: number;
  partitionDefaultName: string;
  /** Rolling policy of the sink, in bytes and ms. */
  rollingPolicy: { fileSizeBytes: number; rolloverIntervalMs: number; inactivityIntervalMs: number; checkIntervalMs: number };
  autoCompaction: boolean;
}

/** `'connector' = 'print'`. */
export interface PrintSpec {
  connector: 'print';
  printIdentifier?: string;
  /** Print to stderr instead of stdout. */
  standardError: boolean;
  sinkParallelism?: number;
}

/** `'connector' = 'blackhole'`. */
export interface BlackholeSpec {
  connector: 'blackhole';
}

/** A table's validated connector options. */
export type ConnectorSpec = DatagenSpec | FilesystemSpec | PrintSpec | BlackholeSpec;

/**
 * Whether the table, read as a source, ends by itself: datagen with `number-of-rows` or with a
 * sequence field; filesystem always (a bounded scan). Sinks report false.
 */
export function isBounded(spec: ConnectorSpec): boolean {
  switch (spec.connector) {
    case 'datagen':
      return spec.numberOfRows !== undefined || spec.fields.some((f) => f.kind === 'sequence');
    case 'filesystem':
      return true;
    case 'print':
    case 'blackhole':
      return false;
  }
}

/** Whether a table with this connector can be read (FROM). */
export function canBeSource(connector: ConnectorSpec['connector']): boolean {
  return connector === 'datagen' || connector === 'filesystem';
}

/** Whether a table with this connector can be written (INSERT INTO). */
export function canBeSink(connector: ConnectorSpec['connector']): boolean {
  return connector !== 'datagen';
}

/**
 * The row kinds a sink accepts, given the kinds the query produces (Flink's
 * `getChangelogMode(requestedMode)`): print takes everything; blackhole takes everything but
 * UPDATE_BEFORE (it works as an upsert sink); filesystem with csv/json is insert-only.
 * @returns the accepted kinds, or undefined when the sink cannot consume the query's changes
 */
export function sinkChangelogMode(spec: ConnectorSpec, requested: readonly RowKind[]): RowKind[] | undefined {
  switch (spec.connector) {
    case 'print':
      return [...requested];
    case 'blackhole':
      return requested.filter((k) => k !== RowKind.UPDATE_BEFORE);
    case 'filesystem':
      return requested.every((k) => k === RowKind.INSERT) ? [...requested] : undefined;
    case 'datagen':
      return undefined;
  }
}
