// The one place runtime values become LSP values: 1-based runtime ranges to 0-based LSP ranges,
// runtime diagnostics to LSP diagnostics, job graphs to protocol wire types. Imports the runtime
// API, protocol/ and LSP types.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Position, type Range } from 'vscode-languageserver';
import type { WireVertex, WireEdge } from '../protocol/index.js';
import {
  computeKeyGroupRangeForOperatorIndex,
  type Diagnostic,
  type JobGraph,
  type SourcePosition,
  type SourceRange,
} from '../runtime/index.js';

/** The diagnostic source shown in the Problems view. */
export const DIAGNOSTIC_SOURCE = 'flink-sql';

/** A runtime position (1-based line and column) as an LSP position (0-based). */
export function toLspPosition(p: SourcePosition): Position {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

/** An LSP position (0-based) as a runtime position (1-based). */
export function fromLspPosition(p: Position): SourcePosition {
  return { line: p.line + 1, column: p.character + 1 };
}

/** A runtime range as an LSP range. */
export function toLspRange(r: SourceRange): Range {
  return { start: toLspPosition(r.start), end: toLspPosition(r.end) };
}

/** An LSP range as a runtime range. */
export function fromLspRange(r: Range): SourceRange {
  return { start: fromLspPosition(r.start), end: fromLspPosition(r.end) };
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A runtime diagnostic as an LSP diagnostic (one without a range goes on the first character). */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const range = d.range ? toLspRange(d.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { range, severity: SEVERITY[d.severity], code: d.code, source: DIAGNOSTIC_SOURCE, message: d.message };
}

/** `line:column: message` of a runtime diagnostic (1-based, as editors and terminals show it). */
export function diagnosticLine(d: Diagnostic): string {
  return d.range ? `${d.range.start.line}:${d.range.start.column}: ${d.message}` : d.message;
}

/** Each subtask's key-group range of a vertex. */
export function keyGroupRanges(maxParallelism: number, parallelism: number): Array<{ subtask: number; start: number; end: number }> {
  return Array.from({ length: parallelism }, (_, subtask) => {
    const r = computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism, subtask);
    return { subtask, start: r.startKeyGroup, end: r.endKeyGroup };
  });
}

/** A job graph's vertices and edges as wire types. */
export function toWireGraph(graph: JobGraph): { vertices: WireVertex[]; edges: WireEdge[] } {
  const vertices: WireVertex[] = graph.vertices.map((v) => {
    const wire: WireVertex = {
      id: v.id,
      name: v.name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      maxParallelismConfigured: v.maxParallelismConfigured,
      operators: v.operators.map((o) => ({ name: o.name, description: o.description, lines: [...(o.lines ?? [])] })),
    };
    if (v.source) wire.source = v.source.name;
    if (v.key) {
      wire.key = {
        names: [...v.key.names],
        types: v.key.types.map((t) => (typeof t === 'string' ? t : t.root)),
        ranges: keyGroupRanges(v.maxParallelism, v.parallelism),
      };
    }
    return wire;
  });
  const edges: WireEdge[] = graph.edges.map((e) => {
    const wire: WireEdge = { source: e.source, target: e.target, partitioner: e.partitioner };
    if (e.key) wire.keyNames = [...e.key.names];
    return wire;
  });
  return { vertices, edges };
}
