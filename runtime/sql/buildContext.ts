// Shared state of one AST build: the source map, the diagnostics sink and small helpers for
// ranges, text, identifiers and literals. Imports the grammar's token/tree types, not the builders.

import type { ParserRuleContext, TerminalNode } from 'antlr4ng';
import type { Diagnostic, Severity, SourceRange } from '../diagnostics.js';
import type { Identifier, ObjectName } from './ast.js';
import { T, type Token } from './flinkGrammar.js';
import { SourceMap } from './sourceMap.js';
import type { TokenPatches } from './tokenPatches.js';

/** A parse-tree node or a bare token. */
export type Located = ParserRuleContext | TerminalNode | Token;

/** Builder state for one job file. */
export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  /** The token list the parse tree being built indexes into (set per statement). */
  tokens: Token[] = [];

  constructor(
    readonly map: SourceMap,
    readonly patches: TokenPatches,
    readonly file: string | undefined,
  ) {}

  /** The source range of a node or token. */
  range(node: Located): SourceRange {
    const [first, last] = span(node);
    if (!last || last.tokenIndex < first.tokenIndex || last.stop < first.start) {
      const p = this.map.positionAt(this.map.utf16(first.start));
      return { start: p, end: p };
    }
    return this.map.spanRange(first, last);
  }

  /** The range from the start of `a` to the end of `b`. */
  rangeBetween(a: Located, b: Located): SourceRange {
    return { start: this.range(a).start, end: this.range(b).end };
  }

  /** The source text of a node, exactly as written. */
  text(node: Located): string {
    const [first, last] = span(node);
    if (!last || last.stop < first.start) return '';
    return this.map.spanText(first, last);
  }

  /** Records a diagnostic. */
  report(severity: Severity, code: string, message: string, range: SourceRange): void {
    const d: Diagnostic = { severity, code, message, range };
    if (this.file !== undefined) d.file = this.file;
    this.diagnostics.push(d);
  }

  /** Records an error with code `syntax`. */
  syntax(message: string, at: Located | SourceRange): void {
    this.report('error', 'syntax', message, isRange(at) ? at : this.range(at));
  }

  /** Records `<construct> is not supported by Checkpoint Lab yet` with code `unsupported`. */
  unsupported(construct: string, at: Located | SourceRange): void {
    const range = isRange(at) ? at : this.range(at);
    this.report('error', 'unsupported', `${construct} is not supported by Checkpoint Lab yet`, range);
  }

  /** Number of errors so far (a statement whose build added errors is left out). */
  errorCount(): number {
    let n = 0;
    for (const d of this.diagnostics) if (d.severity === 'error') n++;
    return n;
  }

  /** An identifier from a token that the grammar accepted as a name. */
  identifierFromToken(token: Token): Identifier {
    const text = token.text ?? '';
    const range = this.range(token);
    if (token.type === T.STRING_LITERAL) {
      if (text.startsWith('`')) return { name: text.slice(1, -1).replace(/``/g, '`'), quoted: true, range };
      this.syntax(`${text} is a string literal, not a name; quote names with backquotes: \`${unquoteString(text)}\``, range);
      return { name: unquoteString(text), quoted: true, range };
    }
    if (token.type === T.DIG_LITERAL) {
      this.syntax(`'${text}' is not a valid name; quote it as \`${text}\``, range);
    }
    return { name: text, quoted: false, range };
  }

  /** An identifier from any identifier-like node (identifier, uid part, columnName...). */
  identifier(node: ParserRuleContext): Identifier {
    const [first, last] = span(node);
    if (last && first !== last && last.tokenIndex !== first.tokenIndex) {
      // Not a single token: report and keep the text.
      this.syntax(`'${this.text(node)}' is not a valid name`, node);
      return { name: this.text(node), quoted: false, range: this.range(node) };
    }
    return this.identifierFromToken(first);
  }

  /** A dotted name (`cat.db.t`) from a node made of identifiers separated by dots. */
  objectName(node: ParserRuleContext): ObjectName {
    const ids: ParserRuleContext[] = [];
    collectIdentifiers(node, ids);
    const parts = ids.map((n) => this.identifier(n));
    return { parts, text: parts.map((p) => p.name).join('.'), range: this.range(node) };
  }
}

/** Whether a tree child is a rule node (not a terminal). */
export function isRule(node: unknown): node is ParserRuleContext {
  return typeof node === 'object' && node !== null && 'children' in node && 'ruleIndex' in node;
}

function collectIdentifiers(node: ParserRuleContext, out: ParserRuleContext[]): void {
  if (node.ruleIndex === T.RULE_identifier) {
    out.push(node);
    return;
  }
  for (const child of node.children ?? []) if (isRule(child)) collectIdentifiers(child, out);
}

function isRange(x: unknown): x is SourceRange {
  return typeof x === 'object' && x !== null && 'start' in x && 'end' in x && typeof (x as SourceRange).start === 'object' && 'line' in (x as SourceRange).start;
}

function span(node: Located): [Token, Token | null] {
  if ('symbol' in node && node.symbol) return [node.symbol, node.symbol];
  if ('tokenIndex' in node && 'type' in node) return [node as Token, node as Token];
  const ctx = node as ParserRuleContext;
  return [ctx.start!, ctx.stop];
}

/** The value of a quoted string literal token: quotes removed, a doubled quote made single. */
export function unquoteString(text: string): string {
  const q = text[0];
  if (q !== "'" && q !== '"' && q !== '`') return text;
  return text.slice(1, -1).split(q + q).join(q);
}
