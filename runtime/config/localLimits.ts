// What the local runtime can hold: a job's subtasks and network channels cost memory when it is
// deployed, so a job whose estimate passes the budget is refused before it starts. Imports nothing.

/** Measured heap per deployed subtask (keyed state backend, operator chain, queues), rounded up. */
export const BYTES_PER_SUBTASK = 16 * 1024;
/** Measured heap per network channel (one per producer × consumer subtask of every edge), rounded up. */
export const BYTES_PER_CHANNEL = 300;
/** The heap a job's subtasks and channels may take on the local runtime. */
export const LOCAL_RUN_MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

/** The shape of a job graph this check reads. */
export interface GraphShape {
  readonly vertices: readonly { readonly name: string; readonly parallelism: number }[];
  readonly edges: readonly { readonly source: number; readonly target: number }[];
}

/** What deploying a job graph takes. */
export interface LocalRunFootprint {
  readonly subtasks: number;
  /** Every edge connects each producer subtask with each consumer subtask. */
  readonly channels: number;
  readonly estimatedBytes: number;
  /** The edge with the most channels, if any. */
  readonly widestEdge?: { readonly from: string; readonly to: string; readonly channels: number };
}

/** Counts the subtasks and channels of a job graph and estimates their memory. */
export function localRunFootprint(graph: GraphShape): LocalRunFootprint {
  const subtasks = graph.vertices.reduce((n, v) => n + v.parallelism, 0);
  let channels = 0;
  let widestEdge: LocalRunFootprint['widestEdge'];
  for (const e of graph.edges) {
    const from = graph.vertices[e.source]!;
    const to = graph.vertices[e.target]!;
    const n = from.parallelism * to.parallelism;
    channels += n;
    if (!widestEdge || n > widestEdge.channels) widestEdge = { from: from.name, to: to.name, channels: n };
  }
  return { subtasks, channels, estimatedBytes: subtasks * BYTES_PER_SUBTASK + channels * BYTES_PER_CHANNEL, widestEdge };
}

/** Why the local runtime cannot run this graph, or undefined when it fits the memory budget. */
export function checkLocalRunFootprint(graph: GraphShape): string | undefined {
  const f = localRunFootprint(graph);
  if (f.estimatedBytes <= LOCAL_RUN_MEMORY_BUDGET_BYTES) return undefined;
  const parallelism = Math.max(...graph.vertices.map((v) => v.parallelism));
  const w = f.widestEdge;
  const edge = !w || w.channels === 0 ? '' : graph.edges.length === 1 ? ` (between '${w.from}' and '${w.to}')` : ` (${count(w.channels)} of them between '${w.from}' and '${w.to}')`;
  return (
    `The local runtime cannot run this job at parallelism ${parallelism}: its ${count(f.subtasks)} subtasks and ${count(f.channels)} network channels${edge} ` +
    `would need about ${bytes(f.estimatedBytes)} of memory (${bytes(BYTES_PER_SUBTASK)} per subtask, ${BYTES_PER_CHANNEL} bytes per channel), ` +
    `more than the ${bytes(LOCAL_RUN_MEMORY_BUDGET_BYTES)} it allows. Lower the parallelism ('parallelism.default' or --parallelism), ` +
    `or run the job on Flink (checkpoint-lab flink run).`
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MiB`;
  return `${Math.round(n / 1024)} KiB`;
}
