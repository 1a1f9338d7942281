// Publishes diagnostics as the user types: the parser's and the non-determinism warnings once the
// file is parsed (statement-cached, in a worker thread, a few ms per edit), then the planner's
// semantic diagnostics (planned in the worker too) after a short quiet period.
// Until the planner has run on a new version, its diagnostics on unchanged statements are carried
// over. Imports LSP, the runtime API and server modules.
import type { Connection } from 'vscode-languageserver';
import type { Diagnostic } from '../runtime/index.js';
import { toLspDiagnostic } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';
import { guardNotification } from './handlerGuard.js';
import type { ParsedChunk } from './parseCache.js';
import type { Workspace } from './workspace.js';

/** Options of publishing. */
export interface PublishOptions {
  /** Quiet time after the last edit before the planner runs, in ms. */
  compileDelayMs: number;
  /** Plans a document elsewhere (the parser's worker) for its diagnostics; default: `analysis.compiled` here. */
  plan?: (analysis: DocumentAnalysis) => Promise<Diagnostic[]>;
}

interface Semantic {
  analysis: DocumentAnalysis;
  diagnostics: Diagnostic[];
}

/** Schedules and publishes each open document's diagnostics. */
export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private readonly compileTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly semantic = new Map<string, Semantic>();

  /** Quiet time after the last edit before the planner runs, in ms. */
  compileDelayMs: number;
  private readonly plan: (analysis: DocumentAnalysis) => Promise<Diagnostic[]>;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    options: PublishOptions,
  ) {
    this.compileDelayMs = options.compileDelayMs;
    this.plan = options.plan ?? ((analysis) => Promise.resolve(analysis.compiled.diagnostics));
  }

  /** A document was opened or changed: publish soon (several quick edits publish once). */
  schedule(uri: string): void {
    if (this.pending.has(uri)) return;
    this.pending.add(uri);
    setImmediate(() => {
      this.pending.delete(uri);
      guardNotification(this.connection, 'diagnostics', () => this.publishFast(uri));
    });
  }

  /** A document was closed: clear its diagnostics. */
  close(uri: string): void {
    clearTimeout(this.compileTimers.get(uri));
    this.compileTimers.delete(uri);
    this.semantic.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Stops every timer (shutdown). */
  dispose(): void {
    for (const t of this.compileTimers.values()) clearTimeout(t);
    this.compileTimers.clear();
  }

  private publishFast(uri: string): void {
    const analysis = this.workspace.analysis(uri);
    if (!analysis) return;
    if (!analysis.complete) {
      // Statements are being parsed in the background: publish once they are in.
      this.workspace.parsed(analysis).then(
        () => this.schedule(uri),
        (e: unknown) => guardNotification(this.connection, 'diagnostics', () => { throw e; }),
      );
      return;
    }
    const previous = this.semantic.get(uri);
    const carried = previous ? carrySemantic(previous, analysis) : [];
    this.send(analysis, [...analysis.parsed.diagnostics, ...analysis.warnings, ...carried]);
    clearTimeout(this.compileTimers.get(uri));
    this.compileTimers.set(
      uri,
      setTimeout(() => {
        this.compileTimers.delete(uri);
        guardNotification(this.connection, 'semantic diagnostics', () => this.publishFull(uri, analysis));
      }, this.compileDelayMs),
    );
  }

  private publishFull(uri: string, analysis: DocumentAnalysis): void {
    if (this.workspace.analysis(uri) !== analysis) return; // a newer version is on its way
    const planned = analysis.limit ? Promise.resolve(analysis.compiled.diagnostics) : this.plan(analysis);
    planned.then(
      (compiled) =>
        guardNotification(this.connection, 'semantic diagnostics', () => {
          if (this.workspace.analysis(uri) !== analysis) return;
          const diagnostics = semanticDiagnostics(analysis, compiled);
          this.semantic.set(uri, { analysis, diagnostics });
          this.send(analysis, [...analysis.parsed.diagnostics, ...analysis.warnings, ...diagnostics]);
        }),
      (e: unknown) => guardNotification(this.connection, 'semantic diagnostics', () => { throw e; }),
    );
  }

  private send(analysis: DocumentAnalysis, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics: diagnostics.map(toLspDiagnostic) });
  }
}

/** The planner's diagnostics (`compiled`) that the parser did not already report. */
export function semanticDiagnostics(analysis: DocumentAnalysis, compiled: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set(analysis.parsed.diagnostics.map(key));
  return compiled
    .filter((d) => !seen.has(key(d)))
    .map((d) =>
      // A file without INSERT is valid Flink SQL (e.g. shared DDL); the runtime just has no job to run.
      d.code === 'no-job' ? { ...d, severity: 'info' as const } : d,
    );
}

function key(d: Diagnostic): string {
  const r = d.range;
  return `${d.message}@${r ? `${r.start.line}:${r.start.column}` : ''}`;
}

/**
 * The previous version's semantic diagnostics that lie in statements whose text is unchanged, moved
 * to where those statements are now. Diagnostics in edited statements are dropped until the planner runs.
 */
export function carrySemantic(previous: Semantic, next: DocumentAnalysis): Diagnostic[] {
  const oldChunks = previous.analysis.parsed.chunks;
  const newChunks = next.parsed.chunks;
  if (oldChunks.length === 0 || newChunks.length === 0) return [];
  // Match unchanged statements in order by text.
  const byText = new Map<string, ParsedChunk[]>();
  for (const c of newChunks) {
    const list = byText.get(c.chunk.text) ?? [];
    list.push(c);
    byText.set(c.chunk.text, list);
  }
  const moved = new Map<ParsedChunk, ParsedChunk>();
  for (const c of oldChunks) {
    const match = byText.get(c.chunk.text)?.shift();
    if (match) moved.set(c, match);
  }
  const out: Diagnostic[] = [];
  for (const d of previous.diagnostics) {
    if (!d.range) continue;
    const from = oldChunks.find((c) => c.chunk.line <= d.range!.start.line && d.range!.start.line <= lastLine(c));
    const to = from && moved.get(from);
    if (!from || !to) continue;
    const shiftPos = (p: { line: number; column: number }) => ({
      line: p.line - from.chunk.line + to.chunk.line,
      column: p.line === from.chunk.line ? p.column - from.chunk.column + to.chunk.column : p.column,
    });
    out.push({ ...d, range: { start: shiftPos(d.range.start), end: shiftPos(d.range.end) } });
  }
  return out;
}

function lastLine(c: ParsedChunk): number {
  let n = 0;
  for (let i = 0; i < c.chunk.text.length; i++) if (c.chunk.text.charCodeAt(i) === 10) n++;
  return c.chunk.line + n;
}
