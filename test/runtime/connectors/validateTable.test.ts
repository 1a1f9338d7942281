import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateTable } from '../../../runtime/connectors/validateTable.js';
import { canBeSink, canBeSource, isBounded, sinkChangelogMode } from '../../../runtime/connectors/connectorSpec.js';
import { RowKind } from '../../../runtime/types/rowKind.js';
import { STRING_LENGTH } from '../../../runtime/types/logicalType.js';
import { col, table, type } from './helpers.js';

const INT = type('INTEGER');
const STR = type('VARCHAR', { length: STRING_LENGTH });

function only(t: ReturnType<typeof table>) {
  const r = validateTable(t, 'job.flink.sql');
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(r.diagnostics, null, 1));
  assert.equal(r.spec, undefined);
  assert.equal(errors[0]!.file, 'job.flink.sql');
  return errors[0]!;
}

test('a valid datagen table gives a typed spec', () => {
  const t = table('orders', [col('id', INT), col('name', STR), col('v', type('VARCHAR', { length: 12 })), col('total', INT, true), col('ts', type('TIMESTAMP_WITHOUT_TIME_ZONE', { precision: 3 }))], {
    connector: 'datagen',
    'rows-per-second': '5',
    'number-of-rows': '100',
    'fields.id.kind': 'sequence',
    'fields.id.start': '1',
    'fields.id.end': '1000',
    'fields.name.length': '8',
    'fields.name.null-rate': '0.25',
    'fields.ts.max-past': '5 s',
  });
  const r = validateTable(t);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.spec, {
    connector: 'datagen',
    rowsPerSecond: 5,
    numberOfRows: 100,
    fields: [
      { kind: 'sequence', start: 1, end: 1000 },
      { kind: 'random', length: 8, maxPastMs: 0, nullRate: 0.25, varLen: false },
      { kind: 'random', length: 12, maxPastMs: 0, nullRate: 0, varLen: false },
      { kind: 'random', length: 100, maxPastMs: 5000, nullRate: 0, varLen: false },
    ],
  });
  assert.equal(isBounded(r.spec!), true);
  const unbounded = validateTable(table('t', [col('a', INT)], { connector: 'datagen', 'fields.a.min': '1', 'fields.a.max': '9' }));
  assert.deepEqual(unbounded.spec, { connector: 'datagen', rowsPerSecond: 10000, fields: [{ kind: 'random', min: 1, max: 9, length: 100, maxPastMs: 0, nullRate: 0, varLen: false }] });
  assert.equal(isBounded(unbounded.spec!), false);
});

test('missing connector is reported at the table name', () => {
  const t = table('t', [col('a', INT)], { 'rows-per-second': '1' });
  const d = only(t);
  assert.equal(d.code, 'missing-option');
  assert.match(d.message, /^Table options do not contain an option key 'connector' for discovering a connector/);
  assert.deepEqual(d.range, t.nameRange);
});

test('unknown connector lists the available identifiers with a did-you-mean', () => {
  const t = table('t', [col('a', INT)], { connector: 'datagenn' });
  const d = only(t);
  assert.equal(d.code, 'unknown-connector');
  assert.equal(
    d.message,
    "Could not find any factory for identifier 'datagenn' that implements 'org.apache.flink.table.factories.DynamicTableFactory' in the classpath. Available factory identifiers are: blackhole, datagen, filesystem, print. Did you mean 'datagen'?",
  );
  assert.deepEqual(d.range, t.options[0]!.valueRange);
  assert.match(only(table('t', [], { connector: 'kafkaa' })).message, /Did you mean 'kafka'\?/);
});

test('Flink connectors the runtime lacks are "not supported yet", distinctly', () => {
  const d = only(table('t', [col('a', INT)], { connector: 'kafka', topic: 'x' }));
  assert.equal(d.code, 'unsupported-connector');
  assert.match(d.message, /^The 'kafka' connector exists in Flink, but Checkpoint Lab does not support it yet\. Available factory identifiers are: blackhole, datagen, filesystem, print\.$/);
});

test('unsupported datagen options, with did-you-mean', () => {
  const t = table('t', [col('x', INT)], { connector: 'datagen', 'fields.x.kindd': 'random' });
  const d = only(t);
  assert.equal(d.code, 'unsupported-option');
  assert.equal(d.message, "Unsupported options found for 'datagen'. Unsupported options: fields.x.kindd. Did you mean 'fields.x.kind'?");
  assert.deepEqual(d.range, t.options[1]!.keyRange);
  const rps = only(table('t', [col('x', INT)], { connector: 'datagen', 'rows-per-secnd': '3' }));
  assert.match(rps.message, /Did you mean 'rows-per-second'\?/);
});

test('an option that does not apply to the column type explains why', () => {
  const d = only(table('t', [col('x', INT)], { connector: 'datagen', 'fields.x.length': '5' }));
  assert.match(d.message, /^Unsupported options found for 'datagen'\. Unsupported options: fields\.x\.length\. 'length' does not apply to a random INT field; it takes: fields\.x\.kind, fields\.x\.min, fields\.x\.max, fields\.x\.null-rate\.$/);
});

test('fields.<name>.* naming a missing or computed column', () => {
  const t = table('t', [col('user_id', INT), col('c', INT, true)], { connector: 'datagen', 'fields.userid.min': '1' });
  const d = only(t);
  assert.equal(d.code, 'unknown-column');
  assert.equal(d.message, "'fields.userid.min' refers to column 'userid', which table 't' does not have. Did you mean 'user_id'?");
  assert.deepEqual(d.range, t.options[1]!.keyRange);
  const c = only(table('t', [col('a', INT), col('c', INT, true)], { connector: 'datagen', 'fields.c.kind': 'random' }));
  assert.match(c.message, /refers to column 'c', which is a computed column/);
});

test('wrong value types are reported at the value', () => {
  const t = table('t', [col('x', INT), col('s', STR)], { connector: 'datagen', 'rows-per-second': 'fast' });
  const d = only(t);
  assert.equal(d.message, "Could not parse value 'fast' for key 'rows-per-second'. Expected a whole number.");
  assert.deepEqual(d.range, t.options[1]!.valueRange);
  assert.match(only(table('t', [col('x', INT)], { connector: 'datagen', 'fields.x.min': '1.5' })).message, /Could not parse value '1\.5' for key 'fields\.x\.min'\. Expected a whole number between -2147483648 and 2147483647 for type INT\./);
  assert.match(only(table('t', [col('x', type('TINYINT'))], { connector: 'datagen', 'fields.x.max': '300' })).message, /between -128 and 127 for type TINYINT/);
  assert.match(only(table('t', [col('s', STR)], { connector: 'datagen', 'fields.s.var-len': 'maybe' })).message, /Expected either true or false/);
  assert.match(only(table('t', [col('s', STR)], { connector: 'datagen', 'fields.s.null-rate': '1.5' })).message, /The null rate must be between 0\.0 and 1\.0\./);
  assert.match(only(table('t', [col('ts', type('TIMESTAMP_WITH_LOCAL_TIME_ZONE'))], { connector: 'datagen', 'fields.ts.max-past': '5 parsecs' })).message, /Expected a duration like '10 s' or '500 ms'/);
  assert.match(only(table('t', [col('x', INT)], { connector: 'datagen', 'fields.x.kind': 'randomly' })).message, /Expected one of: \[random, sequence\]/);
  assert.match(only(table('t', [col('x', INT)], { connector: 'datagen', 'fields.x.min': '9', 'fields.x.max': '2' })).message, /lower bound \(9\) must be strictly less than upper bound \(2\)/);
});

test('a sequence needs start and end, on a supported type', () => {
  const t = table('t', [col('id', type('BIGINT'))], { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '1' });
  const d = only(t);
  assert.equal(d.code, 'missing-option');
  assert.match(d.message, /requires 'fields\.id\.start' and 'fields\.id\.end': missing 'fields\.id\.end'/);
  assert.deepEqual(d.range, t.options[1]!.valueRange);
  const b = only(table('t', [col('flag', type('BOOLEAN'))], { connector: 'datagen', 'fields.flag.kind': 'sequence', 'fields.flag.start': '0', 'fields.flag.end': '1' }));
  assert.equal(b.code, 'unsupported-type');
  assert.match(b.message, /^The sequence generator does not support type BOOLEAN of field 'flag'/);
  const rev = only(table('t', [col('id', INT)], { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '10', 'fields.id.end': '1' }));
  assert.match(rev.message, /start value \(10\).*cannot be greater than the end value \(1\)/);
  const big = validateTable(table('t', [col('id', type('BIGINT'))], { connector: 'datagen', 'fields.id.kind': 'sequence', 'fields.id.start': '9223372036854775800', 'fields.id.end': '9223372036854775807' }));
  assert.deepEqual(big.spec && big.spec.connector === 'datagen' ? big.spec.fields[0] : undefined, { kind: 'sequence', start: 9223372036854775800n, end: 9223372036854775807n });
});

test('string length rules of the random generator', () => {
  assert.match(only(table('t', [col('c', type('CHAR', { length: 4 }))], { connector: 'datagen', 'fields.c.length': '3' })).message, /Custom length for fixed-length type \(CHAR\/BINARY\) field 'c' is not supported\./);
  assert.match(only(table('t', [col('v', type('VARCHAR', { length: 4 }))], { connector: 'datagen', 'fields.v.length': '9' })).message, /Custom length '9' for variable-length type \(VARCHAR\/STRING\/VARBINARY\/BYTES\) field 'v' should be shorter than '4'/);
  assert.match(only(table('t', [col('c', type('CHAR', { length: 4 }))], { connector: 'datagen', 'fields.c.var-len': 'true' })).message, /Only supports specifying 'fields\.c\.var-len' option for variable-length types/);
  assert.match(only(table('t', [col('x', type('INTERVAL_DAY_TIME'))], { connector: 'datagen' })).message, /Unsupported type: INTERVAL DAY TO SECOND/);
  assert.match(only(table('t', [col('x', type('INTEGER', { nullable: false }))], { connector: 'datagen', 'fields.x.null-rate': '0.1' })).message, /Field 'x' is NOT NULL/);
});

test('filesystem requires path and format; only csv and json are supported', () => {
  const t = table('files', [col('a', INT)], { connector: 'filesystem' });
  const d = only(t);
  assert.equal(d.message, 'One or more required options are missing. Missing required options are: path, format');
  assert.deepEqual(d.range, t.nameRange);
  const pq = only(table('t', [col('a', INT)], { connector: 'filesystem', path: '/d', format: 'parquet' }));
  assert.equal(pq.code, 'unsupported-format');
  assert.match(pq.message, /The 'parquet' format exists in Flink, but Checkpoint Lab does not support it yet/);
  const typo = only(table('t', [col('a', INT)], { connector: 'filesystem', path: '/d', format: 'jsn' }));
  assert.match(typo.message, /Could not find any format factory for identifier 'jsn' in the classpath\..*Did you mean 'json'\?/);
  const ok = validateTable(table('t', [col('a', INT)], { connector: 'filesystem', path: '/data/in', format: 'csv', 'csv.field-delimiter': ';', 'csv.ignore-parse-errors': 'true' }));
  assert.deepEqual(ok.diagnostics, []);
  assert.equal(ok.spec?.connector, 'filesystem');
  if (ok.spec?.connector === 'filesystem') {
    assert.equal(ok.spec.path, '/data/in');
    assert.equal(ok.spec.format, 'csv');
    assert.deepEqual([...ok.spec.formatOptions], [['field-delimiter', ';'], ['ignore-parse-errors', 'true']]);
    assert.equal(ok.spec.rollingPolicy.fileSizeBytes, 128 * 1024 * 1024);
    assert.equal(isBounded(ok.spec), true);
  }
  const other = only(table('t', [col('a', INT)], { connector: 'filesystem', path: '/d', format: 'csv', 'json.ignore-parse-errors': 'true' }));
  assert.match(other.message, /'json\.ignore-parse-errors' is an option of another format; this table's format is 'csv'\./);
  const mon = only(table('t', [col('a', INT)], { connector: 'filesystem', path: '/d', format: 'json', 'source.monitor-interval': '10 s' }));
  assert.match(mon.message, /'source\.monitor-interval' .* not supported by Checkpoint Lab yet/);
});

test('print and blackhole', () => {
  const p = validateTable(table('out', [col('a', INT)], { connector: 'print', 'print-identifier': 'orders', 'standard-error': 'TRUE', 'sink.parallelism': '2' }));
  assert.deepEqual(p.spec, { connector: 'print', printIdentifier: 'orders', standardError: true, sinkParallelism: 2 });
  assert.deepEqual(validateTable(table('out', [], { connector: 'print' })).spec, { connector: 'print', standardError: false });
  assert.match(only(table('out', [], { connector: 'print', 'print-identifer': 'x' })).message, /Unsupported options found for 'print'\. Unsupported options: print-identifer\. Did you mean 'print-identifier'\?/);
  assert.deepEqual(validateTable(table('out', [col('a', INT)], { connector: 'blackhole' })).spec, { connector: 'blackhole' });
  assert.match(only(table('out', [], { connector: 'blackhole', path: '/x' })).message, /Unsupported options found for 'blackhole'\. Unsupported options: path\./);
});

test('source/sink capabilities and changelog modes', () => {
  assert.equal(canBeSource('datagen'), true);
  assert.equal(canBeSource('print'), false);
  assert.equal(canBeSink('datagen'), false);
  assert.equal(canBeSink('blackhole'), true);
  const all = [RowKind.INSERT, RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.DELETE];
  assert.deepEqual(sinkChangelogMode({ connector: 'print', standardError: false }, all), all);
  assert.deepEqual(sinkChangelogMode({ connector: 'blackhole' }, all), [RowKind.INSERT, RowKind.UPDATE_AFTER, RowKind.DELETE]);
  const fs = { connector: 'filesystem', path: '/d', format: 'csv', formatOptions: new Map(), partitionDefaultName: 'x', rollingPolicy: { fileSizeBytes: 1, rolloverIntervalMs: 1, inactivityIntervalMs: 1, checkIntervalMs: 1 }, autoCompaction: false } as const;
  assert.equal(sinkChangelogMode(fs, all), undefined);
  assert.deepEqual(sinkChangelogMode(fs, [RowKind.INSERT]), [RowKind.INSERT]);
});
