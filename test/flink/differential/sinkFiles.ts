// Reads what a filesystem sink committed (the visible part files under its path; in-progress files
// are hidden dot-files) and parses each line by the table's format into one canonical text, so two
// engines' files compare row by row. Node fs and the runtime's csv/json readers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { splitCsvLine } from '../../../runtime/formats/csvLine.js';
import { canonicalJson, parseJsonPreserving } from './jsonText.js';

/** A filesystem sink's format and the format options that matter for reading it back. */
export interface SinkFormat {
  readonly format: 'csv' | 'json';
  /** `csv.field-delimiter` (default `,`). */
  readonly fieldDelimiter?: string;
  /** `csv.quote-character` (default `"`). */
  readonly quoteCharacter?: string;
}

/** The committed rows of a sink, each in canonical text, sorted; and the files they came from. */
export interface CommittedRows {
  readonly rows: string[];
  readonly files: string[];
}

/** Whether a file or folder name is hidden from readers, as Flink's file source treats it. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_');
}

function listVisibleFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    if (isHiddenName(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listVisibleFiles(p));
    else out.push(p);
  }
  return out;
}

/** Reads every committed part file under `dir` (recursively) and parses its lines. */
export function readCommittedRows(dir: string, format: SinkFormat): CommittedRows {
  const files = listVisibleFiles(dir);
  const rows: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      rows.push(canonicalLine(line, format));
    }
  }
  return { rows: rows.sort(), files: files.map((f) => relative(dir, f)) };
}

/** One line of a csv or json file as canonical text (csv: the unquoted fields as a JSON array). */
export function canonicalLine(line: string, format: SinkFormat): string {
  if (format.format === 'json') {
    try {
      return canonicalJson(parseJsonPreserving(line));
    } catch (e) {
      return `(not JSON: ${(e as Error).message}) ${line}`;
    }
  }
  const fields = splitCsvFields(line.replace(/\r$/, ''), format.fieldDelimiter ?? ',', format.quoteCharacter ?? '"');
  return fields === undefined ? `(bad CSV) ${line}` : JSON.stringify(fields);
}

/** One CSV line's fields (quotes removed) as the runtime's csv reader splits them; undefined if malformed. */
export function splitCsvFields(line: string, delimiter: string, quote: string): string[] | undefined {
  const r = splitCsvLine(line, { delimiter, quote, escape: undefined });
  return 'error' in r ? undefined : r.fields.map((f) => f.text);
}
