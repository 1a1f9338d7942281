// The verifier's comparison rules on hand-made sink tables: lost, duplicated, unexpected and
// changed rows, and how exactly-once and at-least-once sinks are judged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedSink } from '../../../runtime/plan/compiledJob.js';
import type { SinkResultJson } from '../../../runtime/run/localRun.js';
import { compactVerifyReport, compareSinkTables, sinkGuarantee } from '../../../runtime/run/verify.js';

type Row = Record<string, unknown>;
const NO_CHANGES = { '+I': 0, '-U': 0, '+U': 0, '-D': 0 };

function sink(name: string, connector: string, columns: string[], uniqueKey?: number[]): PlannedSink {
  return { name, connector, columns, types: [], updating: uniqueKey !== undefined, ...(uniqueKey ? { uniqueKey } : {}), line: 1 };
}

function table(name: string, columns: string[], rows: Row[], changelog: Partial<SinkResultJson['changelog']> = {}): SinkResultJson {
  return { sink: name, columns, rows, changelog: { ...NO_CHANGES, '+I': rows.length, ...changelog } };
}

const AB = ['a', 'b'];
const r = (a: number, b: string): Row => ({ a, b });

test('equal multisets are ok for every guarantee, whatever the row order', () => {
  for (const connector of ['filesystem', 'print']) {
    const s = sink('t', connector, AB);
    const report = compareSinkTables([table('t', AB, [r(1, 'x'), r(2, 'y'), r(2, 'y')])], [table('t', AB, [r(2, 'y'), r(1, 'x'), r(2, 'y')])], [s]);
    assert.equal(report.ok, true, connector);
    assert.deepEqual([report.sinks[0]!.lostCount, report.sinks[0]!.duplicatedCount, report.sinks[0]!.unexpectedCount], [0, 0, 0]);
  }
});

test('lost rows are counted with their multiplicity and fail any sink', () => {
  const expected = [table('t', AB, [r(1, 'x'), r(2, 'y'), r(2, 'y'), r(3, 'z')])];
  const actual = [table('t', AB, [r(2, 'y'), r(1, 'x')])];
  for (const connector of ['filesystem', 'print']) {
    const report = compareSinkTables(expected, actual, [sink('t', connector, AB)]);
    const s = report.sinks[0]!;
    assert.equal(report.ok, false, connector);
    assert.equal(s.lostCount, 2);
    assert.deepEqual(s.lost, [
      { row: r(2, 'y'), count: 1 },
      { row: r(3, 'z'), count: 1 },
    ]);
    assert.deepEqual(s.problems, ['2 row(s) lost']);
  }
});

test('duplicates fail an exactly-once sink but are only reported for an at-least-once sink', () => {
  const expected = [table('t', AB, [r(1, 'x'), r(2, 'y')])];
  const actual = [table('t', AB, [r(1, 'x'), r(2, 'y'), r(2, 'y'), r(2, 'y'), r(1, 'x')])];
  const once = compareSinkTables(expected, actual, [sink('t', 'filesystem', AB)]);
  assert.equal(once.ok, false);
  assert.equal(once.sinks[0]!.guarantee, 'exactly-once');
  assert.equal(once.sinks[0]!.duplicatedCount, 3);
  assert.deepEqual(once.sinks[0]!.duplicated, [
    { row: r(1, 'x'), count: 1 },
    { row: r(2, 'y'), count: 2 },
  ]);
  assert.deepEqual(once.sinks[0]!.problems, ['3 duplicated row(s) in an exactly-once sink']);
  const atLeast = compareSinkTables(expected, actual, [sink('t', 'print', AB)]);
  assert.equal(atLeast.ok, true);
  assert.equal(atLeast.sinks[0]!.guarantee, 'at-least-once');
  assert.equal(atLeast.sinks[0]!.duplicatedCount, 3, 'duplicates are still reported');
});

test('unexpected rows fail even an at-least-once sink', () => {
  const report = compareSinkTables([table('t', AB, [r(1, 'x')])], [table('t', AB, [r(1, 'x'), r(9, 'q'), r(9, 'q')])], [sink('t', 'print', AB)]);
  assert.equal(report.ok, false);
  assert.equal(report.sinks[0]!.unexpectedCount, 2);
  assert.deepEqual(report.sinks[0]!.unexpected, [{ row: r(9, 'q'), count: 2 }]);
  assert.equal(report.sinks[0]!.duplicatedCount, 0, 'a row the reference never had is not a duplicate');
});

test('an upsert table is compared by its unique key: a wrong value fails even an at-least-once sink', () => {
  const cols = ['user', 'cnt'];
  const s = sink('counts', 'print', cols, [0]);
  const expected = [table('counts', cols, [{ user: 'a', cnt: 3 }, { user: 'b', cnt: 2 }, { user: 'c', cnt: 1 }], { '+U': 3 })];
  const actual = [table('counts', cols, [{ user: 'b', cnt: 2 }, { user: 'a', cnt: 4 }, { user: 'd', cnt: 1 }], { '+U': 9, '-U': 9 })];
  const report = compareSinkTables(expected, actual, [s]);
  const v = report.sinks[0]!;
  assert.equal(report.ok, false);
  assert.equal(v.table, 'upsert');
  assert.deepEqual(v.uniqueKey, ['user']);
  assert.deepEqual(v.changed, [{ key: { user: 'a' }, expected: { user: 'a', cnt: 3 }, actual: { user: 'a', cnt: 4 } }]);
  assert.deepEqual(v.lost, [{ row: { user: 'c', cnt: 1 }, count: 1 }]);
  assert.deepEqual(v.unexpected, [{ row: { user: 'd', cnt: 1 }, count: 1 }]);
  assert.deepEqual(v.problems, ['1 row(s) lost', '1 key(s) end with a wrong value', '1 unexpected row(s)']);
  assert.equal(v.changelog.duplicated, 6 + 9, 'rows received beyond the reference, per kind');
});

test('an at-least-once upsert sink with replayed updates but the right final table is ok, and counts the replays', () => {
  const cols = ['user', 'cnt'];
  const rows = [{ user: 'a', cnt: 3 }, { user: 'b', cnt: 2 }];
  const report = compareSinkTables([table('c', cols, rows, { '+U': 3, '-U': 3 })], [table('c', cols, [...rows].reverse(), { '+I': 4, '+U': 5, '-U': 5 })], [sink('c', 'print', cols, [0])]);
  assert.equal(report.ok, true);
  assert.equal(report.sinks[0]!.changelog.duplicated, 2 + 2 + 2);
  assert.deepEqual(report.sinks[0]!.changelog.expected, { '+I': 2, '-U': 3, '+U': 3, '-D': 0 });
});

test('guarantees: filesystem commits, an upsert blackhole is idempotent, print and append-only blackhole are at-least-once', () => {
  assert.equal(sinkGuarantee(sink('f', 'filesystem', AB)).guarantee, 'exactly-once');
  assert.equal(sinkGuarantee(sink('b', 'blackhole', AB, [0])).guarantee, 'exactly-once');
  assert.equal(sinkGuarantee(sink('b', 'blackhole', AB)).guarantee, 'at-least-once');
  assert.equal(sinkGuarantee(sink('p', 'print', AB, [0])).guarantee, 'at-least-once');
  assert.match(sinkGuarantee(sink('p', 'print', AB)).reason, /printed again/);
});

test('a sink missing from one run fails, and every other sink is still compared', () => {
  const report = compareSinkTables([table('t', AB, [r(1, 'x')]), table('u', AB, [r(2, 'y')])], [table('u', AB, [r(2, 'y')])], [sink('t', 'filesystem', AB), sink('u', 'filesystem', AB)]);
  assert.equal(report.ok, false);
  assert.deepEqual(report.sinks.map((s) => s.ok), [false, true]);
  assert.ok(report.sinks[0]!.problems.includes('the run with faults has no table for this sink'));
  assert.equal(report.sinks[0]!.lostCount, 1);
});

test('compactVerifyReport keeps exact counts and lists at most N rows', () => {
  const many = Array.from({ length: 20 }, (_, i) => r(i, 'x'));
  const report = compareSinkTables([table('t', AB, many)], [table('t', AB, [])], [sink('t', 'filesystem', AB)]);
  const compact = compactVerifyReport(report, 3);
  assert.equal(compact.sinks[0]!.lost.length, 3);
  assert.equal(compact.sinks[0]!.lostCount, 20);
  assert.equal(report.sinks[0]!.lost.length, 20, 'the original is untouched');
});
