// Chains exec nodes into job vertices the way Flink's StreamingJobGraphGenerator does: a node is
// chained to its input when the edge is FORWARD, the parallelism is equal and the input has no
// other consumer. Vertex ids follow topological order.
import type { JobEdge, JobGraph, JobVertex } from '../engine/jobGraph.js';
import type { ExecNode } from './execGraph.js';

/** Turns the exec nodes of a plan into a job graph. */
export function chainIntoJobGraph(name: string, nodes: readonly ExecNode[], maxParallelismOf: (parallelism: number) => { value: number; configured: boolean }): JobGraph {
  const consumers = new Map<ExecNode, ExecNode[]>();
  for (const n of nodes) if (n.input) consumers.set(n.input.node, [...(consumers.get(n.input.node) ?? []), n]);
  const chainedToInput = (n: ExecNode): boolean =>
    n.input !== undefined &&
    n.input.partitioner === 'FORWARD' &&
    n.input.node.parallelism === n.parallelism &&
    (consumers.get(n.input.node)?.length ?? 0) === 1;

  // Heads are nodes not chained to their input; each head's chain follows single FORWARD consumers.
  const vertexOf = new Map<ExecNode, number>();
  const chains: ExecNode[][] = [];
  for (const n of nodes) {
    if (chainedToInput(n)) continue;
    const chain = [n];
    let cur = n;
    for (;;) {
      const next = consumers.get(cur);
      if (!next || next.length !== 1 || !chainedToInput(next[0]!)) break;
      cur = next[0]!;
      chain.push(cur);
    }
    chains.push(chain);
  }
  // Topological order of chains: a chain comes after the chain of its head's input.
  const ordered: ExecNode[][] = [];
  const placed = new Set<ExecNode[]>();
  const chainOfNode = new Map<ExecNode, ExecNode[]>();
  for (const c of chains) for (const n of c) chainOfNode.set(n, c);
  const visit = (c: ExecNode[]): void => {
    if (placed.has(c)) return;
    const head = c[0]!;
    if (head.input) visit(chainOfNode.get(head.input.node)!);
    placed.add(c);
    ordered.push(c);
  };
  for (const c of chains) visit(c);

  const vertices: JobVertex[] = [];
  const edges: JobEdge[] = [];
  ordered.forEach((chain, id) => {
    for (const n of chain) vertexOf.set(n, id);
    const head = chain[0]!;
    const keyed = chain.find((n) => n.key)?.key;
    const maxP = maxParallelismOf(head.parallelism);
    const ops = (head.source ? chain.slice(1) : chain).map((n) => ({
      name: n.name,
      description: n.description,
      factory: n.factory!,
      lines: n.lines,
      range: n.range,
      fields: n.fields,
    }));
    vertices.push({
      id,
      name: chain.map((n) => n.name).join(' -> '),
      parallelism: head.parallelism,
      maxParallelism: maxP.value,
      maxParallelismConfigured: maxP.configured,
      source: head.source ? { name: head.name, factory: head.source, range: head.range, fields: head.fields } : undefined,
      operators: ops,
      key: keyed,
    });
    if (head.input) {
      edges.push({ source: vertexOf.get(head.input.node)!, target: id, partitioner: head.input.partitioner, key: head.input.key });
    }
  });
  return { name, vertices, edges };
}
