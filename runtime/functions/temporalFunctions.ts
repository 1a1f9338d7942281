// Flink SQL temporal functions: formatting/parsing (DATE_FORMAT, TO_TIMESTAMP, TO_DATE,
// UNIX_TIMESTAMP, FROM_UNIXTIME, TO_TIMESTAMP_LTZ), field extraction and the current time from the
// injected job clock. Imports functions/ only.
import type { LogicalType } from '../types/logicalType.js';
import { MILLIS_PER_DAY, fieldsOf, millisOf, offsetAt, toEpochMillis, toLocalMillis } from './calendar.js';
import { formatDateTime, parseDateTime } from './dateTimeFormat.js';
import { checkArg, defineFunction, firstError, toNumber } from './define.js';
import type { FunctionContext, ScalarFunctionDef } from './functionDef.js';
import {
  anyNullable,
  bigintType,
  dateType,
  isCharacterString,
  isIntegral,
  isNumeric,
  stringType,
  timeType,
  timestampLtzType,
  timestampType,
  typeName,
} from './types.js';

/** Flink's default timestamp format. */
export const TIMESTAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss';
const LONG_MIN = -(2n ** 63n);
const LENIENT_TIMESTAMP = /^\s*(\d{1,9})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?\s*$/;

const isTimestamp = (t: LogicalType): boolean => t.root === 'TIMESTAMP_WITHOUT_TIME_ZONE';
const isLtz = (t: LogicalType): boolean => t.root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE';
const isNull = (t: LogicalType): boolean => t.root === 'NULL';

/** Parses 'yyyy-[M]M-[d]d[ [H]H[:[m]m[:[s]s[.fraction]]]]' (Flink's default timestamp parsing) to local millis. */
export function parseTimestampLenient(s: string): number | undefined {
  const m = LENIENT_TIMESTAMP.exec(s);
  if (!m) return undefined;
  return millisOf({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number(((m[7] ?? '') + '000').slice(0, 3)),
  });
}

/** Local millis of `text` in `format` (strict: the whole text must match), or undefined. */
function parseLocal(text: string, format: string): number | undefined {
  const p = parseDateTime(text, format, false);
  if (p === undefined) return undefined;
  const local = millisOf(p.fields);
  return local === undefined || p.offsetMs === undefined ? local : local - p.offsetMs;
}

const dateFormat = defineFunction({
  name: 'DATE_FORMAT',
  signatures: ['DATE_FORMAT(TIMESTAMP | TIMESTAMP_LTZ | DATE | STRING, format STRING) → STRING'],
  description: "Formats a timestamp with a Java date-time pattern such as 'yyyy-MM-dd HH:mm:ss' (TIMESTAMP_LTZ in the session time zone).",
  arity: [2, 2],
  check: (t) =>
    firstError(
      checkArg('DATE_FORMAT', t, 0, (x) => isTimestamp(x) || isLtz(x) || x.root === 'DATE' || isCharacterString(x), 'TIMESTAMP, TIMESTAMP_LTZ, DATE or STRING'),
      checkArg('DATE_FORMAT', t, 1, isCharacterString, 'STRING'),
    ) ?? stringType(),
  bind: (t, ctx) => {
    const root = t[0]!.root;
    return (args) => {
      const v = args[0];
      const fmt = args[1];
      if (v === null || v === undefined || fmt === null || fmt === undefined) return null;
      let local: number | undefined;
      let offset: number | undefined;
      if (root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') {
        offset = offsetAt(ctx.localTimeZone, v as number);
        local = (v as number) + offset;
      } else if (root === 'DATE') local = (v as number) * MILLIS_PER_DAY;
      else if (root === 'CHAR' || root === 'VARCHAR') local = parseTimestampLenient(v as string);
      else local = v as number;
      if (local === undefined) return null;
      return formatDateTime(fieldsOf(local), fmt as string, offset);
    };
  },
});

const toTimestamp = defineFunction({
  name: 'TO_TIMESTAMP',
  signatures: ['TO_TIMESTAMP(STRING) → TIMESTAMP(3)', 'TO_TIMESTAMP(STRING, format STRING) → TIMESTAMP(3)'],
  description: "Parses a date-time string (default format 'yyyy-MM-dd HH:mm:ss') to a TIMESTAMP; NULL if it does not parse.",
  arity: [1, 2],
  check: (t) =>
    firstError(checkArg('TO_TIMESTAMP', t, 0, isCharacterString, 'STRING'), checkArg('TO_TIMESTAMP', t, 1, isCharacterString, 'STRING')) ??
    timestampType(3),
  bind: (t) => (args) => {
    const s = args[0];
    if (s === null || s === undefined) return null;
    if (t.length === 1) return parseTimestampLenient(s as string) ?? null;
    const fmt = args[1];
    if (fmt === null || fmt === undefined) return null;
    return parseLocal(s as string, fmt as string) ?? parseTimestampLenient(s as string) ?? null;
  },
});

const toDate = defineFunction({
  name: 'TO_DATE',
  signatures: ['TO_DATE(STRING) → DATE', 'TO_DATE(STRING, format STRING) → DATE'],
  description: "Parses a date string (default format 'yyyy-MM-dd') to a DATE; NULL if it does not parse.",
  arity: [1, 2],
  check: (t) =>
    firstError(checkArg('TO_DATE', t, 0, isCharacterString, 'STRING'), checkArg('TO_DATE', t, 1, isCharacterString, 'STRING')) ?? dateType(),
  bind: (t) => (args) => {
    const s = args[0];
    if (s === null || s === undefined) return null;
    let local: number | undefined;
    if (t.length === 1) {
      const text = (s as string).trim();
      const cut = text.search(/[ T]/);
      local = parseTimestampLenient(cut > 0 ? text.slice(0, cut) : text);
    } else {
      const fmt = args[1];
      if (fmt === null || fmt === undefined) return null;
      local = parseLocal(s as string, fmt as string);
    }
    return local === undefined ? null : Math.floor(local / MILLIS_PER_DAY);
  },
});

const unixTimestamp = defineFunction({
  name: 'UNIX_TIMESTAMP',
  signatures: ['UNIX_TIMESTAMP() → BIGINT', 'UNIX_TIMESTAMP(STRING) → BIGINT', 'UNIX_TIMESTAMP(STRING, format STRING) → BIGINT'],
  description:
    "Current epoch seconds, or the epoch seconds of a date-time string (default 'yyyy-MM-dd HH:mm:ss') in the session time zone; Long.MIN_VALUE if it does not parse.",
  deterministic: false,
  isDeterministicCall: (n) => n > 0,
  arity: [0, 2],
  check: (t) =>
    firstError(checkArg('UNIX_TIMESTAMP', t, 0, isCharacterString, 'STRING'), checkArg('UNIX_TIMESTAMP', t, 1, isCharacterString, 'STRING')) ??
    bigintType(t.length > 0 && anyNullable(t)),
  bind: (t, ctx) => {
    if (t.length === 0) return () => Math.trunc(ctx.now() / 1000);
    return (args) => {
      const s = args[0];
      const fmt = t.length > 1 ? args[1] : TIMESTAMP_FORMAT;
      if (s === null || s === undefined || fmt === null || fmt === undefined) return null;
      const p = parseDateTime(s as string, fmt as string, true);
      const local = p === undefined ? undefined : millisOf(p.fields);
      if (p === undefined || local === undefined) return LONG_MIN;
      // Flink parses with java.text.SimpleDateFormat: a local time that occurs twice (clocks
      // falling back) is read as standard time, the later instant.
      const epoch = p.offsetMs === undefined ? toEpochMillis(local, ctx.localTimeZone, 'later') : local - p.offsetMs;
      return Math.trunc(epoch / 1000);
    };
  },
});

const fromUnixtime = defineFunction({
  name: 'FROM_UNIXTIME',
  signatures: ['FROM_UNIXTIME(BIGINT) → STRING', 'FROM_UNIXTIME(BIGINT, format STRING) → STRING'],
  description: "Formats epoch seconds in the session time zone (default format 'yyyy-MM-dd HH:mm:ss').",
  arity: [1, 2],
  check: (t) =>
    firstError(checkArg('FROM_UNIXTIME', t, 0, isIntegral, 'BIGINT'), checkArg('FROM_UNIXTIME', t, 1, isCharacterString, 'STRING')) ??
    stringType(),
  bind: (t, ctx) => (args) => {
    const n = args[0];
    const fmt = t.length > 1 ? args[1] : TIMESTAMP_FORMAT;
    if (n === null || n === undefined || fmt === null || fmt === undefined) return null;
    const epoch = toNumber(n) * 1000;
    const offset = offsetAt(ctx.localTimeZone, epoch);
    return formatDateTime(fieldsOf(epoch + offset), fmt as string, offset);
  },
});

function ltzPrecision(literal: unknown): number | string {
  if (literal === undefined) return 3;
  const p = typeof literal === 'bigint' ? Number(literal) : literal;
  if (p === 0 || p === 3) return p;
  return `The precision value '${String(literal)}' for function TO_TIMESTAMP_LTZ(numeric, precision) is unsupported, the supported value is '0' for second or '3' for millisecond.`;
}

const toTimestampLtz = defineFunction({
  name: 'TO_TIMESTAMP_LTZ',
  signatures: ['TO_TIMESTAMP_LTZ(NUMERIC, precision 0|3) → TIMESTAMP_LTZ(precision)'],
  description: 'Converts epoch seconds (precision 0) or epoch milliseconds (precision 3) to a TIMESTAMP_LTZ.',
  arity: [2, 2],
  check: (t, lit) => {
    const e = firstError(
      t[0]!.root === 'DECIMAL' ? 'TO_TIMESTAMP_LTZ: DECIMAL arguments are not supported yet by the local runtime' : undefined,
      checkArg('TO_TIMESTAMP_LTZ', t, 0, isNumeric, 'NUMERIC'),
      checkArg('TO_TIMESTAMP_LTZ', t, 1, isIntegral, 'INT'),
    );
    if (e) return e;
    const p = ltzPrecision(lit[1]);
    return typeof p === 'string' ? p : timestampLtzType(p, anyNullable(t));
  },
  bind: () => (args) => {
    const v = args[0];
    const p = args[1];
    if (v === null || v === undefined || p === null || p === undefined) return null;
    const precision = toNumber(p);
    const x = toNumber(v);
    if (precision === 0) return Math.trunc(x * 1000);
    if (precision === 3) return Math.trunc(x);
    return null;
  },
});

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

function extractFunction(name: string, field: Field): ScalarFunctionDef {
  const dateOnly = field === 'year' || field === 'month' || field === 'day';
  const accepts = (x: LogicalType): boolean =>
    isTimestamp(x) || isLtz(x) || isNull(x) || (dateOnly ? x.root === 'DATE' : x.root === 'TIME_WITHOUT_TIME_ZONE');
  const expected = dateOnly ? 'DATE, TIMESTAMP or TIMESTAMP_LTZ' : 'TIME, TIMESTAMP or TIMESTAMP_LTZ';
  return defineFunction({
    name,
    signatures: [`${name}(${dateOnly ? 'DATE' : 'TIME'} | TIMESTAMP) → BIGINT`],
    description: `Returns the ${field === 'day' ? 'day of month' : field} of a ${dateOnly ? 'date' : 'time'} or timestamp (TIMESTAMP_LTZ in the session time zone).`,
    arity: [1, 1],
    check: (t) => checkArg(name, t, 0, accepts, expected) ?? bigintType(anyNullable(t)),
    bind: (t, ctx) => {
      const root = t[0]!.root;
      return (args) => {
        const v = args[0];
        if (v === null || v === undefined) return null;
        let local = v as number;
        if (root === 'DATE') local *= MILLIS_PER_DAY;
        else if (root === 'TIMESTAMP_WITH_LOCAL_TIME_ZONE') local = toLocalMillis(local, ctx.localTimeZone);
        return fieldsOf(local)[field];
      };
    },
  });
}

function clockFunction(name: string, result: LogicalType, description: string, value: (ctx: FunctionContext) => number): ScalarFunctionDef {
  return defineFunction({
    name,
    signatures: [`${name}() → ${typeName(result)}`],
    description,
    deterministic: false,
    arity: [0, 0],
    check: () => result,
    bind: (_t, ctx) => () => value(ctx),
  });
}

const localNow = (ctx: FunctionContext): number => toLocalMillis(ctx.now(), ctx.localTimeZone);

/** The temporal functions. */
export const TEMPORAL_FUNCTIONS: readonly ScalarFunctionDef[] = [
  dateFormat,
  toTimestamp,
  toDate,
  unixTimestamp,
  fromUnixtime,
  toTimestampLtz,
  extractFunction('YEAR', 'year'),
  extractFunction('MONTH', 'month'),
  extractFunction('DAYOFMONTH', 'day'),
  extractFunction('HOUR', 'hour'),
  extractFunction('MINUTE', 'minute'),
  extractFunction('SECOND', 'second'),
  clockFunction('CURRENT_TIMESTAMP', timestampLtzType(3, false), 'The current instant from the job clock, as TIMESTAMP_LTZ(3).', (c) => c.now()),
  clockFunction('NOW', timestampLtzType(3, false), 'Same as CURRENT_TIMESTAMP.', (c) => c.now()),
  clockFunction('LOCALTIMESTAMP', timestampType(3, false), 'The current local date-time in the session time zone, as TIMESTAMP(3).', localNow),
  clockFunction('CURRENT_DATE', dateType(false), 'The current date in the session time zone.', (c) => Math.floor(localNow(c) / MILLIS_PER_DAY)),
  clockFunction('CURRENT_TIME', timeType(0, false), 'The current time of day in the session time zone, as TIME(0).', (c) => {
    const local = localNow(c);
    const ms = local - Math.floor(local / MILLIS_PER_DAY) * MILLIS_PER_DAY;
    return ms - (ms % 1000);
  }),
  clockFunction('PROCTIME', { ...timestampLtzType(3, false), timeAttribute: 'proctime' }, 'The processing-time attribute: the job clock as TIMESTAMP_LTZ(3).', (c) => c.now()),
];
