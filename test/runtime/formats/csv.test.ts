// The csv format: Jackson's dialect, Flink's field conversions, errors and ignore-parse-errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCsvDeserializer, createCsvSerializer } from '../../../runtime/formats/csv.js';
import { needsQuotes, splitCsvLine } from '../../../runtime/formats/csvLine.js';
import type { FormatField } from '../../../runtime/formats/formatTypes.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import {
  bigintType, booleanType, dateType, decimalType, doubleType, floatType, intType, stringType, timeType, timestampLtzType, timestampType,
} from '../../../runtime/types/types.js';

const TS = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const fields: FormatField[] = [
  { name: 'id', type: intType() },
  { name: 'name', type: stringType() },
  { name: 'amount', type: decimalType(10, 2) },
  { name: 'ts', type: timestampType(3) },
];

function row(r: ReturnType<ReturnType<typeof createCsvDeserializer>>): unknown[] {
  assert.ok('row' in r, 'error' in r ? r.error : '');
  return r.row;
}

test('RFC 4180 quoting and escapes', () => {
  const d = { delimiter: ',', quote: '"', escape: undefined };
  const split = (l: string) => {
    const r = splitCsvLine(l, d);
    assert.ok('fields' in r);
    return r.fields.map((f) => f.text);
  };
  assert.deepEqual(split('a,"b,c","say ""hi""",'), ['a', 'b,c', 'say "hi"', '']);
  assert.deepEqual(split(''), ['']);
  assert.deepEqual(split(' a , b '), [' a ', ' b ']);
  assert.deepEqual(splitCsvLine('a,"open', d), { error: 'Missing closing quote for value', column: 3 });
  const esc = splitCsvLine('a\\,b,"c\\"d"', { delimiter: ',', quote: '"', escape: '\\' });
  assert.ok('fields' in esc && esc.fields[0]!.text === 'a,b' && esc.fields[1]!.text === 'c"d');
});

test('reads typed fields as Flink csv does', () => {
  const de = createCsvDeserializer(fields);
  const r = row(de('1,"Alice, A.",12.345,2024-01-01 10:00:00.5'));
  assert.equal(r[0], 1);
  assert.equal(r[1], 'Alice, A.');
  assert.equal(String(r[2]), '12.35');
  assert.equal(r[3], TS(2024, 1, 1, 10, 0, 0, 500));
  // Only the null literal is NULL: an empty field is '' for strings and does not parse as a
  // number or timestamp (as real Flink 2.3 fails the job); numbers are trimmed.
  assert.deepEqual(row(de(' 7 ,,1,2024-01-01 00:00:00')).map(String), ['7', '', '1.00', String(TS(2024, 1, 1))]);
  const empty = de(' 7 ,,,');
  assert.ok('error' in empty && /field 'amount' \(DECIMAL\(10, 2\)\)/.test(empty.error) && empty.column === 6);
  // DECIMAL overflow is NULL, as DecimalData.fromBigDecimal.
  assert.equal(row(de('1,a,123456789.1,2024-01-01 00:00:00'))[2], null);
  // Jackson's trailing-comma tolerance: one extra empty column is ignored.
  assert.equal(row(de('1,a,1,2024-01-01 00:00:00,')).length, 4);
});

test('other types: BOOLEAN as Boolean.parseBoolean, DOUBLE/FLOAT/BIGINT as Java, dates and times', () => {
  const de = createCsvDeserializer([
    { name: 'b', type: booleanType() }, { name: 'd', type: doubleType() }, { name: 'f', type: floatType() }, { name: 'l', type: bigintType() },
    { name: 'dt', type: dateType() }, { name: 't', type: timeType() }, { name: 'z', type: timestampLtzType(3) },
  ]);
  const r = row(de('TRUE,1e3,0.1,9223372036854775807,2024-1-5,10:15:30,2024-01-01 10:00:00Z'));
  assert.deepEqual(r, [true, 1000, Math.fround(0.1), 9223372036854775807n, 19727, 36930000, TS(2024, 1, 1, 10)]);
  assert.equal(row(de('yes,1,1,1,2024-1-5,10:15:30,2024-01-01 10:00:00Z'))[0], false);
  // An empty BOOLEAN field is Boolean.parseBoolean(""): false, not NULL.
  assert.equal(row(de(',1,1,1,2024-1-5,10:15:30,2024-01-01 10:00:00Z'))[0], false);
  const emptyDouble = de('true,,1,1,2024-1-5,10:15:30,2024-01-01 10:00:00Z');
  assert.ok('error' in emptyDouble && /field 'd' \(DOUBLE\)/.test(emptyDouble.error));
});

test('errors name the field and column; ignore-parse-errors nulls bad fields and skips bad lines', () => {
  const de = createCsvDeserializer(fields);
  const bad = de('1,a,abc,');
  assert.ok('error' in bad);
  assert.equal(bad.column, 5);
  assert.match(bad.error, /^Failed to deserialize CSV row '1,a,abc,': field 'amount' \(DECIMAL\(10, 2\)\)/);
  const badTs = de('1,a,1,2024-01-01T10:00:00');
  assert.ok('error' in badTs && /Timestamp format must be yyyy-mm-dd hh:mm:ss\[\.fffffffff\]/.test(badTs.error));
  const badInt = de('x,a,1,');
  assert.ok('error' in badInt && badInt.error.endsWith('For input string: "x"') && badInt.column === 1);
  const short = de('1,a');
  assert.ok('error' in short && /Row length mismatch\. 4 fields expected but was 2\./.test(short.error) && !short.skip);
  const long = de('1,a,1,,extra');
  assert.ok('error' in long && /Too many entries/.test(long.error));

  const lenient = createCsvDeserializer(fields, { 'ignore-parse-errors': 'true' });
  assert.deepEqual(row(lenient('x,a,abc,nope')), [null, 'a', null, null]);
  assert.deepEqual(row(lenient('1,a')), [1, 'a', null, null]);
  const skipped = lenient('1,"unterminated');
  assert.ok('error' in skipped && skipped.skip === true);
});

test('options: delimiter, quote, null literal, comments', () => {
  const tab = createCsvDeserializer(fields, { 'csv.field-delimiter': '\\t', 'csv.null-literal': 'NULL' });
  assert.deepEqual(row(tab('1\tNULL\t2\tNULL')), [1, null, Decimal.parse('2.00'), null]);
  const semi = createCsvDeserializer(fields, { 'field-delimiter': ';', 'quote-character': "'" });
  assert.equal(row(semi("1;'a;b';1;2024-01-01 00:00:00"))[1], 'a;b');
  const noQuote = createCsvDeserializer(fields, { 'disable-quote-character': 'true' });
  assert.equal(row(noQuote('1,"a",1,2024-01-01 00:00:00'))[1], '"a"');
  const comments = createCsvDeserializer(fields, { 'allow-comments': 'true' });
  const c = comments('# a comment');
  assert.ok('error' in c && c.skip === true);
  assert.ok('error' in createCsvDeserializer(fields)('# not a comment'));
});

test('writes as Jackson: minimal quoting, Java number text, SQL timestamps', () => {
  const ser = createCsvSerializer(fields);
  assert.equal(ser([1, 'plain', Decimal.parse('1.50'), TS(2024, 1, 1, 10, 0, 0, 120)]), '1,plain,1.5,"2024-01-01 10:00:00.12"');
  assert.equal(ser([2, 'a,b', null, null]), '2,"a,b",,');
  assert.equal(ser([3, 'say "hi"', null, null]), '3,"say ""hi""",,');
  assert.equal(ser([4, 'two words', null, null]), '4,"two words",,');
  assert.equal(ser([5, '', Decimal.parse('0.00000010'), TS(2024, 1, 1)]), '5,,1E-7,"2024-01-01 00:00:00"');
  const plain = createCsvSerializer(fields, { 'write-bigdecimal-in-scientific-notation': 'false', 'null-literal': 'N/A' });
  // Real Flink 2.3 writes the normalized value even with write-bigdecimal-in-scientific-notation false.
  assert.equal(plain([5, null, Decimal.parse('100.00'), null]), '5,N/A,1E+2,N/A');
  const other = createCsvSerializer([{ name: 'd', type: doubleType() }, { name: 'b', type: booleanType() }, { name: 'dt', type: dateType() }]);
  assert.equal(other([1e7, true, 19723]), '1.0E7,true,2024-01-01');
  assert.ok(needsQuotes('a b', { delimiter: ',', quote: '"', escape: undefined }));
  assert.ok(!needsQuotes('a-b', { delimiter: ',', quote: '"', escape: undefined }));
});

test('serialized rows read back to the same values', () => {
  // NULL round-trips only through a null literal: without one it is written as an empty field,
  // which Flink cannot read back into a DECIMAL or TIMESTAMP column either.
  const ser = createCsvSerializer(fields, { 'null-literal': 'NULL' });
  const de = createCsvDeserializer(fields, { 'null-literal': 'NULL' });
  const rows: unknown[][] = [
    [1, 'a,b "c"', Decimal.parse('-12.34'), TS(2024, 2, 29, 23, 59, 59, 999)],
    [-2147483648, ' spaced ', Decimal.parse('0.00'), TS(1969, 7, 20, 20, 17)],
    [0, 'x', null, null],
  ];
  for (const r of rows) {
    const back = row(de(ser(r)));
    assert.deepEqual(back.map(String), r.map(String));
  }
});
