// Conversions between instants (TIMESTAMP_LTZ, epoch ms) and local date-times (TIMESTAMP, local
// ms) in a session time zone, with java.time's rules. Uses the host's Intl zone data.
import { daysFromCivil } from './temporalText.js';

const FIXED = /^(?:(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)$/i;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The fixed offset in ms of `UTC`, `GMT`, `Z`, `+08:00`, `GMT-8`-style zones; undefined for region zones. */
export function fixedZoneOffset(zone: string): number | undefined {
  if (/^(?:UTC|GMT|UT|Z|Etc\/UTC|Etc\/GMT)$/i.test(zone)) return 0;
  const m = FIXED.exec(zone);
  if (!m) return undefined;
  const ms = Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000 + Number(m[4] ?? 0) * 1000;
  return m[1] === '-' ? -ms : ms;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC in ms at the instant `epochMs`. Throws RangeError for an unknown zone. */
export function zoneOffsetAt(zone: string, epochMs: number): number {
  const fixed = fixedZoneOffset(zone);
  if (fixed !== undefined) return fixed;
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const parts = formatter(zone).formatToParts(new Date(seconds));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const local = daysFromCivil(year, get('month'), get('day')) * 86_400_000 + get('hour') * 3_600_000 + get('minute') * 60_000 + get('second') * 1000;
  return local - seconds;
}

/** The local date-time (ms) of instant `epochMs` in `zone` (TIMESTAMP_LTZ → TIMESTAMP). */
export function instantToLocal(epochMs: number, zone: string): number {
  return epochMs + zoneOffsetAt(zone, epochMs);
}

/**
 * The instant of local date-time `localMs` in `zone`, as `LocalDateTime.atZone(zone)`: in an
 * overlap the earlier offset wins (`overlap` 'later' picks the later instant, standard time, as
 * java.util.Calendar and Flink's window timers do); in a gap the time moves forward by the gap's length.
 */
export function localToInstant(localMs: number, zone: string, overlap: 'earlier' | 'later' = 'earlier'): number {
  const fixed = fixedZoneOffset(zone);
  if (fixed !== undefined) return localMs - fixed;
  const before = zoneOffsetAt(zone, localMs - 86_400_000);
  const after = zoneOffsetAt(zone, localMs + 86_400_000);
  let best: number | undefined;
  for (const o of before === after ? [before] : [before, after]) {
    const t = localMs - o;
    if (zoneOffsetAt(zone, t) === o && (best === undefined || (overlap === 'earlier' ? t < best : t > best))) best = t;
  }
  return best ?? localMs - before;
}
