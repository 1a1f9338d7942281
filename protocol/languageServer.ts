// Wire types of the language server's custom requests (`checkpointLab/jobGraph`,
// `checkpointLab/keyPlacement`). Plain JSON shapes; 0-based subtask indices. Imports nothing of ours
// but its sibling requestDescriptor.ts.
import { defineRequest, type RequestDescriptor } from './requestDescriptor.js';

/** Identifies an open job file. */
export interface JobFileParams {
  /** The document URI as the client opened it. */
  uri: string;
}

/** Flink's partitioners, as their `toString()` prints them. */
export type WirePartitioner = 'FORWARD' | 'HASH' | 'REBALANCE' | 'GLOBAL';

/** One operator of a vertex's chain. */
export interface WireOperator {
  /** Flink's simplified operator name, e.g. `GroupAggregate[3]`. */
  name: string;
  /** What it does, e.g. `groupBy=[user_id], select=[user_id, COUNT(*) AS cnt]`. */
  description: string;
  /** The 1-based job-file lines it comes from (as an editor shows them). */
  lines: number[];
}

/** The key-group range `[start, end]` (both inclusive) one subtask owns. */
export interface WireKeyGroupRange {
  /** 0-based subtask index. */
  subtask: number;
  /** First key group, inclusive. */
  start: number;
  /** Last key group, inclusive. */
  end: number;
}

/** A job vertex: a chain of operators run by `parallelism` subtasks. */
export interface WireVertex {
  /** 0-based id, also the topological order. */
  id: number;
  /** The chained operator names joined with ` -> `. */
  name: string;
  parallelism: number;
  /** The number of key groups. */
  maxParallelism: number;
  /** Whether `pipeline.max-parallelism` set it (rather than Flink's default rule). */
  maxParallelismConfigured: boolean;
  /** The source's table name, when the vertex starts with a source. */
  source?: string;
  operators: WireOperator[];
  /** For a keyed vertex: the key columns and each subtask's key-group range. */
  key?: {
    /** Key column names in key order. */
    names: string[];
    /** Flink SQL types of the key columns, e.g. `VARCHAR`, `BIGINT` (type roots). */
    types: string[];
    ranges: WireKeyGroupRange[];
  };
}

/** An edge between two vertices. */
export interface WireEdge {
  /** Upstream vertex id. */
  source: number;
  /** Downstream vertex id. */
  target: number;
  partitioner: WirePartitioner;
  /** For HASH edges: the key column names. */
  keyNames?: string[];
}

/** The job graph of a file, or why there is none. */
export type JobGraphResult =
  | { ok: true; name: string; vertices: WireVertex[]; edges: WireEdge[]; explain: string }
  | {
      ok: false;
      /** The errors that keep the file from compiling, as `line:column: message` (1-based). */
      errors: string[];
    };

/** `checkpointLab/jobGraph`: the job graph the local runtime would run for a file. */
export const jobGraphRequest: RequestDescriptor<JobFileParams, JobGraphResult> = defineRequest('checkpointLab/jobGraph');

/** A key value as the user gives it: text, a number (safe integers only), or null for SQL NULL. */
export type WireKeyValue = string | number | null;

/** Parameters of `checkpointLab/keyPlacement`. */
export interface KeyPlacementParams extends JobFileParams {
  /** The keyed vertex to place keys on; default: every keyed vertex. */
  vertexId?: number;
  /** Keys to look up; each is one value per key column (a one-column key may be a bare value). */
  keys?: Array<WireKeyValue | WireKeyValue[]>;
}

/** Where one key goes on one vertex. */
export type WireKeyAssignment =
  | {
      ok: true;
      /** The key as given. */
      key: WireKeyValue | WireKeyValue[];
      /** Key group in `[0, maxParallelism)`. */
      keyGroup: number;
      /** 0-based subtask index. */
      subtask: number;
    }
  | { ok: false; key: WireKeyValue | WireKeyValue[]; error: string };

/** The placement of keys on one keyed vertex. */
export interface VertexKeyPlacement {
  vertexId: number;
  vertexName: string;
  keyNames: string[];
  parallelism: number;
  maxParallelism: number;
  /** Each subtask's key-group range. */
  ranges: WireKeyGroupRange[];
  /** One entry per requested key, in order. */
  assignments: WireKeyAssignment[];
}

/** The placement on each keyed vertex, or why the file has no job graph. */
export type KeyPlacementResult = { ok: true; vertices: VertexKeyPlacement[] } | { ok: false; errors: string[] };

/** `checkpointLab/keyPlacement`: key → key group → subtask for a file's keyed vertices. */
export const keyPlacementRequest: RequestDescriptor<KeyPlacementParams, KeyPlacementResult> = defineRequest('checkpointLab/keyPlacement');
