// Failover strategies `full` and `region` over pipelined regions of the execution graph, as Flink's
// SchedulingPipelinedRegionComputeUtil and RestartPipelinedRegionFailoverStrategy. Imports engine types only.
import type { Placement } from '../engine/cluster.js';
import type { JobEdge, JobGraph } from '../engine/jobGraph.js';

/** One subtask of the execution graph (Flink's ExecutionVertexID), 0-based. */
export interface ExecutionVertexId {
  readonly vertexId: number;
  readonly subtask: number;
}

/** A pipelined region: subtasks that must fail over together. */
export interface SchedulingPipelinedRegion {
  /** 0-based, in the order of the region's first subtask (by vertex id, then subtask). */
  readonly id: number;
  /** Members sorted by vertex id, then subtask. */
  readonly tasks: readonly ExecutionVertexId[];
}

/** `jobmanager.execution.failover-strategy`. */
export type FailoverStrategyKind = 'full' | 'region';

/**
 * The subtask pairs an edge connects, as Flink's EdgeManagerBuildUtil: FORWARD is POINTWISE
 * (equal parallelism: i → i; otherwise the contiguous ranges of `connectPointwise`); HASH,
 * REBALANCE and GLOBAL are ALL_TO_ALL.
 * @returns pairs [producer subtask, consumer subtask]
 */
export function connectedSubtasks(edge: JobEdge, producerParallelism: number, consumerParallelism: number): [number, number][] {
  const pairs: [number, number][] = [];
  const up = producerParallelism;
  const down = consumerParallelism;
  if (edge.partitioner !== 'FORWARD') {
    for (let i = 0; i < up; i++) for (let j = 0; j < down; j++) pairs.push([i, j]);
    return pairs;
  }
  if (up === down) {
    for (let i = 0; i < up; i++) pairs.push([i, i]);
  } else if (up > down) {
    // Each consumer reads a contiguous range of producers.
    for (let j = 0; j < down; j++) {
      const start = Math.floor((j * up) / down);
      const end = Math.floor(((j + 1) * up) / down);
      for (let i = start; i < end; i++) pairs.push([i, j]);
    }
  } else {
    // Each producer feeds a contiguous range of consumers.
    for (let i = 0; i < up; i++) {
      const start = Math.floor((i * down + up - 1) / up);
      const end = Math.floor(((i + 1) * down + up - 1) / up);
      for (let j = start; j < end; j++) pairs.push([i, j]);
    }
  }
  return pairs;
}

/**
 * The pipelined regions of a streaming job's execution graph. Every streaming edge is pipelined,
 * so a region is a connected component of the subtask graph: a forward-only pipeline splits into
 * one region per subtask, and any all-to-all edge (HASH, REBALANCE, GLOBAL) joins its two sides.
 */
export function computePipelinedRegions(graph: JobGraph): SchedulingPipelinedRegion[] {
  const offsets: number[] = [];
  let total = 0;
  for (const v of graph.vertices) {
    if (v.id !== offsets.length) throw new Error(`job graph vertex ids must be 0..n-1 in order; found ${v.id} at ${offsets.length}`);
    offsets.push(total);
    total += v.parallelism;
  }
  const uf = new UnionFind(total);
  for (const e of graph.edges) {
    const up = graph.vertices[e.source];
    const down = graph.vertices[e.target];
    if (!up || !down) throw new Error(`job graph edge ${e.source} -> ${e.target} names a missing vertex`);
    for (const [i, j] of connectedSubtasks(e, up.parallelism, down.parallelism)) uf.union(offsets[e.source]! + i, offsets[e.target]! + j);
  }
  // Group members by root; iterating in (vertex, subtask) order keeps members and regions sorted.
  const byRoot = new Map<number, ExecutionVertexId[]>();
  for (const v of graph.vertices) {
    for (let s = 0; s < v.parallelism; s++) {
      const root = uf.find(offsets[v.id]! + s);
      let members = byRoot.get(root);
      if (!members) byRoot.set(root, (members = []));
      members.push({ vertexId: v.id, subtask: s });
    }
  }
  return [...byRoot.values()].map((tasks, id) => ({ id, tasks }));
}

/**
 * The subtasks to restart after `failed` subtasks failed, as Flink's failover strategies:
 * `full` restarts every subtask (RestartAllFailoverStrategy); `region` restarts the pipelined
 * regions of the failed subtasks (RestartPipelinedRegionFailoverStrategy; in streaming, regions
 * have no blocking edges, so no producer or consumer regions are added).
 * @returns distinct subtasks sorted by vertex id, then subtask
 * @throws Error when a failed subtask is not in the graph (a broken invariant)
 */
export function tasksToRestart(
  strategy: FailoverStrategyKind,
  graph: JobGraph,
  failed: readonly ExecutionVertexId[],
  regions: readonly SchedulingPipelinedRegion[] = computePipelinedRegions(graph),
): ExecutionVertexId[] {
  for (const f of failed) {
    const v = graph.vertices[f.vertexId];
    if (!v || !Number.isInteger(f.subtask) || f.subtask < 0 || f.subtask >= v.parallelism) {
      throw new Error(`failed subtask ${f.vertexId}/${f.subtask} is not in job graph '${graph.name}'`);
    }
  }
  if (strategy === 'full') {
    return graph.vertices.flatMap((v) => Array.from({ length: v.parallelism }, (_, s) => ({ vertexId: v.id, subtask: s })));
  }
  const regionOf = new Map<string, SchedulingPipelinedRegion>();
  for (const r of regions) for (const t of r.tasks) regionOf.set(taskKey(t), r);
  const chosen = new Set<SchedulingPipelinedRegion>();
  for (const f of failed) chosen.add(regionOf.get(taskKey(f))!);
  const result = [...chosen].flatMap((r) => r.tasks);
  result.sort((a, b) => a.vertexId - b.vertexId || a.subtask - b.subtask);
  return result;
}

/**
 * Every subtask placed in a slot of TaskManager `tmId` (all fail when it is lost).
 * @returns subtasks sorted by vertex id, then subtask; empty for an unknown id
 */
export function tasksOnTaskManager(placement: Placement, tmId: string): ExecutionVertexId[] {
  const result: ExecutionVertexId[] = [];
  placement.slotOf.forEach((slots, vertexId) => {
    for (let s = 0; s < slots.length; s++) if (placement.taskManagerOf(vertexId, s) === tmId) result.push({ vertexId, subtask: s });
  });
  return result;
}

function taskKey(t: ExecutionVertexId): string {
  return `${t.vertexId}/${t.subtask}`;
}

/** Disjoint sets with path halving and union by size. */
class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    let i = x;
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}
