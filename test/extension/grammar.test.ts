// The Flink SQL TextMate grammar (syntaxes/flinksql.tmLanguage.json) tokenizes job files as a
// reader expects: keywords, types, functions, strings, comments, SET config keys and WITH options.
// A small TextMate-rule interpreter (leftmost match, earliest rule on ties, begin/end, captures).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name: string }>;
}

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const grammarEntry = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'flinksql');
const grammar = JSON.parse(readFileSync(join(root, grammarEntry.path), 'utf8')) as { scopeName: string; patterns: Rule[]; repository: Record<string, Rule> };

/** Oniguruma's leading `(?i)` as a JS flag; the grammar uses nothing else JS lacks. */
function regex(source: string): RegExp {
  const i = source.startsWith('(?i)');
  return new RegExp(i ? source.slice(4) : source, `gd${i ? 'i' : ''}`);
}

/** Rules with includes resolved, in order. */
function flatten(rules: Rule[]): Rule[] {
  return rules.flatMap((r) => {
    if (r.include) {
      const target = grammar.repository[r.include.slice(1)];
      assert.ok(target, `unknown include ${r.include}`);
      return target.patterns && !target.match && !target.begin ? flatten(target.patterns) : [target];
    }
    return [r];
  });
}

/** The scopes of every character of a text (lines separated by \n), innermost last. */
function scopesOf(text: string): string[][] {
  const result: string[][] = [];
  const stack: { rule: Rule; end: RegExp }[] = [];
  for (const line of text.split('\n')) {
    const scopes: string[][] = Array.from({ length: line.length }, () => []);
    const base = (): string[] => stack.map((s) => s.rule.name!).filter(Boolean);
    let pos = 0;
    while (pos <= line.length) {
      const top = stack.at(-1);
      const candidates = flatten(top ? (top.rule.patterns ?? []) : grammar.patterns);
      let best: { m: RegExpExecArray; rule?: Rule; isEnd: boolean } | undefined;
      if (top) {
        top.end.lastIndex = pos;
        const m = top.end.exec(line);
        if (m) best = { m, isEnd: true };
      }
      for (const rule of candidates) {
        const re = regex(rule.match ?? rule.begin!);
        re.lastIndex = pos;
        const m = re.exec(line);
        if (m && (!best || m.index < best.m.index)) best = { m, rule, isEnd: false };
      }
      if (!best) break;
      const { m } = best;
      const from = m.index;
      const to = m.index + m[0].length;
      const inner = [...base(), ...(best.rule?.name ? [best.rule.name] : [])];
      for (let i = from; i < to; i++) scopes[i]!.push(...inner);
      if (best.rule?.captures) {
        for (const [group, cap] of Object.entries(best.rule.captures)) {
          const span = m.indices![Number(group)];
          if (span) for (let i = span[0]; i < span[1]; i++) scopes[i]!.push(cap.name);
        }
      }
      for (let i = pos; i < from; i++) scopes[i]!.push(...base());
      if (best.isEnd) stack.pop();
      else if (best.rule?.begin) stack.push({ rule: best.rule, end: regex(best.rule.end!) });
      pos = to === from ? to + 1 : to;
    }
    for (let i = pos; i < line.length; i++) if (scopes[i]!.length === 0) scopes[i]!.push(...base());
    result.push(...scopes, []);
  }
  return result;
}

/** The scopes of the `nth` occurrence of `word` in `text`. */
function scopeOf(text: string, word: string, nth = 0): string[] {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `${word} not in the sample`);
  return scopesOf(text)[at]!;
}

const JOB = readFileSync(join(root, 'examples', 'clickstream-counts.flink.sql'), 'utf8');

test('the grammar is the flinksql language\'s, and every rule compiles', () => {
  assert.equal(grammarEntry.scopeName, grammar.scopeName);
  assert.equal(grammar.scopeName, 'source.flinksql');
  const all = [...grammar.patterns, ...Object.values(grammar.repository).flatMap((r) => [r, ...(r.patterns ?? [])])];
  for (const r of all) for (const src of [r.match, r.begin, r.end]) if (src) assert.doesNotThrow(() => regex(src), src);
});

test('SET statements: keyword, config key, value', () => {
  const line = "SET 'execution.checkpointing.interval' = '300 ms';";
  assert.ok(scopeOf(line, 'SET').includes('keyword.other.flinksql'));
  assert.ok(scopeOf(line, 'execution.checkpointing').includes('support.type.property-name.config-key.flinksql'));
  assert.ok(scopeOf(line, '300 ms').includes('string.quoted.single.flinksql'));
});

test('connector options in WITH: option keys apart from their values', () => {
  assert.ok(scopeOf(JOB, "'connector'").includes('support.type.property-name.option.flinksql'));
  assert.ok(scopeOf(JOB, "'datagen'").includes('string.quoted.single.flinksql'));
  assert.ok(!scopeOf(JOB, "'datagen'").some((s) => s.startsWith('support.type.property-name')));
  assert.ok(scopeOf(JOB, 'fields.click_id.kind').includes('support.type.property-name.option.flinksql'));
});

test('comments, line and block; nothing inside them is a keyword', () => {
  assert.deepEqual(scopeOf(JOB, 'GROUP BY user_id hashes'), ['comment.line.double-dash.flinksql']);
  const block = 'SELECT /* GROUP BY\n still a comment */ 1';
  assert.deepEqual(scopeOf(block, 'GROUP'), ['comment.block.flinksql']);
  assert.deepEqual(scopeOf(block, 'still'), ['comment.block.flinksql']);
  assert.ok(scopeOf(block, '1').includes('constant.numeric.flinksql'));
});

test('keywords, types, functions, numbers, quoted identifiers and escaped quotes', () => {
  const q = "CREATE TABLE t (id BIGINT, `select` STRING) WITH ('path' = 'it''s');\nINSERT INTO t SELECT COUNT(*), CAST(x AS INT) FROM s GROUP BY id HAVING count > 1.5e3;";
  for (const w of ['CREATE', 'TABLE', 'WITH', 'INSERT', 'INTO', 'GROUP', 'HAVING']) assert.ok(scopeOf(q, w).includes('keyword.other.flinksql'), w);
  for (const w of ['BIGINT', 'STRING', 'INT)']) assert.ok(scopeOf(q, w).includes('storage.type.flinksql'), w);
  assert.ok(scopeOf(q, 'COUNT').includes('support.function.flinksql'));
  assert.ok(scopeOf(q, 'CAST').includes('support.function.flinksql'));
  assert.ok(!scopeOf(q, 'count >').includes('support.function.flinksql'), 'a column named count is not a call');
  assert.ok(scopeOf(q, '`select`').includes('variable.other.quoted.flinksql'));
  assert.ok(scopeOf(q, "''s").includes('constant.character.escape.flinksql'));
  assert.ok(scopeOf(q, "s')").includes('string.quoted.single.flinksql'), 'the string goes on after an escaped quote');
  assert.ok(scopeOf(q, '1.5e3').includes('constant.numeric.flinksql'));
});
