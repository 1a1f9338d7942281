// The custom requests of protocol/languageServer.ts: a file's job graph, and key → key group →
// subtask for its keyed vertices. Imports the runtime API, protocol and convert.
import type { JobGraphResult, KeyPlacementParams, KeyPlacementResult, VertexKeyPlacement, WireKeyAssignment, WireKeyValue } from '../protocol/index.js';
import { assignKey, type JobVertex, type KeyType } from '../runtime/index.js';
import { diagnosticLine, keyGroupRanges, toWireGraph } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';

/** `checkpointLab/jobGraph`. */
export function jobGraph(analysis: DocumentAnalysis): JobGraphResult {
  const compiled = analysis.compiled;
  if (!compiled.job) return { ok: false, errors: compiled.diagnostics.filter((d) => d.severity === 'error').map(diagnosticLine) };
  const graph = compiled.job.graph;
  return { ok: true, name: graph.name, ...toWireGraph(graph), explain: compiled.job.explain() };
}

/** `checkpointLab/keyPlacement`. */
export function keyPlacement(analysis: DocumentAnalysis, params: KeyPlacementParams): KeyPlacementResult {
  const compiled = analysis.compiled;
  if (!compiled.job) return { ok: false, errors: compiled.diagnostics.filter((d) => d.severity === 'error').map(diagnosticLine) };
  const keyed = compiled.job.graph.vertices.filter((v) => v.key && (params.vertexId === undefined || v.id === params.vertexId));
  const vertices: VertexKeyPlacement[] = keyed.map((v) => ({
    vertexId: v.id,
    vertexName: v.name,
    keyNames: [...v.key!.names],
    parallelism: v.parallelism,
    maxParallelism: v.maxParallelism,
    ranges: keyGroupRanges(v.maxParallelism, v.parallelism),
    assignments: (params.keys ?? []).map((k) => place(v, k)),
  }));
  return { ok: true, vertices };
}

/** The `sql-*` key type of a one-column key, when the runtime can hash it from plain values. */
function sqlKeyType(v: JobVertex): KeyType | undefined {
  const types = v.key?.types ?? [];
  if (types.length !== 1) return undefined;
  const t = types[0]!;
  const root = typeof t === 'string' ? t : t.root;
  if (root === 'VARCHAR' || root === 'CHAR') return 'sql-string';
  if (root === 'INTEGER') return 'sql-int';
  if (root === 'BIGINT') return 'sql-bigint';
  return undefined;
}

function place(v: JobVertex, key: WireKeyValue | WireKeyValue[]): WireKeyAssignment {
  const values = Array.isArray(key) ? key : [key];
  const keyType = sqlKeyType(v);
  if (!keyType) {
    const types = (v.key?.types ?? []).map((t) => (typeof t === 'string' ? t : t.root)).join(', ');
    return { ok: false, key, error: `Looking up keys of type (${types}) is not supported yet: only one-column STRING, INT and BIGINT keys` };
  }
  if (values.length !== 1) return { ok: false, key, error: `The key of ${v.name} has 1 column, but ${values.length} values were given` };
  const a = assignKey(keyType, values[0]!, v.maxParallelism, v.parallelism);
  return a.ok ? { ok: true, key, keyGroup: a.keyGroup, subtask: a.subtask } : { ok: false, key, error: a.error };
}
