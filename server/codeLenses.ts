// Code lenses over each INSERT INTO and statement set: Run | Debug | Explain | Partitions, carrying
// the command ids and typed arguments of protocol/commands.ts. Imports LSP types, protocol, convert.
import type { CodeLens } from 'vscode-languageserver';
import { JOB_COMMANDS, type JobCommandArgs } from '../protocol/index.js';
import { toLspRange } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';

/** The lenses of a job file, four per INSERT / statement set, in file order. */
export function codeLenses(analysis: DocumentAnalysis): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const s of analysis.parsed.statements) {
    if (s.kind !== 'insert' && s.kind !== 'statementSet') continue;
    const sinkTables = s.kind === 'insert' ? [s.table.text] : s.inserts.map((i) => i.table.text);
    const args: JobCommandArgs = { uri: analysis.uri, line: s.range.start.line, sinkTables };
    const range = toLspRange({ start: s.range.start, end: s.range.start });
    for (const c of JOB_COMMANDS) lenses.push({ range, command: { title: c.title, command: c.id, arguments: [args] } });
  }
  return lenses;
}
