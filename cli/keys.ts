// `checkpoint-lab keys`: which key group and subtask Flink assigns to each key.
// argv → runtime/keys → stdout text or JSON. Imports node:util and runtime/keys only.
import {
  checkMaxParallelismPreconditions,
  checkParallelismPreconditions,
  computeDefaultMaxParallelism,
  computeKeyGroupRangeForOperatorIndex,
} from '../runtime/keys/keyGroupAssignment.js';
import { KEY_TYPES, assignKey, isKeyType, type KeyInput, type KeyType } from '../runtime/keys/keyTypes.js';
import { parseOrAnswer } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';

function parseCount(name: string, raw: string): number | string {
  if (!/^[0-9]+$/.test(raw)) return `--${name}: expected a positive integer, got ${JSON.stringify(raw)}`;
  return Number(raw);
}

function displayKey(key: KeyInput): string {
  if (key === null) return 'NULL';
  if (typeof key !== 'string') return String(key);
  return key === '' || key.trim() !== key || /[\u0000-\u001f"]/.test(key) ? JSON.stringify(key) : key;
}

interface Assigned {
  readonly key: KeyInput;
  readonly keyGroup: number;
  readonly subtask: number;
}

function renderTable(rows: readonly Assigned[], keyType: KeyType, maxP: number, p: number): string {
  const header = ['KEY', 'KEY GROUP', 'SUBTASK', 'SUBTASK KEY GROUPS'];
  const cells = rows.map((r) => {
    const range = computeKeyGroupRangeForOperatorIndex(maxP, p, r.subtask);
    return [displayKey(r.key), String(r.keyGroup), `${r.subtask} (${r.subtask + 1}/${p})`, `${range.startKeyGroup}-${range.endKeyGroup}`];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [`${keyType} keys, max parallelism ${maxP}, parallelism ${p}`, line(header), ...cells.map(line)];
  return out.join('\n') + '\n';
}

/**
 * Runs `checkpoint-lab keys` with `args` (the words after `keys`). Writes the table (or JSON with
 * `--json`) to `io.out`, problems to `io.err`. Returns the exit code: 0, or 2 for a usage error
 * or an invalid key.
 */
export function runKeysCommand(args: string[], io: Pick<CliIo, 'out' | 'err'>): number {
  const fail = (message: string): number => {
    io.err(`checkpoint-lab keys: ${message}\n`);
    return ExitCode.INVALID;
  };
  const parsed = parseOrAnswer(COMMANDS.keys, args, io);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (v.parallelism === undefined) return fail('missing --parallelism P');
  const p = parseCount('parallelism', v.parallelism);
  if (typeof p === 'string') return fail(p);
  const pProblem = checkParallelismPreconditions(p);
  if (pProblem !== undefined) return fail(`--parallelism ${p}: ${pProblem}`);
  let maxP = computeDefaultMaxParallelism(p);
  if (v['max-parallelism'] !== undefined) {
    const m = parseCount('max-parallelism', v['max-parallelism']);
    if (typeof m === 'string') return fail(m);
    maxP = m;
  }
  const mProblem = checkMaxParallelismPreconditions(maxP, p);
  if (mProblem !== undefined) return fail(`--max-parallelism ${maxP} with --parallelism ${p}: ${mProblem}`);
  if (v.type === undefined) return fail(`missing --type (one of ${KEY_TYPES.join(', ')})`);
  if (!isKeyType(v.type)) return fail(`--type: unknown key type ${JSON.stringify(v.type)} (one of ${KEY_TYPES.join(', ')})`);
  const keyType = v.type;

  let keys: KeyInput[] = parsed.positionals;
  if (v['keys-json'] !== undefined) {
    if (keys.length > 0) return fail('give keys either as arguments or with --keys-json, not both');
    let json: unknown;
    try {
      json = JSON.parse(v['keys-json']);
    } catch (e) {
      return fail(`--keys-json: not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(json)) return fail('--keys-json: expected a JSON array of keys');
    for (const [i, k] of json.entries()) {
      if (k !== null && typeof k !== 'string' && typeof k !== 'number') {
        return fail(`--keys-json: element ${i} is ${JSON.stringify(k)}; keys must be strings, numbers or null`);
      }
    }
    keys = json as KeyInput[];
  }
  if (keys.length === 0) return fail('no keys given (pass KEY... or --keys-json)');

  const rows: Assigned[] = [];
  for (const key of keys) {
    const a = assignKey(keyType, key, maxP, p);
    if (!a.ok) return fail(`--type ${keyType}: ${a.error}`);
    rows.push({ key, keyGroup: a.keyGroup, subtask: a.subtask });
  }
  io.out(v.json ? JSON.stringify(rows) + '\n' : renderTable(rows, keyType, maxP, p));
  return ExitCode.OK;
}
