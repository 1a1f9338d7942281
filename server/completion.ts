// Completion: statement and clause keywords, tables and columns (with types), functions with
// signatures, connector names, connector options with documentation and defaults, SET keys and
// their allowed values, column types. Imports LSP types, the runtime API and server modules.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import {
  DATAGEN_FIELD_OPTIONS,
  FLINK_ONLY_CONNECTORS,
  SUPPORTED_CONNECTORS,
  allConfigKeys,
  connectorOptions,
  listFunctions,
  lookupConfigKey,
  type ConfigKey,
} from '../runtime/index.js';
import { AGGREGATE_AND_WINDOW_DOCS, CONNECTOR_DOCS, describeFunction, describeKey, isSupportedConnector, lookupConnectorOption } from './catalogDocs.js';
import { completionContext, statementAround, type CompletionContext } from './completionContext.js';
import type { DocumentAnalysis } from './documentAnalysis.js';
import { describeTable } from './hover.js';
import type { TableSymbol } from './semanticModel.js';

const STATEMENT_SNIPPETS: ReadonlyArray<{ label: string; insert: string; detail: string }> = [
  { label: 'SET', insert: "SET '${1:key}' = '${2:value}';", detail: 'Set a Flink configuration key' },
  { label: 'CREATE TABLE', insert: "CREATE TABLE ${1:name} (\n  ${2:id} BIGINT\n) WITH (\n  'connector' = '${3|datagen,filesystem,print,blackhole|}'\n);", detail: 'Declare a table backed by a connector' },
  { label: 'CREATE TEMPORARY TABLE', insert: "CREATE TEMPORARY TABLE ${1:name} (\n  ${2:id} BIGINT\n) WITH (\n  'connector' = '${3|datagen,filesystem,print,blackhole|}'\n);", detail: 'Declare a temporary table' },
  { label: 'CREATE VIEW', insert: 'CREATE VIEW ${1:name} AS\nSELECT ${2:*}\nFROM ${3:table};', detail: 'Name a query' },
  { label: 'INSERT INTO', insert: 'INSERT INTO ${1:sink}\nSELECT ${2:*}\nFROM ${3:source};', detail: 'Write a query into a table: a job' },
  { label: 'EXECUTE STATEMENT SET', insert: 'EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO ${1:sink} SELECT ${2:*} FROM ${3:source};\nEND;', detail: 'Several INSERTs as one job' },
  { label: 'EXPLAIN', insert: 'EXPLAIN ', detail: 'Show the plan of a statement' },
];

const COLUMN_TYPES = ['STRING', 'VARCHAR(n)', 'CHAR(n)', 'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL(p, s)', 'DATE', 'TIME', 'TIMESTAMP(3)', 'TIMESTAMP_LTZ(3)'];

/** Completion items at a position. */
export function completion(analysis: DocumentAnalysis, position: Position): CompletionItem[] {
  const offset = analysis.offsetAt({ line: position.line + 1, column: position.character + 1 });
  const { before, statement } = statementAround(analysis.text, offset);
  const ctx = completionContext(before, statement);
  const items = itemsFor(ctx, analysis);
  if (ctx.kind === 'setKey' || ctx.kind === 'setValue' || ctx.kind === 'optionKey' || ctx.kind === 'optionValue') {
    // Replace exactly what was typed (keys contain dots and dashes, which end an editor's word).
    const typed = ctx.prefix.length;
    const range = { start: { line: position.line, character: Math.max(0, position.character - typed) }, end: position };
    for (const item of items) {
      item.textEdit = { range, newText: item.insertText ?? item.label };
      item.filterText = ctx.inString ? item.label : (item.insertText ?? item.label);
      delete item.insertText;
    }
  }
  return items;
}

function itemsFor(ctx: CompletionContext, analysis: DocumentAnalysis): CompletionItem[] {
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'statementStart':
      return STATEMENT_SNIPPETS.map((s) => ({ label: s.label, kind: CompletionItemKind.Keyword, detail: s.detail, insertText: s.insert, insertTextFormat: InsertTextFormat.Snippet }));
    case 'setKey':
      return allConfigKeys().map((k) => keyItem(k, ctx.inString ? k.key : `'${k.key}'`, CompletionItemKind.Property));
    case 'setValue': {
      const entry = lookupConfigKey(ctx.key)?.entry;
      return entry ? valueItems(entry, ctx.inString) : [];
    }
    case 'optionKey':
      return optionKeyItems(ctx.connector, ctx.columns, ctx.inString);
    case 'optionValue': {
      if (ctx.key === 'connector') return connectorItems(ctx.inString);
      const option = lookupConnectorOption(ctx.connector, ctx.key);
      return option ? valueItems(option, ctx.inString) : [];
    }
    case 'tableName':
      return [...analysis.model.tables.values()].map(tableItem);
    case 'qualifiedColumn': {
      const table = resolveQualifier(analysis, ctx.qualifier);
      return table ? table.columns.map((c) => columnItem(table, c)) : [];
    }
    case 'columnType':
      return COLUMN_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, insertText: t.replace(/\(n\)/, '(${1:10})').replace('(p, s)', '(${1:10}, ${2:2})'), insertTextFormat: InsertTextFormat.Snippet }));
    case 'expression':
      return expressionItems(ctx, analysis);
  }
}

function keyItem(k: ConfigKey, insertText: string, kind: CompletionItemKind): CompletionItem {
  return {
    label: k.key,
    kind,
    detail: `${k.type}${k.defaultValue !== undefined ? ` = ${k.defaultValue}` : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: describeKey(k) },
    insertText,
  };
}

function valueItems(entry: ConfigKey, inString: boolean): CompletionItem[] {
  const values = entry.enumValues ?? entry.knownValues ?? (entry.type === 'boolean' ? ['true', 'false'] : entry.defaultValue !== undefined ? [entry.defaultValue] : []);
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.Value,
    detail: v === entry.defaultValue ? 'default' : undefined,
    insertText: inString ? v : `'${v}'`,
    sortText: String(i).padStart(3, '0'),
  }));
}

function connectorItems(inString: boolean): CompletionItem[] {
  const supported = SUPPORTED_CONNECTORS.map((c) => ({
    label: c,
    kind: CompletionItemKind.Module,
    detail: 'connector',
    documentation: { kind: MarkupKind.Markdown, value: CONNECTOR_DOCS[c] },
    insertText: inString ? c : `'${c}'`,
    sortText: `0${c}`,
  }));
  const flinkOnly = FLINK_ONLY_CONNECTORS.map((c) => ({
    label: c,
    kind: CompletionItemKind.Module,
    detail: 'Flink connector (not run by Checkpoint Lab yet)',
    insertText: inString ? c : `'${c}'`,
    sortText: `1${c}`,
  }));
  return [...supported, ...flinkOnly];
}

function optionKeyItems(connector: string | undefined, columns: string[], inString: boolean): CompletionItem[] {
  const q = (s: string): string => (inString ? s : `'${s}'`);
  if (!isSupportedConnector(connector)) {
    return [{ label: 'connector', kind: CompletionItemKind.Property, detail: 'required', insertText: q('connector'), documentation: 'Specify what connector to use.' }];
  }
  const items = connectorOptions(connector).map((o) => ({ ...keyItem(o, q(o.key), CompletionItemKind.Property), sortText: `${o.required ? 0 : 1}${o.key}` }));
  if (connector === 'datagen') {
    for (const col of columns) {
      for (const o of DATAGEN_FIELD_OPTIONS) {
        const key = o.key.replace('#', col);
        items.push({ ...keyItem({ ...o, key, description: o.description.replace(/'#'/g, `'${col}'`) }, q(key), CompletionItemKind.Property), sortText: `2${key}` });
      }
    }
  }
  return items;
}

function tableItem(t: TableSymbol): CompletionItem {
  return {
    label: t.name,
    kind: t.kind === 'view' ? CompletionItemKind.Interface : CompletionItemKind.Class,
    detail: t.kind === 'view' ? 'view' : `table${t.connector ? ` · ${t.connector}` : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: describeTable(t) },
  };
}

function columnItem(t: TableSymbol, c: TableSymbol['columns'][number]): CompletionItem {
  return {
    label: c.name,
    kind: CompletionItemKind.Field,
    detail: c.typeText ?? `AS ${c.expressionText ?? '?'}`,
    labelDetails: { description: t.name },
    sortText: `0${c.name}`,
  };
}

function resolveQualifier(analysis: DocumentAnalysis, qualifier: string): TableSymbol | undefined {
  const direct = analysis.model.tables.get(qualifier);
  if (direct) return direct;
  // An alias: `FROM orders o` or `FROM orders AS o` anywhere in the file.
  const re = new RegExp(`\\b(?:FROM|JOIN)\\s+(\`[^\`]+\`|[A-Za-z_][A-Za-z0-9_.]*)\\s+(?:AS\\s+)?${qualifier.replace(/[^A-Za-z0-9_]/g, '')}\\b`, 'i');
  const m = re.exec(analysis.text);
  return m ? analysis.model.tables.get(m[1]!.replace(/`/g, '')) : undefined;
}

function expressionItems(ctx: Extract<CompletionContext, { kind: 'expression' }>, analysis: DocumentAnalysis): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const name of ctx.tables) {
    const t = analysis.model.tables.get(name);
    for (const c of t?.columns ?? []) {
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      items.push(columnItem(t!, c));
    }
  }
  if (ctx.tables.length > 0 && /\b(TUMBLE|HOP|CUMULATE)\s*\(/i.test(analysis.text)) {
    for (const w of ['window_start', 'window_end', 'window_time']) items.push({ label: w, kind: CompletionItemKind.Field, detail: 'TIMESTAMP(3) · window column', sortText: `0${w}` });
  }
  for (const f of listFunctions()) {
    items.push({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: f.signatures[0],
      documentation: { kind: MarkupKind.Markdown, value: describeFunction(f) },
      sortText: `1${f.name}`,
    });
  }
  for (const a of AGGREGATE_AND_WINDOW_DOCS) {
    items.push({ label: a.name, kind: CompletionItemKind.Function, detail: a.signatures[0], documentation: a.description, sortText: `1${a.name}` });
  }
  for (const k of ctx.clauseKeywords) items.push({ label: k, kind: CompletionItemKind.Keyword, sortText: `2${k}` });
  return items;
}
