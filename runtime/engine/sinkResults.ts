// Folds each sink's changelog into the table a sink would hold at the end: an upsert table keyed
// on the query's unique key for updating streams, a multiset otherwise; and counts row kinds.
import type { Row } from '../connectors/api.js';
import { RowKind, rowKindShortString } from '../types/rowKind.js';
import { encodeCompositeKey } from './keySelector.js';
import type { SinkObserver } from './operator.js';

/** The final state of one sink. */
export interface SinkResult {
  readonly sink: string;
  /** Column names of the sink's rows. */
  readonly columns: readonly string[];
  /** The rows the sink holds at the end, in first-insertion order. */
  readonly rows: readonly Row[];
  /** How many rows of each kind arrived (`+I`, `-U`, `+U`, `-D`). */
  readonly changelog: Readonly<Record<'+I' | '-U' | '+U' | '-D', number>>;
}

/** What the collector needs to know about a sink. */
export interface SinkDescriptor {
  readonly name: string;
  readonly columns: readonly string[];
  /** Indexes of the unique key in the sink row (upsert semantics); absent for a multiset. */
  readonly uniqueKey?: readonly number[];
}

class SinkTable {
  readonly changelog = { '+I': 0, '-U': 0, '+U': 0, '-D': 0 };
  /** Upsert: key → row. Multiset: row identity → rows with that identity. */
  private readonly byKey = new Map<string, Row[]>();

  constructor(readonly descriptor: SinkDescriptor) {}

  apply(kind: RowKind, row: Row): void {
    this.changelog[rowKindShortString(kind) as '+I']++;
    const uk = this.descriptor.uniqueKey;
    if (uk) {
      const id = encodeCompositeKey(uk.map((i) => row[i]));
      // Upsert sinks ignore UPDATE_BEFORE: the +U that follows replaces the row.
      if (kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER) this.byKey.set(id, [row]);
      else if (kind === RowKind.DELETE) this.byKey.delete(id);
      return;
    }
    const id = encodeCompositeKey(row);
    if (kind === RowKind.INSERT || kind === RowKind.UPDATE_AFTER) {
      const list = this.byKey.get(id);
      if (list) list.push(row);
      else this.byKey.set(id, [row]);
    } else {
      const list = this.byKey.get(id);
      if (list) {
        list.pop();
        if (list.length === 0) this.byKey.delete(id);
      }
    }
  }

  result(): SinkResult {
    const rows: Row[] = [];
    for (const list of this.byKey.values()) rows.push(...list);
    return { sink: this.descriptor.name, columns: this.descriptor.columns, rows, changelog: { ...this.changelog } };
  }
}

/** A sink observer that materializes every sink's final table. */
export class SinkResultCollector implements SinkObserver {
  private readonly tables = new Map<string, SinkTable>();

  constructor(sinks: readonly SinkDescriptor[]) {
    for (const s of sinks) this.tables.set(s.name, new SinkTable(s));
  }

  onRow(sink: string, _subtask: number, kind: RowKind, row: Row): void {
    this.tables.get(sink)?.apply(kind, row);
  }

  /** Every sink's final table, in declaration order. */
  results(): SinkResult[] {
    return [...this.tables.values()].map((t) => t.result());
  }
}
