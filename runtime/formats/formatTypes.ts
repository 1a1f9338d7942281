// Shared shapes of the row formats: the fields a format reads or writes and what a
// deserializer returns for one line. Imports only types/.
import type { LogicalType } from '../types/logicalType.js';

/** A physical column a format reads or writes. */
export interface FormatField {
  readonly name: string;
  readonly type: LogicalType;
}

/**
 * What a deserializer makes of one line: a row, or an error. With `skip: true` the line is not
 * an error for the job: Flink drops it (a comment line, or an unparsable line under
 * `*.ignore-parse-errors`) and the reader should move on. `column` is the 1-based character
 * column in the line where the problem is.
 */
export type DeserializationResult = { row: unknown[] } | { error: string; column?: number; skip?: boolean };

/** Turns one line of text into a row. */
export type LineDeserializer = (line: string) => DeserializationResult;

/** Turns a row into one line of text (without the line separator). */
export type RowSerializer = (row: readonly unknown[]) => string;

/** Thrown by field converters; carries the message Flink's cause would have. */
export class FieldParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldParseError';
  }
}
