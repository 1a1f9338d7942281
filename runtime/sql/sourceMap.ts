// Maps the parser's character offsets (Unicode code points) to 1-based line/column positions in
// UTF-16 code units, the unit editors use. Imports only runtime/diagnostics.ts types.

import type { SourcePosition, SourceRange } from '../diagnostics.js';

/** The part of a token this module reads: code-point offsets, `stop` inclusive. */
export interface TokenSpan {
  start: number;
  stop: number;
}

/** Positions of one source text. */
export class SourceMap {
  /** UTF-16 offset of each line's first character; line 1 is index 0. */
  private readonly lineStarts: number[] = [0];
  /** UTF-16 offset of each code point, or undefined when the text has no surrogate pairs. */
  private readonly utf16Offsets: Int32Array | undefined;

  constructor(readonly text: string) {
    // A line ends at \n, \r\n or a lone \r, as in editors (and in the lexer's view of the text).
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
    if (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
      const offsets: number[] = [];
      for (let i = 0; i < text.length; i++) {
        offsets.push(i);
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) i++;
        }
      }
      offsets.push(text.length);
      this.utf16Offsets = Int32Array.from(offsets);
    }
  }

  /** The UTF-16 offset of a code-point offset. */
  utf16(codePointOffset: number): number {
    if (!this.utf16Offsets) return codePointOffset;
    const i = Math.max(0, Math.min(codePointOffset, this.utf16Offsets.length - 1));
    return this.utf16Offsets[i]!;
  }

  /** The position of a UTF-16 offset. */
  positionAt(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** The range from the start of `first` to the end of `last` (tokens, code-point offsets). */
  spanRange(first: TokenSpan, last: TokenSpan): SourceRange {
    const start = this.utf16(first.start);
    const end = Math.max(start, this.utf16(last.stop + 1));
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The range of one token. */
  tokenRange(token: TokenSpan): SourceRange {
    return this.spanRange(token, token);
  }

  /** The source text between two tokens, both included. */
  spanText(first: TokenSpan, last: TokenSpan): string {
    return this.text.slice(this.utf16(first.start), this.utf16(last.stop + 1));
  }
}

/** The range covering both ranges. */
export function joinRanges(a: SourceRange, b: SourceRange): SourceRange {
  return { start: a.start, end: b.end };
}
