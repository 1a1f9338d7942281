// Entry point of the SQL front end: a job file's text → typed statements + diagnostics. Each
// statement is parsed on its own, so one broken statement never hides the others.

import type { SourceRange } from '../diagnostics.js';
import type { ParsedJobFile, Statement } from './ast.js';
import { BuildContext } from './buildContext.js';
import { buildStatement } from './buildStatement.js';
import { lex, parseRule, T } from './flinkGrammar.js';
import { checkNestingLimits } from './nestingLimits.js';
import { SourceMap } from './sourceMap.js';
import { splitStatements, type StatementChunk } from './splitStatements.js';
import { reportSyntaxError } from './syntaxErrors.js';
import { patchTokens } from './tokenPatches.js';

export type { ParsedJobFile } from './ast.js';

/**
 * Parses a Flink SQL job file. Never throws on bad input: syntax errors, unsupported constructs
 * and warnings come back as diagnostics (with `file` set when given), in file order. Statements
 * that have errors are left out of `statements`. The first call in a process takes ~0.4 s
 * longer while the grammar warms up.
 */
export function parseJobFile(text: string, file?: string): ParsedJobFile {
  const map = new SourceMap(text);
  const { tokens, errors: lexErrors } = lex(text);
  const patches = patchTokens(tokens);
  const b = new BuildContext(map, patches, file);
  const statements: Statement[] = [];

  const split = splitStatements(tokens);
  // The first bad character of each statement is reported (a binary file has one on every line).
  const badOffsets = lexErrors.map((e) => e.lexerOffset ?? 0);
  let reportedIn: StatementChunk | null | undefined;
  for (const offset of badOffsets) {
    const chunk = chunkAt(split.chunks, offset);
    if (chunk === reportedIn) continue;
    reportedIn = chunk;
    const start = map.positionAt(map.utf16(offset));
    const end = map.positionAt(map.utf16(offset + 1));
    const code = text.codePointAt(map.utf16(offset));
    const ch = code === undefined ? '' : String.fromCodePoint(code);
    b.syntax(`Unexpected character '${ch}'`, { start, end });
  }

  for (const p of split.problems) {
    if (p.kind === 'unclosedString') {
      const what = p.token.type === T.REVERSE_QUOTE_SYMB ? 'Unclosed quoted identifier' : 'Unclosed string literal';
      b.syntax(`${what} starting here`, p.token);
    } else if (p.kind === 'unclosedComment') {
      b.syntax('Unclosed comment starting here', b.rangeBetween(p.token, tokens[p.token.tokenIndex + 1]!));
    } else {
      b.syntax(`Double quotes are not valid in Flink SQL: write 'text' for a string or \`name\` for a name`, p.token);
    }
  }

  for (const chunk of split.chunks) {
    if (chunkHasOffset(chunk, badOffsets)) continue;
    statements.push(...parseChunk(b, chunk));
  }

  b.diagnostics.sort((x, y) => compareRanges(x.range, y.range));
  return { statements, diagnostics: b.diagnostics };
}

function parseChunk(b: BuildContext, chunk: StatementChunk): Statement[] {
  // Too deep for the grammar to parse quickly (and for every tree walk): stop before parsing.
  const tooDeep = checkNestingLimits(chunk.tokens);
  if (tooDeep) {
    b.syntax(tooDeep.message, tooDeep.token);
    return [];
  }
  const parsed = parseRule(chunk.tokens, chunk.end, (p) => p.program());
  if (parsed.errors.length > 0) {
    reportSyntaxError(b, parsed.errors[0]!, parsed.tokens);
    return [];
  }
  b.tokens = parsed.tokens;
  const out: Statement[] = [];
  const singles = parsed.tree.singleStatement().filter((s) => s.sqlStatement() !== null);
  singles.forEach((single, i) => {
    if (i > 0 && !singles[i - 1]!.SEMICOLON()) {
      const first = single.start!;
      b.syntax(`Missing ';' before ${(first.text ?? '').toUpperCase()}: end each statement with a semicolon`, first);
    }
    const before = b.errorCount();
    const statement = buildStatement(b, single.sqlStatement()!);
    b.tokens = parsed.tokens;
    if (statement && b.errorCount() === before) out.push(statement);
  });
  return out;
}

/** The chunk that contains a code-point offset (null between chunks); chunks are in file order. */
function chunkAt(chunks: readonly StatementChunk[], offset: number): StatementChunk | null {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    if (offset < c.tokens[0]!.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return null;
}

/** Whether any of the sorted offsets lies in the chunk. */
function chunkHasOffset(chunk: StatementChunk, sorted: readonly number[]): boolean {
  const start = chunk.tokens[0]!.start;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < chunk.end;
}

function compareRanges(a: SourceRange | undefined, b: SourceRange | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return a.start.line - b.start.line || a.start.column - b.start.column;
}
