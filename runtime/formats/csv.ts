// Flink's `csv` format: reads a line into a row and writes a row as a line, with Flink's
// CsvToRowDataConverters / RowDataToCsvConverters value rules over Jackson's CSV dialect.
// Imports formats/ and types/.
import { Decimal } from '../types/decimal.js';
import { formatLogicalType } from '../types/formatLogicalType.js';
import { javaDoubleToString, javaFloatToString, javaTrim, parseJavaDouble, parseJavaFloat, parseJavaIntegral, type IntegralRoot } from '../types/javaNumbers.js';
import type { LogicalType } from '../types/logicalType.js';
import { MILLIS_PER_DAY, daysInMonth, daysFromCivil, formatDate, formatFormatTime, formatFormatTimestamp, parseFormatTime, parseFormatTimestamp } from '../types/temporalText.js';
import { splitCsvLine, quoteCsvValue, type CsvDialect } from './csvLine.js';
import { resolveCsvOptions } from './formatOptions.js';
import { FieldParseError, type DeserializationResult, type FormatField, type LineDeserializer, type RowSerializer } from './formatTypes.js';

type Converter = (text: string) => unknown;

const forInput = (s: string): never => {
  throw new FieldParseError(`For input string: "${s}"`);
};

/** `java.sql.Date.valueOf`: `yyyy-[m]m-[d]d`. */
function parseSqlDateValue(s: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return daysFromCivil(y, mo, d);
  }
  throw new FieldParseError(`Invalid DATE '${s}': expected yyyy-MM-dd`);
}

/** `java.sql.Timestamp.valueOf`: `yyyy-[m]m-[d]d hh:mm:ss[.f…]`. */
function parseSqlTimestampValue(s: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const sec = Number(m[6]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h < 24 && mi < 60 && sec < 60) {
      const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
      return daysFromCivil(y, mo, d) * MILLIS_PER_DAY + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
    }
  }
  throw new FieldParseError('Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff]');
}

function converterFor(type: LogicalType): Converter {
  switch (type.root) {
    case 'BOOLEAN':
      // Boolean.parseBoolean: "true" in any case is true, anything else false.
      return (s) => javaTrim(s).toLowerCase() === 'true';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
    case 'BIGINT': {
      const root = type.root as IntegralRoot;
      return (s) => parseJavaIntegral(javaTrim(s), root) ?? forInput(javaTrim(s));
    }
    case 'FLOAT':
      return (s) => parseJavaFloat(s) ?? forInput(javaTrim(s));
    case 'DOUBLE':
      return (s) => parseJavaDouble(s) ?? forInput(javaTrim(s));
    case 'DECIMAL': {
      const p = type.precision ?? 10;
      const sc = type.scale ?? 0;
      return (s) => {
        const d = Decimal.tryParse(javaTrim(s));
        if (!d) throw new FieldParseError(`Character array is not a valid decimal number: "${s}"`);
        return d.toDecimalType(p, sc);
      };
    }
    case 'CHAR':
    case 'VARCHAR':
      return (s) => s;
    case 'DATE':
      return (s) => parseSqlDateValue(s);
    case 'TIME_WITHOUT_TIME_ZONE':
      return (s) => parseFormatTime(s) ?? (() => { throw new FieldParseError(`Invalid TIME '${s}': expected HH:mm:ss`); })();
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return (s) => parseSqlTimestampValue(s);
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return (s) =>
        parseFormatTimestamp(s, ' ', true, true) ?? (() => { throw new FieldParseError(`Invalid TIMESTAMP_LTZ '${s}': expected yyyy-MM-dd HH:mm:ss[.SSS]Z`); })();
    default:
      return () => {
        throw new FieldParseError(`The csv format does not support type ${formatLogicalType(type)}`);
      };
  }
}

function dialectOf(o: { fieldDelimiter: string; quoteCharacter: string | undefined; escapeCharacter: string | undefined }): CsvDialect {
  return { delimiter: o.fieldDelimiter, quote: o.quoteCharacter, escape: o.escapeCharacter };
}

/**
 * Creates the csv deserializer of a table's physical fields. Options are the table's `csv.*`
 * options (keys with or without the prefix); invalid options fall back to defaults — report
 * them with `validateFormatOptions`. Per line: fields split by Jackson's rules; the null literal
 * is NULL; an empty field is converted like any text (BOOLEAN false, numbers and dates fail);
 * numbers are trimmed and parsed as Java does; TIMESTAMP reads `yyyy-MM-dd HH:mm:ss[.fff]`,
 * TIMESTAMP_LTZ the same with a trailing `Z`. A wrong field count or a bad field is an error,
 * unless `csv.ignore-parse-errors`: then bad fields and missing trailing fields are NULL and
 * lines that cannot be split are skipped. Comment lines (`#…` with `csv.allow-comments`) are skipped.
 */
export function createCsvDeserializer(
  fields: readonly FormatField[],
  options: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): LineDeserializer {
  const o = resolveCsvOptions(options).options;
  const dialect = dialectOf(o);
  const converters = fields.map((f) => converterFor(f.type));
  const arity = fields.length;
  const ignore = o.ignoreParseErrors;
  return (line: string): DeserializationResult => {
    const fail = (reason: string, column?: number): DeserializationResult => ({
      error: `Failed to deserialize CSV row '${line}': ${reason}`,
      ...(column !== undefined ? { column } : {}),
      ...(ignore ? { skip: true } : {}),
    });
    if (o.allowComments && line.startsWith('#')) return { error: 'comment line', skip: true };
    const split = splitCsvLine(line, dialect);
    if ('error' in split) return fail(split.error, split.column);
    let parts = split.fields;
    // Jackson's ALLOW_TRAILING_COMMA: one extra empty column at the end is ignored.
    if (parts.length === arity + 1 && parts[arity]!.text === '' && !parts[arity]!.quoted) parts = parts.slice(0, arity);
    if (parts.length > arity) {
      const extra = parts[arity]!;
      return fail(`Too many entries: expected at most ${arity} (value #${arity} (${extra.text.length} chars) "${extra.text}")`, extra.column);
    }
    if (parts.length < arity && !ignore) return fail(`Row length mismatch. ${arity} fields expected but was ${parts.length}.`);
    const row = new Array<unknown>(arity);
    for (let i = 0; i < arity; i++) {
      const part = parts[i];
      if (part === undefined) {
        row[i] = null;
        continue;
      }
      const text = part.text;
      // Only the null literal is NULL: an empty field goes through the converter as Flink's
      // CsvToRowDataConverters does (BOOLEAN "" is false, a number "" fails to parse).
      if (o.nullLiteral !== undefined && text === o.nullLiteral) {
        row[i] = null;
        continue;
      }
      try {
        row[i] = converters[i]!(text);
      } catch (e) {
        if (!(e instanceof FieldParseError)) throw e;
        if (ignore) {
          row[i] = null;
          continue;
        }
        return { error: `Failed to deserialize CSV row '${line}': field '${fields[i]!.name}' (${formatLogicalType(fields[i]!.type)}): ${e.message}`, column: part.column };
      }
    }
    return { row };
  };
}

/**
 * Creates the csv serializer: fields in schema order joined by the delimiter; NULL as the null
 * literal (default empty); numbers and booleans unquoted (DOUBLE/FLOAT as Java's toString,
 * DECIMAL as the normalized BigDecimal.toString, `1E+2` for 100.00, as real Flink writes it);
 * strings, dates and timestamps (`2024-01-01 10:00:00.123`) quoted only when Jackson
 * would (see `needsQuotes`).
 */
export function createCsvSerializer(
  fields: readonly FormatField[],
  options: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): RowSerializer {
  const o = resolveCsvOptions(options).options;
  const dialect = dialectOf(o);
  const nullText = o.nullLiteral ?? '';
  const writers = fields.map((f): ((v: unknown) => string) => {
    switch (f.type.root) {
      case 'BOOLEAN':
        return (v) => (v ? 'true' : 'false');
      case 'TINYINT':
      case 'SMALLINT':
      case 'INTEGER':
      case 'BIGINT':
        return (v) => String(v);
      case 'FLOAT':
        return (v) => javaFloatToString(v as number);
      case 'DOUBLE':
        return (v) => javaDoubleToString(v as number);
      case 'DECIMAL':
        // Flink 2.3 writes a DecimalNode from Jackson's node factory, normalized
        // (stripTrailingZeros: 100.00 is 1E+2), and real Flink does so whatever
        // csv.write-bigdecimal-in-scientific-notation says (checked by the differential tests).
        return (v) => (v as Decimal).stripTrailingZeros().toString();
      case 'DATE':
        return (v) => quoteCsvValue(formatDate(v as number), dialect);
      case 'TIME_WITHOUT_TIME_ZONE':
        return (v) => quoteCsvValue(formatFormatTime(v as number, true), dialect);
      case 'TIMESTAMP_WITHOUT_TIME_ZONE':
        return (v) => quoteCsvValue(formatFormatTimestamp(v as number, ' '), dialect);
      case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
        return (v) => quoteCsvValue(formatFormatTimestamp(v as number, ' ') + 'Z', dialect);
      default:
        return (v) => quoteCsvValue(String(v), dialect);
    }
  });
  return (row) => {
    let out = '';
    for (let i = 0; i < writers.length; i++) {
      if (i > 0) out += o.fieldDelimiter;
      const v = row[i];
      out += v === null || v === undefined ? nullText : writers[i]!(v);
    }
    return out;
  };
}
