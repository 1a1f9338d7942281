// Mutations of a job file's text for the fuzz suite: token deletion, duplication and swaps, random
// bytes, deep nesting, huge literals, CR / CRLF line endings, truncation. Pure functions of a Rng.
import type { Rng } from './fuzzSeed.js';

/** A mutated input and how it was made (printed with a failure). */
export interface Mutant {
  readonly how: string;
  readonly bytes: Buffer;
}

/** Lexes roughly as SQL does: strings, comments, numbers, words, single symbols, blanks. */
export function roughTokens(text: string): string[] {
  return text.match(/'(?:[^']|'')*'?|`[^`]*`?|--[^\n]*|\/\*[\s\S]*?\*\/|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][\w$]*|\s+|[\s\S]/g) ?? [];
}

const visible = (t: string) => !/^\s+$/.test(t) && !t.startsWith('--') && !t.startsWith('/*');

function indexesOf(tokens: readonly string[], keep: (t: string) => boolean): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => keep(t) && out.push(i));
  return out;
}

type Mutation = (text: string, rng: Rng) => { how: string; text?: string; bytes?: Buffer };

const MUTATIONS: Record<string, Mutation> = {
  deleteTokens(text, rng) {
    const tokens = roughTokens(text);
    const n = rng.between(1, 4);
    const gone: string[] = [];
    for (let k = 0; k < n; k++) {
      const idx = indexesOf(tokens, visible);
      if (idx.length === 0) break;
      const i = rng.pick(idx);
      gone.push(tokens[i]!);
      tokens.splice(i, 1);
    }
    return { how: `deleted tokens ${JSON.stringify(gone)}`, text: tokens.join('') };
  },
  duplicateTokens(text, rng) {
    const tokens = roughTokens(text);
    const idx = indexesOf(tokens, visible);
    const i = rng.pick(idx);
    const times = rng.pick([1, 2, 50]);
    tokens.splice(i, 0, ...Array.from({ length: times }, () => `${tokens[i]} `));
    return { how: `duplicated ${JSON.stringify(tokens[i + times])} ${times}×`, text: tokens.join('') };
  },
  swapTokens(text, rng) {
    const tokens = roughTokens(text);
    const idx = indexesOf(tokens, visible);
    const a = rng.pick(idx);
    const b = rng.pick(idx);
    [tokens[a], tokens[b]] = [tokens[b]!, tokens[a]!];
    return { how: `swapped ${JSON.stringify(tokens[b])} and ${JSON.stringify(tokens[a])}`, text: tokens.join('') };
  },
  randomBytes(text, rng) {
    const bytes = Buffer.from(text, 'utf8');
    const n = rng.pick([1, 8, 64]);
    const at: number[] = [];
    const out = Buffer.from(bytes);
    for (let k = 0; k < n && out.length > 0; k++) {
      const i = rng.int(out.length);
      out[i] = rng.pick([0x00, 0xff, 0xc3, 0xe2, 0x80, 0x27, 0x0d, 0x3b, rng.int(256)]);
      at.push(i);
    }
    return { how: `${n} random byte(s) at offsets ${at.slice(0, 8).join(',')}${at.length > 8 ? ',...' : ''}`, bytes: out };
  },
  deepNesting(text, rng) {
    const depth = rng.pick([200, 1000, 5000]);
    const kind = rng.pick(['parens', 'unaryMinus', 'plusChain', 'unbalanced', 'caseWhen']);
    const nest =
      kind === 'parens' ? `${'('.repeat(depth)}1${')'.repeat(depth)}`
      : kind === 'unaryMinus' ? `${'- '.repeat(depth)}1`
      : kind === 'plusChain' ? Array.from({ length: depth }, () => '1').join('+')
      : kind === 'unbalanced' ? '('.repeat(depth)
      : `${'CASE WHEN TRUE THEN '.repeat(Math.min(depth, 1000))}1${' END'.repeat(Math.min(depth, 1000))}`;
    const tokens = roughTokens(text);
    const idx = indexesOf(tokens, (t) => /^\d/.test(t) || /^[A-Za-z_]/.test(t));
    const i = rng.pick(idx);
    tokens[i] = nest;
    return { how: `replaced a token with ${kind} nested ${depth} deep`, text: tokens.join('') };
  },
  hugeLiteral(text, rng) {
    const tokens = roughTokens(text);
    const idx = indexesOf(tokens, (t) => /^\d/.test(t) || t.startsWith("'"));
    if (idx.length === 0) return { how: 'appended a huge literal', text: `${text}\nSELECT ${'9'.repeat(100_000)};` };
    const i = rng.pick(idx);
    const was = tokens[i]!;
    const huge = rng.pick([
      '9'.repeat(rng.pick([20, 400, 100_000])),
      '1e400',
      '-99999999999999999999999999999999999999999',
      `'${'x'.repeat(rng.pick([10_000, 1_000_000]))}'`,
      `'${'9'.repeat(400)}'`,
      "'-1'",
      "'1e308'",
    ]);
    tokens[i] = huge;
    return { how: `replaced ${JSON.stringify(was.slice(0, 20))} with a literal of ${huge.length} characters (${JSON.stringify(huge.slice(0, 12))}...)`, text: tokens.join('') };
  },
  lineEndings(text, rng) {
    const cr = rng.chance(0.5);
    return { how: cr ? 'CR-only line endings' : 'CRLF line endings', text: text.replace(/\r?\n/g, cr ? '\r' : '\r\n') };
  },
  truncate(text, rng) {
    const bytes = Buffer.from(text, 'utf8');
    const at = rng.int(bytes.length);
    return { how: `truncated at byte ${at} of ${bytes.length}`, bytes: bytes.subarray(0, at) };
  },
};

/** The names of the mutations, in a fixed order. */
export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies the named mutation (or a random one) to `text`. */
export function mutateText(text: string, rng: Rng, name = rng.pick(MUTATION_NAMES)): Mutant {
  const m = MUTATIONS[name]!(text, rng);
  return { how: `${name}: ${m.how}`, bytes: m.bytes ?? Buffer.from(m.text!, 'utf8') };
}
