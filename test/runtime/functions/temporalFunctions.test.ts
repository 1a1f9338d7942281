// Temporal functions: formatting, parsing, session time zone, the injected job clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toEpochMillis } from '../../../runtime/functions/calendar.js';
import { lookupFunction } from '../../../runtime/functions/registry.js';
import {
  bigintType,
  dateType,
  doubleType,
  intType,
  stringType,
  timeType,
  timestampLtzType,
  timestampType,
} from '../../../runtime/functions/types.js';
import { call, infer, testContext } from './helpers.js';

const S = stringType();
const TS = timestampType(3);
const LTZ = timestampLtzType(3);
const T0 = 1_700_000_000_123; // 2023-11-14T22:13:20.123Z, a Tuesday
const shanghai = testContext({ localTimeZone: 'Asia/Shanghai' });

test('DATE_FORMAT of TIMESTAMP, TIMESTAMP_LTZ (session zone), DATE and STRING', () => {
  assert.equal(call('DATE_FORMAT', [TS, S], [T0, 'yyyy-MM-dd HH:mm:ss']), '2023-11-14 22:13:20');
  assert.equal(call('DATE_FORMAT', [TS, S], [T0, 'yyyy-MM-dd HH:mm:ss.SSS']), '2023-11-14 22:13:20.123');
  assert.equal(call('DATE_FORMAT', [TS, S], [T0, "EEE, MMM d ''yy 'at' h:mm a"]), "Tue, Nov 14 '23 at 10:13 PM");
  assert.equal(call('DATE_FORMAT', [TS, S], [T0, 'EEEE MMMM D']), 'Tuesday November 318');
  assert.equal(call('DATE_FORMAT', [LTZ, S], [T0, 'yyyy-MM-dd HH:mm:ss'], shanghai), '2023-11-15 06:13:20');
  assert.equal(call('DATE_FORMAT', [LTZ, S], [T0, 'HH:mm XXX'], shanghai), '06:13 +08:00');
  assert.equal(call('DATE_FORMAT', [dateType(), S], [19675, 'dd/MM/yyyy']), '14/11/2023');
  assert.equal(call('DATE_FORMAT', [S, S], ['2023-11-14 22:13:20', 'yyyyMMdd']), '20231114');
  assert.equal(call('DATE_FORMAT', [S, S], ['not a date', 'yyyyMMdd']), null);
  assert.equal(call('DATE_FORMAT', [TS, S], [T0, 'yyyy-qq']), null, 'unsupported letters give NULL');
  assert.equal(call('DATE_FORMAT', [TS, S], [null, 'yyyy']), null);
  assert.equal(infer('DATE_FORMAT', [intType(), S]), 'Invalid argument type for DATE_FORMAT: expected TIMESTAMP, TIMESTAMP_LTZ, DATE or STRING, got INT (argument 1)');
});

test('TO_TIMESTAMP: default format, lenient digits, custom format, NULL on failure', () => {
  assert.equal(call('TO_TIMESTAMP', [S], ['2023-11-14 22:13:20']), 1_700_000_000_000);
  assert.equal(call('TO_TIMESTAMP', [S], ['2023-11-14 22:13:20.5']), 1_700_000_000_500);
  assert.equal(call('TO_TIMESTAMP', [S], ['1999-9-10 05:20:10']), Date.UTC(1999, 8, 10, 5, 20, 10));
  assert.equal(call('TO_TIMESTAMP', [S], ['1999-09-10']), Date.UTC(1999, 8, 10));
  assert.equal(call('TO_TIMESTAMP', [S, S], ['14/11/2023 10:05', 'dd/MM/yyyy HH:mm']), Date.UTC(2023, 10, 14, 10, 5));
  assert.equal(call('TO_TIMESTAMP', [S, S], ['20231114', 'yyyyMMdd']), Date.UTC(2023, 10, 14));
  assert.equal(call('TO_TIMESTAMP', [S], ['2023-02-30 00:00:00']), null);
  assert.equal(call('TO_TIMESTAMP', [S], ['garbage']), null);
  assert.equal(call('TO_TIMESTAMP', [S], [null]), null);
  assert.deepEqual(infer('TO_TIMESTAMP', [S]), timestampType(3));
});

test('TO_DATE', () => {
  assert.equal(call('TO_DATE', [S], ['2023-11-14']), 19675);
  assert.equal(call('TO_DATE', [S], ['2023-11-14 10:00:00']), 19675);
  assert.equal(call('TO_DATE', [S], ['1969-12-31']), -1);
  assert.equal(call('TO_DATE', [S, S], ['14.11.2023', 'dd.MM.yyyy']), 19675);
  assert.equal(call('TO_DATE', [S], ['2023-13-01']), null);
  assert.deepEqual(infer('TO_DATE', [S]), dateType());
});

test('UNIX_TIMESTAMP: clock, parsing in the session zone, Long.MIN_VALUE on failure', () => {
  assert.equal(call('UNIX_TIMESTAMP', [], []), 1_700_000_000);
  assert.equal(call('UNIX_TIMESTAMP', [S], ['2023-11-14 22:13:20']), 1_700_000_000);
  assert.equal(call('UNIX_TIMESTAMP', [S], ['2023-11-15 06:13:20'], shanghai), 1_700_000_000);
  assert.equal(call('UNIX_TIMESTAMP', [S, S], ['2023-11-14 23:13:20 +01', 'yyyy-MM-dd HH:mm:ss X'], shanghai), 1_700_000_000);
  assert.equal(call('UNIX_TIMESTAMP', [S], ['nope']), -(2n ** 63n));
  assert.equal(call('UNIX_TIMESTAMP', [S], [null]), null);
  assert.equal(call('UNIX_TIMESTAMP', [S], ['1969-12-31 23:59:59.5']), -1);
  const def = lookupFunction('UNIX_TIMESTAMP')!;
  assert.equal(def.deterministic, false);
  assert.equal(def.isDeterministicCall!(0), false);
  assert.equal(def.isDeterministicCall!(1), true);
});

test('DST: a local time in a gap moves forward, an ambiguous one takes the earlier offset', () => {
  // Europe/Berlin: 2024-03-31 02:30 does not exist (→ 03:30 CEST = 01:30Z).
  assert.equal(toEpochMillis(Date.UTC(2024, 2, 31, 2, 30), 'Europe/Berlin'), Date.UTC(2024, 2, 31, 1, 30));
  // 2024-10-27 02:30 happens twice; the earlier offset (+02:00) gives 00:30Z.
  assert.equal(toEpochMillis(Date.UTC(2024, 9, 27, 2, 30), 'Europe/Berlin'), Date.UTC(2024, 9, 27, 0, 30));
  assert.equal(toEpochMillis(Date.UTC(2024, 0, 1), '+08:00'), Date.UTC(2023, 11, 31, 16));
  // The later instant (standard time, +01:00) when asked, as java.util.Calendar resolves it.
  assert.equal(toEpochMillis(Date.UTC(2024, 9, 27, 2, 30), 'Europe/Berlin', 'later'), Date.UTC(2024, 9, 27, 1, 30));
  assert.equal(toEpochMillis(Date.UTC(2024, 2, 31, 2, 30), 'Europe/Berlin', 'later'), Date.UTC(2024, 2, 31, 1, 30));
});

test('UNIX_TIMESTAMP reads a local time that occurs twice as standard time, as real Flink does', () => {
  const newYork = testContext({ localTimeZone: 'America/New_York' });
  // 2024-11-03 01:30 happens at 05:30Z (EDT) and 06:30Z (EST); Flink answers 1730615400 (06:30Z).
  assert.equal(call('UNIX_TIMESTAMP', [S], ['2024-11-03 01:30:00'], newYork), 1_730_615_400);
  assert.equal(call('UNIX_TIMESTAMP', [S], ['2024-11-03 00:30:00'], newYork), 1_730_608_200);
});

test('FROM_UNIXTIME formats epoch seconds in the session zone', () => {
  assert.equal(call('FROM_UNIXTIME', [bigintType()], [1_700_000_000]), '2023-11-14 22:13:20');
  assert.equal(call('FROM_UNIXTIME', [bigintType()], [1_700_000_000], shanghai), '2023-11-15 06:13:20');
  assert.equal(call('FROM_UNIXTIME', [intType(), S], [0, 'yyyy/MM/dd']), '1970/01/01');
  assert.equal(call('FROM_UNIXTIME', [bigintType()], [null]), null);
  assert.equal(infer('FROM_UNIXTIME', [S]), 'Invalid argument type for FROM_UNIXTIME: expected BIGINT, got STRING');
});

test('TO_TIMESTAMP_LTZ: precision 0 (seconds) or 3 (milliseconds)', () => {
  assert.equal(call('TO_TIMESTAMP_LTZ', [bigintType(), intType()], [1_700_000_000, 0], undefined, [undefined, 0]), 1_700_000_000_000);
  assert.equal(call('TO_TIMESTAMP_LTZ', [bigintType(), intType()], [T0, 3], undefined, [undefined, 3]), T0);
  assert.equal(call('TO_TIMESTAMP_LTZ', [doubleType(), intType()], [1.5, 0]), 1500);
  assert.equal(call('TO_TIMESTAMP_LTZ', [bigintType(), intType()], [null, 3]), null);
  assert.deepEqual(infer('TO_TIMESTAMP_LTZ', [bigintType(false), intType(false)], [undefined, 0]), timestampLtzType(0, false));
  assert.match(infer('TO_TIMESTAMP_LTZ', [bigintType(), intType()], [undefined, 6]) as string, /precision value '6'.*unsupported/);
});

test('YEAR, MONTH, DAYOFMONTH, HOUR, MINUTE, SECOND return BIGINT', () => {
  assert.equal(call('YEAR', [dateType()], [19675]), 2023);
  assert.equal(call('MONTH', [TS], [T0]), 11);
  assert.equal(call('DAYOFMONTH', [TS], [T0]), 14);
  assert.equal(call('HOUR', [TS], [T0]), 22);
  assert.equal(call('MINUTE', [TS], [T0]), 13);
  assert.equal(call('SECOND', [TS], [T0]), 20);
  assert.equal(call('HOUR', [timeType(0)], [3_723_000]), 1);
  assert.equal(call('HOUR', [LTZ], [T0], shanghai), 6);
  assert.equal(call('DAYOFMONTH', [LTZ], [T0], shanghai), 15);
  assert.equal(call('YEAR', [dateType()], [-719529]), -1, 'proleptic Gregorian before year 1');
  assert.equal(call('YEAR', [TS], [null]), null);
  assert.deepEqual(infer('YEAR', [dateType(false)]), bigintType(false));
  assert.equal(infer('YEAR', [timeType(0)]), 'Invalid argument type for YEAR: expected DATE, TIMESTAMP or TIMESTAMP_LTZ, got TIME(0)');
});

test('current time functions read the job clock and are non-deterministic', () => {
  assert.equal(call('CURRENT_TIMESTAMP', [], []), T0);
  assert.equal(call('NOW', [], [], shanghai), T0);
  assert.equal(call('LOCALTIMESTAMP', [], [], shanghai), T0 + 8 * 3_600_000);
  assert.equal(call('CURRENT_DATE', [], []), 19675);
  assert.equal(call('CURRENT_DATE', [], [], shanghai), 19676);
  assert.equal(call('CURRENT_TIME', [], []), (22 * 3600 + 13 * 60 + 20) * 1000);
  assert.equal(call('PROCTIME', [], []), T0);
  assert.deepEqual(infer('CURRENT_TIMESTAMP', []), timestampLtzType(3, false));
  assert.deepEqual(infer('LOCALTIMESTAMP', []), timestampType(3, false));
  assert.equal((infer('PROCTIME', []) as { timeAttribute?: string }).timeAttribute, 'proctime');
  for (const name of ['CURRENT_TIMESTAMP', 'NOW', 'LOCALTIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'PROCTIME']) {
    assert.equal(lookupFunction(name)!.deterministic, false, name);
  }
  assert.equal(lookupFunction('DATE_FORMAT')!.deterministic, true);
});
