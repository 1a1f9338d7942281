// Type parsing (Flink's DDL/CAST type syntax and defaults) and asSummaryString formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLogicalType, serializeLogicalType } from '../../../runtime/types/formatLogicalType.js';
import type { LogicalType } from '../../../runtime/types/logicalType.js';
import { parseLogicalType } from '../../../runtime/types/parseLogicalType.js';
import {
  bigintType, decimalType, equalsIgnoringNullability, intType, isCharacterString, isIntegral, isNumeric, isTimestamp,
  stringType, timestampLtzType, timestampType, varcharType, withNullability,
} from '../../../runtime/types/types.js';

function parsed(text: string): LogicalType {
  const t = parseLogicalType(text);
  assert.ok(!('error' in t), `${text}: ${'error' in t ? t.error : ''}`);
  return t as LogicalType;
}

test('simple types, synonyms and case-insensitivity', () => {
  assert.deepEqual(parsed('int'), intType());
  assert.deepEqual(parsed('INTEGER'), intType());
  assert.deepEqual(parsed('BigInt'), bigintType());
  assert.equal(parsed('DOUBLE PRECISION').root, 'DOUBLE');
  assert.equal(parsed('tinyint').root, 'TINYINT');
  assert.equal(parsed('SMALLINT').root, 'SMALLINT');
  assert.equal(parsed('FLOAT').root, 'FLOAT');
  assert.equal(parsed('BOOLEAN').root, 'BOOLEAN');
  assert.equal(parsed('DATE').root, 'DATE');
});

test('defaults: DECIMAL(10, 0), CHAR(1), VARCHAR = STRING, TIME(0), TIMESTAMP(6)', () => {
  assert.deepEqual(parsed('DECIMAL'), decimalType(10, 0));
  assert.deepEqual(parsed('NUMERIC(5)'), decimalType(5, 0));
  assert.deepEqual(parsed('DEC(12, 3)'), decimalType(12, 3));
  assert.equal(parsed('CHAR').length, 1);
  assert.deepEqual(parsed('VARCHAR'), stringType());
  assert.deepEqual(parsed('STRING'), stringType());
  assert.deepEqual(parsed('VARCHAR(10)'), varcharType(10));
  assert.equal(parsed('TIME').precision, 0);
  assert.deepEqual(parsed('TIMESTAMP'), timestampType(6));
  assert.deepEqual(parsed('TIMESTAMP(3) WITHOUT TIME ZONE'), timestampType(3));
  assert.deepEqual(parsed('TIMESTAMP_LTZ(3)'), timestampLtzType(3));
  assert.deepEqual(parsed('timestamp(3) with local time zone'), timestampLtzType(3));
  assert.deepEqual(parsed('TIMESTAMP_LTZ'), timestampLtzType(6));
});

test('NOT NULL and NULL suffixes', () => {
  assert.deepEqual(parsed('INT NOT NULL'), intType(false));
  assert.deepEqual(parsed('STRING null'), stringType(true));
  assert.deepEqual(parsed('DECIMAL(10, 2) NOT NULL'), decimalType(10, 2, false));
});

test('interval types', () => {
  assert.equal(parsed('INTERVAL DAY TO SECOND(3)').root, 'INTERVAL_DAY_TIME');
  assert.equal(parsed('INTERVAL SECOND').root, 'INTERVAL_DAY_TIME');
  assert.equal(parsed('INTERVAL YEAR TO MONTH').root, 'INTERVAL_YEAR_MONTH');
  assert.ok('error' in parseLogicalType('INTERVAL YEAR TO SECOND'));
});

test('range errors use Flink\'s messages and point at the parameters', () => {
  assert.deepEqual(parseLogicalType('DECIMAL(39, 2)'), { error: 'Decimal precision must be between 1 and 38 (both inclusive).', offset: 7 });
  assert.deepEqual(parseLogicalType('DECIMAL(5, 6)'), { error: 'Decimal scale must be between 0 and the precision 5 (both inclusive).', offset: 7 });
  assert.equal((parseLogicalType('TIMESTAMP(10)') as { error: string }).error, 'Timestamp precision must be between 0 and 9 (both inclusive).');
  assert.equal((parseLogicalType('VARCHAR(0)') as { error: string }).error, 'Variable character string length must be between 1 and 2147483647 (both inclusive).');
});

test('collection, binary and unknown types are errors', () => {
  for (const t of ['ARRAY<INT>', 'MAP<STRING, INT>', 'ROW<a INT>', 'BYTES', 'BINARY(3)', 'VARBINARY', 'RAW(\'x\', \'y\')', 'MULTISET<INT>']) {
    const r = parseLogicalType(t);
    assert.ok('error' in r && /is not supported by Checkpoint Lab yet/.test(r.error), t);
  }
  const suffix = parseLogicalType('INT ARRAY');
  assert.deepEqual(suffix, { error: "Type 'ARRAY' is not supported by Checkpoint Lab yet", offset: 4 });
  const unknown = parseLogicalType('STRNG');
  assert.ok('error' in unknown && unknown.error.startsWith("Unknown data type 'STRNG'") && unknown.offset === 0);
  assert.ok('error' in parseLogicalType('INT NOT'));
  assert.ok('error' in parseLogicalType('INT extra'));
  assert.ok('error' in parseLogicalType(''));
  assert.ok('error' in parseLogicalType('TIMESTAMP WITH TIME ZONE'));
});

test('formatLogicalType is asSummaryString', () => {
  assert.equal(formatLogicalType(intType(false)), 'INT NOT NULL');
  assert.equal(formatLogicalType(stringType()), 'STRING');
  assert.equal(formatLogicalType(varcharType(10)), 'VARCHAR(10)');
  assert.equal(formatLogicalType(decimalType(10, 2)), 'DECIMAL(10, 2)');
  assert.equal(formatLogicalType(timestampType(3)), 'TIMESTAMP(3)');
  assert.equal(formatLogicalType({ ...timestampType(3), timeAttribute: 'rowtime' }), 'TIMESTAMP(3) *ROWTIME*');
  assert.equal(formatLogicalType({ ...timestampType(3, false), timeAttribute: 'rowtime' }), 'TIMESTAMP(3) NOT NULL *ROWTIME*');
  assert.equal(formatLogicalType({ ...timestampLtzType(3, false), timeAttribute: 'proctime' }), 'TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*');
  assert.equal(formatLogicalType(parsed('CHAR')), 'CHAR(1)');
  assert.equal(formatLogicalType(parsed('TIME')), 'TIME(0)');
  assert.equal(serializeLogicalType(stringType(false)), 'VARCHAR(2147483647) NOT NULL');
  assert.equal(serializeLogicalType(timestampLtzType(3)), 'TIMESTAMP(3) WITH LOCAL TIME ZONE');
});

test('families and equality ignoring nullability', () => {
  assert.ok(isNumeric(decimalType()) && isNumeric(parsed('FLOAT')) && !isNumeric(stringType()));
  assert.ok(isIntegral(bigintType()) && !isIntegral(decimalType()));
  assert.ok(isCharacterString(parsed('CHAR(3)')) && !isCharacterString(intType()));
  assert.ok(isTimestamp(timestampLtzType(3)) && !isTimestamp(parsed('DATE')));
  assert.ok(equalsIgnoringNullability(intType(false), intType(true)));
  assert.ok(equalsIgnoringNullability({ ...timestampType(3), timeAttribute: 'rowtime' }, timestampType(3)));
  assert.ok(!equalsIgnoringNullability(decimalType(10, 2), decimalType(10, 3)));
  assert.ok(equalsIgnoringNullability(parsed('VARCHAR'), stringType(false)));
  const t = intType();
  assert.equal(withNullability(t, true), t);
  assert.equal(withNullability(t, false).nullable, false);
});
