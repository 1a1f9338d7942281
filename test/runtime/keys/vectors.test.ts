// Golden key-group vectors produced by real Flink code (flink-facts.md §2): every row must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KeyRowHasher } from '../../../runtime/keys/binaryRow.js';
import { javaLongHash, javaStringHash } from '../../../runtime/keys/javaHashCodes.js';
import {
  computeKeyGroupForKeyHash,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
} from '../../../runtime/keys/keyGroupAssignment.js';
import { assignKey, type KeyType } from '../../../runtime/keys/keyTypes.js';

interface VectorRow {
  keyType: string;
  key: string | null;
  maxParallelism: number;
  parallelism: number;
  keyGroup: number;
  operatorIndex: number;
  line: number;
}

/** Parses one CSV line: RFC-4180 quoted key with "" escaping; an unquoted empty key is SQL NULL. */
function parseLine(line: string, lineNo: number): VectorRow {
  const firstComma = line.indexOf(',');
  const keyType = line.slice(0, firstComma);
  let i = firstComma + 1;
  let key: string | null;
  if (line[i] === '"') {
    let s = '';
    i++;
    for (;;) {
      const c = line[i];
      if (c === undefined) throw new Error(`line ${lineNo}: unterminated quote`);
      if (c === '"') {
        if (line[i + 1] === '"') {
          s += '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      s += c;
      i++;
    }
    key = s;
  } else {
    const end = line.indexOf(',', i);
    const raw = line.slice(i, end);
    assert.equal(raw, '', `line ${lineNo}: unquoted keys must be empty (SQL NULL)`);
    key = null;
    i = end;
  }
  assert.equal(line[i], ',', `line ${lineNo}: expected a comma after the key`);
  const rest = line.slice(i + 1).split(',').map(Number);
  assert.equal(rest.length, 4, `line ${lineNo}: expected 4 numeric columns`);
  const [maxParallelism, parallelism, keyGroup, operatorIndex] = rest as [number, number, number, number];
  return { keyType, key, maxParallelism, parallelism, keyGroup, operatorIndex, line: lineNo };
}

function loadVectors(): VectorRow[] {
  const text = readFileSync(resolve('test/fixtures/keygroup-vectors-sample.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  assert.equal(lines[0], 'key_type,key,max_parallelism,parallelism,key_group,operator_index');
  return lines.slice(1).map((l, idx) => parseLine(l, idx + 2));
}

function toLong(s: string): number | bigint {
  const b = BigInt(s);
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

const stringRow = new KeyRowHasher(['VARCHAR']);
const bigintRow = new KeyRowHasher(['BIGINT']);
const intRow = new KeyRowHasher(['INTEGER']);

function hashOf(row: VectorRow): number {
  switch (row.keyType) {
    case 'string':
      return javaStringHash(row.key!);
    case 'int':
      return Number(row.key) | 0;
    case 'long':
      return javaLongHash(BigInt(row.key!));
    case 'rowdata_string':
      return stringRow.hash1(row.key);
    case 'rowdata_bigint':
      return bigintRow.hash1(row.key === null ? null : toLong(row.key));
    case 'rowdata_int':
      return intRow.hash1(row.key === null ? null : Number(row.key));
    default:
      throw new Error(`line ${row.line}: unknown key_type ${row.keyType}`);
  }
}

const CLI_TYPE: Record<string, KeyType> = {
  string: 'java-string',
  int: 'java-int',
  long: 'java-long',
  rowdata_string: 'sql-string',
  rowdata_bigint: 'sql-bigint',
  rowdata_int: 'sql-int',
};

test('the sample file holds the expected 216 rows and key types', () => {
  const rows = loadVectors();
  assert.equal(rows.length, 216);
  const types = new Set(rows.map((r) => r.keyType));
  assert.deepEqual([...types].sort(), ['long', 'rowdata_bigint', 'rowdata_string', 'string']);
  assert.ok(rows.some((r) => r.key === null), 'the sample includes a SQL NULL key');
  assert.ok(rows.some((r) => r.key === 'quote"inside'), 'the "" escape is decoded');
});

test('every golden row: key → key group → operator index', () => {
  const failures: string[] = [];
  for (const row of loadVectors()) {
    const kg = computeKeyGroupForKeyHash(hashOf(row), row.maxParallelism);
    const idx = computeOperatorIndexForKeyGroup(row.maxParallelism, row.parallelism, kg);
    if (kg !== row.keyGroup || idx !== row.operatorIndex) {
      failures.push(`line ${row.line} ${row.keyType} ${JSON.stringify(row.key)}: got kg ${kg}/op ${idx}, want ${row.keyGroup}/${row.operatorIndex}`);
    }
    const range = computeKeyGroupRangeForOperatorIndex(row.maxParallelism, row.parallelism, row.operatorIndex);
    if (!range.contains(row.keyGroup)) failures.push(`line ${row.line}: ${range.toString()} misses ${row.keyGroup}`);
  }
  assert.deepEqual(failures, []);
});

test('every golden row through assignKey (the CLI path) and through hashRow', () => {
  const failures: string[] = [];
  for (const row of loadVectors()) {
    const a = assignKey(CLI_TYPE[row.keyType]!, row.key, row.maxParallelism, row.parallelism);
    if (!a.ok || a.keyGroup !== row.keyGroup || a.subtask !== row.operatorIndex) {
      failures.push(`line ${row.line}: ${JSON.stringify(a)}`);
    }
    if (row.keyType === 'rowdata_string' && stringRow.hashRow([row.key]) !== stringRow.hash1(row.key)) {
      failures.push(`line ${row.line}: hashRow differs from hash1`);
    }
  }
  assert.deepEqual(failures, []);
});
