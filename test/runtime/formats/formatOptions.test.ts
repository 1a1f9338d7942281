// Validation of csv.* / json.* options with Flink's names, defaults and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCsvOptions, resolveJsonOptions, unescapeJava, validateFormatOptions } from '../../../runtime/formats/formatOptions.js';

test('csv defaults and values', () => {
  const { options, errors } = resolveCsvOptions(new Map());
  assert.deepEqual(errors, []);
  assert.deepEqual(options, {
    fieldDelimiter: ',', quoteCharacter: '"', allowComments: false, ignoreParseErrors: false, escapeCharacter: undefined, nullLiteral: undefined,
    writeBigDecimalInScientificNotation: true,
  });
  const r = resolveCsvOptions(new Map([['csv.field-delimiter', '\\t'], ['csv.disable-quote-character', 'TRUE'], ['csv.null-literal', '']]));
  assert.deepEqual(r.errors, []);
  assert.equal(r.options.fieldDelimiter, '\t');
  assert.equal(r.options.quoteCharacter, undefined);
  assert.equal(r.options.nullLiteral, '');
});

test('csv errors', () => {
  const r = validateFormatOptions('csv', new Map([
    ['csv.field-delimiter', ';;'], ['csv.allow-comments', 'yes'], ['csv.quote-charactr', "'"], ['csv.quote-character', "'"], ['csv.disable-quote-character', 'true'],
  ]));
  const byKey = Object.fromEntries(r.errors.map((e) => [e.key, e.message]));
  assert.equal(byKey['csv.field-delimiter'], "Option 'csv.field-delimiter' must be a string with single character, but was: ;;");
  assert.match(byKey['csv.allow-comments']!, /Could not parse value 'yes' for key 'csv.allow-comments'/);
  assert.match(byKey['csv.quote-charactr']!, /^Unsupported option 'csv.quote-charactr' for format 'csv'\. Did you mean 'csv.quote-character'\?/);
  assert.equal(byKey['csv.quote-character'], 'Format cannot define a quote character and disabled quote character at the same time.');
  assert.equal(r.errors.length, 4);
});

test('json defaults and errors', () => {
  assert.deepEqual(resolveJsonOptions({}).options, {
    failOnMissingField: false, ignoreParseErrors: false, timestampFormat: 'SQL', encodeDecimalAsPlainNumber: false, encodeIgnoreNullFields: false,
  });
  assert.equal(resolveJsonOptions({ 'timestamp-format.standard': 'iso-8601' }).options.timestampFormat, 'ISO-8601');
  const r = validateFormatOptions('json', { 'json.fail-on-missing-field': 'true', 'json.ignore-parse-errors': 'true', 'json.timestamp-format.standard': 'RFC', 'json.foo': 'x' });
  const messages = r.errors.map((e) => `${e.key}: ${e.message}`);
  assert.ok(messages.includes("json.ignore-parse-errors: fail-on-missing-field and ignore-parse-errors shouldn't both be true."));
  assert.ok(messages.includes("json.timestamp-format.standard: Unsupported value 'RFC' for timestamp-format.standard. Supported values are [SQL, ISO-8601]."));
  assert.ok(messages.some((m) => m.startsWith("json.foo: Unsupported option 'json.foo' for format 'json'.")));
  assert.equal(r.errors.length, 3);
});

test('unescapeJava', () => {
  assert.equal(unescapeJava('\\t'), '\t');
  assert.equal(unescapeJava('\\u0001'), '\u0001');
  assert.equal(unescapeJava('\\\\'), '\\');
  assert.equal(unescapeJava('|'), '|');
});
