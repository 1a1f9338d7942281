// Looks up and documents what a job file names: config keys, connector options, connectors and
// functions, as Markdown for hover and completion. Imports the runtime API only.
import {
  DATAGEN_FIELD_OPTIONS,
  FLINK_ONLY_CONNECTORS,
  SUPPORTED_CONNECTORS,
  connectorOptions,
  lookupConfigKey,
  type ConfigKey,
  type ConnectorOption,
  type ScalarFunctionDef,
  type SupportedConnector,
} from '../runtime/index.js';

/** One-line descriptions of the supported connectors. */
export const CONNECTOR_DOCS: Record<SupportedConnector, string> = {
  datagen: 'Generates rows: random values or sequences per field, bounded by `number-of-rows` or unbounded, paced by `rows-per-second`.',
  filesystem: 'Reads the files of a directory (`path`) in a `format` such as csv or json; a bounded scan unless `source.monitor-interval` is set.',
  print: 'Writes every row (with its change kind, e.g. `+I`, `-U`, `+U`) to standard out, prefixed with the subtask as `N>`.',
  blackhole: 'Swallows every row: an upsert sink for measuring a job without output.',
};

/** Whether the runtime implements a connector. */
export function isSupportedConnector(name: string | undefined): name is SupportedConnector {
  return name !== undefined && (SUPPORTED_CONNECTORS as readonly string[]).includes(name);
}

/** The option of `connector` called `key` (datagen's `fields.<col>.x` options included), if known. */
export function lookupConnectorOption(connector: string | undefined, key: string): ConnectorOption | undefined {
  if (!isSupportedConnector(connector)) return undefined;
  const direct = connectorOptions(connector).find((o) => o.key === key);
  if (direct) return direct;
  if (connector === 'datagen') {
    const m = /^fields\.(.+)\.([^.]+)$/.exec(key);
    if (m) return DATAGEN_FIELD_OPTIONS.find((o) => o.key === `fields.#.${m[2]}`);
  }
  return undefined;
}

/** Markdown for a config key or connector option. */
export function describeKey(entry: ConfigKey, usedName?: string): string {
  const lines = [`**${entry.key}** · ${entry.type} · default ${entry.defaultValue === undefined ? '(none)' : `\`${entry.defaultValue}\``}`];
  if ((entry as Partial<ConnectorOption>).required) lines[0] += ' · required';
  lines.push('', entry.description);
  const values = entry.enumValues ?? entry.knownValues;
  if (values && values.length > 0) lines.push('', `Values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  if (usedName && usedName !== entry.key) lines.push('', `\`${usedName}\` is a deprecated name of \`${entry.key}\`.`);
  if (entry.unsupportedNote) lines.push('', `Checkpoint Lab: ${entry.unsupportedNote}`);
  return lines.join('\n');
}

/** Markdown for a configuration key as written in a SET statement, or undefined if unknown. */
export function describeConfigKey(key: string): string | undefined {
  const found = lookupConfigKey(key);
  return found ? describeKey(found.entry, found.deprecatedName ?? key) : undefined;
}

/** Markdown for a connector name. */
export function describeConnector(name: string): string {
  if (isSupportedConnector(name)) return `**${name}** connector\n\n${CONNECTOR_DOCS[name]}`;
  if (FLINK_ONLY_CONNECTORS.includes(name)) return `**${name}** is a Flink connector that Checkpoint Lab does not run yet.`;
  return `**${name}** is not a connector Flink or Checkpoint Lab knows.`;
}

/** Markdown for a built-in function. */
export function describeFunction(def: ScalarFunctionDef): string {
  const lines = ['```sql', ...def.signatures, '```', def.description];
  if (!def.deterministic) lines.push('', '_Not deterministic: rows replayed after a failure can get a different value._');
  return lines.join('\n');
}

/** Aggregate functions and window table functions the planner knows (not in the scalar catalogue). */
export const AGGREGATE_AND_WINDOW_DOCS: ReadonlyArray<{ name: string; signatures: string[]; description: string }> = [
  { name: 'COUNT', signatures: ['COUNT(*) → BIGINT NOT NULL', 'COUNT([DISTINCT] value) → BIGINT NOT NULL'], description: 'The number of rows (or of non-NULL values) in the group.' },
  { name: 'SUM', signatures: ['SUM(numeric) → numeric'], description: 'The sum of the non-NULL values in the group; NULL when there are none.' },
  { name: 'MIN', signatures: ['MIN(value) → value'], description: 'The smallest non-NULL value in the group.' },
  { name: 'MAX', signatures: ['MAX(value) → value'], description: 'The largest non-NULL value in the group.' },
  { name: 'AVG', signatures: ['AVG(numeric) → numeric'], description: 'The average of the non-NULL values in the group, in the argument type (integer division for integers, as Flink).' },
  { name: 'TUMBLE', signatures: ['TABLE(TUMBLE(TABLE t, DESCRIPTOR(rowtime), size [, offset]))'], description: 'Tumbling windows: fixed-size, non-overlapping; adds window_start, window_end and window_time.' },
  { name: 'HOP', signatures: ['TABLE(HOP(TABLE t, DESCRIPTOR(rowtime), slide, size [, offset]))'], description: 'Hopping (sliding) windows of `size` every `slide`; adds window_start, window_end and window_time.' },
  { name: 'CUMULATE', signatures: ['TABLE(CUMULATE(TABLE t, DESCRIPTOR(rowtime), step, size [, offset]))'], description: 'Cumulating windows growing by `step` up to `size`; adds window_start, window_end and window_time.' },
];
