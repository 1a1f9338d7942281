// Token-level fixes applied before parsing, for Flink syntax the dt-sql-parser grammar gets wrong:
// TRY_CAST(x AS t), EXTRACT(HOUR FROM x), SQRT(x) / CHAR_LENGTH(s) and an alias after a window TVF. Imports flinkGrammar only.

import { T, type Token } from './flinkGrammar.js';

const HIDDEN_CHANNEL = 1;

/** What the patches recorded, keyed by token start offset (tokens are copied before parsing). */
export interface TokenPatches {
  /** Window TVF alias tokens (the identifier, possibly after AS), keyed by the start of the `)` closing `TABLE(`. */
  tvfAliases: Map<number, Token>;
  /**
   * `TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)` calls, keyed by the start of the TRIM token:
   * the mode (BOTH when not written) and whether characters were given. The tokens now read
   * `TRIM(chars, s)` or `TRIM(s)`; the AST builder puts the mode (and ' ') back in front.
   */
  trimCalls: Map<number, { mode: 'BOTH' | 'LEADING' | 'TRAILING'; chars: boolean }>;
}

/** Functions Flink calls by names the grammar reserves as keywords: called, they are plain names. */
const KEYWORD_FUNCTIONS: ReadonlySet<number> = new Set([T.KW_SQRT, T.KW_CHAR_LENGTH, T.KW_CHARACTER_LENGTH]);
/** Tokens after which `name (` declares a table, where a reserved word stays an error. */
const NAMES_A_TABLE: ReadonlySet<number> = new Set([T.KW_TABLE, T.KW_VIEW, T.KW_INTO, T.KW_EXISTS]);

/**
 * Mutates `tokens` (all channels, in order) in place:
 * - `SQRT (`, `CHAR_LENGTH (`, `CHARACTER_LENGTH (`: the keyword is retyped as a name, so the call parses;
 * - `SUBSTRING(s FROM a FOR b)` reads as `SUBSTRING(s, a, b)`; `TRIM(LEADING 'x' FROM s)` as
 *   `TRIM('x', s)` with the mode recorded in `trimCalls`;
 * - `TRY_CAST (` is retyped as CAST so the grammar's `CAST(e AS type)` rule parses it (the text still says TRY_CAST);
 * - the unit keyword of `EXTRACT (unit FROM` is retyped as a plain name, which the grammar's extract rule wants;
 * - `TABLE(TUMBLE(...)) [AS] w`: the alias the grammar does not allow is hidden and remembered.
 */
export function patchTokens(tokens: Token[]): TokenPatches {
  const visible = tokens.filter((t) => t.channel === 0 && t.type !== T.EOF);
  const tvfAliases = new Map<number, Token>();
  const trimCalls: TokenPatches['trimCalls'] = new Map();
  for (let i = 0; i < visible.length; i++) {
    const t = visible[i]!;
    const next = visible[i + 1];
    if ((t.type === T.KW_SUBSTRING || t.type === T.KW_TRIM) && next?.type === T.LR_BRACKET) {
      const close = matchingParen(visible, i + 1);
      const top = close < 0 ? [] : topLevelBetween(visible, i + 1, close);
      if (t.type === T.KW_SUBSTRING) {
        // SUBSTRING(s FROM start [FOR length]) is SUBSTRING(s, start[, length]).
        for (const j of top) if (visible[j]!.type === T.KW_FROM || visible[j]!.type === T.KW_FOR) visible[j]!.type = T.COMMA;
      } else {
        const from = top.find((j) => visible[j]!.type === T.KW_FROM);
        if (from !== undefined) {
          let first = i + 2;
          const modeToken = visible[first]!;
          const mode = TRIM_MODES.get(modeToken.type);
          if (mode) {
            modeToken.channel = HIDDEN_CHANNEL;
            first++;
          }
          const chars = first < from;
          if (chars) visible[from]!.type = T.COMMA;
          else visible[from]!.channel = HIDDEN_CHANNEL;
          trimCalls.set(t.start, { mode: mode ?? 'BOTH', chars });
        }
      }
    }
    if (t.type === T.KW_TRY_CAST && next?.type === T.LR_BRACKET) {
      t.type = T.KW_CAST;
    } else if (KEYWORD_FUNCTIONS.has(t.type) && next?.type === T.LR_BRACKET && !NAMES_A_TABLE.has(visible[i - 1]?.type ?? -1)) {
      t.type = T.ID_LITERAL;
    } else if (t.type === T.KW_EXTRACT && next?.type === T.LR_BRACKET && visible[i + 3]?.type === T.KW_FROM) {
      visible[i + 2]!.type = T.ID_LITERAL;
    } else if (
      t.type === T.KW_TABLE &&
      next?.type === T.LR_BRACKET &&
      (visible[i + 2]?.type === T.KW_TUMBLE || visible[i + 2]?.type === T.KW_HOP || visible[i + 2]?.type === T.KW_CUMULATE) &&
      visible[i + 3]?.type === T.LR_BRACKET
    ) {
      const close = matchingParen(visible, i + 1);
      if (close < 0) continue;
      let j = close + 1;
      const as = visible[j];
      if (as?.type === T.KW_AS) j++;
      const alias = visible[j];
      if (alias && isAliasToken(alias)) {
        if (as?.type === T.KW_AS) as.channel = HIDDEN_CHANNEL;
        alias.channel = HIDDEN_CHANNEL;
        tvfAliases.set(visible[close]!.start, alias);
      }
    }
  }
  return { tvfAliases, trimCalls };
}

const TRIM_MODES: ReadonlyMap<number, 'BOTH' | 'LEADING' | 'TRAILING'> = new Map([
  [T.KW_BOTH, 'BOTH'],
  [T.KW_LEADING, 'LEADING'],
  [T.KW_TRAILING, 'TRAILING'],
]);

/** Indexes of the tokens directly inside the parentheses at `open`..`close` (not nested deeper). */
function topLevelBetween(tokens: readonly Token[], open: number, close: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let j = open + 1; j < close; j++) {
    const type = tokens[j]!.type;
    if (type === T.LR_BRACKET) depth++;
    else if (type === T.RR_BRACKET) depth--;
    else if (depth === 0) out.push(j);
  }
  return out;
}

function isAliasToken(t: Token): boolean {
  if (t.type === T.ID_LITERAL) return true;
  return t.type === T.STRING_LITERAL && (t.text ?? '').startsWith('`');
}

/** Index of the `)` matching the `(` at `open`, or -1. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type === T.LR_BRACKET) depth++;
    else if (type === T.RR_BRACKET) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
