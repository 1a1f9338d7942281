import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PollStatus, Row, SourceReader } from '../../../runtime/connectors/api.js';
import type { DatagenField, DatagenSpec } from '../../../runtime/connectors/connectorSpec.js';
import { createDatagenSource, type DatagenColumn } from '../../../runtime/connectors/datagenSource.js';
import { STRING_LENGTH } from '../../../runtime/types/logicalType.js';
import { type } from './helpers.js';

const random = (extra: Partial<Extract<DatagenField, { kind: 'random' }>> = {}): DatagenField => ({
  kind: 'random',
  length: 100,
  maxPastMs: 0,
  nullRate: 0,
  varLen: false,
  ...extra,
});

function spec(fields: DatagenField[], extra: Partial<DatagenSpec> = {}): DatagenSpec {
  return { connector: 'datagen', rowsPerSecond: 1_000_000, fields, ...extra };
}

function poll(reader: SourceReader, max: number, now: number): { rows: Row[]; status: PollStatus } {
  const rows: Row[] = [];
  const status = reader.poll({ push: (r) => rows.push(r) }, max, now);
  return { rows, status };
}

/** Reads until end, advancing the clock to each `wait`. */
function drain(reader: SourceReader, limit = 1_000_000): Row[] {
  const all: Row[] = [];
  let now = 0;
  for (let i = 0; i < limit; i++) {
    const { rows, status } = poll(reader, 1000, now);
    all.push(...rows);
    if (status.kind === 'end') return all;
    if (status.kind === 'wait') now = status.until;
  }
  throw new Error('source did not end');
}

const ID: DatagenColumn[] = [{ name: 'id', type: type('BIGINT') }];

test('sequence values are strided across subtasks and the source ends when exhausted', () => {
  for (const p of [1, 3, 4]) {
    const factory = createDatagenSource(spec([{ kind: 'sequence', start: 1, end: 10 }]), ID);
    assert.equal(factory.bounded, true);
    const seen: number[] = [];
    for (let i = 0; i < p; i++) {
      const values = drain(factory.createReader(i, p, 7)).map((r) => r[0] as number);
      const expected: number[] = [];
      for (let v = 1 + i; v <= 10; v += p) expected.push(v);
      assert.deepEqual(values, expected, `p=${p} subtask=${i}`);
      seen.push(...values);
    }
    assert.deepEqual(seen.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }
});

test('sequence values are typed per column', () => {
  const cols: DatagenColumn[] = [
    { name: 's', type: type('VARCHAR', { length: STRING_LENGTH }) },
    { name: 'f', type: type('FLOAT') },
    { name: 'd', type: type('DECIMAL', { precision: 10, scale: 2 }) },
  ];
  const seq = { kind: 'sequence', start: 5, end: 6 } as const;
  const rows = drain(createDatagenSource(spec([seq, seq, seq]), cols).createReader(0, 1, 1));
  assert.deepEqual(rows, [
    ['5', 5, { unscaled: 500n, scale: 2 }],
    ['6', 6, { unscaled: 600n, scale: 2 }],
  ]);
  const big = drain(createDatagenSource(spec([{ kind: 'sequence', start: 9223372036854775806n, end: 9223372036854775807n }]), ID).createReader(0, 1, 1));
  assert.deepEqual(big, [[9223372036854775806n], [9223372036854775807n]]);
});

test('number-of-rows is split n/p plus one for subtasks below n % p', () => {
  const factory = createDatagenSource(spec([random()], { numberOfRows: 10 }), ID);
  assert.equal(factory.bounded, true);
  assert.deepEqual([0, 1, 2, 3].map((i) => drain(factory.createReader(i, 4, 1)).length), [3, 3, 2, 2]);
  assert.deepEqual([0, 1, 2].map((i) => drain(factory.createReader(i, 3, 1)).length), [4, 3, 3]);
});

test('rows-per-second is the total: each subtask emits ceil(rate/p) per second of the job clock', () => {
  const factory = createDatagenSource(spec([random()], { rowsPerSecond: 10 }), ID);
  assert.equal(factory.bounded, false);
  const r = factory.createReader(1, 3, 1); // ceil(10/3) = 4 rows per second
  let out = poll(r, 100, 1000);
  assert.equal(out.rows.length, 4);
  assert.deepEqual(out.status, { kind: 'wait', until: 2000 });
  out = poll(r, 100, 1500);
  assert.equal(out.rows.length, 0);
  assert.deepEqual(out.status, { kind: 'wait', until: 2000 });
  out = poll(r, 100, 2000);
  assert.equal(out.rows.length, 4);
  assert.deepEqual(out.status, { kind: 'wait', until: 3000 });
  // Behind schedule (clock jumped to 5000): Flink does not sleep, it catches up batch by batch.
  out = poll(r, 100, 5000);
  assert.equal(out.rows.length, 12);
  assert.deepEqual(out.status, { kind: 'wait', until: 6000 });
  // `max` bounds one poll.
  out = poll(r, 3, 6000);
  assert.equal(out.rows.length, 3);
  assert.deepEqual(out.status, { kind: 'more' });
  out = poll(r, 3, 6000);
  assert.equal(out.rows.length, 1);
  assert.deepEqual(out.status, { kind: 'wait', until: 7000 });
});

test('a bounded paced source ends after its last row (or after the wait that follows a full batch)', () => {
  const r = createDatagenSource(spec([random()], { rowsPerSecond: 2, numberOfRows: 3 }), ID).createReader(0, 1, 1);
  assert.equal(poll(r, 10, 0).rows.length, 2);
  const second = poll(r, 10, 1000);
  assert.equal(second.rows.length, 1);
  assert.deepEqual(second.status, { kind: 'end' });
  const exact = createDatagenSource(spec([random()], { rowsPerSecond: 2, numberOfRows: 2 }), ID).createReader(0, 1, 1);
  assert.deepEqual(poll(exact, 10, 0).status, { kind: 'wait', until: 1000 });
  assert.deepEqual(poll(exact, 10, 1000), { rows: [], status: { kind: 'end' } });
});

test('same seed and subtask give the same rows; another subtask or seed gives another stream', () => {
  const cols: DatagenColumn[] = [{ name: 'a', type: type('INTEGER') }, { name: 's', type: type('VARCHAR', { length: 10 }) }];
  const f = createDatagenSource(spec([random(), random({ length: 10 })], { numberOfRows: 200 }), cols);
  const a = drain(f.createReader(0, 2, 42));
  assert.deepEqual(drain(f.createReader(0, 2, 42)), a);
  assert.notDeepEqual(drain(f.createReader(1, 2, 42)), a);
  assert.notDeepEqual(drain(f.createReader(0, 2, 43)), a);
  // A different table label separates two tables of the same schema.
  const g = createDatagenSource(spec([random(), random({ length: 10 })], { numberOfRows: 200 }), cols, { label: 'other' });
  assert.notDeepEqual(drain(g.createReader(0, 2, 42)), a);
});

test('null-rate gives about that fraction of nulls', () => {
  const f = createDatagenSource(spec([random({ nullRate: 0.3 })], { numberOfRows: 20_000 }), [{ name: 'a', type: type('INTEGER') }]);
  const rows = drain(f.createReader(0, 1, 5));
  const nulls = rows.filter((r) => r[0] === null).length / rows.length;
  assert.ok(nulls > 0.28 && nulls < 0.32, `null fraction ${nulls}`);
  const none = drain(createDatagenSource(spec([random()], { numberOfRows: 2000 }), [{ name: 'a', type: type('INTEGER') }]).createReader(0, 1, 5));
  assert.ok(none.every((r) => r[0] !== null));
});

test('random numbers respect inclusive bounds and default to the type range', () => {
  const cols: DatagenColumn[] = [
    { name: 'a', type: type('INTEGER') },
    { name: 't', type: type('TINYINT') },
    { name: 'b', type: type('BIGINT') },
    { name: 'd', type: type('DOUBLE') },
  ];
  const rows = drain(createDatagenSource(spec([random({ min: 1, max: 3 }), random(), random(), random({ min: -1, max: 1 })], { numberOfRows: 3000 }), cols).createReader(0, 1, 9));
  const as = new Set(rows.map((r) => r[0]));
  assert.deepEqual([...as].sort(), [1, 2, 3]);
  assert.ok(rows.every((r) => Number.isInteger(r[1]) && (r[1] as number) >= -128 && (r[1] as number) <= 127));
  assert.ok(new Set(rows.map((r) => r[1])).size > 200);
  // Over the full BIGINT range almost every value is outside the safe range, so a bigint.
  assert.ok(rows.filter((r) => typeof r[2] === 'bigint').length > 2900);
  assert.ok(rows.every((r) => typeof r[2] === 'number' ? Number.isSafeInteger(r[2]) : (r[2] as bigint) >= -(2n ** 63n) && (r[2] as bigint) < 2n ** 63n));
  assert.ok(rows.every((r) => (r[3] as number) >= -1 && (r[3] as number) <= 1));
});

test('random strings are lowercase hex of the configured length', () => {
  const cols: DatagenColumn[] = [
    { name: 's', type: type('VARCHAR', { length: STRING_LENGTH }) },
    { name: 'v', type: type('VARCHAR', { length: 100 }) },
    { name: 'w', type: type('VARCHAR', { length: 16 }) },
  ];
  const rows = drain(createDatagenSource(spec([random({ length: 8 }), random(), random({ length: 16, varLen: true })], { numberOfRows: 500 }), cols).createReader(0, 1, 3));
  assert.ok(rows.every((r) => /^[0-9a-f]{8}$/.test(r[0] as string)));
  assert.ok(rows.every((r) => /^[0-9a-f]{100}$/.test(r[1] as string)));
  const lengths = new Set(rows.map((r) => (r[2] as string).length));
  assert.ok([...lengths].every((n) => n >= 1 && n <= 16) && lengths.size > 8);
  assert.ok(rows.some((r) => /[a-f]/.test(r[0] as string)));
});

test('timestamps are now minus a random past; booleans; dates from the job clock', () => {
  const cols: DatagenColumn[] = [
    { name: 'ts', type: type('TIMESTAMP_WITH_LOCAL_TIME_ZONE', { precision: 3 }) },
    { name: 'b', type: type('BOOLEAN') },
    { name: 'd', type: type('DATE') },
  ];
  const now = 1_700_000_000_000;
  const r = createDatagenSource(spec([random({ maxPastMs: 5000 }), random(), random()], { numberOfRows: 400 }), cols).createReader(0, 1, 1);
  const { rows } = poll(r, 1000, now);
  assert.equal(rows.length, 400);
  assert.ok(rows.every((x) => (x[0] as number) <= now && (x[0] as number) >= now - 5000));
  assert.ok(new Set(rows.map((x) => x[0])).size > 100);
  assert.deepEqual(new Set(rows.map((x) => x[1])), new Set([true, false]));
  assert.ok(rows.every((x) => x[2] === Math.floor(now / 86_400_000)));
});

test('snapshot/restore: sequences resume; number-of-rows restarts; random rows differ (as Flink)', () => {
  const f = createDatagenSource(spec([{ kind: 'sequence', start: 0, end: 1000 }]), ID);
  const r = f.createReader(1, 2, 1);
  assert.deepEqual(poll(r, 3, 0).rows, [[1], [3], [5]]);
  const pos = r.snapshotPosition();
  assert.deepEqual(JSON.parse(JSON.stringify(pos)), pos);
  assert.deepEqual(poll(r, 2, 0).rows, [[7], [9]]);
  const fresh = f.createReader(1, 2, 1);
  fresh.restorePosition(pos);
  assert.deepEqual(poll(fresh, 2, 50).rows, [[7], [9]]);

  const g = createDatagenSource(spec([random()], { numberOfRows: 4 }), ID);
  const q = g.createReader(0, 1, 1);
  const before = poll(q, 2, 0).rows;
  const p2 = q.snapshotPosition();
  const after = poll(q, 10, 0).rows;
  assert.equal(after.length, 2);
  const restored = g.createReader(0, 1, 1);
  restored.restorePosition(p2);
  const replay = drain(restored);
  assert.equal(replay.length, 4, 'the quota is not checkpointed: a restored subtask emits all of it again');
  assert.notDeepEqual(replay.slice(0, 2), after, 'random rows are not replayed');
  assert.notDeepEqual(replay.slice(0, 2), before);
});
