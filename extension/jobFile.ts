// Which job file a command acts on: the lens's URI, the menu's resource, or the active editor.
// Saves it first, so the CLI and the adapter read what the user sees. Imports vscode and protocol.
import * as vscode from 'vscode';
import type { JobCommandArgs } from '../protocol/index.js';

/** A job file a command was asked to act on. */
export interface JobFile {
  readonly uri: vscode.Uri;
  /** The 1-based line of the statement a lens was on, when a lens called. */
  readonly line?: number;
  /** The workspace folder holding it, if any. */
  readonly folder?: vscode.WorkspaceFolder;
}

/** Whether a command argument is a lens's `JobCommandArgs`. */
function isLensArgs(a: unknown): a is JobCommandArgs {
  return typeof a === 'object' && a !== null && typeof (a as JobCommandArgs).uri === 'string' && typeof (a as JobCommandArgs).line === 'number';
}

/**
 * The job file of a command, saved; undefined (after telling the user why) when there is none.
 * `arg` is what VS Code passed: lens arguments, a menu's URI, or nothing.
 */
export async function resolveJobFile(arg: unknown, commandTitle: string): Promise<JobFile | undefined> {
  let uri: vscode.Uri | undefined;
  let line: number | undefined;
  if (isLensArgs(arg)) {
    uri = vscode.Uri.parse(arg.uri);
    line = arg.line;
  } else if (arg instanceof vscode.Uri) uri = arg;
  else {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'flinksql') uri = editor.document.uri;
  }
  if (!uri) {
    void vscode.window.showErrorMessage(`Checkpoint Lab: ${commandTitle} needs a Flink SQL job file: open a .flink.sql file first.`);
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Checkpoint Lab: ${commandTitle} runs job files saved on disk; ${uri.toString()} is not. Save it as a .flink.sql file first.`);
    return undefined;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty && !(await open.save())) {
    void vscode.window.showErrorMessage(`Checkpoint Lab: ${commandTitle}: ${uri.fsPath} could not be saved.`);
    return undefined;
  }
  return { uri, line, folder: vscode.workspace.getWorkspaceFolder(uri) };
}

/** The folder a job runs in: its workspace folder, else the file's own folder. */
export function workingDirectory(job: JobFile): string {
  return job.folder?.uri.fsPath ?? vscode.Uri.joinPath(job.uri, '..').fsPath;
}
