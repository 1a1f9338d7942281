// The text of a scenario file as given to the YAML parser, with positions mapped back to the file.
// Flink sink names contain ': ' (`Sink: counts`), which plain YAML cannot hold, so an unquoted
// `target: Sink: counts[0]` line is quoted before parsing. Imports only diagnostics types.
import type { SourcePosition, SourceRange } from '../diagnostics.js';

/** A scenario text prepared for the YAML parser. */
export interface ScenarioSource {
  /** The file's text as given. */
  readonly original: string;
  /** The text to parse. */
  readonly text: string;
  /** The original file's 1-based position of an offset into `text`. */
  position(offset: number): SourcePosition;
  /** The original file's range of `[start, end)` offsets into `text`. */
  range(start: number, end: number): SourceRange;
}

const TARGET_LINE = /^(\s*(?:-\s+)?target:[ \t]+)(.*)$/;
const NO_QUOTING_NEEDED = new Set([`'`, '"', '{', '[', '|', '>', '&', '*', '!', '%', '@', '`']);

/** Prepares `original` for parsing: quotes plain `target:` values that contain `: `. */
export function prepareScenarioSource(original: string): ScenarioSource {
  let text = '';
  const toOriginal: number[] = [];
  const copy = (from: number, to: number): void => {
    text += original.slice(from, to);
    for (let i = from; i < to; i++) toOriginal.push(i);
  };
  const insert = (s: string, at: number): void => {
    text += s;
    for (let i = 0; i < s.length; i++) toOriginal.push(at);
  };

  let lineStart = 0;
  while (lineStart <= original.length) {
    const nl = original.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? original.length : nl;
    const contentEnd = lineEnd > lineStart && original[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = original.slice(lineStart, contentEnd);
    const m = TARGET_LINE.exec(line);
    let handled = false;
    if (m) {
      const rest = m[2]!;
      const comment = rest.search(/\s#/);
      const value = (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
      if (value.length > 0 && !NO_QUOTING_NEEDED.has(value[0]!) && (value.includes(': ') || value.endsWith(':'))) {
        const valueStart = lineStart + m[1]!.length;
        const valueEnd = valueStart + value.length;
        copy(lineStart, valueStart);
        insert(`'`, valueStart);
        for (let i = valueStart; i < valueEnd; i++) {
          if (original[i] === `'`) insert(`'`, i);
          copy(i, i + 1);
        }
        insert(`'`, valueEnd);
        copy(valueEnd, lineEnd);
        handled = true;
      }
    }
    if (!handled) copy(lineStart, lineEnd);
    if (nl < 0) break;
    copy(nl, nl + 1);
    lineStart = nl + 1;
  }
  toOriginal.push(original.length);

  const lineStarts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === '\n') lineStarts.push(i + 1);
  const positionOfOriginal = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const mapOffset = (offset: number): number => toOriginal[Math.max(0, Math.min(offset, toOriginal.length - 1))]!;
  return {
    original,
    text,
    position: (offset) => positionOfOriginal(mapOffset(offset)),
    range: (start, end) => ({ start: positionOfOriginal(mapOffset(start)), end: positionOfOriginal(mapOffset(Math.max(start, end))) }),
  };
}
