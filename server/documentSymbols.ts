// Document symbols: tables (with their columns), views, SET keys, INSERTs and statement sets, for
// the outline and breadcrumbs. Imports LSP types, the runtime AST and convert.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { InsertStatement, Statement } from '../runtime/index.js';
import { toLspRange } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';

/** The outline of a job file. */
export function documentSymbols(analysis: DocumentAnalysis): DocumentSymbol[] {
  return analysis.parsed.statements.flatMap((s) => symbolOf(s, analysis));
}

function symbolOf(s: Statement, analysis: DocumentAnalysis): DocumentSymbol[] {
  switch (s.kind) {
    case 'set':
      return [{ name: s.key, detail: `SET = '${s.value}'`, kind: SymbolKind.Property, range: toLspRange(s.range), selectionRange: toLspRange(s.keyRange) }];
    case 'createTable': {
      const connector = s.options.find((o) => o.key === 'connector')?.value;
      return [
        {
          name: s.name.text,
          detail: connector ? `TABLE · ${connector}` : 'TABLE',
          kind: SymbolKind.Class,
          range: toLspRange(s.range),
          selectionRange: toLspRange(s.name.range),
          children: s.columns.map((c) => ({
            name: c.name,
            detail: c.kind === 'physical' ? c.typeText : `AS ${analysis.textOf(c.expression.range)}`,
            kind: SymbolKind.Field,
            range: toLspRange(c.range),
            selectionRange: toLspRange(c.nameRange),
          })),
        },
      ];
    }
    case 'createView':
      return [{ name: s.name.text, detail: 'VIEW', kind: SymbolKind.Interface, range: toLspRange(s.range), selectionRange: toLspRange(s.name.range) }];
    case 'insert':
      return [insertSymbol(s)];
    case 'statementSet':
      return [
        {
          name: 'EXECUTE STATEMENT SET',
          detail: `${s.inserts.length} INSERT${s.inserts.length === 1 ? '' : 's'}`,
          kind: SymbolKind.Namespace,
          range: toLspRange(s.range),
          selectionRange: toLspRange(s.range),
          children: s.inserts.map(insertSymbol),
        },
      ];
    case 'explain':
      return [{ name: 'EXPLAIN', kind: SymbolKind.Event, range: toLspRange(s.range), selectionRange: toLspRange(s.range) }];
    case 'query':
      return [{ name: 'SELECT', kind: SymbolKind.Event, range: toLspRange(s.range), selectionRange: toLspRange(s.range) }];
  }
}

function insertSymbol(s: InsertStatement): DocumentSymbol {
  return { name: `INSERT INTO ${s.table.text}`, kind: SymbolKind.Event, range: toLspRange(s.range), selectionRange: toLspRange(s.table.range) };
}
