// Validation of `table.local-time-zone` as Flink's TableConfigUtils.validateTimeZone does it.
// Imports nothing of ours; uses the host's Intl time-zone data only to check a zone id exists.

/** Java's ZoneId.SHORT_IDS, which Flink rejects for `table.local-time-zone`. */
const SHORT_IDS = new Set([
  'ACT', 'AET', 'AGT', 'ART', 'AST', 'BET', 'BST', 'CAT', 'CNT', 'CST', 'CTT', 'EAT', 'ECT', 'EST',
  'HST', 'IET', 'IST', 'JST', 'MIT', 'MST', 'NET', 'NST', 'PLT', 'PNT', 'PRT', 'PST', 'SST', 'VST',
]);

const OFFSET_ID = /^(GMT|UTC|UT)?[+-]\d{1,2}(:?\d{2}(:?\d{2})?)?$/i;

/**
 * Checks a `table.local-time-zone` value. Accepts 'default', region ids ('Europe/Berlin'), 'UTC',
 * 'GMT' and offsets such as 'GMT-08:00'; rejects 'UTC+8'-style ids and short ids ('PST'), as Flink.
 * @returns undefined when valid, else Flink's message
 */
export function checkLocalTimeZone(zone: string): string | undefined {
  if (zone === 'default') return undefined;
  const upper = zone.toUpperCase();
  const message =
    "The supported Zone ID is either a full name such as 'America/Los_Angeles', or a custom timezone id " +
    `such as 'GMT-08:00', but configured Zone ID is '${zone}'.`;
  if (upper.startsWith('UTC+') || upper.startsWith('UTC-') || SHORT_IDS.has(upper)) return message;
  if (OFFSET_ID.test(zone)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return message;
  }
}
