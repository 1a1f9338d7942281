// The blackhole sink: discards every row (Flink's DiscardingSink), counting what it swallowed.
// Imports connectors/ and types/ only.
import type { RowKind } from '../types/rowKind.js';
import type { Row, SinkWriter } from './api.js';

/** A blackhole writer: a SinkWriter that also reports how many rows it discarded. */
export interface BlackholeWriter extends SinkWriter {
  /** Rows written to this subtask so far. */
  readonly rowsDiscarded: number;
}

/** Creates the blackhole sink's writers: `(subtask, parallelism) => BlackholeWriter`. */
export function createBlackholeSink(): (subtask: number, parallelism: number) => BlackholeWriter {
  return () => {
    let count = 0;
    return {
      get rowsDiscarded(): number {
        return count;
      },
      write(_kind: RowKind, _row: Row): void {
        count++;
      },
      finish(): void {},
    };
  };
}
