// Wires the Flink SQL language features to an LSP connection: capabilities, document sync,
// diagnostics, the feature handlers (each behind the one params check and error mapping, waiting a
// bounded time for statements parsed in the worker) and the custom requests.
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
import { parseJobFile, type ParsedJobFile } from '../runtime/index.js';
import { BackgroundParser } from './backgroundParser.js';
import { codeLenses } from './codeLenses.js';
import { completion } from './completion.js';
import { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import { fileOfUri, type DocumentAnalysis } from './documentAnalysis.js';
import { documentSymbols } from './documentSymbols.js';
import { formatJobFile } from './formatting.js';
import { guardRequest } from './handlerGuard.js';
import { hover } from './hover.js';
import { jobGraph, keyPlacement } from './jobRequests.js';
import { definition, prepareRename, references, rename } from './navigation.js';
import { jobFileParams, keyPlacementParams, positionParams, referenceParams, renameParams, textDocumentParams } from './paramChecks.js';
import { warmUp } from './warmUp.js';
import { REQUEST_PARSE_WAIT_MS, Workspace } from './workspace.js';

/**
 * Options of the server. A client may also pass `initializationOptions.semanticDiagnosticsDelayMs`
 * (the quiet time after an edit before the planner's diagnostics are computed, in ms).
 */
export interface LanguageServerOptions {
  /** Quiet time after an edit before the planner's diagnostics are computed, in ms (default 250). */
  compileDelayMs?: number;
  /** The bundle to run as the parser's worker thread (the server's own); without it, parsing runs on the server's thread. */
  parserScript?: string;
}

/** The LSP request type of a protocol descriptor. */
function requestType<P, R>(d: RequestDescriptor<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(d.method);
}

/** How long formatting may wait for parses in all, in ms (a user asked: worth a wait, still under a second). */
const FORMAT_BUDGET_MS = 900;

/** `p`, or undefined when it takes longer than `ms`. */
function withTimeout(p: Promise<ParsedJobFile>, ms: number): Promise<ParsedJobFile | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Registers every handler on `connection`; call `connection.listen()` afterwards. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions = {}): void {
  const parser = options.parserScript ? new BackgroundParser(options.parserScript) : undefined;
  const workspace = new Workspace(parser);
  const publisher = new DiagnosticsPublisher(connection, workspace, {
    compileDelayMs: options.compileDelayMs ?? 250,
    plan: parser ? (a) => parser.diagnose(a.text, fileOfUri(a.uri), () => a.compiled.diagnostics) : undefined,
  });

  /** The document's analysis, waiting a bounded time (`waitMs`) for statements still being parsed. */
  const analysisOf = async (uri: string, token: CancellationToken, waitMs = REQUEST_PARSE_WAIT_MS): Promise<DocumentAnalysis> => {
    const a = await workspace.analysisFor(uri, token, waitMs);
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
  connection.onInitialized(() => warmUp(connection, (text) => (parser ? parser.parse(text) : Promise.resolve(parseJobFile(text)))));

  workspace.documents.onDidOpen((e) => publisher.schedule(e.document.uri));
  workspace.documents.onDidChangeContent((e) => publisher.schedule(e.document.uri));
  workspace.documents.onDidClose((e) => {
    workspace.forget(e.document.uri);
    publisher.close(e.document.uri);
  });

  connection.onCompletion(
    guardRequest(connection, 'completion', positionParams, async (p, t) => {
      const a = await analysisOf(p.textDocument.uri, t);
      return a.limit ? [] : completion(a, p.position);
    }),
  );
  connection.onHover(guardRequest(connection, 'hover', positionParams, async (p, t) => hover(await analysisOf(p.textDocument.uri, t), p.position)));
  connection.onCodeLens(guardRequest(connection, 'code lenses', textDocumentParams, async (p, t) => codeLenses(await analysisOf(p.textDocument.uri, t))));
  connection.onDocumentSymbol(guardRequest(connection, 'document symbols', textDocumentParams, async (p, t) => documentSymbols(await analysisOf(p.textDocument.uri, t))));
  connection.onDefinition(guardRequest(connection, 'go to definition', positionParams, async (p, t) => definition(await analysisOf(p.textDocument.uri, t), p.position)));
  connection.onReferences(
    guardRequest(connection, 'find references', referenceParams, async (p, t) => references(await analysisOf(p.textDocument.uri, t), p.position, p.context.includeDeclaration)),
  );
  connection.onPrepareRename(guardRequest(connection, 'rename', positionParams, async (p, t) => prepareRename(await analysisOf(p.textDocument.uri, t), p.position)));
  connection.onRenameRequest(guardRequest(connection, 'rename', renameParams, async (p, t) => rename(await analysisOf(p.textDocument.uri, t), p.position, p.newName)));
  connection.onDocumentFormatting(
    guardRequest(connection, 'formatting', textDocumentParams, async (p, t) => {
      // A user asked, so formatting may wait longer for the parse; the whole answer stays within FORMAT_BUDGET_MS.
      const started = performance.now();
      const a = await analysisOf(p.textDocument.uri, t, FORMAT_BUDGET_MS * 0.6);
      if (a.limit || !a.complete) return [];
      // The re-parse that checks the formatted text runs in the worker; without its answer in time, nothing changes.
      const left = Math.max(100, FORMAT_BUDGET_MS - (performance.now() - started));
      return formatJobFile(a.text, a.parsed, a.frozenLines(), (text) => withTimeout(parser ? parser.parse(text) : Promise.resolve(parseJobFile(text)), left));
    }),
  );
  connection.onRequest(requestType(jobGraphRequest), guardRequest(connection, 'job graph', jobFileParams, async (p, t) => jobGraph(await analysisOf(p.uri, t))));
  connection.onRequest(requestType(keyPlacementRequest), guardRequest(connection, 'key placement', keyPlacementParams, async (p, t) => keyPlacement(await analysisOf(p.uri, t), p)));

  connection.onShutdown(() => {
    publisher.dispose();
    parser?.dispose();
  });
  workspace.documents.listen(connection);
}
