// The registry (names, aliases, metadata) and the random functions (java.util.Random exactness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JavaRandom } from '../../../runtime/functions/javaRandom.js';
import { FunctionRuntimeError } from '../../../runtime/functions/functionDef.js';
import { listFunctions, lookupFunction } from '../../../runtime/functions/registry.js';
import { intType } from '../../../runtime/functions/types.js';
import { call, infer, testContext } from './helpers.js';

const BRIEF = `UPPER LOWER CHAR_LENGTH CHARACTER_LENGTH CONCAT CONCAT_WS SUBSTRING SUBSTR TRIM LTRIM RTRIM
REPLACE POSITION LOCATE INITCAP LPAD RPAD REGEXP_REPLACE REGEXP_EXTRACT SPLIT_INDEX REVERSE REPEAT ABS
MOD ROUND FLOOR CEIL CEILING POWER SQRT LN LOG10 EXP SIGN COALESCE NULLIF IF GREATEST LEAST IFNULL
DATE_FORMAT TO_TIMESTAMP TO_DATE UNIX_TIMESTAMP FROM_UNIXTIME TO_TIMESTAMP_LTZ YEAR MONTH DAYOFMONTH
HOUR MINUTE SECOND CURRENT_TIMESTAMP NOW LOCALTIMESTAMP CURRENT_DATE CURRENT_TIME PROCTIME RAND
RAND_INTEGER UUID`.split(/\s+/);

test('every function of the brief is registered, case-insensitively, with docs', () => {
  for (const name of BRIEF) {
    const def = lookupFunction(name.toLowerCase());
    assert.ok(def, `${name} is registered`);
    assert.equal(def.name, name);
    assert.ok(def.signatures.length > 0 && def.signatures.every((s) => s.startsWith(`${name}(`)), `${name} signatures`);
    assert.ok(def.description.length > 10, `${name} description`);
  }
  assert.equal(lookupFunction('NO_SUCH_FUNCTION'), undefined);
  const names = listFunctions().map((d) => d.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
});

test('non-deterministic functions are flagged', () => {
  const nonDet = listFunctions().filter((d) => !d.deterministic).map((d) => d.name).sort();
  assert.deepEqual(nonDet, [
    'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'NOW', 'PROCTIME',
    'RAND', 'RAND_INTEGER', 'UNIX_TIMESTAMP', 'UUID',
  ]);
});

test('bind refuses argument types that failed inference (a planner bug)', () => {
  assert.throws(() => lookupFunction('UPPER')!.bind([intType()], testContext()), /bind\(UPPER\) on invalid arguments/);
});

test('java.util.Random is reproduced bit for bit', () => {
  const r = new JavaRandom(42);
  assert.equal(r.next(32), -1170105035);
  assert.equal(r.next(32), 234785527);
  assert.equal(new JavaRandom(0).next(32), -1155484576);
  assert.equal(new JavaRandom(42).nextDouble(), 0.7275636800328681);
  assert.equal(new JavaRandom(0).nextDouble(), 0.730967787376657);
  assert.equal(new JavaRandom(42).nextInt(10), 0);
  const p = new JavaRandom(7);
  for (let i = 0; i < 100; i++) {
    const v = p.nextInt(16);
    assert.ok(v >= 0 && v < 16);
  }
});

test('RAND / RAND_INTEGER: seeded sequences as Flink, unseeded from ctx.random()', () => {
  const ctx = testContext({ randoms: [0.25, 0.999] });
  assert.equal(call('RAND', [], [], ctx), 0.25);
  const def = lookupFunction('RAND')!;
  const seeded = def.bind([intType()], testContext());
  assert.equal(seeded([42]), 0.7275636800328681);
  const again = new JavaRandom(42);
  again.nextDouble();
  assert.equal(seeded([42]), again.nextDouble(), 'the same call site continues its sequence');
  assert.equal(seeded([null]), null);
  const ri = lookupFunction('RAND_INTEGER')!.bind([intType()], testContext({ randoms: [0.999] }));
  assert.equal(ri([10]), 9);
  assert.equal(call('RAND_INTEGER', [intType(), intType()], [42, 10]), 0);
  assert.throws(() => call('RAND_INTEGER', [intType()], [0]), FunctionRuntimeError);
  assert.equal(infer('RAND_INTEGER', [{ root: 'VARCHAR', nullable: true }]), 'Invalid argument type for RAND_INTEGER: expected INT, got STRING');
});

test('UUID is a version-4 UUID drawn from ctx.random()', () => {
  const a = call('UUID', [], [], testContext({ randoms: [0.1, 0.7, 0.3] })) as string;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(call('UUID', [], [], testContext({ randoms: [0.1, 0.7, 0.3] })), a, 'same seed, same UUID');
  assert.deepEqual(infer('UUID', []), { root: 'CHAR', nullable: false, length: 36 });
});
