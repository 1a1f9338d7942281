// Bounded work per document: a file that is not text (NUL or many control characters, as a binary
// file decoded by the editor) or is larger than the analysis caps gets one diagnostic and no
// analysis. Imports runtime diagnostic types and the statement splitter.
import type { Diagnostic } from '../runtime/index.js';
import type { ChunkSplit } from './statementChunks.js';

/** Documents longer than this (in UTF-16 code units, ~128 KB) are not analysed: planning one this size on the server thread takes a few hundred ms. */
export const MAX_ANALYSED_LENGTH = 128 * 1024;

/** Documents with more statements than this are not analysed (the statement cache holds 4,000). */
export const MAX_ANALYSED_STATEMENTS = 2000;

/** More than this share of control or U+FFFD characters makes a document binary. */
const BINARY_SHARE = 0.01;

/** Why a document is not analysed, as its one diagnostic, or undefined when it is analysed. `split` is the text's statements. */
export function analysisLimit(text: string, split: () => ChunkSplit): Diagnostic | undefined {
  if (text.length > MAX_ANALYSED_LENGTH) {
    return {
      severity: 'warning',
      code: 'file-too-large',
      message: `This file is ${Math.round(text.length / 1024)} KB: the editor analyses job files up to ${MAX_ANALYSED_LENGTH / 1024} KB (checkpoint-lab run and explain have no such limit)`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
  }
  let odd = 0;
  let first = -1;
  let nul = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) {
      odd++;
      if (first < 0) first = i;
      if (c === 0) nul = true;
    }
  }
  if (!nul && odd <= text.length * BINARY_SHARE) {
    const statements = split().chunks.length;
    if (statements <= MAX_ANALYSED_STATEMENTS) return undefined;
    return {
      severity: 'warning',
      code: 'too-many-statements',
      message: `This file has ${statements} statements: the editor analyses job files of up to ${MAX_ANALYSED_STATEMENTS} (checkpoint-lab run and explain have no such limit)`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    };
  }
  const start = positionOf(text, first);
  return {
    severity: 'error',
    code: 'not-text',
    message: `This file is not text (${nul ? 'it contains NUL characters' : `${odd} of its ${text.length} characters are control characters or undecodable bytes`}, the first at line ${start.line}, column ${start.column}): it is not analysed`,
    range: { start, end: { line: start.line, column: start.column + 1 } },
  };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
