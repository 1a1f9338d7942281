// Flink's `json` format: one JSON object per line into a row (JsonToRowDataConverters) and a row
// into one compact JSON object (RowDataToJsonConverters). Imports formats/ and types/.
import { Decimal } from '../types/decimal.js';
import { formatLogicalType } from '../types/formatLogicalType.js';
import { doubleToIntegral, javaDoubleToString, javaFloatToString, javaTrim, parseJavaDouble, parseJavaFloat, parseJavaIntegral, type IntegralRoot } from '../types/javaNumbers.js';
import type { LogicalType } from '../types/logicalType.js';
import { formatDate, formatFormatTime, formatFormatTimestamp, parseFormatTime, parseFormatTimestamp, parseIsoDate } from '../types/temporalText.js';
import { resolveJsonOptions, type JsonOptions } from './formatOptions.js';
import { FieldParseError, type DeserializationResult, type FormatField, type LineDeserializer, type RowSerializer } from './formatTypes.js';
import { parseJson, type JsonNode } from './jsonText.js';

type Converter = (node: JsonNode) => unknown;

const INT_RANGE: Record<'INTEGER' | 'BIGINT', [number, number]> = { INTEGER: [-2147483648, 2147483647], BIGINT: [-9223372036854775808, 9223372036854775807] };

/** The compact JSON text of a node, as Jackson's JsonNode.toString writes it. */
function nodeToString(n: JsonNode, exactNumbers: boolean): string {
  switch (n.kind) {
    case 'object':
      return `{${[...n.fields].map(([k, v]) => `${JSON.stringify(k)}:${nodeToString(v, exactNumbers)}`).join(',')}}`;
    case 'array':
      return `[${n.items.map((v) => nodeToString(v, exactNumbers)).join(',')}]`;
    case 'string':
      return JSON.stringify(n.value);
    case 'number':
      return numberText(n, exactNumbers);
    case 'boolean':
      return String(n.value);
    case 'null':
      return 'null';
  }
}

/** A number node's text as Jackson holds it: integers exactly, fractions as BigDecimal or double. */
function numberText(n: { text: string; integral: boolean }, exactNumbers: boolean): string {
  if (n.integral) return BigInt(n.text).toString();
  return exactNumbers ? Decimal.parse(n.text).toString() : javaDoubleToString(Number(n.text));
}

/** `JsonNode.asText()`: strings raw, numbers and booleans as text, containers and null as Jackson prints them. */
function asText(n: JsonNode, exactNumbers: boolean): string {
  switch (n.kind) {
    case 'string':
      return n.value;
    case 'number':
      return numberText(n, exactNumbers);
    case 'boolean':
      return String(n.value);
    case 'null':
      return 'null';
    default:
      return '';
  }
}

const forInput = (s: string): never => {
  throw new FieldParseError(`For input string: "${s}"`);
};

const unparsable = (s: string, what: string): never => {
  throw new FieldParseError(`Text '${s}' could not be parsed as ${what}`);
};

function converterFor(type: LogicalType, o: JsonOptions, exact: boolean): Converter {
  const text = (n: JsonNode) => asText(n, exact);
  switch (type.root) {
    case 'BOOLEAN':
      return (n) => (n.kind === 'boolean' ? n.value : javaTrim(text(n)).toLowerCase() === 'true');
    case 'TINYINT':
    case 'SMALLINT': {
      const root = type.root as IntegralRoot;
      return (n) => parseJavaIntegral(javaTrim(text(n)), root) ?? forInput(javaTrim(text(n)));
    }
    case 'INTEGER':
    case 'BIGINT': {
      const root = type.root as 'INTEGER' | 'BIGINT';
      const [lo, hi] = INT_RANGE[root];
      return (n) => {
        // canConvertToInt/Long: numbers in range convert directly (fractions truncate).
        if (n.kind === 'number') {
          if (n.integral) {
            const r = parseJavaIntegral(BigInt(n.text).toString(), root);
            if (r !== undefined) return r;
          } else {
            const d = Number(n.text);
            if (d >= lo && d <= hi) return doubleToIntegral(d, root === 'INTEGER' ? 32 : 64);
          }
        }
        return parseJavaIntegral(javaTrim(text(n)), root) ?? forInput(javaTrim(text(n)));
      };
    }
    case 'FLOAT':
      return (n) => parseJavaFloat(text(n)) ?? forInput(javaTrim(text(n)));
    case 'DOUBLE':
      return (n) => (n.kind === 'number' ? Number(n.text) : (parseJavaDouble(text(n)) ?? forInput(javaTrim(text(n)))));
    case 'DECIMAL': {
      const p = type.precision ?? 10;
      const s = type.scale ?? 0;
      return (n) => {
        const t = n.kind === 'number' ? n.text : text(n);
        const d = Decimal.tryParse(t);
        if (!d) throw new FieldParseError(`Character array is not a valid decimal number: "${t}"`);
        return d.toDecimalType(p, s);
      };
    }
    case 'CHAR':
    case 'VARCHAR':
      return (n) => (n.kind === 'string' ? n.value : nodeToString(n, exact));
    case 'DATE':
      return (n) => parseIsoDate(text(n)) ?? unparsable(text(n), 'DATE (yyyy-MM-dd)');
    case 'TIME_WITHOUT_TIME_ZONE':
      return (n) => parseFormatTime(text(n)) ?? unparsable(text(n), 'TIME (HH:mm:ss)');
    case 'TIMESTAMP_WITHOUT_TIME_ZONE':
      return o.timestampFormat === 'SQL'
        ? (n) => parseFormatTimestamp(text(n), ' ', true, false) ?? unparsable(text(n), "TIMESTAMP in the SQL standard format 'yyyy-MM-dd HH:mm:ss[.SSS]'")
        : (n) => parseFormatTimestamp(text(n), 'T', false, false) ?? unparsable(text(n), "TIMESTAMP in the ISO-8601 format 'yyyy-MM-ddTHH:mm:ss[.SSS]'");
    case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
      return o.timestampFormat === 'SQL'
        ? (n) => parseFormatTimestamp(text(n), ' ', true, true) ?? unparsable(text(n), "TIMESTAMP_LTZ in the SQL standard format 'yyyy-MM-dd HH:mm:ss[.SSS]Z'")
        : (n) => parseFormatTimestamp(text(n), 'T', false, true) ?? unparsable(text(n), "TIMESTAMP_LTZ in the ISO-8601 format 'yyyy-MM-ddTHH:mm:ss[.SSS]Z'");
    default:
      return () => {
        throw new FieldParseError(`The json format does not support type ${formatLogicalType(type)}`);
      };
  }
}

/**
 * Creates the json deserializer of a table's physical fields. Options are the table's `json.*`
 * options (keys with or without the prefix; invalid ones fall back to defaults — report them
 * with `validateFormatOptions`). Fields are looked up by exact name; a missing field or JSON
 * null is NULL (an error with `json.fail-on-missing-field`). Values convert as Flink's
 * JsonToRowDataConverters (numbers given as strings are accepted; DECIMAL and BIGINT read
 * exactly; timestamps per `json.timestamp-format.standard`). A malformed line or field fails the
 * job; with `json.ignore-parse-errors` a line that is not JSON is skipped and a field that does
 * not convert is NULL.
 */
export function createJsonDeserializer(
  fields: readonly FormatField[],
  options: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): LineDeserializer {
  const o = resolveJsonOptions(options).options;
  // Flink enables USE_BIG_DECIMAL_FOR_FLOATS when the schema has a DECIMAL.
  const exact = fields.some((f) => f.type.root === 'DECIMAL');
  const converters = fields.map((f) => converterFor(f.type, o, exact));
  return (line: string): DeserializationResult => {
    const fail = (reason: string, column?: number): DeserializationResult => ({
      error: `Failed to deserialize JSON '${line}': ${reason}`,
      ...(column !== undefined ? { column } : {}),
      ...(o.ignoreParseErrors ? { skip: true } : {}),
    });
    const parsed = parseJson(line);
    if ('error' in parsed) return fail(parsed.error, parsed.column);
    const root = parsed.value;
    if (root === undefined) return { error: 'empty line', skip: true };
    // Jackson's JsonNode.get(name) on a non-object is null: every field is missing.
    const values = root.kind === 'object' ? root.fields : undefined;
    const row = new Array<unknown>(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const name = fields[i]!.name;
      const node = values?.get(name);
      if (node === undefined) {
        if (o.failOnMissingField) return fail(`Fail to deserialize at field: ${name}: Could not find field with name '${name}'.`);
        row[i] = null;
        continue;
      }
      if (node.kind === 'null') {
        row[i] = null;
        continue;
      }
      try {
        row[i] = converters[i]!(node);
      } catch (e) {
        if (!(e instanceof FieldParseError)) throw e;
        // As JsonToRowDataConverters' nullable converter: with ignore-parse-errors the field is NULL.
        if (o.ignoreParseErrors) {
          row[i] = null;
          continue;
        }
        return fail(`Fail to deserialize at field: ${name}: ${e.message}`);
      }
    }
    return { row };
  };
}

/** A JSON number for a double/float text, or the string Jackson writes for NaN and infinities. */
function jsonFloating(text: string): string {
  return /^-?(NaN|Infinity)$/.test(text) ? `"${text}"` : text;
}

/**
 * Creates the json serializer: a compact object with the fields in schema order (`{"a":1,"b":"x"}`),
 * values as Flink's RowDataToJsonConverters write them: exact integers, DOUBLE/FLOAT as Java's
 * toString (`1.0E7`), DECIMAL as a JSON number (normalized BigDecimal.toString, `1E+2` for 100.00, or plain with
 * `json.encode.decimal-as-plain-number`), DATE `2024-01-01`, TIME `10:00:00`, TIMESTAMP
 * `2024-01-01 10:00:00.123` (SQL) or `2024-01-01T10:00:00.123` (ISO-8601), TIMESTAMP_LTZ the same
 * in UTC with a `Z`; NULL as null, or left out with `json.encode.ignore-null-fields`.
 */
export function createJsonSerializer(
  fields: readonly FormatField[],
  options: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): RowSerializer {
  const o = resolveJsonOptions(options).options;
  const sep = o.timestampFormat === 'SQL' ? ' ' : 'T';
  const keys = fields.map((f) => JSON.stringify(f.name) + ':');
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
        return (v) => jsonFloating(javaFloatToString(v as number));
      case 'DOUBLE':
        return (v) => jsonFloating(javaDoubleToString(v as number));
      case 'DECIMAL':
        // Flink builds a DecimalNode through Jackson's JsonNodeFactory, which normalizes it
        // (stripTrailingZeros: 100.00 is written 1E+2) unless written as a plain number.
        return o.encodeDecimalAsPlainNumber ? (v) => (v as Decimal).toPlainString() : (v) => (v as Decimal).stripTrailingZeros().toString();
      case 'DATE':
        return (v) => `"${formatDate(v as number)}"`;
      case 'TIME_WITHOUT_TIME_ZONE':
        return (v) => `"${formatFormatTime(v as number, false)}"`;
      case 'TIMESTAMP_WITHOUT_TIME_ZONE':
        return (v) => `"${formatFormatTimestamp(v as number, sep)}"`;
      case 'TIMESTAMP_WITH_LOCAL_TIME_ZONE':
        return (v) => `"${formatFormatTimestamp(v as number, sep)}Z"`;
      default:
        return (v) => JSON.stringify(String(v));
    }
  });
  return (row) => {
    let out = '{';
    let first = true;
    for (let i = 0; i < writers.length; i++) {
      const v = row[i];
      const isNull = v === null || v === undefined;
      if (isNull && o.encodeIgnoreNullFields) continue;
      if (!first) out += ',';
      first = false;
      out += keys[i] + (isNull ? 'null' : writers[i]!(v));
    }
    return out + '}';
  };
}
