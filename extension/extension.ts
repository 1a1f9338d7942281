// The thin VS Code client: starts the Flink SQL language server (dist/server.js) over IPC for
// `flinksql` documents. The full extension (commands, debugger, panels) comes later. The only
// folder that imports 'vscode'; imports protocol/ and nothing else of ours.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Owns the language client and every disposable of the extension (rust-analyzer's context). */
class ExtensionContext implements vscode.Disposable {
  private client: LanguageClient | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Starts the language server; a failure is shown to the user, not swallowed. */
  async start(): Promise<void> {
    const module = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'flinksql' }],
      outputChannelName: 'Checkpoint Lab: Flink SQL',
    };
    this.client = new LanguageClient('checkpointLab.flinkSql', 'Checkpoint Lab: Flink SQL', serverOptions, clientOptions);
    try {
      await this.client.start();
    } catch (e) {
      void vscode.window.showErrorMessage(`Checkpoint Lab: the Flink SQL language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
  }
}

let current: ExtensionContext | undefined;

/** Called by VS Code when a `flinksql` document opens. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  current = new ExtensionContext(context);
  context.subscriptions.push({ dispose: () => void current?.dispose() });
  await current.start();
}

/** Called by VS Code on shutdown: stops the language server. */
export async function deactivate(): Promise<void> {
  await current?.dispose();
  current = undefined;
}
