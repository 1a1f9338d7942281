// Reading typed values out of YAML nodes, reporting every mistake as a diagnostic at the node's
// exact place. Imports the yaml library and diagnostics types; nothing of the engine.
import { isMap, isNode, isScalar, isSeq, type Node, type Pair, type YAMLError } from 'yaml';
import { didYouMeanSuffix } from '../config/didYouMean.js';
import type { Diagnostic, SourceRange } from '../diagnostics.js';
import type { ScenarioSource } from './scenarioSource.js';

/** Collects diagnostics located through a ScenarioSource. */
export class ScenarioReporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly source: ScenarioSource,
    private readonly file: string,
  ) {}

  /** Whether any error was reported. */
  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  /** Reports a problem at `where` (a node, a range, or nothing for the whole file's start). */
  error(code: string, message: string, where: Node | SourceRange | null | undefined): void {
    this.push('error', code, message, where);
  }

  /** Reports a warning at `where`. */
  warning(code: string, message: string, where: Node | SourceRange | null | undefined): void {
    this.push('warning', code, message, where);
  }

  /** The original file's range of a parsed node (its value part, without trailing comments). */
  rangeOf(node: Node): SourceRange | undefined {
    const r = node.range;
    return r ? this.source.range(r[0], r[1]) : undefined;
  }

  /** Reports a YAML parser error or warning. */
  yamlProblem(e: YAMLError, severity: 'error' | 'warning'): void {
    const range = this.source.range(e.pos[0], e.pos[1]);
    let message = yamlMessage(e);
    const line = this.source.original.split('\n')[range.start.line - 1] ?? '';
    if (e.code !== 'BLOCK_AS_IMPLICIT_KEY' && /[{,]\s*target:\s*[^'"\s][^,}]*:\s/.test(line)) {
      message += ` A target that contains ': ' must be quoted inside { }, e.g. target: 'Sink: counts[0]'.`;
    }
    this.diagnostics.push({
      severity,
      code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
      message,
      range,
      file: this.file,
    });
  }

  private push(severity: 'error' | 'warning', code: string, message: string, where: Node | SourceRange | null | undefined): void {
    let range: SourceRange | undefined;
    if (where && isNode(where)) range = this.rangeOf(where);
    else if (where) range = where;
    range ??= { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    this.diagnostics.push({ severity, code, message, range, file: this.file });
  }
}

function yamlMessage(e: YAMLError): string {
  switch (e.code) {
    case 'MULTIPLE_DOCS':
      return 'Invalid YAML: a fault scenario is a single YAML document; remove the extra `---` document.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `Invalid YAML: ${e.message}. A value that contains ': ' must be quoted, e.g. target: 'Sink: counts[0]'.`;
    case 'DUPLICATE_KEY':
      return 'Invalid YAML: this key appears twice in the same mapping.';
    default:
      // The yaml parser reports a stack overflow on absurd nesting as its message: say what it means.
      if (/Maximum call stack size exceeded/.test(e.message)) return 'Invalid YAML: nested too deeply to read; a fault scenario needs only a few levels of nesting.';
      return `Invalid YAML: ${e.message.replace(/\.$/, '')}.`;
  }
}

/** One `key: value` entry of a mapping, with the key as text. */
export interface Entry {
  readonly key: string;
  readonly keyNode: Node;
  /** The value node; null for `key:` with nothing after it. */
  readonly value: Node | null;
}

/**
 * The entries of a mapping node; unknown keys are reported (with a did-you-mean) and left out.
 * @param where a phrase for messages, e.g. `a fault` or `'when'`
 */
export function mapEntries(node: Node, allowed: readonly string[], where: string, r: ScenarioReporter): Map<string, Entry> {
  const result = new Map<string, Entry>();
  if (!isMap(node)) return result;
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!allowed.includes(key)) {
      r.error(
        'unknown-key',
        `Unknown key '${key}' in ${where}.${didYouMeanSuffix(key, allowed)} Valid keys: ${allowed.join(', ')}.`,
        keyNode,
      );
      continue;
    }
    const value = (pair.value as Node | null) ?? null;
    result.set(key, { key, keyNode, value: value && isScalar(value) && value.value === null ? null : value });
  }
  return result;
}

/** A value's place: the value node, or the key when the value is empty. */
export function placeOf(entry: Entry): Node {
  return entry.value ?? entry.keyNode;
}

/** A short rendering of a node's value for messages: `'abc'`, `12`, `a list`, `a mapping`, `nothing`. */
export function describeValue(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    return typeof v === 'string' ? `'${v}'` : String(v);
  }
  return 'an alias';
}

/** A text value, or undefined after reporting a type error. */
export function readString(entry: Entry, r: ScenarioReporter, what: string): string | undefined {
  const v = entry.value;
  if (v && isScalar(v) && typeof v.value === 'string') return v.value;
  r.error('invalid-value', `'${entry.key}' must be ${what}, got ${describeValue(v)}.`, placeOf(entry));
  return undefined;
}

/**
 * A whole number at least `min`, or undefined after reporting.
 * @param minReason why the minimum, e.g. `checkpoint ids start at 1`
 */
export function readInteger(entry: Entry, r: ScenarioReporter, min: number, minReason?: string): number | undefined {
  const v = entry.value;
  if (!v || !isScalar(v) || typeof v.value !== 'number' || !Number.isFinite(v.value)) {
    r.error('invalid-value', `'${entry.key}' must be a whole number, got ${describeValue(v)}.`, placeOf(entry));
    return undefined;
  }
  const n = v.value;
  if (n < 0 && min >= 0) {
    r.error('negative-value', `'${entry.key}' must not be negative, got ${n}.`, v);
    return undefined;
  }
  if (!Number.isSafeInteger(n)) {
    r.error('invalid-value', `'${entry.key}' must be a whole number, got ${n}.`, v);
    return undefined;
  }
  if (n < min) {
    r.error('invalid-value', `'${entry.key}' must be at least ${min}${minReason ? ` (${minReason})` : ''}, got ${n}.`, v);
    return undefined;
  }
  return n;
}

/** One of `choices`, or undefined after reporting (with a did-you-mean). */
export function readChoice<T extends string>(entry: Entry, r: ScenarioReporter, choices: readonly T[], what: string, code = 'unknown-value'): T | undefined {
  const s = readString(entry, r, `one of ${choices.join(', ')}`);
  if (s === undefined) return undefined;
  if ((choices as readonly string[]).includes(s)) return s as T;
  r.error(code, `Unknown ${what} '${s}'.${didYouMeanSuffix(s, choices)} Valid: ${choices.join(', ')}.`, placeOf(entry));
  return undefined;
}
