// Entry of the Flink SQL language server (bundled to dist/server.js). The transport comes from the
// command line: `--stdio` for other editors, `--node-ipc` from the VS Code extension. Nothing but
// protocol messages may reach stdout.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { cancelUndispatched } from './handlerGuard.js';
import { startLanguageServer } from './languageServer.js';

// A request cancelled while it still waits behind others is answered at once and never runs.
const connection = createConnection(ProposedFeatures.all, { connectionStrategy: { cancelUndispatched } });
startLanguageServer(connection);
connection.listen();
