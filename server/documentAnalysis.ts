// Everything the server knows about one version of a job file: the statement-cached parse (partial
// while statements are parsed in the background), the semantic model, non-determinism warnings and (lazily)
// the runtime's compile result. Imports the runtime API, LSP text documents and server modules.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compileJob, type CompileResult, type Diagnostic, type SourcePosition, type SourceRange } from '../runtime/index.js';
import { URI } from 'vscode-uri';
import { toLspPosition } from './convert.js';
import { nonDeterminismWarnings } from './nondeterminism.js';
import { analysisLimit } from './documentLimits.js';
import type { ParseCache, ParsedDocument } from './parseCache.js';
import { SemanticModel } from './semanticModel.js';

/** One analysed version of a document. */
export class DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly parsed: ParsedDocument;
  /** Set when the document is not analysed at all (not text, or too large): the one diagnostic saying why. */
  readonly limit: Diagnostic | undefined;
  private modelCache: SemanticModel | undefined;
  private warningsCache: Diagnostic[] | undefined;
  private compiledCache: CompileResult | undefined;

  constructor(private readonly document: TextDocument, cache: ParseCache) {
    this.uri = document.uri;
    this.version = document.version;
    this.text = document.getText();
    this.limit = analysisLimit(this.text, () => cache.splitOf(this.text));
    this.parsed = this.limit ? { statements: [], diagnostics: [this.limit], chunks: [], complete: true } : cache.parse(this.text);
  }

  /** Whether every statement is parsed (false while some are still being parsed in the background). */
  get complete(): boolean {
    return this.parsed.complete;
  }

  /** Tables, views, columns and references. */
  get model(): SemanticModel {
    this.modelCache ??= new SemanticModel(this.parsed.statements, (r) => this.textOf(r));
    return this.modelCache;
  }

  /** Non-determinism warnings (from the AST; no planning). */
  get warnings(): Diagnostic[] {
    this.warningsCache ??= nonDeterminismWarnings(this.parsed.statements, this.model);
    return this.warningsCache;
  }

  /** Whether `compiled` has been computed for this version. */
  get isCompiled(): boolean {
    return this.compiledCache !== undefined;
  }

  /** The runtime's compile result for this version (planned once, on first use). */
  get compiled(): CompileResult {
    if (this.limit) return { diagnostics: [{ ...this.limit, severity: 'error' }] };
    if (!this.complete) {
      const message = 'This file is still being analysed: try again in a moment';
      return { diagnostics: [{ severity: 'error', code: 'analysis-incomplete', message, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }] };
    }
    // The statement cache's parse is the parse: the planner does not parse the file again.
    this.compiledCache ??= compileJob(this.text, { file: fileOfUri(this.uri), parsed: { statements: this.parsed.statements, diagnostics: this.parsed.diagnostics } });
    return this.compiledCache;
  }

  /** 0-based lines of statements the parser rejected (the formatter leaves them alone). */
  frozenLines(): Set<number> {
    const out = new Set<number>();
    if (this.parsed.chunks.length === 0 && this.parsed.diagnostics.some((d) => d.severity === 'error')) {
      const lines = this.text.split('\n').length;
      for (let i = 0; i < lines; i++) out.add(i);
      return out;
    }
    for (const c of this.parsed.chunks) {
      if (!c.diagnostics.some((d) => d.severity === 'error')) continue;
      const last = c.chunk.line + (c.chunk.text.match(/\n/g)?.length ?? 0);
      for (let l = c.chunk.line; l <= last; l++) out.add(l - 1);
    }
    return out;
  }

  /** The UTF-16 offset of a 1-based position. */
  offsetAt(p: SourcePosition): number {
    return this.document.offsetAt(toLspPosition(p));
  }

  /** The 1-based position of a UTF-16 offset. */
  positionAt(offset: number): SourcePosition {
    const p = this.document.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }

  /** The source text of a range. */
  textOf(r: SourceRange): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }
}

/** The file path of a `file:` URI (the URI itself otherwise), as the runtime names files. */
export function fileOfUri(uri: string): string {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : uri;
}
