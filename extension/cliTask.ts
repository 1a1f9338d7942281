// Runs the bundled CLI (dist/cli.js) as a VS Code task in a terminal, on the extension host's own
// Node, and reports how it ended. Imports vscode only.
import * as vscode from 'vscode';

/** How a CLI run ended: its exit code (0 finished, 1 job failed, 2 invalid input, 3 divergence), or undefined if it was stopped. */
export type CliExit = number | undefined;

/** Runs the CLI in terminals. */
export class CliTasks implements vscode.Disposable {
  private readonly pending = new Map<vscode.TaskExecution, (code: CliExit) => void>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.listener = vscode.tasks.onDidEndTaskProcess((e) => {
      const done = this.pending.get(e.execution);
      if (!done) return;
      this.pending.delete(e.execution);
      done(e.exitCode);
    });
  }

  /** The path of the CLI bundle. */
  get cliPath(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'cli.js').fsPath;
  }

  /** Runs `checkpoint-lab ARGS` in a terminal named `title` from `cwd`; resolves with its exit code. */
  async run(title: string, args: readonly string[], cwd: string, folder?: vscode.WorkspaceFolder): Promise<CliExit> {
    // In desktop VS Code the extension host is Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    const execution = new vscode.ProcessExecution(process.execPath, [this.cliPath, ...args], { cwd, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task({ type: 'checkpoint-lab', command: args[0] ?? '' }, folder ?? vscode.TaskScope.Workspace, title, 'Checkpoint Lab', execution, []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, focus: false };
    const started = await vscode.tasks.executeTask(task);
    return new Promise<CliExit>((resolve) => this.pending.set(started, resolve));
  }

  dispose(): void {
    this.listener.dispose();
    for (const done of this.pending.values()) done(undefined);
    this.pending.clear();
  }
}
