// The Flink SQL language server (dist/server.js) over IPC: started when the first job file opens
// (or a command needs it), its custom requests typed by protocol/'s descriptors. Imports vscode,
// vscode-languageclient and protocol.
import * as vscode from 'vscode';
// vscode-languageclient is loaded when the server starts (after activation), not when the extension loads.
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { RequestDescriptor } from '../protocol/index.js';

/** The language client, started on demand; a start failure is shown, not swallowed. */
export class FlinkSqlClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** The running client, started if needed; undefined if the server could not start (the user was told). */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.create();
    return this.starting;
  }

  private async create(): Promise<LanguageClient | undefined> {
    const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
    const module = vscode.Uri.joinPath(this.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'flinksql' }],
      outputChannel: this.output,
    };
    // The id `checkpointLab` makes the client read `checkpointLab.trace.server` itself.
    const client = new LanguageClient('checkpointLab', 'Checkpoint Lab: Flink SQL', serverOptions, clientOptions);
    try {
      await client.start();
      this.client = client;
      return client;
    } catch (e) {
      void vscode.window.showErrorMessage(`Checkpoint Lab: the Flink SQL language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Sends a custom request of protocol/; undefined if the server is not running (the user was told). */
  async request<P, R>(descriptor: RequestDescriptor<P, R>, params: P): Promise<R | undefined> {
    const client = await this.start();
    if (!client) return undefined;
    return client.sendRequest<R>(descriptor.method, params);
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client) await client.stop();
  }
}
