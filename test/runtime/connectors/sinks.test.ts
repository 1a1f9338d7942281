import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrintSink, printPrefix } from '../../../runtime/connectors/printSink.js';
import { createBlackholeSink } from '../../../runtime/connectors/blackholeSink.js';
import { RowKind, rowKindShortString } from '../../../runtime/types/rowKind.js';

const formatRow = (kind: RowKind, row: unknown[]) => `${rowKindShortString(kind)}[${row.map((v) => (v === null ? 'null' : String(v))).join(', ')}]`;

function capture() {
  const lines: { text: string; stderr: boolean }[] = [];
  return { lines, deps: { formatRow, writeLine: (text: string, stderr: boolean) => lines.push({ text, stderr }) } };
}

test('print prefixes follow Flink\'s table for all four cases', () => {
  const cases: [string | undefined, number, number, string][] = [
    [undefined, 0, 1, '+I[1, a]'],
    ['x', 0, 1, 'x> +I[1, a]'],
    [undefined, 2, 4, '3> +I[1, a]'],
    ['x', 2, 4, 'x:3> +I[1, a]'],
  ];
  for (const [id, subtask, p, expected] of cases) {
    const { lines, deps } = capture();
    const spec = id === undefined ? { connector: 'print', standardError: false } as const : { connector: 'print', standardError: false, printIdentifier: id } as const;
    const w = createPrintSink(spec, deps)(subtask, p);
    w.write(RowKind.INSERT, [1, 'a']);
    w.finish();
    assert.deepEqual(lines, [{ text: expected, stderr: false }]);
  }
  assert.equal(printPrefix('', 0, 2), '1> ');
});

test('print writes every row kind, to stderr when asked', () => {
  const { lines, deps } = capture();
  const w = createPrintSink({ connector: 'print', standardError: true }, deps)(0, 1);
  w.write(RowKind.UPDATE_BEFORE, [1, null]);
  w.write(RowKind.UPDATE_AFTER, [2, 'b']);
  w.write(RowKind.DELETE, [2, 'b']);
  assert.deepEqual(lines, [
    { text: '-U[1, null]', stderr: true },
    { text: '+U[2, b]', stderr: true },
    { text: '-D[2, b]', stderr: true },
  ]);
});

test('blackhole counts and discards', () => {
  const make = createBlackholeSink();
  const a = make(0, 2);
  const b = make(1, 2);
  a.write(RowKind.INSERT, [1]);
  a.write(RowKind.DELETE, [1]);
  b.write(RowKind.INSERT, [2]);
  a.finish();
  assert.equal(a.rowsDiscarded, 2);
  assert.equal(b.rowsDiscarded, 1);
});
