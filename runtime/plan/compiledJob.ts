// What compiling a job file produces: the job graph to execute, the resolved configuration and
// a description of every sink.
import type { JobConfig } from '../config/jobConfig.js';
import type { JobGraph } from '../engine/jobGraph.js';
import type { LogicalType } from '../types/logicalType.js';

/** A table a job writes to. */
export interface PlannedSink {
  /** The table name as declared. */
  readonly name: string;
  /** The connector identifier (`print`, `blackhole`, `filesystem`). */
  readonly connector: string;
  readonly columns: readonly string[];
  readonly types: readonly LogicalType[];
  /** Whether the rows written are an updating changelog (-U/+U/-D), not inserts only. */
  readonly updating: boolean;
  /** The query's unique key as sink column indexes (an upsert key), when updating. */
  readonly uniqueKey?: readonly number[];
  /** 1-based line of the INSERT statement. */
  readonly line: number;
  /** Filesystem sinks: the resolved directory and a decoder of the format's lines (to read committed files). */
  readonly files?: { readonly dir: string; readonly decode: (line: string) => { row: unknown[] } | { error: string } };
}

/** A compiled job file. */
export interface CompiledJob {
  readonly file: string;
  readonly graph: JobGraph;
  readonly config: JobConfig;
  /** `table.local-time-zone` resolved to a zone the runtime formats with. */
  readonly localTimeZone: string;
  readonly sinks: readonly PlannedSink[];
  /** The job graph as `EXPLAIN` prints it. */
  explain(): string;
  /** The job graph of each EXPLAIN statement in the file, in order (they are not executed). */
  readonly explained: readonly string[];
}
