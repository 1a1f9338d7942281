// The option catalogues of the supported connectors (datagen, filesystem, print, blackhole), with
// Flink's names, types, defaults and descriptions. Imports only the config key type.
import type { ConfigKey, ConfigValueType } from '../config/configKeys.js';

/** One connector option; `#` in a key stands for a column name (`fields.#.kind`). */
export interface ConnectorOption extends ConfigKey {
  /** Whether the factory requires it (FactoryUtil's required options). */
  readonly required: boolean;
}

/** The identifiers of the connectors Checkpoint Lab implements. */
export const SUPPORTED_CONNECTORS = ['blackhole', 'datagen', 'filesystem', 'print'] as const;
export type SupportedConnector = (typeof SUPPORTED_CONNECTORS)[number];

/**
 * Connectors that exist in Flink (in its distribution or its connector repositories) but that the
 * local runtime does not implement: reported as "not supported yet" rather than "unknown".
 */
export const FLINK_ONLY_CONNECTORS: readonly string[] = [
  'kafka', 'upsert-kafka', 'jdbc', 'elasticsearch-6', 'elasticsearch-7', 'opensearch', 'hbase-1.4',
  'hbase-2.2', 'kinesis', 'firehose', 'dynamodb', 'mongodb', 'pulsar', 'hive', 'values',
  'mysql-cdc', 'postgres-cdc', 'oracle-cdc', 'sqlserver-cdc', 'mongodb-cdc', 'rabbitmq', 'redis',
  'paimon', 'iceberg', 'hudi', 'doris', 'starrocks', 'clickhouse',
];

/** Formats Flink ships that Checkpoint Lab does not read or write yet. */
export const FLINK_ONLY_FORMATS: readonly string[] = [
  'parquet', 'orc', 'avro', 'avro-confluent', 'raw', 'debezium-json', 'debezium-avro-confluent',
  'canal-json', 'maxwell-json', 'ogg-json', 'protobuf', 'debezium-protobuf',
];

/** Formats the filesystem connector supports here. */
export const SUPPORTED_FORMATS = ['csv', 'json'] as const;

function o(
  key: string,
  type: ConfigValueType,
  defaultValue: string | undefined,
  description: string,
  extra: Partial<Omit<ConnectorOption, 'key' | 'type' | 'defaultValue' | 'description'>> = {},
): ConnectorOption {
  const entry: ConnectorOption = { key, type, description, deprecatedKeys: [], required: false, ...extra };
  return defaultValue === undefined ? entry : { ...entry, defaultValue };
}

const CONNECTOR = o('connector', 'string', undefined, 'Specify what connector to use.', { required: true });

/** datagen's table-level options. */
export const DATAGEN_OPTIONS: readonly ConnectorOption[] = [
  CONNECTOR,
  o('rows-per-second', 'long', '10000', 'Rows per second to control the emit rate (the total over all subtasks).', { min: 1, rangeMessage: "'rows-per-second' must be a positive number." }),
  o('number-of-rows', 'long', undefined, 'The total number of rows to emit. By default, the table is unbounded.', { min: 0 }),
  o('scan.parallelism', 'int', undefined, 'Defines the parallelism of the source. If not set, the global default parallelism is used.', { min: 1 }),
];

/**
 * datagen's per-field options, keyed by the suffix after `fields.<column>.`. The value type of
 * `min`, `max`, `start` and `end` depends on the column's type; it is given here as the widest.
 */
export const DATAGEN_FIELD_OPTIONS: readonly ConnectorOption[] = [
  o('fields.#.kind', 'enum', 'random', "Generator of this '#' field. Can be 'sequence' or 'random'.", { enumValues: ['random', 'sequence'] }),
  o('fields.#.min', 'double', '(min value of type)', "Minimum value of random generator, work for numeric types."),
  o('fields.#.max', 'double', '(max value of type)', "Maximum value of random generator, work for numeric types."),
  o('fields.#.max-past', 'duration', '0', 'Maximum past of timestamp random generator, only works for timestamp types.'),
  o('fields.#.length', 'int', '100', 'Size or length of the collection for generating char/varchar/string/array/map/multiset types.', { min: 1 }),
  o('fields.#.var-len', 'boolean', 'false', 'Whether to generate a variable-length data, please notice that it should only be used for variable-length types (varchar, string).'),
  o('fields.#.start', 'long', undefined, 'Start value of sequence generator.'),
  o('fields.#.end', 'long', undefined, 'End value of sequence generator.'),
  o('fields.#.null-rate', 'double', '0.0', 'The proportion of null values.', { min: 0, max: 1, rangeMessage: 'The null rate must be between 0.0 and 1.0.' }),
];

/** filesystem's options (format options such as `csv.*` are validated by the format). */
export const FILESYSTEM_OPTIONS: readonly ConnectorOption[] = [
  CONNECTOR,
  o('path', 'string', undefined, 'The path of a directory.', { required: true }),
  o('format', 'string', undefined, "Flink's filesystem connector requires a format: csv, json, parquet, orc, avro, …", { required: true, knownValues: ['csv', 'json'] }),
  o('partition.default-name', 'string', '__DEFAULT_PARTITION__', 'The default partition name in case the dynamic partition column value is null/empty string.'),
  o('source.monitor-interval', 'duration', undefined, 'The interval in which the source checks for new files; not set means a bounded scan of the files present at start.'),
  o('sink.rolling-policy.file-size', 'memory', '128 mb', 'The maximum part file size before rolling.'),
  o('sink.rolling-policy.rollover-interval', 'duration', '30 min', 'The maximum time duration a part file can stay open before rolling.'),
  o('sink.rolling-policy.inactivity-interval', 'duration', '30 min', 'The maximum time duration a part file can stay inactive before rolling.'),
  o('sink.rolling-policy.check-interval', 'duration', '1 min', 'The interval for checking time based rolling policies.'),
  o('sink.shuffle-by-partition.enable', 'boolean', 'false', 'Enables shuffling data by dynamic partition fields in the sink phase.'),
  o('auto-compaction', 'boolean', 'false', 'Whether to enable automatic compaction in the streaming sink.'),
  o('compaction.file-size', 'memory', undefined, 'The compaction target file size; the default value is the rolling file size.'),
  o('sink.partition-commit.trigger', 'enum', 'process-time', "Trigger type for partition commit: 'process-time' or 'partition-time'.", { enumValues: ['process-time', 'partition-time'] }),
  o('sink.partition-commit.delay', 'duration', '0 ms', 'The partition will not commit until the delay time.'),
  o('sink.partition-commit.policy.kind', 'string', undefined, "Policy to commit a partition: 'metastore', 'success-file' or 'custom'."),
  o('sink.partition-commit.success-file.name', 'string', '_SUCCESS', "The file name for the success-file partition commit policy."),
  o('sink.parallelism', 'int', undefined, 'Parallelism of writing files into external filesystem.', { min: 1 }),
];

/** print's options. */
export const PRINT_OPTIONS: readonly ConnectorOption[] = [
  CONNECTOR,
  o('print-identifier', 'string', undefined, 'Message that identify print and is prefixed to the output of the value.'),
  o('standard-error', 'boolean', 'false', 'True, if the format should print to standard error instead of standard out.'),
  o('sink.parallelism', 'int', undefined, 'Defines the parallelism of the print sink.', { min: 1 }),
];

/** blackhole's options: none besides `connector`. */
export const BLACKHOLE_OPTIONS: readonly ConnectorOption[] = [CONNECTOR];

/** The table-level option catalogue of a supported connector. */
export function connectorOptions(connector: SupportedConnector): readonly ConnectorOption[] {
  switch (connector) {
    case 'datagen':
      return DATAGEN_OPTIONS;
    case 'filesystem':
      return FILESYSTEM_OPTIONS;
    case 'print':
      return PRINT_OPTIONS;
    case 'blackhole':
      return BLACKHOLE_OPTIONS;
  }
}
