// Validation and defaults of the csv and json format options, with Flink's option names,
// defaults and messages. Keys may be given with or without the `csv.` / `json.` prefix.
// Imports config/didYouMean.js only.
import { closestMatch } from '../config/didYouMean.js';

/** A format Checkpoint Lab reads and writes. */
export type FormatId = 'csv' | 'json';

/** Resolved csv options. */
export interface CsvOptions {
  /** `csv.field-delimiter` (default `,`), Java-unescaped (`\t` is a tab). */
  readonly fieldDelimiter: string;
  /** `csv.quote-character` (default `"`), undefined when `csv.disable-quote-character` is true. */
  readonly quoteCharacter: string | undefined;
  /** `csv.allow-comments` (default false): lines starting with `#` are skipped. */
  readonly allowComments: boolean;
  /** `csv.ignore-parse-errors` (default false): bad fields become NULL, unparsable lines are skipped. */
  readonly ignoreParseErrors: boolean;
  /** `csv.escape-character` (default none). */
  readonly escapeCharacter: string | undefined;
  /** `csv.null-literal` (default none): this text reads and writes as NULL. */
  readonly nullLiteral: string | undefined;
  /**
   * `csv.write-bigdecimal-in-scientific-notation` (default true). Validated and kept, but it does not
   * change what is written: real Flink 2.3 writes normalized DECIMALs (`1E+2`) either way.
   */
  readonly writeBigDecimalInScientificNotation: boolean;
}

/** Resolved json options. */
export interface JsonOptions {
  /** `json.fail-on-missing-field` (default false). */
  readonly failOnMissingField: boolean;
  /** `json.ignore-parse-errors` (default false): unparsable lines are skipped. */
  readonly ignoreParseErrors: boolean;
  /** `json.timestamp-format.standard`: `SQL` (default, `2024-01-01 10:00:00`) or `ISO-8601` (`2024-01-01T10:00:00`). */
  readonly timestampFormat: 'SQL' | 'ISO-8601';
  /** `json.encode.decimal-as-plain-number` (default false). */
  readonly encodeDecimalAsPlainNumber: boolean;
  /** `json.encode.ignore-null-fields` (default false): NULL fields are left out of written objects. */
  readonly encodeIgnoreNullFields: boolean;
}

/** A problem with one option. */
export interface FormatOptionError {
  /** The option key as given. */
  readonly key: string;
  readonly message: string;
}

type Kind = 'boolean' | 'char' | 'escapedChar' | 'string' | { enum: readonly string[] };

const CSV_KEYS: Record<string, Kind> = {
  'field-delimiter': 'escapedChar',
  'disable-quote-character': 'boolean',
  'quote-character': 'char',
  'allow-comments': 'boolean',
  'ignore-parse-errors': 'boolean',
  'array-element-delimiter': 'char',
  'escape-character': 'char',
  'null-literal': 'string',
  'write-bigdecimal-in-scientific-notation': 'boolean',
};

const JSON_KEYS: Record<string, Kind> = {
  'fail-on-missing-field': 'boolean',
  'ignore-parse-errors': 'boolean',
  'timestamp-format.standard': { enum: ['SQL', 'ISO-8601'] },
  'map-null-key.mode': { enum: ['FAIL', 'DROP', 'LITERAL'] },
  'map-null-key.literal': 'string',
  'encode.decimal-as-plain-number': 'boolean',
  'encode.ignore-null-fields': 'boolean',
  'decode.json-parser.enabled': 'boolean',
};

/** Java's StringEscapeUtils.unescapeJava for the escapes option values use (`\t`, `\n`, `\\`, `\u0001` …). */
export function unescapeJava(s: string): string {
  return s.replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'u') return String.fromCharCode(parseInt(e.slice(-4), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    const map: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '\\': '\\', "'": "'", '"': '"' };
    return map[e] ?? e;
  });
}

function entries(options: ReadonlyMap<string, string> | Readonly<Record<string, string>>): [string, string][] {
  return options instanceof Map ? [...options.entries()] : Object.entries(options);
}

interface Parsed {
  readonly values: Map<string, string | boolean>;
  readonly errors: FormatOptionError[];
  readonly given: Map<string, string>;
}

function parse(format: FormatId, options: ReadonlyMap<string, string> | Readonly<Record<string, string>>): Parsed {
  const keys = format === 'csv' ? CSV_KEYS : JSON_KEYS;
  const values = new Map<string, string | boolean>();
  const given = new Map<string, string>();
  const errors: FormatOptionError[] = [];
  for (const [rawKey, value] of entries(options)) {
    const key = rawKey.startsWith(`${format}.`) ? rawKey.slice(format.length + 1) : rawKey;
    const full = `${format}.${key}`;
    const kind = keys[key];
    if (!kind) {
      const near = closestMatch(full, Object.keys(keys).map((k) => `${format}.${k}`));
      errors.push({
        key: rawKey,
        message: `Unsupported option '${full}' for format '${format}'.${near ? ` Did you mean '${near}'?` : ''} Supported options: ${Object.keys(keys).map((k) => `${format}.${k}`).join(', ')}`,
      });
      continue;
    }
    given.set(key, rawKey);
    if (kind === 'boolean') {
      const lower = value.trim().toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        errors.push({ key: rawKey, message: `Could not parse value '${value}' for key '${full}': expected 'true' or 'false'.` });
        continue;
      }
      values.set(key, lower === 'true');
    } else if (kind === 'char' || kind === 'escapedChar') {
      const v = kind === 'escapedChar' ? unescapeJava(value) : value;
      if (v.length !== 1) {
        errors.push({ key: rawKey, message: `Option '${full}' must be a string with single character, but was: ${value}` });
        continue;
      }
      values.set(key, v);
    } else if (kind === 'string') {
      values.set(key, value);
    } else {
      const v = kind.enum.find((e) => e.toUpperCase() === value.trim().toUpperCase());
      if (!v) {
        errors.push({ key: rawKey, message: `Unsupported value '${value}' for ${key}. Supported values are [${kind.enum.join(', ')}].` });
        continue;
      }
      values.set(key, v);
    }
  }
  return { values, errors, given };
}

/** csv options resolved with Flink's defaults, and the problems found. */
export function resolveCsvOptions(options: ReadonlyMap<string, string> | Readonly<Record<string, string>>): { options: CsvOptions; errors: FormatOptionError[] } {
  const { values, errors, given } = parse('csv', options);
  const disableQuote = values.get('disable-quote-character') === true;
  if (disableQuote && given.has('quote-character')) {
    errors.push({ key: given.get('quote-character')!, message: 'Format cannot define a quote character and disabled quote character at the same time.' });
  }
  return {
    options: {
      fieldDelimiter: (values.get('field-delimiter') as string | undefined) ?? ',',
      quoteCharacter: disableQuote ? undefined : ((values.get('quote-character') as string | undefined) ?? '"'),
      allowComments: values.get('allow-comments') === true,
      ignoreParseErrors: values.get('ignore-parse-errors') === true,
      escapeCharacter: values.get('escape-character') as string | undefined,
      nullLiteral: values.get('null-literal') as string | undefined,
      writeBigDecimalInScientificNotation: values.get('write-bigdecimal-in-scientific-notation') !== false,
    },
    errors,
  };
}

/** json options resolved with Flink's defaults, and the problems found. */
export function resolveJsonOptions(options: ReadonlyMap<string, string> | Readonly<Record<string, string>>): { options: JsonOptions; errors: FormatOptionError[] } {
  const { values, errors, given } = parse('json', options);
  const failOnMissingField = values.get('fail-on-missing-field') === true;
  const ignoreParseErrors = values.get('ignore-parse-errors') === true;
  if (failOnMissingField && ignoreParseErrors) {
    errors.push({ key: given.get('ignore-parse-errors')!, message: 'fail-on-missing-field and ignore-parse-errors shouldn\'t both be true.' });
  }
  return {
    options: {
      failOnMissingField,
      ignoreParseErrors,
      timestampFormat: (values.get('timestamp-format.standard') as 'SQL' | 'ISO-8601' | undefined) ?? 'SQL',
      encodeDecimalAsPlainNumber: values.get('encode.decimal-as-plain-number') === true,
      encodeIgnoreNullFields: values.get('encode.ignore-null-fields') === true,
    },
    errors,
  };
}

/**
 * Validates a table's format options (keys with or without the format prefix) with Flink's
 * names, defaults and messages; unknown `csv.*` / `json.*` keys are errors.
 */
export function validateFormatOptions(
  format: FormatId,
  options: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): { options: CsvOptions | JsonOptions; errors: FormatOptionError[] } {
  return format === 'csv' ? resolveCsvOptions(options) : resolveJsonOptions(options);
}
