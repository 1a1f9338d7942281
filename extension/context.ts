// The extension's one context object (rust-analyzer's `Ctx`): owns every disposable — the language
// client, the debugger registrations, the commands, the status bar, the CLI tasks, the output
// channel — and disposes them in reverse order. Imports vscode, protocol and extension modules.
import * as vscode from 'vscode';
import { COMMANDS, DEBUG_TYPE } from '../protocol/index.js';
import { CliTasks } from './cliTask.js';
import { commandHandlers } from './commandHandlers.js';
import { Config } from './config.js';
import { JobDebugAdapterFactory, JobDebugConfigurationProvider } from './debugConfiguration.js';
import { JobReports, REPORT_SCHEME } from './jobReports.js';
import { FlinkSqlClient } from './languageClient.js';
import { PanelHost } from './panelHost.js';
import { PlainSqlAssociation } from './plainSqlAssociation.js';
import { SessionPanels } from './sessionPanels.js';
import { SessionStatus } from './sessionStatus.js';

/** Everything the running extension holds. */
export class CheckpointLabContext implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  readonly client: FlinkSqlClient;
  private readonly disposables: { dispose(): unknown }[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.own(vscode.window.createOutputChannel('Checkpoint Lab', { log: true }));
    this.client = this.own(new FlinkSqlClient(extension.extensionUri, this.own(vscode.window.createOutputChannel('Checkpoint Lab: Flink SQL'))));
  }

  /** Registers a disposable with the context and returns it. */
  own<T extends { dispose(): unknown }>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /** Registers commands, the debugger and the status bar; starts the language server when a job file is open. */
  start(): void {
    const cli = this.own(new CliTasks(this.extension.extensionUri));
    const reports = this.own(new JobReports());
    this.own(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports));
    const panels = this.own(new PanelHost(this.extension.extensionUri));
    const handlers = commandHandlers({ config: this.config, cli, client: this.client, reports, panels });
    for (const c of COMMANDS) {
      const handler = handlers[c.id];
      this.own(
        vscode.commands.registerCommand(c.id, (arg: unknown) =>
          handler(arg).catch((e: unknown) => {
            this.log.error(`${c.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            void vscode.window.showErrorMessage(`Checkpoint Lab: ${c.title} failed: ${e instanceof Error ? e.message : String(e)}`);
          }),
        ),
      );
    }
    this.own(vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new JobDebugConfigurationProvider(this.config)));
    this.own(vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new JobDebugAdapterFactory(this.extension.extensionUri)));
    this.own(new SessionStatus(this.config, this.log));
    this.own(new SessionPanels(this.config, panels, this.log));
    this.own(new PlainSqlAssociation(this.config));
    // The language server starts with the first job file, after activation returned (starting
    // it forks a process: activation stays cheap).
    const startWhenJobFile = (d: vscode.TextDocument): void => {
      if (d.languageId === 'flinksql') setImmediate(() => void this.client.start());
    };
    setImmediate(() => vscode.workspace.textDocuments.forEach(startWhenJobFile));
    this.own(vscode.workspace.onDidOpenTextDocument(startWhenJobFile));
  }

  async dispose(): Promise<void> {
    const ds = this.disposables.splice(0).reverse();
    for (const d of ds) await d.dispose();
  }
}
