// Key placement of SQL GROUP BY keys: for a job whose print sink is chained to a one-key GROUP BY
// aggregate, the print prefix `N>` is the subtask that owns the key. Reads the keys from the job's
// input file and checks Flink's subtask = the runtime's print prefix = runtime assignKey().
import { readFileSync } from 'node:fs';
import { assignKey, type KeyType } from '../../../runtime/index.js';
import { canonicalJson, parseJsonPreserving, type JsonNode } from './jsonText.js';
import type { PrintLine } from './printLines.js';
import { splitCsvFields } from './sinkFiles.js';

/** A key-placement job: which sink prints `[key, ..., id]` rows and where its keys come from. */
export interface KeyJob {
  /** The corpus job name. */
  readonly job: string;
  readonly keyType: Extract<KeyType, 'sql-string' | 'sql-int' | 'sql-bigint'>;
  /** The print table chained to the aggregate; its rows end with the MIN of the input's row ids. */
  readonly sink: string;
  /** The input file, relative to the corpus folder. */
  readonly input: string;
  /** How the input rows are read: csv columns by position, json fields by name. */
  readonly read:
    | { readonly format: 'csv'; readonly idColumn: number; readonly keyColumn: number; readonly nullLiteral: string }
    | { readonly format: 'json'; readonly idField: string; readonly keyField: string };
}

/** A key as assignKey takes it: text, an exact integer (as text when beyond 2^53) or null. */
export type KeyValue = string | number | null;

/** Row id → key, read from the job's input file. */
export function readKeysById(job: KeyJob, path: string): Map<number, KeyValue> {
  const byId = new Map<number, KeyValue>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let idText: string;
    let key: KeyValue;
    if (job.read.format === 'csv') {
      const f = splitCsvFields(line, ',', '"');
      if (!f) throw new Error(`${path}: bad CSV line ${line}`);
      idText = f[job.read.idColumn]!;
      const k = f[job.read.keyColumn]!;
      key = k === job.read.nullLiteral ? null : k;
    } else {
      const node = parseJsonPreserving(line);
      if (node.kind !== 'object') throw new Error(`${path}: not a JSON object: ${line}`);
      const text = (n: JsonNode | undefined): string | null =>
        n === undefined || n.kind === 'null' ? null : n.kind === 'number' ? n.text : n.kind === 'string' ? n.value : canonicalJson(n);
      idText = String(text(node.fields.get(job.read.idField)));
      key = text(node.fields.get(job.read.keyField));
    }
    if (key !== null && job.keyType === 'sql-int') key = Number(key);
    byId.set(Number(idText), key);
  }
  return byId;
}

/** The row id a print row ends with (`[key, ..., id]`). */
function rowId(fields: string): number {
  return Number(fields.slice(fields.lastIndexOf(', ') + 2, -1));
}

/** Every subtask each key's print lines came from. */
function subtasksByKey(lines: readonly PrintLine[], sink: string, keys: Map<number, KeyValue>): Map<KeyValue, Set<number | undefined>> {
  const out = new Map<KeyValue, Set<number | undefined>>();
  for (const l of lines) {
    if (l.table !== sink) continue;
    const id = rowId(l.fields);
    if (!keys.has(id)) throw new Error(`print row ${l.fields} of ${sink} ends with ${id}, which is no row id of the input`);
    const key = keys.get(id)!;
    let set = out.get(key);
    if (!set) out.set(key, (set = new Set()));
    set.add(l.subtask);
  }
  return out;
}

function show(key: KeyValue): string {
  return key === null ? 'NULL' : typeof key === 'string' ? JSON.stringify(key.length > 40 ? `${key.slice(0, 37)}…` : key) : String(key);
}

function showSet(s: Set<number | undefined> | undefined): string {
  return s === undefined ? 'no lines' : [...s].map((x) => (x === undefined ? 'no prefix' : `${x + 1}>`)).join(' and ');
}

/**
 * Checks every key of the input: Flink printed it from exactly one subtask, and that is the
 * subtask the runtime printed it from and the one assignKey computes. Returns the problems (empty
 * when all agree) and the number of keys checked.
 */
export function checkKeyPlacement(
  job: KeyJob,
  keys: Map<number, KeyValue>,
  flinkLines: readonly PrintLine[],
  runtimeLines: readonly PrintLine[],
  maxParallelism: number,
  parallelism: number,
): { problems: string[]; keysChecked: number } {
  const flink = subtasksByKey(flinkLines, job.sink, keys);
  const runtime = subtasksByKey(runtimeLines, job.sink, keys);
  const problems: string[] = [];
  const distinct = [...new Set(keys.values())];
  for (const key of distinct) {
    const assigned = assignKey(job.keyType, key, maxParallelism, parallelism);
    if (!assigned.ok) {
      problems.push(`${show(key)}: assignKey failed: ${assigned.error}`);
      continue;
    }
    const f = flink.get(key);
    const r = runtime.get(key);
    const want = `${assigned.subtask + 1}>`;
    if (f === undefined || f.size !== 1 || showSet(f) !== want || r === undefined || r.size !== 1 || showSet(r) !== want) {
      problems.push(`${show(key)} (key group ${assigned.keyGroup}): Flink printed it from ${showSet(f)}, the runtime from ${showSet(r)}, assignKey says ${want}`);
    }
  }
  return { problems, keysChecked: distinct.length };
}
