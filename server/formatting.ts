// A safe formatter: upper-cases SQL keywords (never a word that names a table, column or alias),
// indents by parenthesis depth and statement-set nesting, trims trailing blanks. The result is
// re-parsed and must give the same statements, or nothing is changed. Imports LSP types and the runtime.
import type { TextEdit } from 'vscode-languageserver';
import { lookupFunction, type ParsedJobFile, type Statement } from '../runtime/index.js';
import { AGGREGATE_AND_WINDOW_DOCS } from './catalogDocs.js';

const KEYWORDS = new Set(
  (
    'SELECT FROM WHERE GROUP BY HAVING ORDER LIMIT INSERT INTO OVERWRITE VALUES CREATE TABLE VIEW TEMPORARY IF NOT EXISTS AS WITH SET ' +
    'AND OR IS NULL TRUE FALSE IN BETWEEN SYMMETRIC ASYMMETRIC LIKE ESCAPE CASE WHEN THEN ELSE END CAST TRY_CAST EXTRACT DISTINCT ALL UNION JOIN LEFT RIGHT FULL INNER ' +
    'OUTER ON CROSS PRIMARY KEY CONSTRAINT ENFORCED WATERMARK FOR INTERVAL TO EXECUTE STATEMENT BEGIN EXPLAIN PLAN DESCRIPTOR COMMENT ' +
    'BOOLEAN TINYINT SMALLINT INT INTEGER BIGINT FLOAT DOUBLE DECIMAL VARCHAR CHAR STRING DATE TIME TIMESTAMP TIMESTAMP_LTZ LOCAL ZONE ' +
    'YEAR MONTH DAY HOUR MINUTE SECOND YEARS MONTHS DAYS HOURS MINUTES SECONDS PRECISION'
  ).split(' '),
);

/** Clause keywords that start a line at their statement's indentation. */
const CLAUSE_STARTS = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'INSERT', 'CREATE', 'SET', 'EXECUTE', 'BEGIN', 'END', 'EXPLAIN', 'UNION', 'ORDER', 'LIMIT']);

const INDENT = '  ';

/**
 * The edits that format a job file, one per changed line; none when formatting could change its
 * meaning. `original` is the file's parse; `parse` re-parses the formatted text (undefined: no
 * answer in time, nothing is changed). Lines in `frozenLines` (0-based: statements with errors,
 * whose names are unknown) are kept.
 */
export async function formatJobFile(
  text: string,
  original: Pick<ParsedJobFile, 'statements' | 'diagnostics'>,
  frozenLines: ReadonlySet<number>,
  parse: (text: string) => Promise<ParsedJobFile | undefined>,
): Promise<TextEdit[]> {
  const formatted = formatText(text, identifierNames(original.statements, text), frozenLines);
  if (formatted === text) return [];
  const again = await parse(formatted);
  if (!again) return []; // the check did not finish in time: change nothing
  if (fingerprint(again.statements) !== fingerprint(original.statements) || again.diagnostics.length !== original.diagnostics.length) return [];
  const before = text.split('\n');
  const after = formatted.split('\n');
  if (before.length !== after.length) return [];
  const edits: TextEdit[] = [];
  before.forEach((line, i) => {
    const cr = line.endsWith('\r') ? 1 : 0;
    if (line !== after[i]) edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: line.length - cr } }, newText: after[i]!.slice(0, after[i]!.length - cr) });
  });
  return edits;
}

/** Every name the statements write unquoted for tables, columns and aliases (lower-cased). */
function identifierNames(statements: readonly Statement[], text: string): Set<string> {
  const lines = text.split('\n');
  const quotedAt = (p: { line: number; column: number }): boolean => lines[p.line - 1]?.[p.column - 1] === '`';
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string' && typeof o.quoted === 'boolean') {
      if (!o.quoted) out.add(o.name.toLowerCase()); // an Identifier
    } else if (typeof o.name === 'string' && isRange(o.nameRange)) {
      if (!quotedAt(o.nameRange.start)) out.add(o.name.toLowerCase()); // a column definition
    }
    if (typeof o.column === 'string' && isRange(o.columnRange) && !quotedAt(o.columnRange.start)) out.add(o.column.toLowerCase());
    for (const x of Object.values(o)) visit(x);
  };
  visit(statements);
  return out;
}

function isRange(v: unknown): v is { start: { line: number; column: number } } {
  return typeof v === 'object' && v !== null && 'start' in v;
}

/** The statements without positions, with type and function spellings normalised. */
function fingerprint(statements: readonly Statement[]): string {
  return JSON.stringify(statements, (k, v: unknown) => {
    if (k === 'range' || k.endsWith('Range')) return undefined;
    if ((k === 'typeText' || k === 'nameText') && typeof v === 'string') return v.toUpperCase().replace(/\s+/g, ' ');
    return v;
  });
}

function isFunctionName(upper: string): boolean {
  return lookupFunction(upper) !== undefined || AGGREGATE_AND_WINDOW_DOCS.some((a) => a.name === upper);
}

/** Formats the text line by line; lines that start inside a string or comment are left alone. */
function formatText(text: string, identifiers: Set<string>, frozenLines: ReadonlySet<number>): string {
  const lines = text.split('\n');
  let depth = 0;
  let setDepth = 0; // statement-set nesting (BEGIN ... END)
  let caseDepth = 0;
  let open: 'none' | "'" | '`' | '/*' = 'none';
  const out: string[] = [];
  for (const [lineIndex, raw] of lines.entries()) {
    const cr = raw.endsWith('\r') ? '\r' : '';
    const line = cr ? raw.slice(0, -1) : raw;
    const startsInside = open !== 'none';
    let body = '';
    let i = 0;
    let firstWord: string | undefined;
    let firstChar: string | undefined;
    const depthAtStart = depth;
    const setDepthAtStart = setDepth;
    while (i < line.length) {
      const c = line[i]!;
      if (open !== 'none') {
        const close = open === '/*' ? line.indexOf('*/', i) : line.indexOf(open, i);
        if (close < 0) {
          body += line.slice(i);
          i = line.length;
          break;
        }
        const endAt = close + (open === '/*' ? 2 : 1);
        if (open !== '/*' && line[endAt] === open) {
          body += line.slice(i, endAt + 1);
          i = endAt + 1;
          continue;
        }
        body += line.slice(i, endAt);
        i = endAt;
        open = 'none';
        continue;
      }
      if ((c === '-' && line[i + 1] === '-') || c === '#') {
        body += line.slice(i);
        break;
      }
      if (c === '/' && line[i + 1] === '*') {
        open = '/*';
        body += '/*';
        i += 2;
        continue;
      }
      if (c === "'" || c === '`') {
        firstChar ??= c;
        open = c;
        body += c;
        i++;
        continue;
      }
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(line.slice(i));
      if (word) {
        const w = word[0];
        const upper = w.toUpperCase();
        const prevChar = line[i - 1];
        const nextNonSpace = line.slice(i + w.length).trimStart()[0];
        const afterDot = prevChar === '.';
        const keyword = !afterDot && !identifiers.has(w.toLowerCase()) && (KEYWORDS.has(upper) || (nextNonSpace === '(' && isFunctionName(upper)));
        body += keyword ? upper : w;
        if (!firstChar) {
          firstChar = w[0];
          firstWord = upper;
        }
        if (upper === 'CASE') caseDepth++;
        else if (upper === 'END' && caseDepth > 0) caseDepth--;
        else if (upper === 'END' && setDepth > 0) setDepth--;
        else if (upper === 'BEGIN') setDepth++;
        i += w.length;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      if (c !== ' ' && c !== '\t') firstChar ??= c;
      body += c;
      i++;
    }
    if (startsInside || frozenLines.has(lineIndex)) {
      if (frozenLines.has(lineIndex)) {
        out.push(raw);
        continue;
      }
      out.push(body + cr); // inside a string or comment: keep as is
      continue;
    }
    const content = open === "'" || open === '`' ? body.trimStart() : body.trim();
    if (content.length === 0) {
      out.push(open === "'" || open === '`' ? line + cr : cr);
      continue;
    }
    let level = depthAtStart + setDepthAtStart;
    if (firstChar === ')') level = Math.max(0, level - 1);
    if (firstWord === 'END' && setDepthAtStart > setDepth) level = Math.max(0, level - 1);
    const reindent = depthAtStart > 0 || firstChar === ')' || (firstWord !== undefined && CLAUSE_STARTS.has(firstWord));
    const indent = reindent ? INDENT.repeat(level) : /^\s*/.exec(line)![0];
    out.push(indent + content + cr);
  }
  return out.join('\n');
}
