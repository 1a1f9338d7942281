// Entry of the Flink SQL language server (bundled to dist/server.js). The transport comes from the
// command line: `--stdio` for other editors, `--node-ipc` from the VS Code extension. Nothing but
// protocol messages may reach stdout.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer.js';

const connection = createConnection(ProposedFeatures.all);
startLanguageServer(connection);
connection.listen();
