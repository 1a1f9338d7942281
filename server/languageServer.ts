// Wires the Flink SQL language features to an LSP connection: capabilities, document sync,
// diagnostics, the feature handlers (each behind the one params check and error mapping, with
// parsing bounded to one time slice per request) and the custom requests.
// Imports LSP, protocol and server modules; writes nothing to stdout.
import {
  ErrorCodes,
  RequestType,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
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
import { jobFileParams, keyPlacementParams, positionParams, referenceParams, renameParams, textDocumentParams } from './paramChecks.js';
import { warmUp } from './warmUp.js';
import { ANALYSIS_SLICE_MS, Workspace } from './workspace.js';

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

  /** The document's analysis, parsing for at most one slice (a large file answers from what is parsed so far). */
  const analysisOf = (uri: string, token: CancellationToken): DocumentAnalysis => {
    const a = workspace.analysis(uri, { deadline: performance.now() + ANALYSIS_SLICE_MS, isCancelled: () => token.isCancellationRequested });
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

  connection.onCompletion(
    guardRequest(connection, 'completion', positionParams, (p, t) => {
      const a = analysisOf(p.textDocument.uri, t);
      return a.limit ? [] : completion(a, p.position);
    }),
  );
  connection.onHover(guardRequest(connection, 'hover', positionParams, (p, t) => hover(analysisOf(p.textDocument.uri, t), p.position)));
  connection.onCodeLens(guardRequest(connection, 'code lenses', textDocumentParams, (p, t) => codeLenses(analysisOf(p.textDocument.uri, t))));
  connection.onDocumentSymbol(guardRequest(connection, 'document symbols', textDocumentParams, (p, t) => documentSymbols(analysisOf(p.textDocument.uri, t))));
  connection.onDefinition(guardRequest(connection, 'go to definition', positionParams, (p, t) => definition(analysisOf(p.textDocument.uri, t), p.position)));
  connection.onReferences(
    guardRequest(connection, 'find references', referenceParams, (p, t) => references(analysisOf(p.textDocument.uri, t), p.position, p.context.includeDeclaration)),
  );
  connection.onPrepareRename(guardRequest(connection, 'rename', positionParams, (p, t) => prepareRename(analysisOf(p.textDocument.uri, t), p.position)));
  connection.onRenameRequest(guardRequest(connection, 'rename', renameParams, (p, t) => rename(analysisOf(p.textDocument.uri, t), p.position, p.newName)));
  connection.onDocumentFormatting(
    guardRequest(connection, 'formatting', textDocumentParams, (p, t) => {
      const a = analysisOf(p.textDocument.uri, t);
      return a.limit || !a.complete ? [] : formatJobFile(a.text, a.frozenLines());
    }),
  );
  connection.onRequest(requestType(jobGraphRequest), guardRequest(connection, 'job graph', jobFileParams, (p, t) => jobGraph(analysisOf(p.uri, t))));
  connection.onRequest(requestType(keyPlacementRequest), guardRequest(connection, 'key placement', keyPlacementParams, (p, t) => keyPlacement(analysisOf(p.uri, t), p)));

  connection.onShutdown(() => publisher.dispose());
  workspace.documents.listen(connection);
}
