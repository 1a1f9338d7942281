// The one place that drives dt-sql-parser's Flink SQL lexer and parser: a lazily created, reused
// instance, token lists parsed by any grammar rule, and raw syntax errors (nothing is printed).
// Must not import the AST builders; everything above this file sees only tokens and parse trees.

import { FlinkSQL } from 'dt-sql-parser';
import { FlinkSqlLexer } from 'dt-sql-parser/dist/lib/flink/FlinkSqlLexer.js';
import { FlinkSqlParser } from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser.js';
import {
  BailErrorStrategy,
  CharStreamImpl,
  CommonTokenFactory,
  CommonTokenStream,
  DefaultErrorStrategy,
  FailedPredicateException,
  InputMismatchException,
  NoViableAltException,
  PredictionMode,
  Token,
  type ANTLRErrorListener,
  type ATNSimulator,
  type CharStream,
  type IntervalSet,
  type Parser,
  type RecognitionException,
  type Recognizer,
  type TokenFactory,
  type TokenSource,
} from 'antlr4ng';

export { FlinkSqlParser };
export type { Token };

/** Token types of the Flink lexer, re-exported under short names. */
export const T = FlinkSqlParser;

/** A problem the lexer or parser reported, before it is rewritten for the user. */
export interface RawSyntaxError {
  /** The token the parser could not use (null for lexer errors). */
  offending: Token | null;
  /** Code-point offset of a lexer error. */
  lexerOffset?: number;
  /** antlr's message (kept for debugging only; never shown as is). */
  message: string;
  kind: 'mismatch' | 'noViableAlt' | 'predicate' | 'extraneous' | 'missing' | 'lexer' | 'other';
  /** Token types the parser would have accepted at the error, when known. */
  expected: number[];
  /** The grammar rule being parsed at the error. */
  ruleName: string;
}

interface Grammar {
  flink: FlinkSQL;
  parser: FlinkSqlParser;
  identifierStart: IntervalSet;
}

let grammar: Grammar | undefined;

/** The process-wide parser, created on first use (the first parse pays ~0.4 s of warm-up). */
function getGrammar(): Grammar {
  if (!grammar) {
    const flink = new FlinkSQL();
    const parser = flink.createParser('') as FlinkSqlParser;
    parser.removeErrorListeners();
    parser.buildParseTrees = true;
    const atn = parser.atn;
    const identifierStart = atn.nextTokens(atn.ruleToStartState[FlinkSqlParser.RULE_identifier]!);
    grammar = { flink, parser, identifierStart };
  }
  return grammar;
}

/** Whether a token type is a keyword of the grammar. */
export function isKeyword(type: number): boolean {
  const name = getGrammar().parser.vocabulary.getSymbolicName(type);
  return name !== null && name.startsWith('KW_');
}

/** Whether a token type can be used as an unquoted identifier (identifiers and non-reserved keywords). */
export function canBeIdentifier(type: number): boolean {
  return getGrammar().identifierStart.contains(type);
}

/** Whether a token is a reserved keyword (a keyword that needs backquotes to be a name). */
export function isReservedKeyword(type: number): boolean {
  return isKeyword(type) && !canBeIdentifier(type);
}

/** A short, user-facing name of a token type: `')'`, `SELECT`, `an identifier`. */
export function tokenTypeDisplay(type: number): string {
  if (type === Token.EOF) return 'end of statement';
  const vocabulary = getGrammar().parser.vocabulary;
  switch (type) {
    case T.ID_LITERAL: return 'a name';
    case T.STRING_LITERAL: return 'a string';
    case T.DIG_LITERAL: return 'a number';
    case T.REAL_LITERAL: return 'a number';
  }
  const literal = vocabulary.getLiteralName(type);
  if (literal) return isKeyword(type) ? literal.slice(1, -1) : literal;
  return vocabulary.getDisplayName(type) ?? String(type);
}

/** Lexes a whole text into all tokens (hidden-channel whitespace and comments included, EOF last). */
export function lex(text: string): { tokens: Token[]; errors: RawSyntaxError[] } {
  const errors: RawSyntaxError[] = [];
  const lexer = new FlinkSqlLexer(new LineBreakCharStream(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(
    collector((offending, message, kind, recognizer) => {
      const offset = (recognizer as unknown as { _tokenStartCharIndex: number })._tokenStartCharIndex;
      errors.push({ offending, lexerOffset: offset, message, kind, expected: [], ruleName: '' });
    }, 'lexer'),
  );
  const stream = new CommonTokenStream(lexer);
  stream.fill();
  return { tokens: stream.getTokens(), errors };
}

/** The result of parsing a token list with one rule. */
export interface RuleParse<T> {
  tree: T;
  /** All errors, first one first; empty when the tokens parsed cleanly. */
  errors: RawSyntaxError[];
  /** Parser state after the rule: the next token the rule did not consume. */
  nextToken: Token | null;
  /** The parsed copies of the tokens (tree tokens index into this list), EOF last. */
  tokens: Token[];
}

/**
 * Parses `tokens` (copies are made; the originals keep their indices) with one grammar rule,
 * fast SLL prediction first and full LL with error recovery only when that fails.
 * `end` is the code-point offset at which the synthetic end-of-input token is placed.
 */
export function parseRule<T>(tokens: readonly Token[], end: number, rule: (p: FlinkSqlParser) => T): RuleParse<T> {
  const { parser } = getGrammar();
  const copies = tokens.map((t) => (t as unknown as { clone(): Token }).clone());
  const last = tokens[tokens.length - 1];
  const eof = eofToken(end, last);

  const sll = new CommonTokenStream(new TokenListSource(copies, eof));
  parser.tokenStream = sll;
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  try {
    const tree = rule(parser);
    const nextToken = parser.getCurrentToken();
    sll.fill();
    return { tree, errors: [], nextToken, tokens: sll.getTokens() };
  } catch {
    // Fall through to the full LL parse, which reports errors.
  }
  const errors: RawSyntaxError[] = [];
  const ll = new CommonTokenStream(new TokenListSource(copies.map((t) => (t as unknown as { clone(): Token }).clone()), eof));
  parser.tokenStream = ll;
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new DefaultErrorStrategy();
  parser.addErrorListener(
    collector((offending, message, kind, recognizer, e) => {
      const p = recognizer as unknown as Parser;
      let expected: number[] = [];
      try {
        const set = e instanceof InputMismatchException || kind === 'extraneous' || kind === 'missing'
          ? (e?.getExpectedTokens() ?? p.getExpectedTokens())
          : null;
        if (set) expected = set.toArray();
      } catch {
        expected = [];
      }
      errors.push({ offending, message, kind, expected, ruleName: p.ruleNames[p.context?.ruleIndex ?? -1] ?? '' });
    }, 'parser'),
  );
  const tree = rule(parser);
  parser.removeErrorListeners();
  const nextToken = parser.getCurrentToken();
  ll.fill();
  return { tree, errors, nextToken, tokens: ll.getTokens() };
}

function eofToken(end: number, last: Token | undefined): Token {
  const eof = CommonTokenFactory.DEFAULT.create([null, null], Token.EOF, '<EOF>', Token.DEFAULT_CHANNEL, end, end - 1, 0, 0);
  if (last) {
    eof.line = last.line;
    eof.column = last.column;
  }
  return eof;
}

type Collect = (
  offending: Token | null,
  message: string,
  kind: RawSyntaxError['kind'],
  recognizer: Recognizer<ATNSimulator>,
  e: RecognitionException | null,
) => void;

function collector(collect: Collect, source: 'lexer' | 'parser'): ANTLRErrorListener {
  return {
    syntaxError(recognizer, offendingSymbol, _line, _column, msg, e) {
      let kind: RawSyntaxError['kind'] = 'other';
      if (source === 'lexer') kind = 'lexer';
      else if (e instanceof NoViableAltException) kind = 'noViableAlt';
      else if (e instanceof FailedPredicateException) kind = 'predicate';
      else if (e instanceof InputMismatchException) kind = 'mismatch';
      else if (msg.startsWith('extraneous input')) kind = 'extraneous';
      else if (msg.startsWith('missing')) kind = 'missing';
      collect((offendingSymbol as Token | null) ?? null, msg, kind, recognizer, e);
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  };
}

/**
 * The text as the lexer sees it: a lone `\r` (old Mac line endings) reads as `\n`, so line comments
 * end and lines count as with `\n` and `\r\n`. Offsets and token texts stay those of the file.
 */
class LineBreakCharStream extends CharStreamImpl {
  override LA(offset: number): number {
    const c = super.LA(offset);
    if (c !== 13) return c;
    return super.LA(offset === -1 ? 1 : offset + 1) === 10 ? c : 10;
  }
}

/** A token source over a fixed list of tokens, ending with an EOF token. */
class TokenListSource implements TokenSource {
  private index = 0;
  line = 1;
  column = 0;
  _tokenStartColumn = 0;
  inputStream: CharStream | null = null;
  sourceName = 'job file';
  private factory: TokenFactory<Token> = CommonTokenFactory.DEFAULT;

  constructor(
    private readonly tokens: Token[],
    private readonly eof: Token,
  ) {}

  nextToken(): Token {
    const t = this.index < this.tokens.length ? this.tokens[this.index++]! : this.eof;
    this.line = t.line;
    this.column = t.column;
    return t;
  }

  set tokenFactory(factory: TokenFactory<Token>) {
    this.factory = factory;
  }

  get tokenFactory(): TokenFactory<Token> {
    return this.factory;
  }
}
