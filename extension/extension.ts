// The extension's entry: builds the one context object and shows an activation failure to the
// user instead of swallowing it. The only folder that imports 'vscode'; imports protocol/ and
// extension/ modules and nothing else of ours.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CheckpointLabContext } from './context.js';

let current: CheckpointLabContext | undefined;

/** Called by VS Code on a job file, a Checkpoint Lab command or a `checkpoint-lab` debug session. */
export function activate(extension: vscode.ExtensionContext): void {
  const started = performance.now();
  try {
    current = new CheckpointLabContext(extension);
    extension.subscriptions.push({ dispose: () => void current?.dispose() });
    current.start();
    current.log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    current?.log.error(`activation failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(`Checkpoint Lab could not start: ${message}`);
    throw e;
  }
}

/** Called by VS Code on shutdown: stops the language server and disposes everything. */
export async function deactivate(): Promise<void> {
  const c = current;
  current = undefined;
  await c?.dispose();
}
