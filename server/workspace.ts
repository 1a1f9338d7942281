// The open job files: the LSP text documents (incremental sync) and the latest analysis of each,
// sharing one statement parse cache whose parses run in a worker thread. Imports LSP text
// documents and server modules.
import { TextDocuments, type CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis } from './documentAnalysis.js';
import { ParseCache, type ChunkParser } from './parseCache.js';

/**
 * How long a request waits for statements still being parsed, in ms; then it answers from what is
 * parsed so far, so no document can hold a request much longer than this.
 */
export const REQUEST_PARSE_WAIT_MS = 300;

/** Open documents and their analyses. */
export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly parseCache: ParseCache;
  private readonly analyses = new Map<string, DocumentAnalysis>();

  /** `parser` parses statements off the server's thread; without it they are parsed on first use. */
  constructor(parser?: ChunkParser) {
    this.parseCache = new ParseCache(parser);
  }

  /**
   * The analysis of the document's current version, or undefined if it is not open. It is partial
   * (`complete` false) while statements are parsed in the background; ask again when `parsed` resolves.
   */
  analysis(uri: string): DocumentAnalysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) {
      this.analyses.delete(uri);
      return undefined;
    }
    const known = this.analyses.get(uri);
    if (known && known.complete && known.version === doc.version && known.text.length === doc.getText().length) return known;
    const fresh = new DocumentAnalysis(doc, this.parseCache);
    this.analyses.set(uri, fresh);
    return fresh;
  }

  /** Resolves when every statement of the analysis's text is parsed. */
  parsed(analysis: DocumentAnalysis): Promise<void> {
    return this.parseCache.parsed(analysis.text);
  }

  /**
   * The analysis for a request: waits up to `waitMs` (or until cancelled) for statements still being
   * parsed, then answers with the analysis as it is.
   */
  async analysisFor(uri: string, token: CancellationToken, waitMs = REQUEST_PARSE_WAIT_MS): Promise<DocumentAnalysis | undefined> {
    const a = this.analysis(uri);
    if (!a || a.complete) return a;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelListener: { dispose(): void } | undefined;
    await Promise.race([
      this.parsed(a),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        cancelListener = token.onCancellationRequested(() => resolve());
      }),
    ]);
    clearTimeout(timer);
    cancelListener?.dispose();
    return this.analysis(uri);
  }

  /** Forgets a closed document's analysis. */
  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}
