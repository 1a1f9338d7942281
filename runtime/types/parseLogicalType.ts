// Parses Flink SQL type text (as written in DDL and CAST) into a LogicalType, with Flink's
// defaults and range checks. Imports only types/.
import { STRING_LENGTH, type LogicalType, type TypeRoot } from './logicalType.js';

/** A type parse failure; `offset` is the 0-based character offset in the text where it applies. */
export interface TypeParseError {
  readonly error: string;
  readonly offset?: number;
}

interface Token {
  readonly text: string;
  readonly upper: string;
  readonly offset: number;
  readonly kind: 'word' | 'number' | 'symbol';
}

const UNSUPPORTED = new Set(['ARRAY', 'MAP', 'ROW', 'MULTISET', 'RAW', 'BYTES', 'BINARY', 'VARBINARY', 'STRUCTURED', 'VARIANT', 'DESCRIPTOR']);
const SIMPLE: Record<string, TypeRoot> = {
  BOOLEAN: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT: 'INTEGER',
  INTEGER: 'INTEGER',
  BIGINT: 'BIGINT',
  FLOAT: 'FLOAT',
  REAL: 'FLOAT',
  DATE: 'DATE',
};
const INTERVAL_UNITS = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'];
const KNOWN = 'INT, BIGINT, DOUBLE, DECIMAL(p, s), STRING, VARCHAR(n), BOOLEAN, DATE, TIMESTAMP(p), TIMESTAMP_LTZ(p)';

class ParseFailure {
  constructor(readonly error: string, readonly offset: number) {}
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_$]/.test(text[i]!)) i++;
      const w = text.slice(start, i);
      out.push({ text: w, upper: w.toUpperCase(), offset: start, kind: 'word' });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      out.push({ text: text.slice(start, i), upper: text.slice(start, i), offset: start, kind: 'number' });
    } else {
      out.push({ text: c, upper: c, offset: i, kind: 'symbol' });
      i++;
    }
  }
  return out;
}

class TypeParser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly end: number) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private at(word: string): boolean {
    return this.peek()?.upper === word;
  }
  private accept(word: string): boolean {
    if (!this.at(word)) return false;
    this.pos++;
    return true;
  }
  private expect(word: string, what: string): void {
    if (this.accept(word)) return;
    const t = this.peek();
    throw new ParseFailure(t ? `Expected ${what} but found '${t.text}'` : `Expected ${what} at the end of the type`, t?.offset ?? this.end);
  }

  /** `(n)` if present: the number and its offset. */
  private optionalArgs(max: number): { values: number[]; offset: number } | undefined {
    if (!this.at('(')) return undefined;
    const offset = this.peek()!.offset;
    this.pos++;
    const values: number[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'number') throw new ParseFailure(t ? `Expected a number but found '${t.text}'` : 'Expected a number', t?.offset ?? this.end);
      values.push(Number(t.text));
      this.pos++;
      if (this.accept(',')) continue;
      this.expect(')', "')'");
      break;
    }
    if (values.length > max) throw new ParseFailure(`Too many parameters: expected at most ${max}`, offset);
    return { values, offset };
  }

  parse(): LogicalType {
    const t = this.peek();
    if (!t) throw new ParseFailure('Expected a data type', 0);
    let type = this.base();
    // `INT ARRAY`, `INT MULTISET`: collection suffixes.
    const suffix = this.peek();
    if (suffix && (suffix.upper === 'ARRAY' || suffix.upper === 'MULTISET')) {
      throw new ParseFailure(`Type '${suffix.upper}' is not supported by Checkpoint Lab yet`, suffix.offset);
    }
    if (this.at('NOT')) {
      this.pos++;
      this.expect('NULL', 'NULL after NOT');
      type = { ...type, nullable: false };
    } else {
      this.accept('NULL');
    }
    const rest = this.peek();
    if (rest) throw new ParseFailure(`Unexpected '${rest.text}' after the data type`, rest.offset);
    return type;
  }

  private base(): LogicalType {
    const t = this.peek()!;
    if (t.kind !== 'word') throw new ParseFailure(`Expected a data type but found '${t.text}'`, t.offset);
    this.pos++;
    const name = t.upper;
    if (UNSUPPORTED.has(name)) throw new ParseFailure(`Type '${name}' is not supported by Checkpoint Lab yet`, t.offset);
    const simple = SIMPLE[name];
    if (simple) return { root: simple, nullable: true };
    switch (name) {
      case 'DOUBLE':
        this.accept('PRECISION');
        return { root: 'DOUBLE', nullable: true };
      case 'DECIMAL':
      case 'DEC':
      case 'NUMERIC': {
        const args = this.optionalArgs(2);
        const precision = args?.values[0] ?? 10;
        const scale = args?.values[1] ?? 0;
        if (precision < 1 || precision > 38) throw new ParseFailure('Decimal precision must be between 1 and 38 (both inclusive).', args!.offset);
        if (scale < 0 || scale > precision) {
          throw new ParseFailure(`Decimal scale must be between 0 and the precision ${precision} (both inclusive).`, args!.offset);
        }
        return { root: 'DECIMAL', nullable: true, precision, scale };
      }
      case 'CHAR':
      case 'CHARACTER': {
        if (this.accept('VARYING')) return this.varchar();
        const args = this.optionalArgs(1);
        const length = args?.values[0] ?? 1;
        if (length < 1 || length > STRING_LENGTH) throw new ParseFailure(`Character string length must be between 1 and ${STRING_LENGTH} (both inclusive).`, args!.offset);
        return { root: 'CHAR', nullable: true, length };
      }
      case 'VARCHAR':
        return this.varchar();
      case 'STRING':
        return { root: 'VARCHAR', nullable: true, length: STRING_LENGTH };
      case 'TIME': {
        const precision = this.precision(0, 'Time');
        if (this.accept('WITHOUT')) {
          this.expect('TIME', 'TIME ZONE');
          this.expect('ZONE', 'ZONE');
        }
        return { root: 'TIME_WITHOUT_TIME_ZONE', nullable: true, precision };
      }
      case 'TIMESTAMP': {
        const precision = this.precision(6, 'Timestamp');
        if (this.accept('WITHOUT')) {
          this.expect('TIME', 'TIME ZONE');
          this.expect('ZONE', 'ZONE');
        } else if (this.at('WITH')) {
          const withAt = this.peek()!.offset;
          this.pos++;
          if (this.accept('LOCAL')) {
            this.expect('TIME', 'TIME ZONE');
            this.expect('ZONE', 'ZONE');
            return { root: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE', nullable: true, precision };
          }
          throw new ParseFailure('TIMESTAMP WITH TIME ZONE is not supported by Flink SQL: use TIMESTAMP_LTZ (TIMESTAMP WITH LOCAL TIME ZONE)', withAt);
        }
        return { root: 'TIMESTAMP_WITHOUT_TIME_ZONE', nullable: true, precision };
      }
      case 'TIMESTAMP_LTZ':
        return { root: 'TIMESTAMP_WITH_LOCAL_TIME_ZONE', nullable: true, precision: this.precision(6, 'Timestamp with local time zone') };
      case 'INTERVAL':
        return this.interval();
      default:
        throw new ParseFailure(`Unknown data type '${t.text}'. Flink SQL types include ${KNOWN}`, t.offset);
    }
  }

  private varchar(): LogicalType {
    // In Flink SQL a VARCHAR without length is VARCHAR(2147483647), i.e. STRING.
    const args = this.optionalArgs(1);
    const length = args?.values[0] ?? STRING_LENGTH;
    if (length < 1 || length > STRING_LENGTH) {
      throw new ParseFailure(`Variable character string length must be between 1 and ${STRING_LENGTH} (both inclusive).`, args!.offset);
    }
    return { root: 'VARCHAR', nullable: true, length };
  }

  private precision(dflt: number, what: string): number {
    const args = this.optionalArgs(1);
    const p = args?.values[0] ?? dflt;
    if (p < 0 || p > 9) throw new ParseFailure(`${what} precision must be between 0 and 9 (both inclusive).`, args!.offset);
    return p;
  }

  private interval(): LogicalType {
    const from = this.peek();
    if (!from || !INTERVAL_UNITS.includes(from.upper)) {
      throw new ParseFailure('Expected an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND) after INTERVAL', from?.offset ?? this.end);
    }
    this.pos++;
    this.optionalArgs(2);
    let to = from;
    if (this.accept('TO')) {
      const t = this.peek();
      if (!t || INTERVAL_UNITS.indexOf(t.upper) <= INTERVAL_UNITS.indexOf(from.upper)) {
        throw new ParseFailure(`Invalid interval qualifier: INTERVAL ${from.upper} TO ${t?.text ?? ''}`.trimEnd(), t?.offset ?? this.end);
      }
      this.pos++;
      this.optionalArgs(1);
      to = t;
    }
    const yearMonth = from.upper === 'YEAR' || from.upper === 'MONTH';
    if (yearMonth !== (to.upper === 'YEAR' || to.upper === 'MONTH')) {
      throw new ParseFailure(`Invalid interval qualifier: INTERVAL ${from.upper} TO ${to.upper}`, to.offset);
    }
    return { root: yearMonth ? 'INTERVAL_YEAR_MONTH' : 'INTERVAL_DAY_TIME', nullable: true };
  }
}

/**
 * Parses a Flink SQL data type, case-insensitively: BOOLEAN, TINYINT, SMALLINT, INT/INTEGER,
 * BIGINT, FLOAT, DOUBLE [PRECISION], DECIMAL/DEC/NUMERIC[(p[, s])] (default (10, 0)), CHAR[(n)]
 * (default 1), VARCHAR[(n)] (default STRING), STRING, DATE, TIME[(p)] (default 0),
 * TIMESTAMP[(p)] [WITHOUT TIME ZONE] (default 6), TIMESTAMP_LTZ[(p)], TIMESTAMP[(p)] WITH LOCAL
 * TIME ZONE, INTERVAL types, each optionally followed by NOT NULL or NULL. Collection,
 * structured and binary types are reported as not supported yet.
 */
export function parseLogicalType(text: string): LogicalType | TypeParseError {
  try {
    return new TypeParser(tokenize(text), text.length).parse();
  } catch (e) {
    if (e instanceof ParseFailure) return { error: e.error, offset: e.offset };
    throw e;
  }
}
