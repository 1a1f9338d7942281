// Hover: a config key's meaning and default, a connector option's documentation, a function's
// signature, a table's schema and connector, a column's type, and for GROUP BY keys how the stream
// is partitioned (from the planned job graph). Imports LSP types, the runtime API and server modules.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { lookupFunction, type FunctionCall, type SourcePosition } from '../runtime/index.js';
import { statementQueries, queryExpressions, walkExpression } from './astWalk.js';
import { AGGREGATE_AND_WINDOW_DOCS, describeConfigKey, describeConnector, describeFunction, describeKey, lookupConnectorOption } from './catalogDocs.js';
import { fromLspPosition, keyGroupRanges, toLspRange } from './convert.js';
import type { DocumentAnalysis } from './documentAnalysis.js';
import { contains, type ColumnSymbol, type SymbolReference, type TableSymbol } from './semanticModel.js';

/** The hover at a position, or null. */
export function hover(analysis: DocumentAnalysis, position: Position): Hover | null {
  const pos = fromLspPosition(position);
  return settingHover(analysis, pos) ?? functionHover(analysis, pos) ?? symbolHover(analysis, pos);
}

function markdown(value: string, range?: Parameters<typeof toLspRange>[0]): Hover {
  return range ? { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(range) } : { contents: { kind: MarkupKind.Markdown, value } };
}

function settingHover(analysis: DocumentAnalysis, pos: SourcePosition): Hover | null {
  for (const s of analysis.parsed.statements) {
    if (!contains(s.range, pos)) continue;
    if (s.kind === 'set' && (contains(s.keyRange, pos) || contains(s.valueRange, pos))) {
      const doc = describeConfigKey(s.key);
      return markdown(doc ?? `\`${s.key}\` is not a configuration key Checkpoint Lab knows; Flink accepts it and ignores it if nothing reads it.`, s.keyRange);
    }
    if (s.kind === 'createTable') {
      const connector = s.options.find((o) => o.key === 'connector')?.value;
      for (const o of s.options) {
        if (o.key === 'connector' && contains(o.valueRange, pos)) return markdown(describeConnector(o.value), o.valueRange);
        if (contains(o.keyRange, pos) || contains(o.valueRange, pos)) {
          const option = lookupConnectorOption(connector, o.key);
          if (option) return markdown(describeKey(option, o.key), o.keyRange);
          return markdown(`\`${o.key}\` is not an option of the ${connector ?? '(no)'} connector.`, o.keyRange);
        }
      }
    }
  }
  return null;
}

function functionHover(analysis: DocumentAnalysis, pos: SourcePosition): Hover | null {
  let found: FunctionCall | undefined;
  for (const s of analysis.parsed.statements) {
    if (!contains(s.range, pos)) continue;
    const visit = (e: Parameters<Parameters<typeof walkExpression>[1]>[0]): void => {
      if (e.kind === 'call' && contains(e.nameRange, pos)) found = e;
    };
    for (const q of statementQueries(s)) queryExpressions(q, (e) => walkExpression(e, visit));
    if (s.kind === 'createTable') {
      for (const c of s.columns) if (c.kind === 'computed') walkExpression(c.expression, visit);
      if (s.watermark) walkExpression(s.watermark.expression, visit);
    }
  }
  if (!found) return null;
  const def = lookupFunction(found.name);
  if (def) return markdown(describeFunction(def), found.nameRange);
  const agg = AGGREGATE_AND_WINDOW_DOCS.find((a) => a.name === found!.name);
  if (agg) return markdown(['```sql', ...agg.signatures, '```', agg.description].join('\n'), found.nameRange);
  return null;
}

function symbolHover(analysis: DocumentAnalysis, pos: SourcePosition): Hover | null {
  const at = analysis.model.symbolAt(pos);
  if (!at) return null;
  if (at.kind === 'table') return markdown(describeTable(at.table), at.range);
  const parts = [describeColumn(at.table, at.column)];
  if (at.reference?.kind === 'column' && at.reference.groupBy) {
    const partition = describePartitioning(analysis, at.reference);
    if (partition) parts.push('', partition);
  }
  return markdown(parts.join('\n'), at.range);
}

/** Markdown for a table's schema, connector and options. */
export function describeTable(t: TableSymbol): string {
  const lines = [`**${t.kind === 'view' ? 'VIEW' : 'TABLE'} ${t.name}**${t.connector ? ` · connector \`${t.connector}\`` : ''}`];
  if (t.comment) lines.push('', t.comment);
  lines.push('', '```sql');
  for (const c of t.columns) lines.push(`${c.name} ${columnTypeText(c)}`);
  if (t.watermark) lines.push(`WATERMARK FOR ${t.watermark.column} AS ${t.watermark.expressionText}`);
  if (t.primaryKey) lines.push(`PRIMARY KEY (${t.primaryKey.join(', ')}) NOT ENFORCED`);
  lines.push('```');
  if (t.options.length > 0) lines.push('', t.options.map((o) => `\`${o.key}\` = \`${o.value}\``).join('  \n'));
  return lines.join('\n');
}

function columnTypeText(c: ColumnSymbol): string {
  return c.typeText ?? `AS ${c.expressionText ?? '?'}`;
}

function describeColumn(t: TableSymbol, c: ColumnSymbol): string {
  const role = t.watermark?.column === c.name ? ' · event-time attribute (has a watermark)' : '';
  const key = t.primaryKey?.includes(c.name) ? ' · primary key' : '';
  return `\`${c.name}\` ${c.typeText ? `\`${c.typeText}\`` : `computed as \`${c.expressionText ?? '?'}\``} in ${t.kind} \`${t.name}\`${role}${key}`;
}

/** "Hashed by user_id into 128 key groups over 4 subtasks", from the planned job graph. */
function describePartitioning(analysis: DocumentAnalysis, ref: Extract<SymbolReference, { kind: 'column' }>): string | undefined {
  if (!ref.insertRange) return undefined;
  const job = analysis.compiled.job;
  if (!job) return '_How this key is partitioned shows once the file compiles without errors._';
  const first = ref.insertRange.start.line;
  const last = ref.insertRange.end.line;
  const vertex = job.graph.vertices.find(
    (v) => v.key?.names.includes(ref.column) && v.operators.some((o) => (o.lines ?? []).some((l) => l >= first && l <= last)),
  );
  if (!vertex?.key) return undefined;
  const ranges = keyGroupRanges(vertex.maxParallelism, vertex.parallelism);
  const origin = vertex.maxParallelismConfigured ? 'pipeline.max-parallelism' : `Flink's default for parallelism ${vertex.parallelism}`;
  const lines = [
    `**Partitioning:** hashed by ${vertex.key.names.join(', ')} into ${vertex.maxParallelism} key groups (${origin}) over ${vertex.parallelism} subtask${vertex.parallelism === 1 ? '' : 's'} of \`${vertex.name}\`.`,
    '',
    ...ranges.map((r) => `- subtask ${r.subtask}: key groups ${r.start}–${r.end}`),
  ];
  return lines.join('\n');
}
