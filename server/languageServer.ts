// Wires the Flink SQL language features to an LSP connection: capabilities, document sync,
// diagnostics, the feature handlers (each behind the one error mapping) and the custom requests.
// Imports LSP, protocol and server modules; writes nothing to stdout.
import {
  ErrorCodes,
  RequestType,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { jobGraphRequest, keyPlacementRequest, type RequestDescriptor } from '../protocol/index.js';
import { codeLenses } from './codeLenses.js';
import { completion } from './completion.js';
import { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import type { DocumentAnalysis } from './documentAnalysis.js';
import { documentSymbols } from './documentSymbols.js';
import { formatJobFile } from './formatting.js';
import { guardRequest } from './handlerGuard.js';
import { hover } from './hover.js';
import { jobGraph, keyPlacement } from './jobRequests.js';
import { definition, prepareRename, references, rename } from './navigation.js';
import { warmUp } from './warmUp.js';
import { Workspace } from './workspace.js';

/**
 * Options of the server. A client may also pass `initializationOptions.semanticDiagnosticsDelayMs`
 * (the quiet time after an edit before the planner's diagnostics are computed, in ms).
 */
export interface LanguageServerOptions {
  /** Quiet time after an edit before the planner's diagnostics are computed, in ms (default 250). */
  compileDelayMs?: number;
}

/** The LSP request type of a protocol descriptor. */
function requestType<P, R>(d: RequestDescriptor<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(d.method);
}

/** Registers every handler on `connection`; call `connection.listen()` afterwards. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions = {}): void {
  const workspace = new Workspace();
  const publisher = new DiagnosticsPublisher(connection, workspace, { compileDelayMs: options.compileDelayMs ?? 250 });

  const analysisOf = (uri: string): DocumentAnalysis => {
    const a = workspace.analysis(uri);
    if (!a) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${uri} is not open`);
    return a;
  };

  connection.onInitialize((params): InitializeResult => {
    const init = params.initializationOptions as { semanticDiagnosticsDelayMs?: unknown } | undefined;
    if (typeof init?.semanticDiagnosticsDelayMs === 'number' && init.semanticDiagnosticsDelayMs >= 0) {
      publisher.compileDelayMs = init.semanticDiagnosticsDelayMs;
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', "'"] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'Checkpoint Lab Flink SQL', version: '0.1.0' },
    };
  });
  // The parser's first use costs ~0.5 s: pay it while the user is still opening files.
  connection.onInitialized(() => warmUp(connection));

  workspace.documents.onDidOpen((e) => publisher.schedule(e.document.uri));
  workspace.documents.onDidChangeContent((e) => publisher.schedule(e.document.uri));
  workspace.documents.onDidClose((e) => {
    workspace.forget(e.document.uri);
    publisher.close(e.document.uri);
  });

  connection.onCompletion(guardRequest(connection, 'completion', (p) => completion(analysisOf(p.textDocument.uri), p.position)));
  connection.onHover(guardRequest(connection, 'hover', (p) => hover(analysisOf(p.textDocument.uri), p.position)));
  connection.onCodeLens(guardRequest(connection, 'code lenses', (p) => codeLenses(analysisOf(p.textDocument.uri))));
  connection.onDocumentSymbol(guardRequest(connection, 'document symbols', (p) => documentSymbols(analysisOf(p.textDocument.uri))));
  connection.onDefinition(guardRequest(connection, 'go to definition', (p) => definition(analysisOf(p.textDocument.uri), p.position)));
  connection.onReferences(guardRequest(connection, 'find references', (p) => references(analysisOf(p.textDocument.uri), p.position, p.context.includeDeclaration)));
  connection.onPrepareRename(guardRequest(connection, 'rename', (p) => prepareRename(analysisOf(p.textDocument.uri), p.position)));
  connection.onRenameRequest(guardRequest(connection, 'rename', (p) => rename(analysisOf(p.textDocument.uri), p.position, p.newName)));
  connection.onDocumentFormatting(
    guardRequest(connection, 'formatting', (p) => {
      const a = analysisOf(p.textDocument.uri);
      return formatJobFile(a.text, a.frozenLines());
    }),
  );
  connection.onRequest(requestType(jobGraphRequest), guardRequest(connection, 'job graph', (p) => jobGraph(analysisOf(p.uri))));
  connection.onRequest(requestType(keyPlacementRequest), guardRequest(connection, 'key placement', (p) => keyPlacement(analysisOf(p.uri), p)));

  connection.onShutdown(() => publisher.dispose());
  workspace.documents.listen(connection);
}
