// `checkpointLab.files.associatePlainSql`: plain `.sql` files open as Flink SQL (job files are
// `*.flink.sql` otherwise). Imports vscode only.
import * as vscode from 'vscode';
import type { Config } from './config.js';

/** Switches `sql` documents to `flinksql` while the setting is on. */
export class PlainSqlAssociation implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly config: Config) {
    const claim = (d: vscode.TextDocument): void => {
      if (d.languageId === 'sql' && d.uri.path.endsWith('.sql') && this.config.associatePlainSql) void vscode.languages.setTextDocumentLanguage(d, 'flinksql');
    };
    vscode.workspace.textDocuments.forEach(claim);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(claim),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('checkpointLab.files.associatePlainSql')) vscode.workspace.textDocuments.forEach(claim);
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
