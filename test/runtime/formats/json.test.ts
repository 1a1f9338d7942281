// The json format: Flink's JsonToRowDataConverters / RowDataToJsonConverters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatField } from '../../../runtime/formats/formatTypes.js';
import { createJsonDeserializer, createJsonSerializer } from '../../../runtime/formats/json.js';
import { parseJson } from '../../../runtime/formats/jsonText.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import {
  bigintType, booleanType, dateType, decimalType, doubleType, floatType, intType, stringType, timeType, timestampLtzType, timestampType,
} from '../../../runtime/types/types.js';

const TS = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);
const fields: FormatField[] = [
  { name: 'id', type: bigintType() },
  { name: 'name', type: stringType() },
  { name: 'price', type: decimalType(20, 10) },
  { name: 'ts', type: timestampType(3) },
];

function row(r: ReturnType<ReturnType<typeof createJsonDeserializer>>): unknown[] {
  assert.ok('row' in r, 'error' in r ? r.error : '');
  return r.row;
}

test('reads objects by exact field name; missing and null fields are NULL', () => {
  const de = createJsonDeserializer(fields);
  const r = row(de('{"id": 9007199254740993, "name": "a", "price": 0.1234567890123, "ts": "2024-01-01 10:00:00.5", "extra": [1]}'));
  assert.equal(r[0], 9007199254740993n);
  assert.equal(r[1], 'a');
  assert.equal(String(r[2]), '0.1234567890');
  assert.equal(r[3], TS(2024, 1, 1, 10, 0, 0, 500));
  assert.deepEqual(row(de('{"ID": 1, "name": null}')), [null, null, null, null]);
  // A non-object line has no fields (Jackson's get on a non-object is null).
  assert.deepEqual(row(de('[1,2]')), [null, null, null, null]);
});

test('values convert as Flink: strings for numbers, numbers for strings, truncating INT', () => {
  const de = createJsonDeserializer([
    { name: 'i', type: intType() }, { name: 's', type: stringType() }, { name: 'b', type: booleanType() },
    { name: 'd', type: doubleType() }, { name: 'f', type: floatType() }, { name: 'dt', type: dateType() }, { name: 't', type: timeType() },
  ]);
  assert.deepEqual(row(de('{"i": " 12 ", "s": 1.5, "b": "TRUE", "d": "2.5", "f": 0.1, "dt": "2024-01-01", "t": "10:15:30"}')), [12, '1.5', true, 2.5, Math.fround(0.1), 19723, 36930000]);
  assert.deepEqual(row(de('{"i": 3.9, "s": {"a": [1, "x"]}, "b": 1}')), [3, '{"a":[1,"x"]}', false, null, null, null, null]);
  assert.equal(row(de('{"s": 1e3}'))[1], '1000.0');
});

test('timestamps follow json.timestamp-format.standard', () => {
  const f: FormatField[] = [{ name: 'ts', type: timestampType(3) }, { name: 'z', type: timestampLtzType(3) }];
  const sql = createJsonDeserializer(f);
  assert.deepEqual(row(sql('{"ts": "2024-01-01 10:00:00", "z": "2024-01-01 10:00:00.123Z"}')), [TS(2024, 1, 1, 10), TS(2024, 1, 1, 10, 0, 0, 123)]);
  assert.ok('error' in sql('{"ts": "2024-01-01T10:00:00"}'));
  const iso = createJsonDeserializer(f, { 'json.timestamp-format.standard': 'ISO-8601' });
  assert.deepEqual(row(iso('{"ts": "2024-01-01T10:00", "z": "2024-01-01T10:00:00Z"}')), [TS(2024, 1, 1, 10), TS(2024, 1, 1, 10)]);
  assert.ok('error' in iso('{"ts": "2024-01-01 10:00:00"}'));
});

test('parse errors, fail-on-missing-field and ignore-parse-errors', () => {
  const de = createJsonDeserializer(fields);
  const syntax = de('{"id": 1, "name": }');
  assert.ok('error' in syntax);
  assert.equal(syntax.column, 19);
  assert.match(syntax.error, /^Failed to deserialize JSON '\{"id": 1, "name": \}': Unexpected character \('\}' \(code 125\)\)/);
  const field = de('{"id": "x"}');
  assert.ok('error' in field && field.error.endsWith('Fail to deserialize at field: id: For input string: "x"'));
  assert.ok('error' in de('{"id": 1') && !('skip' in de('{"id": 1')));
  const strict = createJsonDeserializer(fields, { 'fail-on-missing-field': 'true' });
  const missing = strict('{"id": 1, "name": "a", "price": 1}');
  assert.ok('error' in missing && /Could not find field with name 'ts'\./.test(missing.error));
  const lenient = createJsonDeserializer(fields, { 'ignore-parse-errors': 'true' });
  // A field that does not convert is NULL and the row is kept (JsonToRowDataConverters' nullable
  // converter); a line that is not JSON is skipped.
  assert.deepEqual(row(lenient('{"id": "x", "name": "a"}')), [null, 'a', null, null]);
  assert.ok('error' in lenient('not json') && (lenient('not json') as { skip?: boolean }).skip === true);
  // Jackson's readTree reads the first value and ignores what follows.
  assert.deepEqual(row(de('{"id": 1} trailing')), [1, null, null, null]);
});

test('the JSON reader keeps number text and handles escapes', () => {
  const r = parseJson('{"a": -0.10e+2, "b": "x\\u00e9\\n\\"", "c": [true, null], "a2": 1}');
  assert.ok('value' in r && r.value?.kind === 'object');
  const a = r.value.fields.get('a');
  assert.deepEqual(a, { kind: 'number', text: '-0.10e+2', integral: false });
  assert.deepEqual(r.value.fields.get('b'), { kind: 'string', value: 'xé\n"' });
  assert.ok('error' in parseJson('{"a": 01}'));
  assert.ok('error' in parseJson('{"a": tru}'));
  assert.ok('error' in parseJson('{"a": "unterminated}'));
});

test('writes compact objects in schema order with Flink\'s value text', () => {
  const ser = createJsonSerializer(fields);
  assert.equal(ser([1, 'a "q"', Decimal.parse('1.5000000000'), TS(2024, 1, 1, 10, 0, 0, 120)]), '{"id":1,"name":"a \\"q\\"","price":1.5,"ts":"2024-01-01 10:00:00.12"}');
  assert.equal(ser([2n ** 62n, null, null, TS(2024, 1, 1)]), '{"id":4611686018427387904,"name":null,"price":null,"ts":"2024-01-01 00:00:00"}');
  const iso = createJsonSerializer(fields, { 'timestamp-format.standard': 'ISO-8601', 'encode.ignore-null-fields': 'true' });
  assert.equal(iso([1, null, null, TS(2024, 1, 1, 10, 0, 0, 123)]), '{"id":1,"ts":"2024-01-01T10:00:00.123"}');
  const other = createJsonSerializer([
    { name: 'd', type: doubleType() }, { name: 'f', type: floatType() }, { name: 'b', type: booleanType() }, { name: 'dt', type: dateType() },
    { name: 't', type: timeType(3) }, { name: 'z', type: timestampLtzType(3) }, { name: 'm', type: decimalType(10, 8) },
  ]);
  assert.equal(other([1e7, Math.fround(0.1), false, 19723, 36930120, TS(2024, 1, 1), Decimal.parse('0.00000010')]),
    '{"d":1.0E7,"f":0.1,"b":false,"dt":"2024-01-01","t":"10:15:30","z":"2024-01-01 00:00:00Z","m":1E-7}');
  // DECIMALs are normalized as Jackson's JsonNodeFactory does: 100.00 → 1E+2, 0.00 → 0, 718.90 → 718.9.
  const money = createJsonSerializer([{ name: 'a', type: decimalType(10, 2) }]);
  assert.deepEqual(['100.00', '0.00', '718.90', '0.01'].map((t) => money([Decimal.parse(t)])), ['{"a":1E+2}', '{"a":0}', '{"a":718.9}', '{"a":0.01}']);
  assert.equal(other([NaN, null, null, null, null, null, null]).slice(0, 11), '{"d":"NaN",');
  const plain = createJsonSerializer([{ name: 'm', type: decimalType(10, 8) }], { 'encode.decimal-as-plain-number': 'true' });
  assert.equal(plain([Decimal.parse('0.00000010')]), '{"m":0.00000010}');
});

test('serialized rows read back to the same values', () => {
  const ser = createJsonSerializer(fields);
  const de = createJsonDeserializer(fields);
  const r = [-(2n ** 63n), 'π "\\ \n', Decimal.parse('-1234567890.0123456789'), TS(1999, 12, 31, 23, 59, 59, 1)];
  assert.deepEqual(row(de(ser(r))).map(String), r.map(String));
});
