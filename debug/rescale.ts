// Rescaling in a debug session: the job recompiled at a new parallelism, with its sources at the
// old one (the local runtime cannot redistribute a source's position yet).
import type { CompiledJob, LocalJob } from '../runtime/index.js';
import { RequestError } from './requestError.js';

/**
 * The job at a new parallelism with every source vertex at its old one: the local runtime cannot
 * redistribute a source's position yet (as if `scan.parallelism` were set). Throws when a source
 * is chained FORWARD into a vertex whose parallelism changes.
 */
export function keepSourceParallelism(compiled: CompiledJob, old: LocalJob['graph']): CompiledJob {
  const vertices = compiled.graph.vertices.map((v) => {
    const before = old.vertices[v.id];
    return v.source && before?.source ? { ...v, parallelism: before.parallelism, maxParallelism: before.maxParallelism, maxParallelismConfigured: before.maxParallelismConfigured } : v;
  });
  for (const e of compiled.graph.edges) {
    if (e.partitioner === 'FORWARD' && vertices[e.source]!.parallelism !== vertices[e.target]!.parallelism) {
      throw new RequestError(`${vertices[e.source]!.name} forwards to ${vertices[e.target]!.name}: sources keep their parallelism when rescaling (the local runtime cannot redistribute a source's position yet), so this job cannot be rescaled`);
    }
  }
  return { ...compiled, graph: { ...compiled.graph, vertices } };
}

