// Read-only documents that show what the language server computed for a job file: the job graph
// (Explain Job) and the key-group ranges of its keyed vertices (Show Partitions until the partition
// panel lands). Imports vscode and protocol.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobGraphResult, KeyPlacementResult } from '../protocol/index.js';

/** The URI scheme of the report documents. */
export const REPORT_SCHEME = 'checkpoint-lab-report';

/** Holds the text of each report document and refreshes it when shown again. */
export class JobReports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is gone: run the command again.';
  }

  /** Shows `text` as the report `kind` of `job`, beside the editor. */
  async show(kind: 'explain' | 'partitions', job: vscode.Uri, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${path.basename(job.fsPath)} (${kind})`, query: job.toString() });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The text of Explain Job, or the errors that keep the file from compiling. */
export function explainText(file: string, r: JobGraphResult): string {
  if (!r.ok) return `${file} does not compile:\n${r.errors.map((e) => `  ${e}`).join('\n')}\n`;
  return r.explain.endsWith('\n') ? r.explain : `${r.explain}\n`;
}

/** The text of Show Partitions: every keyed vertex with each subtask's key-group range. */
export function partitionsText(file: string, r: KeyPlacementResult): string {
  if (!r.ok) return `${file} does not compile:\n${r.errors.map((e) => `  ${e}`).join('\n')}\n`;
  if (r.vertices.length === 0) return `${file} has no keyed vertex: no GROUP BY or window aggregate, so no state is partitioned by key.\n`;
  const lines: string[] = [];
  for (const v of r.vertices) {
    lines.push(`${v.vertexName}`, `  key [${v.keyNames.join(', ')}], parallelism ${v.parallelism}, max parallelism ${v.maxParallelism} (key groups 0..${v.maxParallelism - 1})`);
    for (const g of v.ranges) lines.push(`  subtask ${g.subtask} (${g.subtask + 1}/${v.parallelism}): key groups ${g.start}..${g.end} (${g.end - g.start + 1})`);
    lines.push('');
  }
  return lines.join('\n');
}
