// Flink SQL logical types, and how each type's values are represented in the runtime.
// Imports nothing of ours.
//
// Value representation (one per type, everywhere in the runtime: rows, state, functions):
//   BOOLEAN                      boolean
//   TINYINT, SMALLINT, INTEGER   number (an integer within the type's range; arithmetic wraps as Java)
//   BIGINT                       number while Number.isSafeInteger, otherwise bigint — always
//                                normalized, so a bigint within the safe range never appears
//   FLOAT, DOUBLE                number
//   DECIMAL(p, s)                Decimal (runtime/types/decimal.ts): unscaled bigint + scale
//   CHAR, VARCHAR (STRING)       string
//   DATE                         number: days since 1970-01-01
//   TIME(p)                      number: milliseconds of the day
//   TIMESTAMP(p)                 number: milliseconds since 1970-01-01T00:00 as a zone-less
//                                local date-time (sub-millisecond digits are not kept)
//   TIMESTAMP_LTZ(p)             number: epoch milliseconds of the instant
//   INTERVAL DAY TO SECOND       number: milliseconds
//   INTERVAL YEAR TO MONTH       number: months
//   NULL of any type             null

/** The type roots the runtime supports (names as Flink's LogicalTypeRoot). */
export type TypeRoot =
  | 'BOOLEAN'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'FLOAT'
  | 'DOUBLE'
  | 'DECIMAL'
  | 'CHAR'
  | 'VARCHAR'
  | 'DATE'
  | 'TIME_WITHOUT_TIME_ZONE'
  | 'TIMESTAMP_WITHOUT_TIME_ZONE'
  | 'TIMESTAMP_WITH_LOCAL_TIME_ZONE'
  | 'INTERVAL_DAY_TIME'
  | 'INTERVAL_YEAR_MONTH'
  | 'NULL';

/** A Flink SQL logical type. */
export interface LogicalType {
  readonly root: TypeRoot;
  /** Whether the type admits NULL (Flink's default for declared columns: true). */
  readonly nullable: boolean;
  /** DECIMAL precision; TIME/TIMESTAMP fractional-second precision. */
  readonly precision?: number;
  /** DECIMAL scale. */
  readonly scale?: number;
  /** CHAR/VARCHAR length; STRING is VARCHAR(2147483647). */
  readonly length?: number;
  /**
   * Time-attribute marker for TIMESTAMP/TIMESTAMP_LTZ columns: `rowtime` when a watermark is
   * declared on the column, `proctime` for PROCTIME().
   */
  readonly timeAttribute?: 'rowtime' | 'proctime';
}

/** The length of STRING, which is VARCHAR(2147483647). */
export const STRING_LENGTH = 2147483647;
