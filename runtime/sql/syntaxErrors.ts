// Rewrites the parser's raw syntax errors into messages a Flink user understands, pointing at the
// real mistake (missing comma, ')', ';', unknown INTERVAL unit, reserved word...). No AST building.

import type { BuildContext } from './buildContext.js';
import { canBeIdentifier, isKeyword, isReservedKeyword, T, tokenTypeDisplay, type RawSyntaxError, type Token } from './flinkGrammar.js';
import { INTERVAL_UNITS } from './buildInterval.js';
import { closestKeyword } from './suggest.js';

const ENFORCED_MESSAGE =
  "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the " +
  'constraint checks are performed on the incoming/outgoing data. Flink does not own the data therefore the ' +
  'only supported mode is the NOT ENFORCED mode';

/** The message Flink gives for a PRIMARY KEY without NOT ENFORCED. */
export const PRIMARY_KEY_ENFORCED_MESSAGE = ENFORCED_MESSAGE;

/** Keywords that begin a clause or statement: never suggested as names to quote. */
const CLAUSE_KEYWORDS = new Set<number>([
  T.KW_FROM, T.KW_WHERE, T.KW_GROUP, T.KW_HAVING, T.KW_ORDER, T.KW_LIMIT, T.KW_UNION, T.KW_WITH, T.KW_SELECT,
  T.KW_INSERT, T.KW_VALUES, T.KW_ON, T.KW_AS, T.KW_JOIN, T.KW_SET, T.KW_INTO, T.KW_CREATE, T.KW_END, T.KW_WINDOW,
]);

/** Tokens after which a name is expected: a reserved word there needs backquotes. */
const NAME_INTRODUCERS = new Set<number>([
  T.KW_TABLE, T.KW_VIEW, T.KW_INTO, T.KW_EXISTS, T.KW_AS, T.DOT, T.COMMA, T.LR_BRACKET, T.KW_FROM, T.KW_JOIN,
  T.KW_BY, T.KW_SELECT, T.KW_DISTINCT, T.KW_FOR,
]);

/** The statement keywords, for suggestions at a statement's first word. */
const STATEMENT_WORDS = ['CREATE', 'INSERT', 'SET', 'SELECT', 'EXECUTE', 'EXPLAIN', 'BEGIN', 'RESET'];

/** The column type names, for suggestions at a column's type. */
const TYPE_WORDS = [
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'NUMERIC', 'CHAR',
  'VARCHAR', 'STRING', 'BINARY', 'VARBINARY', 'BYTES', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_LTZ', 'ARRAY', 'MAP',
  'MULTISET', 'ROW',
];

/** Keywords that start a statement (a missing `;` shows up as one of these). */
const STATEMENT_START = new Set<number>([
  T.KW_CREATE, T.KW_INSERT, T.KW_SET, T.KW_EXECUTE, T.KW_EXPLAIN, T.KW_BEGIN, T.KW_RESET, T.KW_SELECT,
]);

/** Records one diagnostic for the first syntax error of a statement. `tokens` is the parsed token list. */
export function reportSyntaxError(b: BuildContext, err: RawSyntaxError, tokens: readonly Token[]): void {
  const visible = tokens.filter((t) => t.channel === 0);
  const tok = err.offending ?? visible[visible.length - 1]!;
  const idx = visible.findIndex((t) => t.tokenIndex === tok.tokenIndex);
  const prev = idx > 0 ? visible[idx - 1] : undefined;
  const prev2 = idx > 1 ? visible[idx - 2] : undefined;
  const next = visible[idx + 1];
  const atEnd = tok.type === T.EOF || (tok.type === T.SEMICOLON && idx === visible.length - 2);
  const where = atEnd && prev ? prev : tok;
  const shown = `'${tok.text ?? ''}'`;

  // PRIMARY KEY (...) without NOT ENFORCED.
  if (err.ruleName === 'tableConstraint' && err.expected.includes(T.KW_NOT)) {
    const primary = [...visible.slice(0, idx)].reverse().find((t) => t.type === T.KW_PRIMARY);
    b.report('error', 'syntax', ENFORCED_MESSAGE, primary && prev ? b.rangeBetween(primary, prev) : b.range(where));
    return;
  }

  // INTERVAL '1' <unit>.
  const afterIntervalValue = prev && prev2 && prev2.type === T.KW_INTERVAL && (prev.type === T.STRING_LITERAL || prev.type === T.DIG_LITERAL);
  const atIntervalValue = prev?.type === T.KW_INTERVAL && tok.type === T.STRING_LITERAL;
  if (afterIntervalValue || atIntervalValue) {
    const unitToken = atIntervalValue ? next : tok;
    const valueToken = atIntervalValue ? tok : prev!;
    const units = INTERVAL_UNITS.join(', ');
    if (unitToken && (unitToken.type === T.ID_LITERAL || canBeIdentifier(unitToken.type))) {
      b.syntax(`Unknown interval unit '${unitToken.text}'; expected one of ${units}`, unitToken);
    } else {
      b.syntax(`Missing interval unit after INTERVAL ${valueToken.text}; expected one of ${units}`, valueToken);
    }
    return;
  }

  // Parentheses.
  const parens = unbalancedParens(visible);
  if (parens.unmatchedClose && parens.unmatchedClose.tokenIndex <= tok.tokenIndex) {
    b.syntax(`Unmatched ')'`, parens.unmatchedClose);
    return;
  }
  if (parens.unclosedOpen) {
    const r = b.range(parens.unclosedOpen);
    b.syntax(`Missing ')' to close the '(' at line ${r.start.line}, column ${r.start.column}`, where);
    return;
  }

  if (visible[0]?.type === T.KW_SET && visible.filter((t) => t.type === T.KW_SET).length === 1 && !atEnd) {
    b.syntax(`Invalid SET statement at ${shown}; write SET 'key' = 'value' with the key and the value quoted`, tok);
    return;
  }

  const over = visible.slice(0, idx + 1).find((t) => t.type === T.KW_OVER);
  if (over) {
    b.unsupported('OVER windows', over);
    return;
  }

  // A missing ';' shows up as the next statement's first keyword at the start of a line.
  if (STATEMENT_START.has(tok.type) && prev && prev.type !== T.SEMICOLON && prev.line < tok.line && !isInsideStatementSet(visible, idx)) {
    b.syntax(`Missing ';' before ${tok.text?.toUpperCase()}: end each statement with a semicolon`, tok);
    return;
  }

  // A trailing comma.
  if (prev?.type === T.COMMA && (tok.type === T.RR_BRACKET || CLAUSE_KEYWORDS.has(tok.type) || atEnd)) {
    b.syntax(`Unexpected ',' before ${atEnd ? 'the end of the statement' : shown}`, prev);
    return;
  }

  // A reserved word where a name belongs.
  if (isReservedKeyword(tok.type) && !CLAUSE_KEYWORDS.has(tok.type) && prev && NAME_INTRODUCERS.has(prev.type)) {
    b.syntax(`'${tok.text}' is a reserved keyword; quote it as \`${tok.text}\``, tok);
    return;
  }

  // A missing comma between list elements.
  if (!atEnd && err.expected.includes(T.COMMA) && prev?.type !== T.COMMA && (canBeIdentifier(tok.type) || tok.type === T.STRING_LITERAL)) {
    const between = err.ruleName === 'simpleCreateTable' ? ' (between column definitions)' : err.ruleName === 'tablePropertyList' ? ' (between options)' : '';
    b.syntax(`Missing ',' before ${shown}${between}`, tok);
    return;
  }

  const expected = summarizeExpected(err.expected);
  if (atEnd) {
    b.syntax(`Incomplete statement after '${where.text}'${expected ? `; expected ${expected}` : ''}`, where);
    return;
  }
  const guess = suggestion(tok, idx, prev, prev2, err);
  b.syntax(`Unexpected ${shown}${guess ? `; did you mean ${guess}?` : expected ? `; expected ${expected}` : ''}`, tok);
}

/** `CREATE` for a misspelt statement keyword, type name or expected keyword; '' when nothing is close. */
function suggestion(tok: Token, idx: number, prev: Token | undefined, prev2: Token | undefined, err: RawSyntaxError): string {
  if (tok.type !== T.ID_LITERAL) return '';
  const candidates = err.expected.filter(isKeyword).map(tokenTypeDisplay);
  if (idx === 0) candidates.push(...STATEMENT_WORDS);
  const columnType = err.ruleName === 'columnType' || (prev && canBeIdentifier(prev.type) && (prev2?.type === T.COMMA || prev2?.type === T.LR_BRACKET));
  if (columnType) candidates.push(...TYPE_WORDS);
  return closestKeyword(tok.text ?? '', candidates) ?? '';
}

function isInsideStatementSet(visible: readonly Token[], idx: number): boolean {
  return visible.slice(0, idx).some((t) => t.type === T.KW_STATEMENT);
}

function unbalancedParens(visible: readonly Token[]): { unmatchedClose?: Token; unclosedOpen?: Token } {
  const open: Token[] = [];
  for (const t of visible) {
    if (t.type === T.LR_BRACKET) open.push(t);
    else if (t.type === T.RR_BRACKET) {
      if (open.length === 0) return { unmatchedClose: t };
      open.pop();
    }
  }
  return open.length > 0 ? { unclosedOpen: open[open.length - 1]! } : {};
}

/** `')' or ','` for a short expected set; empty for a long one (never antlr's huge sets). */
function summarizeExpected(expected: readonly number[]): string {
  const names = [...new Set(expected.map(tokenTypeDisplay))];
  if (names.length === 0 || names.length > 4) return '';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
