// Prints a job graph for `EXPLAIN` and `checkpoint-lab explain`: vertices with parallelism and
// max parallelism, their chained operators, each edge's partitioning and each keyed vertex's key.
import { computeKeyGroupRangeForOperatorIndex } from '../keys/keyGroupAssignment.js';
import type { JobGraph } from '../engine/jobGraph.js';

/** A readable description of a job graph. */
export function explainJobGraph(graph: JobGraph): string {
  const lines: string[] = [`== Job graph: ${graph.name} ==`, ''];
  for (const v of graph.vertices) {
    const maxP = `${v.maxParallelism}${v.maxParallelismConfigured ? ' (pipeline.max-parallelism)' : ' (derived)'}`;
    lines.push(`[${v.id}] ${v.name}`);
    lines.push(`    parallelism: ${v.parallelism}, max parallelism: ${maxP}`);
    const inputs = graph.edges.filter((e) => e.target === v.id);
    for (const e of inputs) {
      const from = graph.vertices[e.source]!;
      const key = e.key ? ` by [${e.key.names.join(', ')}]` : '';
      lines.push(`    input: [${from.id}] ${from.name} --${e.partitioner}${key}-->`);
    }
    if (v.source) lines.push(`    source: ${v.source.name}`);
    for (const op of v.operators) lines.push(`    operator: ${op.name}${op.description ? `(${op.description})` : ''}`);
    if (v.key) {
      lines.push(`    keyed by: [${v.key.names.join(', ')}] into ${v.maxParallelism} key groups over ${v.parallelism} subtask${v.parallelism === 1 ? '' : 's'}`);
      const ranges: string[] = [];
      for (let i = 0; i < v.parallelism; i++) {
        const r = computeKeyGroupRangeForOperatorIndex(v.maxParallelism, v.parallelism, i);
        ranges.push(`(${i + 1}/${v.parallelism}) ${r.startKeyGroup}-${r.endKeyGroup}`);
      }
      lines.push(`    key groups: ${ranges.join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
