// Diagnostics: syntax-error rewrites, unsupported constructs at their exact range, recovery across
// statements, and nothing printed to the console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../../../runtime/diagnostics.js';
import { parseJobFile } from '../../../runtime/sql/parseJobFile.js';
import { r } from './astHelpers.js';

/** The single diagnostic of `text`, as `code line:col-line:col message`. */
function one(text: string): { code: string; at: string; message: string; severity: string } {
  const { diagnostics } = parseJobFile(text);
  assert.equal(diagnostics.length, 1, `expected one diagnostic for ${text}, got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  const d = diagnostics[0]!;
  return { code: d.code, at: r(d.range), message: d.message, severity: d.severity };
}

const UNSUPPORTED: [string, string, string][] = [
  ["RESET 'a'", '1:1-1:10', 'RESET'],
  ["CREATE TABLE t (a INT, m INT METADATA VIRTUAL) WITH ('connector' = 'x')", '1:24-1:46', 'Metadata columns (METADATA)'],
  ["CREATE TABLE t (a INT) PARTITIONED BY (a) WITH ('connector' = 'x')", '1:24-1:42', 'PARTITIONED BY'],
  ["CREATE TABLE t (a INT) WITH ('connector' = 'x') LIKE s", '1:49-1:55', 'CREATE TABLE ... LIKE'],
  ['INSERT OVERWRITE s SELECT a FROM t', '1:1-1:17', 'INSERT OVERWRITE'],
  ['INSERT INTO s SELECT a FROM t JOIN u ON t.a = u.a', '1:31-1:35', 'JOIN'],
  ['INSERT INTO s SELECT a FROM t LEFT JOIN u ON t.a = u.a', '1:31-1:40', 'LEFT JOIN'],
  ['SELECT a FROM t, u', '1:15-1:19', 'A comma-separated FROM list (an implicit join)'],
  ['SELECT a FROM t UNION ALL SELECT a FROM u', '1:17-1:26', 'UNION ALL'],
  ['SELECT a FROM t ORDER BY a', '1:17-1:27', 'ORDER BY'],
  ['SELECT a FROM t LIMIT 10', '1:17-1:25', 'LIMIT'],
  ['SELECT a, COUNT(*) OVER (PARTITION BY a ORDER BY ts) AS c FROM t', '1:11-1:58', 'OVER windows'],
  ['SELECT a, SUM(b) OVER w FROM t', '1:18-1:22', 'OVER windows'],
  ["SELECT COUNT(*) FROM t GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE)", '1:33-1:64', 'The legacy group window GROUP BY TUMBLE(...)'],
  ["SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE) FROM t", '1:8-1:20', 'The legacy group window function TUMBLE_START'],
  ['SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY a ORDER BY ts MEASURES A.b AS b PATTERN (A B) DEFINE A AS A.b > 1) AS m', '1:17-1:118', 'MATCH_RECOGNIZE'],
  ['WITH x AS (SELECT a FROM t) SELECT a FROM x', '1:1-1:28', 'WITH (common table expressions)'],
  ['INSERT INTO s VALUES (1, 2)', '1:15-1:28', 'INSERT ... VALUES'],
  ['SELECT a FROM t WHERE a IN (SELECT b FROM u)', '1:25-1:45', 'IN with a subquery'],
  ['SELECT a FROM t FOR SYSTEM_TIME AS OF x', '1:17-1:40', 'FOR SYSTEM_TIME AS OF'],
  ['DROP TABLE t', '1:1-1:13', 'DROP TABLE'],
  ["INSERT INTO s SELECT INTERVAL '1' WEEK FROM t", '1:35-1:39', 'The interval unit WEEK'],
];

for (const [text, at, construct] of UNSUPPORTED) {
  test(`unsupported: ${construct}`, () => {
    assert.deepEqual(one(text), { code: 'unsupported', severity: 'error', at, message: `${construct} is not supported by Checkpoint Lab yet` });
  });
}

test('syntax: a missing comma between column definitions', () => {
  assert.deepEqual(one("CREATE TABLE t (\n  a INT\n  b INT\n) WITH ('connector' = 'print')"), {
    code: 'syntax', severity: 'error', at: '3:3-3:4', message: "Missing ',' before 'b' (between column definitions)",
  });
  assert.equal(one("CREATE TABLE t (a INT) WITH ('a' = 'b' 'c' = 'd')").message, "Missing ',' before ''c'' (between options)");
});

test('syntax: an unclosed string literal points at its opening quote', () => {
  assert.deepEqual(one("SELECT x FROM t WHERE b = 'x;\nSELECT 1;"), {
    code: 'syntax', severity: 'error', at: '1:27-1:28', message: 'Unclosed string literal starting here',
  });
  assert.equal(one('SELECT `a FROM t').message, 'Unclosed quoted identifier starting here');
  assert.equal(one('SELECT a /* never closed').message, 'Unclosed comment starting here');
});

test('syntax: an unknown or missing INTERVAL unit', () => {
  assert.deepEqual(one("SELECT INTERVAL '1' SECO FROM t"), {
    code: 'syntax', severity: 'error', at: '1:21-1:25', message: "Unknown interval unit 'SECO'; expected one of SECOND, MINUTE, HOUR, DAY, MONTH, YEAR",
  });
  assert.equal(one("CREATE TABLE t (a TIMESTAMP(3), WATERMARK FOR a AS a - INTERVAL '1' SECO) WITH ('a' = 'b')").at, '1:69-1:73');
  assert.match(one("SELECT a FROM t WHERE a = INTERVAL '5'").message, /^Missing interval unit after INTERVAL '5'/);
  assert.match(one("SELECT INTERVAL '5' FROM t").message, /^INTERVAL needs a quoted value and a unit/);
});

test('plural interval units are accepted without a warning, as Flink 2.3 accepts them (test/bridge checks it on Flink)', () => {
  const parsed = parseJobFile("SELECT INTERVAL '1' SECONDS, INTERVAL '2' MINUTES FROM t");
  assert.deepEqual(parsed.diagnostics, []);
  assert.equal(parsed.statements.length, 1);
});

test("syntax: a missing ')' and an unmatched ')'", () => {
  assert.deepEqual(one('SELECT f(a FROM t'), { code: 'syntax', severity: 'error', at: '1:12-1:16', message: "Missing ')' to close the '(' at line 1, column 9" });
  assert.equal(one('SELECT CAST(a AS INT FROM t').message, "Missing ')' to close the '(' at line 1, column 12");
  assert.deepEqual(one('SELECT a FROM t WHERE a = 1)'), { code: 'syntax', severity: 'error', at: '1:28-1:29', message: "Unmatched ')'" });
});

test('SQRT, CHAR_LENGTH and CHARACTER_LENGTH are calls, though the grammar reserves their names', () => {
  const r = parseJobFile('INSERT INTO o SELECT SQRT(a), CHAR_LENGTH(s), CHARACTER_LENGTH(s) FROM t;');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(one('CREATE TABLE sqrt (a INT) WITH (\'a\' = \'b\')').message, "'sqrt' is a reserved keyword; quote it as `sqrt`");
});

test("SQL's keyword syntax of TRIM and SUBSTRING parses into the functions' argument lists", () => {
  const args = (e: string) => {
    const r = parseJobFile(`INSERT INTO o SELECT ${e} FROM t;`);
    assert.deepEqual(r.diagnostics, [], e);
    const st = r.statements[0]!;
    assert.ok(st.kind === 'insert' && st.query.kind === 'select');
    const item = st.query.items[0]!;
    assert.ok(item.kind === 'expression' && item.expression.kind === 'call');
    return item.expression.args.map((a) => (a.kind === 'string' ? `'${a.value}'` : a.kind === 'column' ? a.parts.map((p) => p.name).join('.') : a.kind === 'numeric' ? a.text : a.kind));
  };
  assert.deepEqual(args("TRIM(BOTH 'x' FROM s)"), ["'BOTH'", "'x'", 's']);
  assert.deepEqual(args("TRIM(LEADING 'x' FROM s)"), ["'LEADING'", "'x'", 's']);
  assert.deepEqual(args("TRIM('x' FROM s)"), ["'BOTH'", "'x'", 's']);
  assert.deepEqual(args('TRIM(TRAILING FROM s)'), ["'TRAILING'", "' '", 's']);
  assert.deepEqual(args('TRIM(s)'), ['s']);
  assert.deepEqual(args('SUBSTRING(s FROM 2 FOR 3)'), ['s', '2', '3']);
  assert.deepEqual(args('SUBSTRING(s FROM 2)'), ['s', '2']);
});

test('syntax: a reserved keyword used as a name suggests backquotes', () => {
  assert.deepEqual(one("CREATE TABLE out (a INT) WITH ('a' = 'b')"), { code: 'syntax', severity: 'error', at: '1:14-1:17', message: "'out' is a reserved keyword; quote it as `out`" });
  assert.equal(one('SELECT a AS out FROM t').message, "'out' is a reserved keyword; quote it as `out`");
});

test('syntax: a missing semicolon between statements', () => {
  const text = "CREATE TABLE t (a INT) WITH ('connector' = 'print')\nINSERT INTO t SELECT 1";
  assert.deepEqual(one(text), { code: 'syntax', severity: 'error', at: '2:1-2:7', message: "Missing ';' before INSERT: end each statement with a semicolon" });
});

test('syntax: PRIMARY KEY without NOT ENFORCED gives Flink\'s message, table- and column-level', () => {
  const table = one("CREATE TABLE t (a INT, PRIMARY KEY (a)) WITH ('a' = 'b')");
  assert.equal(table.at, '1:24-1:39');
  assert.match(table.message, /^Flink doesn't support ENFORCED mode for PRIMARY KEY constraint\. .*only supported mode is the NOT ENFORCED mode$/);
  const column = one("CREATE TABLE t (a INT PRIMARY KEY) WITH ('a' = 'b')");
  assert.equal(column.at, '1:23-1:34');
  assert.equal(column.message, table.message);
});

test('syntax: other rewrites never show antlr expectation sets', () => {
  assert.equal(one("CREATE TABLE t (a INT,) WITH ('a' = 'b')").message, "Unexpected ',' before ')'");
  assert.equal(one("CREATE TABLE t (a INT) WITH (connector = 'print')").message, "Option keys must be quoted strings: 'connector' = '...'");
  assert.equal(one('SELECT a FROM t WHERE').message, "Incomplete statement after 'WHERE'");
  assert.equal(one('SELECT a $ b FROM t').message, "Unexpected character '$'");
  assert.match(one('SELECT "x" FROM t').message, /^Double quotes are not valid in Flink SQL/);
  assert.match(one('SET parallelism.default = 4').message, /write SET 'key' = 'value'/);
  for (const bad of ['SELECT FROM t', 'INSERT t SELECT 1', 'CREATE TABLE (a INT)', 'SELECT a FROM t WHERE a = = 1']) {
    const { message } = one(bad);
    assert.doesNotMatch(message, /expecting|\{|<EOF>|mismatched|viable/, `${bad}: ${message}`);
  }
});

test('a broken statement does not hide the others; diagnostics carry the file and come in order', () => {
  const text = [
    "SET 'a' = 'b';",
    'SELECT a FROM t WHERE (a = 1;',
    "CREATE TABLE s (x INT) WITH ('connector' = 'print');",
    'SELECT b c d FROM t;',
    'INSERT INTO s SELECT x FROM t;',
  ].join('\n');
  const { statements, diagnostics } = parseJobFile(text, 'jobs/a.flink.sql');
  assert.deepEqual(statements.map((s) => s.kind), ['set', 'createTable', 'insert']);
  assert.deepEqual(diagnostics.map((d) => [d.file, r(d.range)]), [['jobs/a.flink.sql', '2:28-2:29'], ['jobs/a.flink.sql', '4:12-4:13']]);
  assert.equal(formatDiagnostic(diagnostics[0]!), "jobs/a.flink.sql:2:28: error: Missing ')' to close the '(' at line 2, column 23");
});

test('parsing prints nothing to stdout or stderr', () => {
  const writes: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write, log: console.log, error: console.error, warn: console.warn };
  const capture = (chunk: unknown): boolean => (writes.push(String(chunk)), true);
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  console.log = console.error = console.warn = (...args: unknown[]) => void writes.push(args.join(' '));
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = parseJobFile('SELEC a FROM t; CREATE TABLE (; SELECT f(a FROM t; ~~~ ;').diagnostics;
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    console.log = original.log;
    console.error = original.error;
    console.warn = original.warn;
  }
  assert.ok(diagnostics.length >= 3);
  assert.deepEqual(writes, []);
});

test('misspelt keywords and type names get a suggestion', () => {
  assert.deepEqual(one("CREE TABLE t (a INT) WITH ('a' = 'b')"), { code: 'syntax', severity: 'error', at: '1:1-1:5', message: "Unexpected 'CREE'; did you mean CREATE?" });
  assert.equal(one("CREATE TABLE t (a BIGT) WITH ('a' = 'b')").message, "Unexpected 'BIGT'; did you mean BIGINT?");
  assert.equal(one("CREATE TABLE t (a INT, PRIMARY KEY (a) NOT ENFORCE) WITH ('a' = 'b')").message, "Unexpected 'ENFORCE'; did you mean ENFORCED?");
});

test('every truncation of the realistic job file gives diagnostics with ranges, never an exception', () => {
  const text = readFileSync('test/fixtures/sql/ordersPipeline.flink.sql', 'utf8');
  let withErrors = 0;
  for (let i = 0; i < text.length; i += 37) {
    const { statements, diagnostics } = parseJobFile(text.slice(0, i));
    assert.ok(diagnostics.every((d) => d.range && d.range.start.line >= 1 && d.range.start.column >= 1));
    assert.ok(Array.isArray(statements));
    if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
  }
  assert.ok(withErrors > 10);
});
