// Works out what is being written at the cursor from the text of the statement before it: a SET
// key or value, a WITH option key or value, a table name, a column after `t.`, a column type, or
// an expression. Text-based, so it works in statements that do not parse yet. Imports statementChunks.
import { splitIntoChunks } from './statementChunks.js';

/** A lexical token of the statement before the cursor. */
interface Tok {
  kind: 'word' | 'string' | 'quoted' | 'punct' | 'number';
  text: string;
  /** Paren depth before the token. */
  depth: number;
}

/** What the cursor is in. */
export type CompletionContext =
  | { kind: 'none' }
  | { kind: 'statementStart'; prefix: string }
  | { kind: 'setKey'; prefix: string; inString: boolean }
  | { kind: 'setValue'; key: string; prefix: string; inString: boolean }
  | { kind: 'optionKey'; connector?: string; columns: string[]; prefix: string; inString: boolean }
  | { kind: 'optionValue'; connector?: string; key: string; prefix: string; inString: boolean }
  | { kind: 'tableName'; prefix: string }
  | { kind: 'qualifiedColumn'; qualifier: string; prefix: string }
  | { kind: 'columnType'; prefix: string }
  | { kind: 'expression'; prefix: string; tables: string[]; clauseKeywords: string[] };

/** The text of the statement around an offset: before the cursor, and the whole statement. */
export function statementAround(text: string, offset: number): { before: string; statement: string } {
  const { chunks } = splitIntoChunks(text);
  let found: (typeof chunks)[number] | undefined;
  for (const c of chunks) {
    if (c.offset > offset) break;
    found = c;
  }
  if (!found) return { before: '', statement: '' };
  const end = found.offset + found.text.length;
  // A cursor after a statement's `;` starts the next statement; after an unterminated one it continues it.
  if (offset >= end && found.text.endsWith(';')) return { before: '', statement: '' };
  const statement = text.slice(found.offset, Math.max(end, offset));
  return { before: text.slice(found.offset, offset), statement };
}

/** The completion context of `before` (the statement's text before the cursor). */
export function completionContext(before: string, statement: string): CompletionContext {
  const lexed = tokenize(before);
  if (lexed.inComment) return { kind: 'none' };
  const toks = lexed.tokens;
  const upper = (t: Tok | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');
  // The word (or string) being typed.
  let prefix = '';
  let inString = false;
  if (lexed.openString !== undefined) {
    prefix = lexed.openString;
    inString = true;
  } else if (/[A-Za-z0-9_$]$/.test(before) && toks.length > 0 && (toks[toks.length - 1]!.kind === 'word' || toks[toks.length - 1]!.kind === 'number')) {
    prefix = toks.pop()!.text;
  }
  const last = toks[toks.length - 1];
  const first = upper(toks[0]);
  if (toks.length === 0) return inString ? { kind: 'none' } : { kind: 'statementStart', prefix };

  if (first === 'SET' && !toks.some((t) => upper(t) === 'STATEMENT')) {
    const eq = toks.findIndex((t) => t.text === '=');
    if (eq < 0) return toks.length === 1 ? { kind: 'setKey', prefix, inString } : { kind: 'none' };
    const key = toks[1] ? unquote(toks[1].text) : '';
    return eq === toks.length - 1 ? { kind: 'setValue', key, prefix, inString } : { kind: 'none' };
  }

  // Inside CREATE TABLE ... WITH ( ... ).
  const withAt = toks.findIndex((t, i) => upper(t) === 'WITH' && toks[i + 1]?.text === '(' && t.depth === 0);
  if (first === 'CREATE' && withAt >= 0 && !toks.slice(withAt + 2).some((t) => t.text === ')' && t.depth === 0)) {
    const connector = /'connector'\s*=\s*'([^']*)'/.exec(statement)?.[1];
    if (last?.text === '=') {
      const keyTok = toks[toks.length - 2];
      return { kind: 'optionValue', connector, key: keyTok ? unquote(keyTok.text) : '', prefix, inString };
    }
    if (last?.text === ',' || last?.text === '(') return { kind: 'optionKey', connector, columns: columnNames(statement), prefix, inString };
    return { kind: 'none' };
  }
  if (inString) return { kind: 'none' };

  // Column definitions of CREATE TABLE: after `name` at depth 1 comes a type.
  if (first === 'CREATE' && toks.some((t) => upper(t) === 'TABLE') && last?.depth === 1 && toks[toks.length - 2] && (toks[toks.length - 2]!.text === '(' || toks[toks.length - 2]!.text === ',')) {
    if (last.kind === 'word' || last.kind === 'quoted') return { kind: 'columnType', prefix };
  }
  if (last?.text === '.' && toks[toks.length - 2]) {
    return { kind: 'qualifiedColumn', qualifier: unquote(toks[toks.length - 2]!.text), prefix };
  }
  const prev = upper(last);
  if (prev === 'FROM' || prev === 'JOIN' || prev === 'INTO' || (prev === 'TABLE' && upper(toks[toks.length - 2]) !== 'CREATE' && toks[toks.length - 2]?.text !== 'TEMPORARY')) {
    if (!(prev === 'TABLE' && upper(toks[0]) === 'CREATE')) return { kind: 'tableName', prefix };
  }
  if (first === 'CREATE' && !toks.some((t) => upper(t) === 'AS' && t.depth === 0)) return { kind: 'none' };
  return { kind: 'expression', prefix, tables: fromTables(statement), clauseKeywords: nextClauses(toks.map(upper)) };
}

/** The tables a statement reads (`FROM t`, `JOIN t`, `TABLE t`), for column completion. */
function fromTables(statement: string): string[] {
  const out: string[] = [];
  const re = /\b(?:FROM|JOIN|TABLE)\s+(`[^`]+`|[A-Za-z_][A-Za-z0-9_.]*)/gi;
  for (let m = re.exec(statement); m; m = re.exec(statement)) {
    const name = unquote(m[1]!);
    if (!['TUMBLE', 'HOP', 'CUMULATE'].includes(name.toUpperCase())) out.push(name);
  }
  return out;
}

/** Column names of a CREATE TABLE's column list (for datagen's `fields.<col>.*` options). */
function columnNames(statement: string): string[] {
  const open = statement.indexOf('(');
  if (open < 0) return [];
  const names: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < statement.length; i++) {
    const c = statement[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if ((c === ',' && depth === 1) || depth === 0) {
      const m = /^\s*(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)/.exec(statement.slice(start, i));
      if (m && !/^(WATERMARK|PRIMARY|CONSTRAINT)$/i.test(m[1]!)) names.push(unquote(m[1]!));
      start = i + 1;
      if (depth === 0) break;
    }
  }
  return names;
}

const CLAUSE_ORDER = ['SELECT', 'FROM', 'WHERE', 'GROUP BY', 'HAVING'];

/** The clause keywords that can follow the ones already written (at depth 0). */
function nextClauses(words: string[]): string[] {
  let lastIndex = -1;
  for (const w of words) {
    const i = CLAUSE_ORDER.findIndex((c) => c.split(' ')[0] === w);
    if (i > lastIndex) lastIndex = i;
  }
  const rest = CLAUSE_ORDER.slice(lastIndex + 1);
  return [...rest, 'AS', 'AND', 'OR', 'NOT', 'IS NULL', 'IS NOT NULL', 'IN', 'BETWEEN', 'LIKE', 'CASE WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'DISTINCT', 'INTERVAL'];
}

function unquote(s: string): string {
  if (s.startsWith("'")) return s.slice(1, s.endsWith("'") && s.length > 1 ? -1 : undefined).replace(/''/g, "'");
  if (s.startsWith('`')) return s.slice(1, s.endsWith('`') && s.length > 1 ? -1 : undefined).replace(/``/g, '`');
  return s;
}

/** Tokenizes SQL text; reports an unterminated string at the end (its content so far) or a comment. */
function tokenize(text: string): { tokens: Tok[]; openString?: string; inComment: boolean } {
  const tokens: Tok[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((c === '-' && text[i + 1] === '-') || c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return { tokens, inComment: true };
      i = nl + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const endAt = text.indexOf('*/', i + 2);
      if (endAt < 0) return { tokens, inComment: true };
      i = endAt + 2;
      continue;
    }
    if (c === "'" || c === '`') {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf(c, j);
        if (k < 0) {
          return c === "'" ? { tokens, openString: text.slice(i + 1).replace(/''/g, "'"), inComment: false } : { tokens, inComment: false };
        }
        if (text[k + 1] === c) {
          j = k + 2;
          continue;
        }
        tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: text.slice(i, k + 1), depth });
        i = k + 1;
        break;
      }
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i, i + 200));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], depth });
      i += word[0].length;
      continue;
    }
    const num = /^[0-9][0-9.]*/.exec(text.slice(i, i + 100));
    if (num) {
      tokens.push({ kind: 'number', text: num[0], depth });
      i += num[0].length;
      continue;
    }
    if (c === ')') depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'punct', text: c, depth });
    if (c === '(') depth++;
    i++;
  }
  return { tokens, inComment: false };
}
