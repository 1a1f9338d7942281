// The job graph the engine executes: vertices (chains of operators) with parallelism and max
// parallelism, connected by edges with Flink's partitioners. Imports only runtime types.
import type { SourceFactory } from '../connectors/api.js';
import type { SourceRange } from '../diagnostics.js';
import type { LogicalType } from '../types/logicalType.js';
import type { KeyFieldSpec } from '../keys/binaryRow.js';
import type { OperatorFactory } from './operator.js';

/** Flink's partitioners, named as their `toString()` (and the REST `ship_strategy`). */
export type PartitionerKind = 'FORWARD' | 'HASH' | 'REBALANCE' | 'GLOBAL';

/** How a HASH edge computes the key of a row. */
export interface KeySpec {
  /** Indexes of the key fields in the upstream row. */
  readonly fields: readonly number[];
  /** The key fields' types with precision (they decide the BinaryRowData layout that is hashed). */
  readonly types: readonly KeyFieldSpec[];
  /** Column names, for display ("hashed by user_id"). */
  readonly names: readonly string[];
}

/** A connection between two vertices. */
export interface JobEdge {
  readonly source: number;
  readonly target: number;
  readonly partitioner: PartitionerKind;
  /** Present for HASH edges. */
  readonly key?: KeySpec;
}

/** One operator inside a vertex's chain. */
export interface ChainedOperator {
  /** Short name as Flink's simplified operator names show it, e.g. `GroupAggregate[3]`. */
  readonly name: string;
  /** What it does, e.g. `groupBy=[user_id], select=[user_id, COUNT(*) AS cnt]`. */
  readonly description: string;
  /** Creates one instance per subtask. */
  readonly factory: OperatorFactory;
  /** The operator's SQL source lines (1-based), for breakpoints. */
  readonly lines?: readonly number[];
  /** The SQL construct that produced the operator, for the debugger's call stack. */
  readonly range?: SourceRange;
  /** The operator's output row type (absent for sinks). */
  readonly fields?: readonly RowField[];
}

/** A named, typed column of the rows an operator emits. */
export interface RowField {
  readonly name: string;
  readonly type: LogicalType;
}

/** A job vertex: a chain of operators executed by `parallelism` subtasks. */
export interface JobVertex {
  /** 0-based id, also the topological order. */
  readonly id: number;
  /** Display name: the chained operator names joined with ` -> `. */
  readonly name: string;
  readonly parallelism: number;
  /** The number of key groups; `computeDefaultMaxParallelism` unless configured. */
  readonly maxParallelism: number;
  /** Whether `maxParallelism` was configured (pipeline.max-parallelism) rather than derived. */
  readonly maxParallelismConfigured: boolean;
  /** Present when the vertex starts with a source. */
  readonly source?: { readonly name: string; readonly factory: SourceFactory; readonly range?: SourceRange; readonly fields?: readonly RowField[] };
  /** The operators after the source (or after the network input), in chain order. */
  readonly operators: readonly ChainedOperator[];
  /** Key of the vertex's keyed state: the HASH input's key; absent for non-keyed vertices. */
  readonly key?: KeySpec;
}

/** A whole job. */
export interface JobGraph {
  readonly name: string;
  readonly vertices: readonly JobVertex[];
  readonly edges: readonly JobEdge[];
}

/** Edges into a vertex, in a stable order (input gate order). */
export function inputsOf(graph: JobGraph, vertexId: number): JobEdge[] {
  return graph.edges.filter((e) => e.target === vertexId);
}

/** Edges out of a vertex. */
export function outputsOf(graph: JobGraph, vertexId: number): JobEdge[] {
  return graph.edges.filter((e) => e.source === vertexId);
}

/** Flink's display name of a subtask: `GroupAggregate[3] (2/4)` (1-based for display). */
export function subtaskDisplayName(vertex: JobVertex, subtask: number): string {
  return `${vertex.name} (${subtask + 1}/${vertex.parallelism})`;
}
