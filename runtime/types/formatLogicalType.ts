// A logical type as Flink's LogicalType.asSummaryString prints it (INT NOT NULL, STRING,
// DECIMAL(10, 2), TIMESTAMP(3) *ROWTIME*, TIMESTAMP_LTZ(3) *PROCTIME*). Imports only types/.
import type { LogicalType } from './logicalType.js';
import { stringLength, timePrecision } from './types.js';
import { STRING_LENGTH } from './logicalType.js';

/**
 * Flink's `asSummaryString`: the serializable form with ` NOT NULL` for non-nullable types,
 * `STRING` for VARCHAR(2147483647), `TIMESTAMP_LTZ(p)` for TIMESTAMP(p) WITH LOCAL TIME ZONE, and
 * ` *ROWTIME*` / ` *PROCTIME*` after time attributes. Intervals print with Flink's default
 * resolutions (the runtime does not keep an interval's declared precisions).
 */
export function formatLogicalType(t: LogicalType): string {
  const base = baseName(t) + (t.nullable ? '' : ' NOT NULL');
  if (t.timeAttribute && (t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE' || t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE')) {
    return `${base} *${t.timeAttribute.toUpperCase()}*`;
  }
  return base;
}

/**
 * Flink's `asSerializableString`: like the summary string but VARCHAR(2147483647) and
 * TIMESTAMP(p) WITH LOCAL TIME ZONE spelled out, and no time-attribute marker.
 */
export function serializeLogicalType(t: LogicalType): string {
  let name = baseName(t);
  if (t.root === 'VARCHAR') name = `VARCHAR(${stringLength(t)})`;
  if (t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') name = `TIMESTAMP(${timePrecision(t)}) WITH LOCAL TIME ZONE`;
  return name + (t.nullable ? '' : ' NOT NULL');
}

function baseName(t: LogicalType): string {
  switch (t.root) {
    case 'INTEGER':
      return 'INT';
    case 'DECIMAL':
      return `DECIMAL(${t.precision ?? 10}, ${t.scale ?? 0})`;
    case 'CHAR':
      return `CHAR(${stringLength(t)})`;
    case 'VARCHAR':
      return stringLength(t) === STRING_LENGTH ? 'STRING' : `VARCHAR(${stringLength(t)})`;
    case 'TIME_WITHOUT_TIME_ZONE':
      return `TIME(${timePrecision(t)})`;
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return `TIMESTAMP(${timePrecision(t)})`;
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return `TIMESTAMP_LTZ(${timePrecision(t)})`;
    case 'INTERVAL_DAY_TIME':
      return 'INTERVAL DAY(2) TO SECOND(3)';
    case 'INTERVAL_YEAR_MONTH':
      return 'INTERVAL YEAR(2) TO MONTH';
    default:
      return t.root;
  }
}
