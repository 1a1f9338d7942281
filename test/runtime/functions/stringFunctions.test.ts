// String functions: values, NULLs, edge cases, return types and argument errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigintType, intType, stringType, typeOf } from '../../../runtime/functions/types.js';
import { call, infer } from './helpers.js';

const S = stringType();
const I = intType();

test('UPPER / LOWER keep the argument type; NULL in, NULL out', () => {
  assert.equal(call('UPPER', [S], ['straße']), 'STRASSE');
  assert.equal(call('LOWER', [S], ['ÀB']), 'àb');
  assert.equal(call('upper', [S], [null]), null);
  assert.deepEqual(infer('UPPER', [typeOf('VARCHAR', false, { length: 10 })]), typeOf('VARCHAR', false, { length: 10 }));
  assert.equal(infer('UPPER', [I]), 'Invalid argument type for UPPER: expected STRING, got INT');
  assert.match(infer('UPPER', [S, S]) as string, /Was expecting 1 arguments, got 2/);
});

test('CHAR_LENGTH counts code points; CHARACTER_LENGTH is an alias', () => {
  assert.equal(call('CHAR_LENGTH', [S], ['hello']), 5);
  assert.equal(call('CHARACTER_LENGTH', [S], ['a😀b']), 3);
  assert.equal(call('CHAR_LENGTH', [S], [null]), null);
  assert.deepEqual(infer('CHAR_LENGTH', [stringType(false)]), intType(false));
});

test('CONCAT is NULL if any argument is NULL; CONCAT_WS skips NULLs', () => {
  assert.equal(call('CONCAT', [S, S, S], ['a', 'b', 'c']), 'abc');
  assert.equal(call('CONCAT', [S, S], ['a', null]), null);
  assert.equal(call('CONCAT_WS', [S, S, S, S, S, S], ['~', 'AA', null, 'BB', '', 'CC']), 'AA~BB~~CC');
  assert.equal(call('CONCAT_WS', [S, S], [null, 'a']), null);
  assert.equal(call('CONCAT_WS', [S, S], [',', null]), '');
  assert.equal(infer('CONCAT', [S, I]), 'Invalid argument type for CONCAT: expected STRING, got INT (argument 2)');
  assert.equal((infer('CONCAT_WS', [stringType(false), S]) as { nullable: boolean }).nullable, false);
});

test('SUBSTRING / SUBSTR: 1-based, negative from the end, out of range, negative length', () => {
  assert.equal(call('SUBSTRING', [S, I], ['Hello World', 7]), 'World');
  assert.equal(call('SUBSTRING', [S, I, I], ['Hello World', 1, 5]), 'Hello');
  assert.equal(call('SUBSTR', [S, I, I], ['Hello', 0, 2]), 'He');
  assert.equal(call('SUBSTRING', [S, I], ['Hello', -3]), 'llo');
  assert.equal(call('SUBSTRING', [S, I], ['Hello', -10]), '');
  assert.equal(call('SUBSTRING', [S, I], ['Hello', 10]), '');
  assert.equal(call('SUBSTRING', [S, I, I], ['Hello', 2, 100]), 'ello');
  assert.equal(call('SUBSTRING', [S, I, I], ['Hello', 2, -1]), null);
  assert.equal(call('SUBSTRING', [S, I, I], ['a😀bc', 2, 2]), '😀b');
  assert.equal(call('SUBSTRING', [S, I], [null, 1]), null);
  assert.equal(call('SUBSTRING', [S, bigintType()], ['Hello', 2]), 'ello');
  assert.equal(infer('SUBSTRING', [S, S]), 'Invalid argument type for SUBSTRING: expected INT, got STRING (argument 2)');
});

test('TRIM / LTRIM / RTRIM', () => {
  assert.equal(call('TRIM', [S], ['  hi  ']), 'hi');
  assert.equal(call('TRIM', [S, S, S], ['LEADING', 'xy', 'xyxhixy']), 'hixy');
  assert.equal(call('TRIM', [S, S, S], ['TRAILING', 'xy', 'xyxhixy']), 'xyxhi');
  assert.equal(call('TRIM', [S, S, S], ['BOTH', 'xy', 'xyxhixy']), 'hi');
  assert.equal(call('LTRIM', [S], ['  hi \t']), 'hi \t');
  assert.equal(call('RTRIM', [S], ['\t hi  ']), '\t hi');
  assert.equal(call('LTRIM', [S, S], ['xxhix', 'x']), 'hix');
  assert.equal(call('TRIM', [S], [null]), null);
  assert.match(infer('TRIM', [S, S]) as string, /expecting 1 or 3 arguments/);
});

test('REPLACE replaces all occurrences like Java String.replace', () => {
  assert.equal(call('REPLACE', [S, S, S], ['hello world', 'o', '0']), 'hell0 w0rld');
  assert.equal(call('REPLACE', [S, S, S], ['aaa', 'aa', 'b']), 'ba');
  assert.equal(call('REPLACE', [S, S, S], ['abc', '', '-']), '-a-b-c-');
  assert.equal(call('REPLACE', [S, S, S], ['a$b', '$', '$$']), 'a$$b');
  assert.equal(call('REPLACE', [S, S, S], ['abc', null, 'x']), null);
});

test('POSITION and LOCATE', () => {
  assert.equal(call('POSITION', [S, S], ['lo', 'hello']), 4);
  assert.equal(call('POSITION', [S, S], ['z', 'hello']), 0);
  assert.equal(call('POSITION', [S, S], ['', 'hello']), 1);
  assert.equal(call('POSITION', [S, S], ['b', '😀b']), 2);
  assert.equal(call('LOCATE', [S, S, I], ['l', 'hello', 4]), 4);
  assert.equal(call('LOCATE', [S, S, I], ['l', 'hello', 5]), 0);
  assert.equal(call('LOCATE', [S, S], ['l', null]), null);
});

test('INITCAP, LPAD, RPAD', () => {
  assert.equal(call('INITCAP', [S], ['hello wORLD-foo 1abc']), 'Hello World-Foo 1abc');
  assert.equal(call('LPAD', [S, I, S], ['hi', 4, '??']), '??hi');
  assert.equal(call('LPAD', [S, I, S], ['hi', 1, '??']), 'h');
  assert.equal(call('LPAD', [S, I, S], ['hi', 5, 'ab']), 'abahi');
  assert.equal(call('RPAD', [S, I, S], ['hi', 5, 'ab']), 'hiaba');
  assert.equal(call('RPAD', [S, I, S], ['hello', 2, 'x']), 'he');
  assert.equal(call('LPAD', [S, I, S], ['hi', -1, 'x']), null);
  assert.equal(call('RPAD', [S, I, S], ['hi', 4, '']), null);
  assert.equal(call('LPAD', [S, I, S], ['hi', 0, 'x']), '');
});

test('REGEXP_REPLACE (literal replacement) and REGEXP_EXTRACT (default group 0)', () => {
  assert.equal(call('REGEXP_REPLACE', [S, S, S], ['foobar', 'oo|ar', '']), 'fb');
  assert.equal(call('REGEXP_REPLACE', [S, S, S], ['a1b2', '(\\d)', '$1']), 'a$1b$1');
  assert.equal(call('REGEXP_REPLACE', [S, S, S], ['abc', '(', 'x']), null);
  assert.equal(call('REGEXP_REPLACE', [S, S, S], ['A1b', '\\p{Alpha}', '_']), '_1_');
  assert.equal(call('REGEXP_EXTRACT', [S, S, I], ['foothebar', 'foo(.*?)(bar)', 2]), 'bar');
  assert.equal(call('REGEXP_EXTRACT', [S, S], ['foothebar', 'the']), 'the');
  assert.equal(call('REGEXP_EXTRACT', [S, S, I], ['foothebar', 'foo(.*?)bar', 5]), null);
  assert.equal(call('REGEXP_EXTRACT', [S, S, I], ['xyz', 'foo(.*)', 1]), null);
  assert.equal(call('REGEXP_EXTRACT', [S, S, I], [null, 'a', 1]), null);
});

test('SPLIT_INDEX: 0-based; NULL for negative or too large index', () => {
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['Jack,John,Mary', ',', 2]), 'Mary');
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['Jack,John,Mary', ',', 3]), null);
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['Jack,John,Mary', ',', -1]), null);
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['a,,b,', ',', 1]), '');
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['a,,b,', ',', 3]), '');
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['', ',', 0]), null);
  assert.equal(call('SPLIT_INDEX', [S, S, I], ['a b', '', 1]), 'b');
  assert.equal(call('SPLIT_INDEX', [S, I, I], ['a|b', 124, 1]), 'b');
});

test('REVERSE and REPEAT', () => {
  assert.equal(call('REVERSE', [S], ['abc😀']), '😀cba');
  assert.equal(call('REPEAT', [S, I], ['ab', 3]), 'ababab');
  assert.equal(call('REPEAT', [S, I], ['ab', -1]), '');
  assert.equal(call('REPEAT', [S, I], ['ab', null]), null);
  assert.equal(infer('REPEAT', [I, I]), 'Invalid argument type for REPEAT: expected STRING, got INT (argument 1)');
});
