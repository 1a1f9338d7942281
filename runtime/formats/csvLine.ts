// Splits one csv line into fields and joins fields into a line, as Jackson's CSV parser and
// generator do with Flink's settings (RFC 4180 quoting, optional escape character, minimal
// quoting on write). Imports nothing.

/** One field of a parsed line. */
export interface CsvField {
  /** The field's text with quotes and escapes removed. */
  readonly text: string;
  /** Whether the field was quoted. */
  readonly quoted: boolean;
  /** 1-based character column where the field starts. */
  readonly column: number;
}

/** The separators of a csv dialect. */
export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string | undefined;
  readonly escape: string | undefined;
}

/** Splits a line into fields; an unterminated quoted field is an error. */
export function splitCsvLine(line: string, d: CsvDialect): { fields: CsvField[] } | { error: string; column: number } {
  const fields: CsvField[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    const start = i;
    let text = '';
    let quoted = false;
    if (d.quote !== undefined && line[i] === d.quote) {
      quoted = true;
      i++;
      let closed = false;
      while (i < n) {
        const c = line[i]!;
        if (d.escape !== undefined && c === d.escape && c !== d.quote && i + 1 < n) {
          text += line[i + 1];
          i += 2;
        } else if (c === d.quote) {
          if (line[i + 1] === d.quote) {
            text += c;
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          text += c;
          i++;
        }
      }
      if (!closed) return { error: 'Missing closing quote for value', column: start + 1 };
      // Jackson keeps characters between the closing quote and the next separator.
      while (i < n && line[i] !== d.delimiter) text += line[i++];
    } else {
      while (i < n && line[i] !== d.delimiter) {
        const c = line[i]!;
        if (d.escape !== undefined && c === d.escape && i + 1 < n) {
          text += line[i + 1];
          i += 2;
        } else {
          text += c;
          i++;
        }
      }
    }
    fields.push({ text, quoted, column: start + 1 });
    if (i >= n) break;
    i++; // the delimiter
  }
  return { fields };
}

/**
 * Whether Jackson's CsvEncoder quotes a string value (its default "loose" check): when it is
 * non-empty and contains a character below the "minimum safe" character — one past the largest
 * of the delimiter, the quote character and the line feed — e.g. a space, `#` or `,` with the
 * default dialect, or the escape character.
 */
export function needsQuotes(value: string, d: CsvDialect): boolean {
  if (d.quote === undefined || value.length === 0) return false;
  const minSafe = Math.max(d.delimiter.charCodeAt(0), d.quote.charCodeAt(0), 10) + 1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < minSafe || value[i] === d.delimiter || value[i] === d.escape) return true;
  }
  return false;
}

/** Writes a string value, quoted (with doubled quote characters) when needed. */
export function quoteCsvValue(value: string, d: CsvDialect): string {
  if (!needsQuotes(value, d)) return value;
  const q = d.quote!;
  return q + value.split(q).join(q + q) + q;
}
