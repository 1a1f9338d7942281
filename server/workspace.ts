// The open job files: the LSP text documents (incremental sync) and the latest analysis of each,
// sharing one statement parse cache; parsing is done in time-bounded slices. Imports LSP text
// documents and server modules.
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis } from './documentAnalysis.js';
import { ParseCache, type ParseBudget } from './parseCache.js';

/**
 * How long one call may spend parsing new statements, in ms: a large file is parsed in slices this
 * long, with requests answered in between, so no request waits much longer than this for parsing.
 */
export const ANALYSIS_SLICE_MS = 50;

/** Open documents and their analyses. */
export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly parseCache = new ParseCache();
  private readonly analyses = new Map<string, DocumentAnalysis>();

  /**
   * The analysis of the document's current version, or undefined if it is not open. Parsing stops
   * at the budget's deadline (default: `ANALYSIS_SLICE_MS` from now); a partial analysis continues
   * on the next call.
   */
  analysis(uri: string, budget: ParseBudget = { deadline: performance.now() + ANALYSIS_SLICE_MS }): DocumentAnalysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) {
      this.analyses.delete(uri);
      return undefined;
    }
    const known = this.analyses.get(uri);
    if (known && known.complete && known.version === doc.version && known.text.length === doc.getText().length) return known;
    const fresh = new DocumentAnalysis(doc, this.parseCache, budget);
    this.analyses.set(uri, fresh);
    return fresh;
  }

  /** Forgets a closed document's analysis. */
  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}
