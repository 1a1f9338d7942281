// The open job files: the LSP text documents (incremental sync) and the latest analysis of each,
// sharing one statement parse cache. Imports LSP text documents and server modules.
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalysis } from './documentAnalysis.js';
import { ParseCache } from './parseCache.js';

/** Open documents and their analyses. */
export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly parseCache = new ParseCache();
  private readonly analyses = new Map<string, DocumentAnalysis>();

  /** The analysis of the document's current version (computed on first use), or undefined if it is not open. */
  analysis(uri: string): DocumentAnalysis | undefined {
    const doc = this.documents.get(uri);
    if (!doc) {
      this.analyses.delete(uri);
      return undefined;
    }
    const known = this.analyses.get(uri);
    if (known && known.version === doc.version && known.text.length === doc.getText().length) return known;
    const fresh = new DocumentAnalysis(doc, this.parseCache);
    this.analyses.set(uri, fresh);
    return fresh;
  }

  /** Forgets a closed document's analysis. */
  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}
