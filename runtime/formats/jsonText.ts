// A small JSON reader that keeps each number's source text (so DECIMAL and BIGINT fields read
// exactly, as Jackson with USE_BIG_DECIMAL_FOR_FLOATS does), with Jackson-like error positions.
// Imports nothing.

/** A parsed JSON value. Objects keep the last value of a duplicated key, as Jackson's ObjectNode. */
export type JsonNode =
  | { readonly kind: 'object'; readonly fields: Map<string, JsonNode> }
  | { readonly kind: 'array'; readonly items: JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string; readonly integral: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

class JsonSyntaxError {
  constructor(readonly message: string, readonly offset: number) {}
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Reader {
  i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private unexpected(): never {
    if (this.i >= this.s.length) throw new JsonSyntaxError('Unexpected end-of-input', this.i);
    const c = this.s[this.i]!;
    throw new JsonSyntaxError(`Unexpected character ('${c}' (code ${c.charCodeAt(0)}))`, this.i);
  }

  value(): JsonNode {
    this.ws();
    const s = this.s;
    const c = s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return node;
      }
    }
    if (c !== undefined && /[A-Za-z]/.test(c)) {
      const m = /^[A-Za-z0-9_]+/.exec(s.slice(this.i))![0];
      throw new JsonSyntaxError(`Unrecognized token '${m}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`, this.i);
    }
    return this.unexpected();
  }

  private object(): JsonNode {
    this.i++;
    const fields = new Map<string, JsonNode>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { kind: 'object', fields };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') {
        if (this.i >= this.s.length) this.unexpected();
        throw new JsonSyntaxError(`Unexpected character ('${this.s[this.i]}' (code ${this.s.charCodeAt(this.i)})): was expecting double-quote to start field name`, this.i);
      }
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') {
        if (this.i >= this.s.length) this.unexpected();
        throw new JsonSyntaxError(`Unexpected character ('${this.s[this.i]}' (code ${this.s.charCodeAt(this.i)})): was expecting a colon to separate field name and value`, this.i);
      }
      this.i++;
      fields.set(key, this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'object', fields };
      }
      if (c === undefined) this.unexpected();
      throw new JsonSyntaxError(`Unexpected character ('${c}' (code ${c.charCodeAt(0)})): was expecting comma to separate Object entries`, this.i);
    }
  }

  private array(): JsonNode {
    this.i++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'array', items };
      }
      if (c === undefined) this.unexpected();
      throw new JsonSyntaxError(`Unexpected character ('${c}' (code ${c.charCodeAt(0)})): was expecting comma to separate Array entries`, this.i);
    }
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    let out = '';
    let run = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        out += s.slice(run, this.i);
        this.i++;
        return out;
      }
      if (c === 92) {
        out += s.slice(run, this.i);
        const e = s[this.i + 1];
        if (e === 'u') {
          const hex = s.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Unexpected character in \\u escape: expected a hex digit', this.i + 2);
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          this.i += 2;
        } else {
          throw new JsonSyntaxError(`Unrecognized character escape '${e ?? ''}'`, this.i + 1);
        }
        run = this.i;
        continue;
      }
      if (c < 32) throw new JsonSyntaxError(`Illegal unquoted character ((CTRL-CHAR, code ${c})): has to be escaped using backslash to be included in string value`, this.i);
      this.i++;
    }
    throw new JsonSyntaxError('Unexpected end-of-input: was expecting closing quote for a string value', start);
  }

  private number(): JsonNode {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) {
      this.i++;
      return this.unexpected();
    }
    const start = this.i;
    this.i += m[0].length;
    const next = this.s[this.i];
    if (next !== undefined && /[0-9A-Za-z.]/.test(next)) throw new JsonSyntaxError(`Invalid numeric value: '${this.s.slice(start, this.i + 1)}'`, start);
    return { kind: 'number', text: m[0], integral: m[1] === undefined && m[2] === undefined };
  }

  /** The first JSON value of the text; trailing content is ignored, as Jackson's readTree does. */
  root(): JsonNode | undefined {
    this.ws();
    if (this.i >= this.s.length) return undefined;
    return this.value();
  }
}

/**
 * Parses the first JSON value of `text` (Jackson's ObjectMapper.readTree ignores what follows
 * it). Undefined value for blank text. `column` is 1-based.
 */
export function parseJson(text: string): { value: JsonNode | undefined } | { error: string; column: number } {
  try {
    return { value: new Reader(text).root() };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { error: e.message, column: e.offset + 1 };
    throw e;
  }
}
