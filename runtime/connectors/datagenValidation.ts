// Validates datagen's options (table-level and `fields.#.*`) into a DatagenSpec, with the checks
// Flink's DataGenTableSourceFactory and its generator visitors make. Imports connectors/ and config/.
import { closestMatch } from '../config/didYouMean.js';
import { STRING_LENGTH, type LogicalType, type TypeRoot } from '../types/logicalType.js';
import { DATAGEN_FIELD_OPTIONS, DATAGEN_OPTIONS } from './connectorOptions.js';
import type { DatagenField, DatagenSpec } from './connectorSpec.js';
import { typeDisplayName, type TableOptions } from './tableOptions.js';

/** Java's Float.MIN_VALUE / MAX_VALUE and Double.MIN_VALUE / MAX_VALUE, Flink's random defaults. */
const FLOAT_MIN_VALUE = 1.401298464324817e-45;
const FLOAT_MAX_VALUE = 3.4028234663852886e38;
const DOUBLE_MIN_VALUE = 5e-324;

/** Inclusive value ranges of the integral types. */
export const INTEGRAL_RANGE: Partial<Record<TypeRoot, readonly [bigint, bigint]>> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INTEGER: [-2147483648n, 2147483647n],
  BIGINT: [-9223372036854775808n, 9223372036854775807n],
};

const NUMERIC: ReadonlySet<TypeRoot> = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);
const STRINGS: ReadonlySet<TypeRoot> = new Set(['CHAR', 'VARCHAR']);
const TIMESTAMPS: ReadonlySet<TypeRoot> = new Set(['TIMESTAMP_WITHOUT_TIME_ZONE', 'TIMESTAMP_WITH_LOCAL_TIME_ZONE']);

/** The `fields.#.<suffix>` options a random generator of this type takes, or undefined if none exists. */
function randomSuffixes(root: TypeRoot): readonly string[] | undefined {
  if (NUMERIC.has(root)) return ['kind', 'min', 'max', 'null-rate'];
  if (STRINGS.has(root)) return ['kind', 'length', 'var-len', 'null-rate'];
  if (TIMESTAMPS.has(root)) return ['kind', 'max-past', 'null-rate'];
  if (root === 'BOOLEAN' || root === 'DATE' || root === 'TIME_WITHOUT_TIME_ZONE') return ['kind', 'null-rate'];
  return undefined;
}

/** The `fields.#.<suffix>` options a sequence generator of this type takes, or undefined if none exists. */
function sequenceSuffixes(root: TypeRoot): readonly string[] | undefined {
  return NUMERIC.has(root) || STRINGS.has(root) ? ['kind', 'start', 'end'] : undefined;
}

const FIELD_SUFFIXES = DATAGEN_FIELD_OPTIONS.map((o) => o.key.slice('fields.#.'.length));
const fieldEntry = (suffix: string) => DATAGEN_FIELD_OPTIONS.find((o) => o.key === `fields.#.${suffix}`)!;

/** Parses a Java integral literal within [lo, hi], in the BIGINT representation. */
function parseIntegral(text: string, lo: bigint, hi: bigint): number | bigint | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const v = BigInt(t);
  if (v < lo || v > hi) return undefined;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

function lessThan(a: number | bigint, b: number | bigint): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a < b : BigInt(a) < BigInt(b);
}

/** Validates a datagen table; returns the spec (undefined if any error was reported). */
export function validateDatagen(opts: TableOptions): DatagenSpec | undefined {
  opts.take('connector');
  const [, rowsOpt, numberOpt, parallelismOpt] = DATAGEN_OPTIONS;
  const rowsPerSecond = (opts.parse(rowsOpt!) as number | undefined) ?? 10000;
  const numberOfRows = opts.parse(numberOpt!) as number | undefined;
  const scanParallelism = opts.parse(parallelismOpt!) as number | undefined;

  const columns = opts.table.columns;
  const physical = columns.filter((c) => !c.computed);

  // fields.<name>.<suffix> that name no physical column.
  for (const key of [...opts.keys()]) {
    if (!key.startsWith('fields.')) continue;
    const dot = key.lastIndexOf('.');
    const name = key.slice('fields.'.length, dot);
    const suffix = key.slice(dot + 1);
    if (dot <= 'fields.'.length || !FIELD_SUFFIXES.includes(suffix)) continue; // left for the unconsumed check
    const col = columns.find((c) => c.name === name);
    if (col && !col.computed) continue;
    opts.consume(key);
    if (col) {
      opts.error('unknown-column', `'${key}' refers to column '${name}', which is a computed column: datagen generates physical columns only.`, opts.keyRange(key));
    } else {
      const near = closestMatch(name, physical.map((c) => c.name));
      const hint = near !== undefined ? ` Did you mean '${near}'?` : ` The physical columns are: ${physical.map((c) => c.name).join(', ')}.`;
      opts.error('unknown-column', `'${key}' refers to column '${name}', which table '${opts.table.name}' does not have.${hint}`, opts.keyRange(key));
    }
  }

  const fields: DatagenField[] = [];
  const hints = new Map<string, string>();
  for (const col of physical) {
    const prefix = `fields.${col.name}.`;
    const parsedKind = opts.parse(fieldEntry('kind'), `${prefix}kind`) as string | undefined;
    if (parsedKind === undefined && opts.keyRange(`${prefix}kind`) !== undefined) {
      for (const s of FIELD_SUFFIXES) opts.consume(`${prefix}${s}`); // the kind was invalid: say only that
      continue;
    }
    const kind = parsedKind ?? 'random';
    const root = col.type.root;
    const allowed = kind === 'sequence' ? sequenceSuffixes(root) : randomSuffixes(root);
    if (allowed === undefined) {
      opts.error(
        'unsupported-type',
        kind === 'sequence'
          ? `The sequence generator does not support type ${typeDisplayName(col.type)} of field '${col.name}'. Sequences support TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR and STRING.`
          : `datagen cannot generate random values of type ${typeDisplayName(col.type)} (field '${col.name}'): Unsupported type: ${typeDisplayName(col.type)}.`,
        opts.valueRange(`${prefix}kind`) ?? opts.table.nameRange,
      );
      for (const s of FIELD_SUFFIXES) opts.consume(`${prefix}${s}`); // one error per field is enough
      continue;
    }
    for (const s of FIELD_SUFFIXES) {
      if (!allowed.includes(s) && opts.keyRange(`${prefix}${s}`) !== undefined) {
        hints.set(`${prefix}${s}`, `'${s}' does not apply to a ${kind} ${typeDisplayName(col.type)} field; it takes: ${allowed.map((a) => `${prefix}${a}`).join(', ')}.`);
      }
    }
    const field = kind === 'sequence' ? sequenceField(opts, col.name, col.type) : randomField(opts, col.name, col.type, allowed);
    if (field) fields.push(field);
  }

  const supported = [
    ...DATAGEN_OPTIONS.map((o) => o.key),
    ...physical.flatMap((c) => FIELD_SUFFIXES.map((s) => `fields.${c.name}.${s}`)),
  ];
  opts.reportUnconsumed('datagen', supported, (key) => hints.get(key));
  if (opts.hasErrors) return undefined;
  const spec: DatagenSpec = { connector: 'datagen', rowsPerSecond, fields };
  if (numberOfRows !== undefined) spec.numberOfRows = numberOfRows;
  if (scanParallelism !== undefined) spec.scanParallelism = scanParallelism;
  return spec;
}

function sequenceField(opts: TableOptions, name: string, type: LogicalType): DatagenField | undefined {
  const range = INTEGRAL_RANGE[type.root] ?? INTEGRAL_RANGE.BIGINT!;
  const read = (suffix: 'start' | 'end'): number | bigint | undefined => {
    const key = `fields.${name}.${suffix}`;
    const opt = opts.take(key);
    if (!opt) return undefined;
    const v = parseIntegral(opt.value, range[0], range[1]);
    if (v === undefined) {
      opts.error('invalid-option-value', `Could not parse value '${opt.value}' for key '${key}'. Expected a whole number between ${range[0]} and ${range[1]} for type ${typeDisplayName(type)}.`, opt.valueRange ?? opt.keyRange);
    }
    return v;
  };
  const hasStart = opts.keyRange(`fields.${name}.start`) !== undefined;
  const hasEnd = opts.keyRange(`fields.${name}.end`) !== undefined;
  const start = read('start');
  const end = read('end');
  if (!hasStart || !hasEnd) {
    const missing = [hasStart ? undefined : `'fields.${name}.start'`, hasEnd ? undefined : `'fields.${name}.end'`].filter(Boolean).join(' and ');
    opts.error('missing-option', `The sequence generator of field '${name}' requires 'fields.${name}.start' and 'fields.${name}.end': missing ${missing}.`, opts.valueRange(`fields.${name}.kind`));
    return undefined;
  }
  if (start === undefined || end === undefined) return undefined;
  if (lessThan(end, start)) {
    opts.error('invalid-option-value', `The start value (${start}) of the sequence of field '${name}' cannot be greater than the end value (${end}).`, opts.valueRange(`fields.${name}.end`));
    return undefined;
  }
  return { kind: 'sequence', start, end };
}

function randomField(opts: TableOptions, name: string, type: LogicalType, allowed: readonly string[]): DatagenField | undefined {
  const key = (s: string) => `fields.${name}.${s}`;
  const field: DatagenField = { kind: 'random', length: 100, maxPastMs: 0, nullRate: 0, varLen: false };
  const nullRate = allowed.includes('null-rate') ? (opts.parse(fieldEntry('null-rate'), key('null-rate')) as number | undefined) : undefined;
  if (nullRate !== undefined) {
    field.nullRate = nullRate;
    if (nullRate > 0 && !type.nullable) {
      opts.error('invalid-option-value', `Field '${name}' is NOT NULL, so '${key('null-rate')}' must be 0.`, opts.valueRange(key('null-rate')));
    }
  }
  if (NUMERIC.has(type.root)) {
    const integral = INTEGRAL_RANGE[type.root];
    const read = (s: 'min' | 'max'): number | bigint | undefined => {
      if (!integral) return opts.parse(fieldEntry(s), key(s)) as number | undefined;
      const opt = opts.take(key(s));
      if (!opt) return undefined;
      const v = parseIntegral(opt.value, integral[0], integral[1]);
      if (v === undefined) {
        opts.error('invalid-option-value', `Could not parse value '${opt.value}' for key '${key(s)}'. Expected a whole number between ${integral[0]} and ${integral[1]} for type ${typeDisplayName(type)}.`, opt.valueRange ?? opt.keyRange);
      }
      return v;
    };
    const min = read('min');
    const max = read('max');
    if (min !== undefined) field.min = min;
    if (max !== undefined) field.max = max;
    if (min !== undefined || max !== undefined) {
      const lo = min ?? (integral ? integral[0] : type.root === 'FLOAT' ? FLOAT_MIN_VALUE : DOUBLE_MIN_VALUE);
      const hi = max ?? (integral ? integral[1] : type.root === 'FLOAT' ? FLOAT_MAX_VALUE : Number.MAX_VALUE);
      if (!lessThan(lo, hi)) {
        opts.error('invalid-option-value', `lower bound (${lo}) must be strictly less than upper bound (${hi}) for the random generator of field '${name}'.`, opts.valueRange(key(max !== undefined ? 'max' : 'min')));
      }
    }
  } else if (STRINGS.has(type.root)) {
    const declared = type.length ?? (type.root === 'CHAR' ? 1 : STRING_LENGTH);
    const length = opts.parse(fieldEntry('length'), key('length')) as number | undefined;
    const varLen = opts.parse(fieldEntry('var-len'), key('var-len')) as boolean | undefined;
    if (type.root === 'CHAR') {
      field.length = declared;
      if (length !== undefined) {
        opts.error('invalid-option-value', `Custom length for fixed-length type (CHAR/BINARY) field '${name}' is not supported.`, opts.keyRange(key('length')));
      }
      if (varLen) {
        opts.error('invalid-option-value', `Only supports specifying '${key('var-len')}' option for variable-length types (VARCHAR/STRING/VARBINARY/BYTES). The type of field '${name}' is not within this range.`, opts.keyRange(key('var-len')));
      }
    } else {
      field.length = declared === STRING_LENGTH ? 100 : declared;
      if (length !== undefined) {
        if (length > declared) {
          opts.error('invalid-option-value', `Custom length '${length}' for variable-length type (VARCHAR/STRING/VARBINARY/BYTES) field '${name}' should be shorter than '${declared}' defined in the schema.`, opts.valueRange(key('length')));
        }
        field.length = length;
      }
      field.varLen = varLen ?? false;
    }
  } else if (TIMESTAMPS.has(type.root)) {
    const maxPast = opts.parse(fieldEntry('max-past'), key('max-past')) as number | undefined;
    if (maxPast !== undefined) field.maxPastMs = maxPast;
  }
  return field;
}
