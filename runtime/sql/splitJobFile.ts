// Splits a job file into the text of each statement, exactly as written, so another engine (a real
// Flink cluster) can run the same file statement by statement. Imports the lexer and splitter only.

import type { SourceRange } from '../diagnostics.js';
import { lex, T } from './flinkGrammar.js';
import { SourceMap } from './sourceMap.js';
import { splitStatements } from './splitStatements.js';

/** One statement of a job file. */
export interface JobFileStatement {
  /** The statement's text without its trailing `;` (comments inside kept). */
  readonly text: string;
  /** Where it is in the file. */
  readonly range: SourceRange;
  /** Its first keyword, upper case (`SET`, `CREATE`, `INSERT`, `EXECUTE`, `EXPLAIN`, `SELECT`, ...). */
  readonly keyword: string;
}

/**
 * The statements of a job file in order. Statements the splitter cannot delimit (an unclosed
 * string or comment) are left out; parseJobFile reports them as syntax errors.
 */
export function splitJobFile(text: string): JobFileStatement[] {
  const map = new SourceMap(text);
  const { tokens } = lex(text);
  const out: JobFileStatement[] = [];
  for (const chunk of splitStatements(tokens).chunks) {
    const visible = chunk.tokens.filter((t) => t.channel === 0);
    const first = visible[0];
    if (!first) continue;
    const last = visible[visible.length - 1]!;
    const endToken = last.type === T.SEMICOLON ? visible[visible.length - 2] : last;
    if (!endToken) continue;
    const start = map.utf16(first.start);
    const end = map.utf16(endToken.stop + 1);
    out.push({
      text: text.slice(start, end),
      range: { start: map.positionAt(start), end: map.positionAt(end) },
      keyword: (first.text ?? '').toUpperCase(),
    });
  }
  return out;
}
