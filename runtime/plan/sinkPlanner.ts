// Plans `INSERT INTO sink query`: checks the sink can take the query's changelog (an updating
// query into an append-only sink fails as in Flink), casts the query's columns to the sink's
// types, and adds the sink node with its connector's writer.
import { createBlackholeSink } from '../connectors/blackholeSink.js';
import { canBeSink } from '../connectors/connectorSpec.js';
import { createPrintSink } from '../connectors/printSink.js';
import type { Row } from '../connectors/api.js';
import type { FilesystemSpec } from '../connectors/connectorSpec.js';
import { createFilesystemSink } from '../connectors/filesystemSink.js';
import { createCsvDeserializer, createCsvSerializer } from '../formats/csv.js';
import { createJsonDeserializer, createJsonSerializer } from '../formats/json.js';
import { typeName } from '../functions/types.js';
import type { OperatorContext } from '../engine/operator.js';
import { SinkOperator } from '../operators/sink.js';
import type { InsertStatement } from '../sql/ast.js';
import { formatRowForPrint } from '../types/format.js';
import { inputRef } from './boundExpression.js';
import type { CatalogTable } from './catalog.js';
import type { PlannedSink } from './compiledJob.js';
import { fail } from './fail.js';
import { calcNode, planQuery, suggest, type PlanContext } from './queryPlanner.js';
import { castTo, sameType, supportsImplicitCast } from './typeCoercion.js';

/** Plans one INSERT; returns the sink it writes. */
export function planInsert(stmt: InsertStatement, pc: PlanContext): PlannedSink {
  const entry = pc.catalog.get(stmt.table.text);
  if (!entry) fail(pc, stmt.table.range, `Object '${stmt.table.text}' not found${suggest(stmt.table.text, pc.catalog.names())}`, 'unknown-table');
  if (entry.kind === 'view') fail(pc, stmt.table.range, `'${entry.name}' is a view; INSERT INTO needs a table`);
  const table: CatalogTable = entry;
  const fullName = `default_catalog.default_database.${table.name}`;
  if (!canBeSink(table.spec.connector)) {
    fail(pc, stmt.table.range, `Connector '${table.spec.connector}' can only be used as a source: table '${table.name}' cannot be written to`);
  }
  const rel = planQuery(stmt.query, pc);
  const sinkColumns = table.physical.map((i) => table.columns[i]!);
  // Target columns: all physical columns, or the listed ones (the others get NULL).
  let targets = sinkColumns.map((_, i) => i);
  if (stmt.columns) {
    targets = stmt.columns.map((c) => {
      const i = sinkColumns.findIndex((s) => s.name === c.name);
      if (i < 0) fail(pc, c.range, `Unknown target column '${c.name}' of table '${table.name}'`, 'unknown-column');
      return i;
    });
  }
  if (rel.fields.length !== targets.length) {
    fail(
      pc,
      stmt.query.range,
      `Column types of query result and sink for '${fullName}' do not match.\nCause: Different number of columns.\n\nQuery schema: [${rel.fields.map((f) => `${f.name}: ${typeName(f.type)}`).join(', ')}]\nSink schema:  [${sinkColumns.map((c) => `${c.name}: ${typeName(c.type)}`).join(', ')}]`,
    );
  }
  const items = sinkColumns.map((col, i) => {
    const q = targets.indexOf(i);
    if (q < 0) return { expr: castTo({ type: { root: 'NULL', nullable: true }, text: 'null', deterministic: true, literal: { value: null }, compile: () => () => null }, col.type, pc.localTimeZone, stmt.range, pc), name: col.name };
    const f = rel.fields[q]!;
    if (!supportsImplicitCast(f.type, col.type)) {
      fail(
        pc,
        stmt.query.range,
        `Column types of query result and sink for '${fullName}' do not match.\nCause: Incompatible types for sink column '${col.name}' at position ${i}.\n\nQuery schema: [${rel.fields.map((x) => `${x.name}: ${typeName(x.type)}`).join(', ')}]\nSink schema:  [${sinkColumns.map((c) => `${c.name}: ${typeName(c.type)}`).join(', ')}]`,
      );
    }
    return { expr: castTo(inputRef(q, f.type, f.name), col.type, pc.localTimeZone, stmt.range, pc), name: col.name };
  });
  // Changelog: print takes every row kind; blackhole is an upsert sink (no UPDATE_BEFORE needed);
  // filesystem formats are insert-only.
  const spec = table.spec;
  if (rel.updating && spec.connector === 'filesystem') {
    fail(pc, stmt.range, `Table sink '${fullName}' doesn't support consuming update changes which is produced by node ${rel.updateProducer ?? 'an updating operator'}`);
  }
  rel.requireUpdateBefore?.(spec.connector === 'print');
  let node = rel.node;
  const identity = items.every((it, i) => it.expr.inputIndex === i && sameType(it.expr.type, rel.fields[i]!.type));
  if (!identity) node = calcNode(node, items, undefined, pc);
  // As Flink's CommonExecSink: 'sink.parallelism' when set, else the input's parallelism (so the
  // sink of a global aggregate runs once, chained to it).
  const sinkParallelism = spec.connector === 'print' && spec.sinkParallelism !== undefined ? spec.sinkParallelism : node.parallelism;
  const uniqueKey = rel.updating ? rel.uniqueKey : undefined;
  const partitioner = sinkParallelism === node.parallelism ? 'FORWARD' : uniqueKey && uniqueKey.length > 0 ? 'HASH' : 'REBALANCE';
  const types = sinkColumns.map((c) => c.type);
  const names = sinkColumns.map((c) => c.name);
  // Primary key columns are NOT NULL, as declared NOT NULL ones.
  const notNullColumns = sinkColumns.flatMap((c, i) => (c.type.nullable === false || table.primaryKey?.includes(c.name) ? [i] : []));
  const notNull =
    notNullColumns.length > 0 ? { columns: notNullColumns, names: notNullColumns.map((i) => names[i]!), action: pc.config.sinkNotNullEnforcer } : undefined;
  const tz = pc.localTimeZone;
  const writerFactory = (subtask: number, parallelism: number, ctx: OperatorContext) => {
    switch (spec.connector) {
      case 'print':
        return createPrintSink(spec, { formatRow: (kind, row) => formatRowForPrint(kind, row, types, tz), writeLine: (line, stderr) => ctx.printLine(line, stderr) })(subtask, parallelism);
      case 'blackhole':
        return createBlackholeSink()(subtask, parallelism);
      case 'filesystem': {
        const files = ctx.sinkFiles;
        if (!files) throw new Error(`Sink ${table.name} writes files, but this run has no file access for sinks`);
        return createFilesystemSink(fsSpec!, { files, serialize: serializer!, now: ctx.now, runId: files.runId, sinkInstance, checkpointing })(subtask, parallelism);
      }
      default:
        throw new Error(`no writer for connector ${spec.connector}`);
    }
  };
  const checkpointing = pc.config.checkpointing.enabled;
  // One part-file uuid per INSERT (Flink's per-sink UUID): the statement's place tells them apart.
  const sinkInstance = `${fullName}@${stmt.range.start.line}:${stmt.range.start.column}`;
  let fsSpec: FilesystemSpec | undefined;
  let serializer: ((row: Row) => string) | undefined;
  if (spec.connector === 'filesystem') {
    fsSpec = { ...spec, path: pc.fileSystem ? pc.fileSystem.resolve(pc.file, spec.path) : spec.path };
    // A path no file can be written under fails every attempt at its first row: say so up front.
    const problem = pc.fileSystem?.sinkDirectoryProblem?.(fsSpec.path);
    if (problem !== undefined) {
      const at = table.statement.options.find((o) => o.key === 'path')?.valueRange ?? table.statement.name.range;
      fail(pc, at, `Table '${table.name}' writes to '${spec.path}', where no file can be written: ${problem} (${fsSpec.path})`, 'invalid-option-value');
    }
    const fields = sinkColumns.map((c) => ({ name: c.name, type: c.type }));
    const options = Object.fromEntries(spec.formatOptions);
    serializer = spec.format === 'csv' ? createCsvSerializer(fields, options) : createJsonSerializer(fields, options);
  }
  pc.builder.add({
    name: `Sink: ${table.name}`,
    description: `table=[${fullName}], fields=[${names.join(', ')}]`,
    parallelism: sinkParallelism,
    input: {
      node,
      partitioner,
      key: partitioner === 'HASH' ? { fields: uniqueKey!, types: uniqueKey!.map((k) => ({ root: types[k]!.root, precision: types[k]!.precision })), names: uniqueKey!.map((k) => names[k]!) } : undefined,
    },
    factory: () => new SinkOperator(table.name, writerFactory, notNull),
    lines: pc.lines,
    range: stmt.range,
  });
  let files: PlannedSink['files'];
  if (fsSpec) {
    const fields = sinkColumns.map((c) => ({ name: c.name, type: c.type }));
    const decode = fsSpec.format === 'csv' ? createCsvDeserializer(fields, Object.fromEntries(fsSpec.formatOptions)) : createJsonDeserializer(fields, Object.fromEntries(fsSpec.formatOptions));
    files = { dir: fsSpec.path, decode };
  }
  return { name: table.name, connector: spec.connector, columns: names, types, updating: rel.updating, uniqueKey, line: stmt.range.start.line, files };
}
