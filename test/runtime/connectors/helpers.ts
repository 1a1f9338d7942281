// Shared builders for the connector tests: types, columns and WITH options with source ranges.
import type { LogicalType, TypeRoot } from '../../../runtime/types/logicalType.js';
import type { TableColumn, TableDefinition, TableOption } from '../../../runtime/connectors/tableOptions.js';

export function type(root: TypeRoot, extra: Partial<LogicalType> = {}): LogicalType {
  return { root, nullable: true, ...extra };
}

export function col(name: string, t: LogicalType, computed = false): TableColumn {
  return { name, type: t, computed };
}

/** Options on consecutive lines starting at line 10: `'key' = 'value'` with key at column 3. */
export function options(entries: Record<string, string>): TableOption[] {
  return Object.entries(entries).map(([key, value], i) => {
    const line = 10 + i;
    const vStart = 3 + key.length + 2 + 3;
    return {
      key,
      value,
      keyRange: { start: { line, column: 3 }, end: { line, column: 3 + key.length + 2 } },
      valueRange: { start: { line, column: vStart }, end: { line, column: vStart + value.length + 2 } },
    };
  });
}

export function table(name: string, columns: TableColumn[], opts: Record<string, string>): TableDefinition {
  return {
    name,
    columns,
    options: options(opts),
    nameRange: { start: { line: 1, column: 14 }, end: { line: 1, column: 14 + name.length } },
  };
}
