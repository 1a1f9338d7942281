// The physical plan between SQL and the job graph: a DAG of exec nodes (one per Flink exec node:
// TableSourceScan, Calc, WatermarkAssigner, Exchange, GroupAggregate, WindowAggregate, Sink),
// each with its parallelism. Chaining turns it into job vertices.
import type { SourceFactory } from '../connectors/api.js';
import type { SourceRange } from '../diagnostics.js';
import type { KeySpec, PartitionerKind, RowField } from '../engine/jobGraph.js';
import type { OperatorFactory } from '../engine/operator.js';

/** One physical operator. */
export interface ExecNode {
  /** Unique within the plan, in creation order. */
  readonly id: number;
  /** `Source: clicks`, `Calc`, `GroupAggregate`, `Sink: counts` … */
  readonly name: string;
  /** Flink-style details, e.g. `groupBy=[user_id], select=[user_id, COUNT(*) AS cnt]`. */
  readonly description: string;
  readonly parallelism: number;
  /** Present for a source node. */
  readonly source?: SourceFactory;
  /** Present for every other node. */
  readonly factory?: OperatorFactory;
  /** The input and how rows get to this node from it. */
  readonly input?: { readonly node: ExecNode; readonly partitioner: PartitionerKind; readonly key?: KeySpec };
  /** The key of the node's keyed state (its HASH input's key). */
  readonly key?: KeySpec;
  /** SQL source lines the node comes from (1-based). */
  readonly lines: readonly number[];
  /** The SQL construct that produced the node (the WHERE, the GROUP BY, the INSERT …), for the debugger. */
  readonly range?: SourceRange;
  /** The node's output row type (absent for sinks), for the debugger's view of records. */
  readonly fields?: readonly RowField[];
}

/** Builds exec nodes with increasing ids. */
export class ExecGraphBuilder {
  private nextId = 1;
  readonly nodes: ExecNode[] = [];

  /** Adds a node, assigning its id. */
  add(node: Omit<ExecNode, 'id'>): ExecNode {
    const n: ExecNode = { ...node, id: this.nextId++ };
    this.nodes.push(n);
    return n;
  }
}
