// Differential test of key → key group → subtask: thousands of seeded keys through real Flink 2.3.0's
// own KeyGroupRangeAssignment / BinaryRowWriter (flink/launcher.sh) against the runtime's assignKey.
// Imports the runtime's public API and the flink/ test helpers only. Fails when Flink is not installed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assignKey, type KeyAssignment, type KeyType } from '../../runtime/index.js';
import { seededRandom } from '../runtime/checkpoint/fixtures.js';
import { runFlinkScript } from './cluster.js';

const MAX_PARALLELISMS = [128, 4096] as const;
const PARALLELISMS = [1, 2, 3, 4, 7, 128] as const;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const random = seededRandom(0x5eed_f11c);
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;

const ALPHABETS: readonly string[][] = [
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;:"\'\\/\t-_'],
  [...'äöüßéèçñåøæœ€£¥©°µ'], // 2- and 3-byte UTF-8
  [...'日本語中文한국어ไทยעבריתالعربيةΕλληνικάРусский'],
  ['😀', '🎉', '👍🏽', '🇩🇪', '👨‍👩‍👧', '𝄞', '🀄', '\u{10ffff}'], // astral: surrogate pairs in UTF-16
  ['\u0000', '\u0001', '\u001f', '\u007f', '\u0080', '\u0085', '\u07ff', '\u0800', '\uffff', '\ufeff', '\u2028'],
  ['\ud800', '\udbff', '\udc00', '\udfff'], // lone surrogates: '?' in Flink's UTF-8
];

function randomString(maxLength: number): string {
  const n = int(0, maxLength);
  const alphabet = pick(ALPHABETS);
  let s = '';
  for (let i = 0; i < n; i++) s += random() < 0.85 ? pick(alphabet) : pick(pick(ALPHABETS));
  return s;
}

function stringKeys(): string[] {
  const keys = ['', 'a', 'A', 'hello', ' ', 'naïve café', 'ü', '日本語', '😀', 'a,b', '"quoted"', 'back\\slash', 'tab\there', 'new\nline'];
  keys.push('polygenelubricants'); // hashCode Integer.MIN_VALUE
  // Around BinaryRowData's inline limit: up to 7 UTF-8 bytes live in the fixed slot, 8+ go to the
  // variable part. ASCII and multi-byte strings of 0..17 bytes.
  for (let n = 0; n <= 17; n++) keys.push('abcdefghijklmnopq'.slice(0, n));
  for (const [unit, width] of [['é', 2], ['€', 3], ['😀', 4]] as const) {
    for (let bytes = 5; bytes <= 10; bytes++) {
      const s = unit.repeat(Math.floor(bytes / width)) + 'x'.repeat(bytes % width);
      assert.equal(Buffer.byteLength(s, 'utf8'), bytes);
      keys.push(s);
    }
  }
  keys.push('x'.repeat(1000), '日'.repeat(333), '😀'.repeat(250), 'ab'.repeat(4096));
  for (let i = 0; i < 400; i++) keys.push(randomString(i < 300 ? 12 : 200));
  return keys;
}

function intKeys(): number[] {
  const keys = [0, 1, -1, 2, 42, 1000, -123456, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1, 65535, 65536, -65536];
  for (let i = 0; i < 400; i++) {
    const scale = pick([10, 1000, 1 << 16, 1 << 24, 2 ** 31]);
    keys.push(Math.max(INT_MIN, Math.min(INT_MAX, Math.floor((random() * 2 - 1) * scale))));
  }
  return keys;
}

function longKeys(): bigint[] {
  const keys = [0n, 1n, -1n, 42n, 2n ** 31n, -(2n ** 31n), 2n ** 32n, -(2n ** 32n), 2n ** 32n - 1n, 2n ** 32n + 1n];
  keys.push(1234567890123n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, LONG_MAX, LONG_MIN, LONG_MAX - 1n, LONG_MIN + 1n);
  for (let i = 0; i < 400; i++) {
    const bits = BigInt(pick([8, 31, 32, 33, 53, 63, 64]));
    const raw = (BigInt(Math.floor(random() * 2 ** 32)) << 32n) | BigInt(Math.floor(random() * 2 ** 32));
    keys.push(BigInt.asIntN(Number(bits), raw));
  }
  return keys;
}

/** One key of one type, as the launcher's JSON KEY field and as the runtime's KeyInput. */
interface Key {
  readonly type: KeyType;
  readonly json: string;
  readonly input: string | number | bigint | null;
}

function allKeys(): Key[] {
  const keys: Key[] = [];
  const strings = stringKeys();
  const ints = intKeys();
  const longs = longKeys();
  for (const type of ['java-string', 'sql-string'] as const) {
    for (const s of strings) keys.push({ type, json: JSON.stringify(s), input: s });
  }
  for (const type of ['java-int', 'sql-int'] as const) {
    for (const n of ints) keys.push({ type, json: String(n), input: n });
  }
  for (const type of ['java-long', 'sql-bigint'] as const) {
    // Longs travel as decimal strings: JSON numbers are not exact beyond 2^53.
    for (const n of longs) keys.push({ type, json: JSON.stringify(String(n)), input: n });
  }
  for (const type of ['sql-string', 'sql-int', 'sql-bigint'] as const) keys.push({ type, json: 'null', input: null });
  return keys;
}

interface Row {
  readonly key: Key;
  readonly maxP: number;
  readonly p: number;
}

function show(a: KeyAssignment | string): string {
  if (typeof a === 'string') return a;
  return a.ok ? `${a.keyGroup}\t${a.subtask}` : `error\t${a.error}`;
}

/** The first `limit` mismatches as an aligned text table. */
function mismatchTable(mismatches: readonly { row: Row; flink: string; runtime: string }[], limit: number): string {
  const cells = [['type', 'key', 'maxP', 'P', 'flink (kg, subtask)', 'runtime (kg, subtask)']];
  for (const m of mismatches.slice(0, limit)) {
    const key = m.row.key.json.length > 40 ? `${m.row.key.json.slice(0, 37)}...` : m.row.key.json;
    cells.push([m.row.key.type, key, String(m.row.maxP), String(m.row.p), m.flink.replace('\t', ' '), m.runtime.replace('\t', ' ')]);
  }
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')).join('\n');
}

before(() => {
  runFlinkScript('install.sh'); // idempotent; fails the test (not skips it) if Flink cannot be installed
});

test('every key lands in the same key group and subtask as in real Flink 2.3.0', { timeout: 300_000 }, (t) => {
  const keys = allKeys();
  const rows: Row[] = [];
  for (const key of keys) {
    for (const maxP of MAX_PARALLELISMS) for (const p of PARALLELISMS) rows.push({ key, maxP, p });
  }
  const input = rows.map((r) => `${r.key.type}\t${r.maxP}\t${r.p}\t${r.key.json}\n`).join('');
  const run = runFlinkScript('launcher.sh', ['KeyGroups'], { input });
  const lines = run.stdout.split('\n');
  assert.equal(lines.pop(), '', 'the launcher output ends with a newline');
  assert.equal(lines.length, rows.length, 'one output line per input line');

  const mismatches: { row: Row; flink: string; runtime: string }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const flink = lines[i]!;
    const runtime = show(assignKey(row.key.type, row.key.input, row.maxP, row.p));
    if (flink !== runtime) mismatches.push({ row, flink, runtime });
  }
  const byType = new Map<string, number>();
  for (const k of keys) byType.set(k.type, (byType.get(k.type) ?? 0) + 1);
  t.diagnostic(`${keys.length} keys (${[...byType].map(([k, n]) => `${k} ${n}`).join(', ')}), ${rows.length} rows; Flink launcher ${run.ms} ms`);
  assert.equal(
    mismatches.length,
    0,
    `${mismatches.length} of ${rows.length} rows differ from Flink; the first ${Math.min(20, mismatches.length)}:\n` +
      mismatchTable(mismatches, 20),
  );
});

test('keys Flink rejects are rejected by the runtime with the same message', () => {
  const cases: { type: KeyType; json: string; input: string | number | bigint | null; maxP: number; p: number }[] = [
    { type: 'java-string', json: 'null', input: null, maxP: 128, p: 4 },
    { type: 'java-int', json: 'null', input: null, maxP: 128, p: 4 },
    { type: 'java-long', json: 'null', input: null, maxP: 4096, p: 7 },
    { type: 'java-string', json: '"a"', input: 'a', maxP: 128, p: 129 },
    { type: 'sql-bigint', json: '"1"', input: 1n, maxP: 4, p: 7 },
  ];
  const input = cases.map((c) => `${c.type}\t${c.maxP}\t${c.p}\t${c.json}\n`).join('');
  const lines = runFlinkScript('launcher.sh', [], { input }).stdout.split('\n');
  for (const [i, c] of cases.entries()) {
    const runtime = show(assignKey(c.type, c.input, c.maxP, c.p));
    assert.match(lines[i]!, /^error\t/, `Flink rejects ${c.type} ${c.json} at maxP ${c.maxP}, P ${c.p}`);
    assert.equal(runtime, lines[i], `${c.type} ${c.json} at maxP ${c.maxP}, P ${c.p}`);
  }
});
