// Go to definition, find references and rename for tables and columns, from the semantic model.
// Imports LSP types, convert and the model.
import { ResponseError, ErrorCodes, type Location, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { fromLspPosition, toLspRange } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';

/** Where the table or column under the cursor is declared. */
export function definition(analysis: DocumentAnalysis, position: Position): Location | null {
  const at = analysis.model.symbolAt(fromLspPosition(position));
  if (!at) return null;
  const range = at.kind === 'table' ? at.table.nameRange : at.column.nameRange;
  return { uri: analysis.uri, range: toLspRange(range) };
}

/** Every place the table or column under the cursor is named. */
export function references(analysis: DocumentAnalysis, position: Position, includeDeclaration: boolean): Location[] {
  const at = analysis.model.symbolAt(fromLspPosition(position));
  if (!at) return [];
  const ranges = analysis.model.occurrences(at.table.name, at.kind === 'column' ? at.column.name : undefined);
  const declaration = at.kind === 'table' ? at.table.nameRange : at.column.nameRange;
  return ranges
    .filter((r) => includeDeclaration || r !== declaration)
    .map((r) => ({ uri: analysis.uri, range: toLspRange(r) }));
}

/** The range of a renameable name (a table) under the cursor, or null. */
export function prepareRename(analysis: DocumentAnalysis, position: Position): { range: Range; placeholder: string } | null {
  const at = analysis.model.symbolAt(fromLspPosition(position));
  if (!at || at.kind !== 'table') return null;
  return { range: toLspRange(at.range), placeholder: at.table.name };
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Renames the table or view under the cursor everywhere in the file. */
export function rename(analysis: DocumentAnalysis, position: Position, newName: string): WorkspaceEdit | null {
  const at = analysis.model.symbolAt(fromLspPosition(position));
  if (!at) return null;
  if (at.kind !== 'table') throw new ResponseError(ErrorCodes.InvalidParams, 'Only tables and views can be renamed');
  const name = newName.trim();
  if (name.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'A table name cannot be empty');
  if (analysis.model.tables.has(name) && name !== at.table.name) {
    throw new ResponseError(ErrorCodes.InvalidParams, `A table or view named ${name} already exists in this file`);
  }
  const text = PLAIN_NAME.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
  const edits = analysis.model.occurrences(at.table.name).map((r) => ({ range: toLspRange(r), newText: text }));
  return { changes: { [analysis.uri]: edits } };
}
