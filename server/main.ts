// Entry of the Flink SQL language server (bundled to dist/server.js). The transport comes from the
// command line: `--stdio` for other editors, `--node-ipc` from the VS Code extension. Nothing but
// protocol messages may reach stdout. The same bundle runs the parser's worker thread.
import { isMainThread, workerData } from 'node:worker_threads';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { PARSER_WORKER_ROLE, serveParses } from './backgroundParser.js';
import { cancelUndispatched } from './handlerGuard.js';
import { startLanguageServer } from './languageServer.js';

if (!isMainThread && (workerData as { role?: string } | null)?.role === PARSER_WORKER_ROLE) {
  serveParses();
} else {
  // A request cancelled while it still waits behind others is answered at once and never runs.
  const connection = createConnection(ProposedFeatures.all, { connectionStrategy: { cancelUndispatched } });
  startLanguageServer(connection, { parserScript: __filename });
  connection.listen();
}
