// Validates a CREATE TABLE's WITH options as Flink's FactoryUtil does (connector discovery,
// required and unsupported options, value types) and returns a typed ConnectorSpec.
// Imports connectors/, config/ and diagnostics; nothing of the engine.
import type { Diagnostic } from '../diagnostics.js';
import { closestMatch } from '../config/didYouMean.js';
import {
  FILESYSTEM_OPTIONS,
  FLINK_ONLY_CONNECTORS,
  FLINK_ONLY_FORMATS,
  PRINT_OPTIONS,
  SUPPORTED_CONNECTORS,
  SUPPORTED_FORMATS,
  type ConnectorOption,
} from './connectorOptions.js';
import type { ConnectorSpec, FilesystemSpec, PrintSpec } from './connectorSpec.js';
import { validateDatagen } from './datagenValidation.js';
import { TableOptions, type TableDefinition } from './tableOptions.js';

export type { TableColumn, TableDefinition, TableOption } from './tableOptions.js';

/** The outcome of validating one table: the spec when there were no errors, and all diagnostics. */
export interface TableValidation {
  spec?: ConnectorSpec;
  diagnostics: Diagnostic[];
}

const DYNAMIC_TABLE_FACTORY = 'org.apache.flink.table.factories.DynamicTableFactory';

/**
 * Validates `table`'s connector options.
 * @param file the job file's name, copied into each diagnostic
 */
export function validateTable(table: TableDefinition, file?: string): TableValidation {
  const opts = new TableOptions(table, file);
  const connectorOpt = opts.take('connector');
  if (!connectorOpt) {
    opts.error(
      'missing-option',
      `Table options do not contain an option key 'connector' for discovering a connector (table '${table.name}'). Add 'connector' = 'datagen', 'filesystem', 'print' or 'blackhole'.`,
    );
    return { diagnostics: opts.diagnostics };
  }
  const id = connectorOpt.value;
  const at = connectorOpt.valueRange ?? connectorOpt.keyRange;
  const available = `Available factory identifiers are: ${SUPPORTED_CONNECTORS.join(', ')}`;
  if (FLINK_ONLY_CONNECTORS.includes(id)) {
    opts.error('unsupported-connector', `The '${id}' connector exists in Flink, but Checkpoint Lab does not support it yet. ${available}.`, at);
    return { diagnostics: opts.diagnostics };
  }
  if (!(SUPPORTED_CONNECTORS as readonly string[]).includes(id)) {
    const near = closestMatch(id, [...SUPPORTED_CONNECTORS, ...FLINK_ONLY_CONNECTORS]);
    const hint = near !== undefined ? ` Did you mean '${near}'?` : '';
    opts.error('unknown-connector', `Could not find any factory for identifier '${id}' that implements '${DYNAMIC_TABLE_FACTORY}' in the classpath. ${available}.${hint}`, at);
    return { diagnostics: opts.diagnostics };
  }

  let spec: ConnectorSpec | undefined;
  switch (id as (typeof SUPPORTED_CONNECTORS)[number]) {
    case 'datagen':
      spec = validateDatagen(opts);
      break;
    case 'filesystem':
      spec = validateFilesystem(opts);
      break;
    case 'print':
      spec = validatePrint(opts);
      break;
    case 'blackhole':
      opts.reportUnconsumed('blackhole', ['connector']);
      spec = { connector: 'blackhole' };
      break;
  }
  return !spec || opts.hasErrors ? { diagnostics: opts.diagnostics } : { spec, diagnostics: opts.diagnostics };
}

function option(list: readonly ConnectorOption[], key: string): ConnectorOption {
  const o = list.find((e) => e.key === key);
  if (!o) throw new Error(`connector option '${key}' missing from the catalogue`);
  return o;
}

function reportMissingRequired(opts: TableOptions, list: readonly ConnectorOption[]): boolean {
  const missing = list.filter((o) => o.required && opts.keyRange(o.key) === undefined).map((o) => o.key);
  if (missing.length > 0) {
    opts.error('missing-option', `One or more required options are missing. Missing required options are: ${missing.join(', ')}`);
  }
  return missing.length > 0;
}

function validateFilesystem(opts: TableOptions): FilesystemSpec | undefined {
  const missing = reportMissingRequired(opts, FILESYSTEM_OPTIONS);
  const values = new Map(FILESYSTEM_OPTIONS.map((o) => [o.key, opts.parse(o)] as const));
  const get = (key: string) => values.get(option(FILESYSTEM_OPTIONS, key).key);
  const path = get('path') as string | undefined;
  const formatId = get('format') as string | undefined;
  let format: FilesystemSpec['format'] | undefined;
  if (formatId !== undefined) {
    const at = opts.valueRange('format');
    if ((SUPPORTED_FORMATS as readonly string[]).includes(formatId)) {
      format = formatId as FilesystemSpec['format'];
    } else if (FLINK_ONLY_FORMATS.includes(formatId)) {
      opts.error('unsupported-format', `The '${formatId}' format exists in Flink, but Checkpoint Lab does not support it yet: use 'csv' or 'json'.`, at);
    } else {
      const near = closestMatch(formatId, [...SUPPORTED_FORMATS, ...FLINK_ONLY_FORMATS]);
      opts.error('unknown-format', `Could not find any format factory for identifier '${formatId}' in the classpath. Available format identifiers are: ${SUPPORTED_FORMATS.join(', ')}.${near !== undefined ? ` Did you mean '${near}'?` : ''}`, at);
    }
  }
  // Format options: '<format>.<key>' belongs to the format (validated by it, not here).
  const formatOptions = new Map<string, string>();
  if (format !== undefined) {
    for (const key of [...opts.keys()]) {
      if (!key.startsWith(`${format}.`)) continue;
      formatOptions.set(key.slice(format.length + 1), opts.take(key)!.value);
    }
  }
  const monitor = get('source.monitor-interval');
  if (monitor !== undefined) {
    opts.error('unsupported-option', "'source.monitor-interval' (continuous file monitoring) is not supported by Checkpoint Lab yet: the filesystem source reads the files present at start and ends.", opts.keyRange('source.monitor-interval'));
  }
  const num = (key: string) => get(key) as number | undefined;
  const spec: FilesystemSpec = {
    connector: 'filesystem',
    path: path ?? '',
    format: format ?? 'csv',
    formatOptions,
    partitionDefaultName: (get('partition.default-name') as string | undefined) ?? '__DEFAULT_PARTITION__',
    rollingPolicy: {
      fileSizeBytes: num('sink.rolling-policy.file-size') ?? 128 * 1024 * 1024,
      rolloverIntervalMs: num('sink.rolling-policy.rollover-interval') ?? 30 * 60_000,
      inactivityIntervalMs: num('sink.rolling-policy.inactivity-interval') ?? 30 * 60_000,
      checkIntervalMs: num('sink.rolling-policy.check-interval') ?? 60_000,
    },
    autoCompaction: (get('auto-compaction') as boolean | undefined) ?? false,
  };
  const sinkParallelism = num('sink.parallelism');
  if (sinkParallelism !== undefined) spec.sinkParallelism = sinkParallelism;
  const formatKeys = [...SUPPORTED_FORMATS].flatMap((f) => [`${f}.`]);
  opts.reportUnconsumed('filesystem', FILESYSTEM_OPTIONS.map((o) => o.key), (key) =>
    formatKeys.some((p) => key.startsWith(p)) && format !== undefined
      ? `'${key}' is an option of another format; this table's format is '${format}'.`
      : undefined,
  );
  return missing || format === undefined || path === undefined ? undefined : spec;
}

function validatePrint(opts: TableOptions): PrintSpec | undefined {
  const values = new Map(PRINT_OPTIONS.map((o) => [o.key, opts.parse(o)] as const));
  const get = (key: string) => values.get(option(PRINT_OPTIONS, key).key);
  const spec: PrintSpec = { connector: 'print', standardError: (get('standard-error') as boolean | undefined) ?? false };
  const id = get('print-identifier') as string | undefined;
  if (id !== undefined) spec.printIdentifier = id;
  const p = get('sink.parallelism') as number | undefined;
  if (p !== undefined) spec.sinkParallelism = p;
  opts.reportUnconsumed('print', PRINT_OPTIONS.map((o) => o.key));
  return spec;
}
