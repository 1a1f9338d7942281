// Splits a job file's tokens into statement chunks at `;` (a statement set's BEGIN ... END stays one
// chunk) and finds problems the grammar hides: unclosed strings/comments, double-quoted text.
// Imports flinkGrammar only.

import { T, type Token } from './flinkGrammar.js';

/** The tokens of one statement (hidden tokens inside included), through its `;` if any. */
export interface StatementChunk {
  tokens: Token[];
  /** Code-point offset just after the chunk's last token. */
  end: number;
}

/** A problem found while splitting. */
export interface SplitProblem {
  kind: 'unclosedString' | 'unclosedComment' | 'doubleQuoted';
  token: Token;
}

/** The chunks in order, and the problems; a chunk with a problem is left out. */
export interface SplitResult {
  chunks: StatementChunk[];
  problems: SplitProblem[];
}

/** Splits all tokens of a file (every channel, EOF last) into statement chunks. */
export function splitStatements(tokens: readonly Token[]): SplitResult {
  const chunks: StatementChunk[] = [];
  const problems: SplitProblem[] = [];
  let current: Token[] = [];
  let hasVisible = false;
  let statementSet = false;
  let endSeen = false;
  let caseDepth = 0;
  let broken = false;

  const flush = (): void => {
    while (current.length > 0 && current[current.length - 1]!.channel !== 0) current.pop();
    if (hasVisible && !broken && current.length > 0) {
      chunks.push({ tokens: current, end: current[current.length - 1]!.stop + 1 });
    }
    current = [];
    hasVisible = false;
    statementSet = false;
    endSeen = false;
    caseDepth = 0;
    broken = false;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === T.EOF) break;
    if (t.channel !== 0) {
      if (hasVisible) current.push(t);
      continue;
    }
    if (t.type === T.SINGLE_QUOTE_SYMB || t.type === T.REVERSE_QUOTE_SYMB || t.type === T.DOUBLE_QUOTE_SYMB) {
      // An unterminated quote: Flink's lexer reads the rest of the file as the string.
      problems.push({ kind: 'unclosedString', token: t });
      broken = true;
      flush();
      return { chunks, problems };
    }
    if (t.type === T.SLASH_SIGN && tokens[i + 1]?.type === T.ASTERISK_SIGN && tokens[i + 1]!.start === t.stop + 1) {
      problems.push({ kind: 'unclosedComment', token: t });
      broken = true;
      flush();
      return { chunks, problems };
    }
    if (t.type === T.STRING_LITERAL && (t.text ?? '').startsWith('"')) {
      problems.push({ kind: 'doubleQuoted', token: t });
      broken = true;
    }
    if (endSeen && t.type !== T.SEMICOLON) flush();
    if (t.type === T.SEMICOLON && !hasVisible) continue; // an empty statement
    current.push(t);
    hasVisible = true;
    if (t.type === T.KW_STATEMENT && nextVisible(tokens, i)?.type === T.KW_SET) statementSet = true;
    if (statementSet) {
      if (t.type === T.KW_CASE) caseDepth++;
      else if (t.type === T.KW_END && caseDepth > 0) caseDepth--;
      else if (t.type === T.KW_END) endSeen = true;
      else if (t.type === T.SEMICOLON && endSeen) flush();
    } else if (t.type === T.SEMICOLON) {
      flush();
    }
  }
  flush();
  return { chunks, problems };
}

function nextVisible(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j]!.channel === 0) return tokens[j];
  return undefined;
}
