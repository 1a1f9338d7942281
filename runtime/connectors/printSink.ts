// The print sink: one line per changelog row, prefixed as Flink's PrintSinkOutputWriter does.
// Output reaches the host only through the injected writeLine; imports connectors/ and types/.
import type { RowKind } from '../types/rowKind.js';
import type { Row, SinkWriter } from './api.js';
import type { PrintSpec } from './connectorSpec.js';

/** What the print sink needs: the row text (`+I[1, a]`) and a line writer. */
export interface PrintSinkDeps {
  /** Formats a row as Flink's `Row.toString()`: `kind.shortString() + "[" + fields + "]"`. */
  formatRow(kind: RowKind, row: Row): string;
  /** Writes one line to stdout, or to stderr when `stderr` is true. */
  writeLine(text: string, stderr: boolean): void;
}

/**
 * The line prefix of one print subtask: the identifier, then `:` and the 1-based subtask index
 * when parallelism > 1, then `> ` if anything came before (`x> `, `3> `, `x:3> ` or nothing).
 */
export function printPrefix(identifier: string | undefined, subtask: number, parallelism: number): string {
  let prefix = identifier ?? '';
  if (parallelism > 1) prefix += (prefix === '' ? '' : ':') + String(subtask + 1);
  return prefix === '' ? '' : `${prefix}> `;
}

/** Creates the print sink's writers: `(subtask, parallelism) => SinkWriter` (subtask 0-based). */
export function createPrintSink(spec: PrintSpec, deps: PrintSinkDeps): (subtask: number, parallelism: number) => SinkWriter {
  return (subtask, parallelism) => {
    const prefix = printPrefix(spec.printIdentifier, subtask, parallelism);
    const stderr = spec.standardError;
    return {
      write(kind: RowKind, row: Row): void {
        deps.writeLine(prefix + deps.formatRow(kind, row), stderr);
      },
      finish(): void {},
    };
  };
}
