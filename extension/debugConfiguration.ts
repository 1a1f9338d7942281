// F5 on a job file: the `checkpoint-lab` launch configuration (a default one when there is no
// launch.json; settings fill what it leaves out) and the adapter process (dist/debugAdapter.js on
// the extension host's Node). Imports vscode and protocol.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEBUG_TYPE, type CheckpointLabLaunchArguments } from '../protocol/index.js';
import type { Config } from './config.js';

/** A `checkpoint-lab` launch configuration. */
export type CheckpointLabConfiguration = vscode.DebugConfiguration & Partial<CheckpointLabLaunchArguments>;

/** The configuration F5 uses for a job file when launch.json has none: it stops on entry, so the subtasks show at once. */
export function defaultConfiguration(jobPath: string): CheckpointLabConfiguration {
  return { type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.basename(jobPath)}`, job: jobPath, stopOnEntry: true };
}

/** Fills a launch configuration: the active job file when empty, settings for what it leaves out. */
export class JobDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly config: Config) {}

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, debugConfiguration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    let c = debugConfiguration as CheckpointLabConfiguration;
    if (!c.type && !c.request && !c.name) {
      // F5 without launch.json: debug the active job file.
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'flinksql') {
        void vscode.window.showErrorMessage('Checkpoint Lab: open a .flink.sql job file to debug it (or add a checkpoint-lab configuration to launch.json).');
        return undefined;
      }
      c = defaultConfiguration(editor.document.uri.fsPath);
    }
    if (c.parallelism === undefined && this.config.parallelism !== undefined) c.parallelism = this.config.parallelism;
    if (c.speed === undefined && this.config.speed !== 'max') c.speed = this.config.speed;
    if (c.checkpointDir === undefined && this.config.checkpointDirectory !== undefined) c.checkpointDir = this.config.checkpointDirectory;
    return c;
  }

  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, debugConfiguration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const c = debugConfiguration as CheckpointLabConfiguration;
    if (typeof c.job !== 'string' || c.job.trim() === '') {
      void vscode.window.showErrorMessage(`Checkpoint Lab: the launch configuration '${c.name}' has no 'job': set it to the path of a .flink.sql file (for example "\${file}").`);
      return undefined;
    }
    // The adapter runs in the folder's directory; paths are made absolute here, once.
    const base = folder?.uri.fsPath ?? path.dirname(c.job);
    c.job = path.resolve(base, c.job);
    if (typeof c.faults === 'string') c.faults = path.resolve(base, c.faults);
    if (typeof c.checkpointDir === 'string') c.checkpointDir = path.resolve(base, c.checkpointDir);
    if (typeof c.restore === 'string' && c.restore !== 'latest') c.restore = path.resolve(base, c.restore);
    return c;
  }
}

/** Starts dist/debugAdapter.js for each session, on the extension host's Node, in the folder's directory. */
export class JobDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly extensionUri: vscode.Uri) {}

  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
    const adapter = vscode.Uri.joinPath(this.extensionUri, 'dist', 'debugAdapter.js').fsPath;
    const job = (session.configuration as CheckpointLabConfiguration).job;
    const cwd = session.workspaceFolder?.uri.fsPath ?? (typeof job === 'string' ? path.dirname(job) : undefined);
    return new vscode.DebugAdapterExecutable(process.execPath, [adapter], { cwd, env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}
