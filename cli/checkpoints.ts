// `checkpoint-lab checkpoints DIR [--json] [--show ID|PATH]`: lists the jobs, checkpoints and
// savepoints under DIR, verifying every file, and shows one checkpoint's metadata and state.
// argv → runtime/checkpoint/storage → stdout text or JSON. Imports node:util, node:path and runtime/checkpoint.
import { isAbsolute, join, relative } from 'node:path';
import type { CheckpointFs } from '../runtime/checkpoint/storage/checkpointFs.js';
import { scanCheckpointDirectory, type CheckpointDirectoryScan, type CheckpointListing, type JobCheckpoints } from '../runtime/checkpoint/storage/checkpointDirectoryScan.js';
import { METADATA_FILE_NAME } from '../runtime/checkpoint/storage/checkpointLayout.js';
import type { SubtaskStateFileContent } from '../runtime/checkpoint/storage/checkpointMetadata.js';
import { checkpointDirOf, openCheckpoint, type CheckpointProblem } from '../runtime/checkpoint/storage/checkpointReader.js';
import { validateCheckpointOperatorState } from '../runtime/checkpoint/operatorStateValidation.js';
import { formatStateValue, stateValueToJson, type JsonValue } from '../runtime/checkpoint/storage/stateValueView.js';
import { parseOrAnswer, usageError } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';
import { nodeCheckpointFs } from './nodeCheckpointFs.js';


const DEFAULT_MAX_KEYS = 20;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
}

/** Runs store wall-clock epoch ms (as Flink does); small values are job-clock ms. */
function isEpoch(ms: number): boolean {
  return ms > 1e11;
}

function formatJobTime(ms: number | null): string {
  if (ms === null) return '-';
  return isEpoch(ms) ? new Date(ms).toISOString() : `${(ms / 1000).toFixed(3)} s`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Text listing of a scan. */
function renderScan(scan: CheckpointDirectoryScan): string {
  const rel = (p: string) => relative(scan.dir, p) || '.';
  const out: string[] = [];
  const problemLines = (c: CheckpointListing, indent: string) => c.problems.map((p) => `${indent}${rel(p.path)}: ${p.problem}`);
  const status = (c: CheckpointListing) => (c.invalid ? 'INVALID' : c.status !== 'complete' ? 'CORRUPT' : c.restorable ? 'complete' : 'superseded');
  if (scan.single) {
    const c = scan.single;
    out.push(`${c.kind === 'savepoint' ? 'Savepoint' : 'Checkpoint'} ${c.checkpointId ?? '?'}${c.jobId ? ` of job ${c.jobId}` : ''} in ${scan.dir}: ${status(c)}, ${formatBytes(c.sizeBytes)}`);
    out.push(...problemLines(c, '  '));
  }
  for (const job of scan.jobs) {
    out.push(`${out.length > 0 ? '\n' : ''}Job ${job.jobId ?? '(unnamed)'}  ${job.path}`);
    out.push(...jobStatusLines(job, rel));
    if (job.checkpoints.length === 0) {
      out.push(job.status && job.status.state !== 'RUNNING' ? `  no checkpoints: discarded when the job ended ${job.status.state}` : '  no complete checkpoints');
      continue;
    }
    const rows = job.checkpoints.map((c) => [String(c.checkpointId ?? '?'), status(c), formatBytes(c.sizeBytes), formatJobTime(c.triggerTimestampMs), formatJobTime(c.completionTimestampMs), c.kind]);
    const lines = table(['ID', 'STATUS', 'SIZE', 'TRIGGERED', 'COMPLETED', 'KIND'], rows, new Set([0, 2, 3, 4]));
    out.push(`  ${lines[0]}`);
    job.checkpoints.forEach((c, i) => out.push(`  ${lines[i + 1]}`, ...problemLines(c, '      ')));
  }
  if (scan.savepoints.length > 0) {
    out.push(`${out.length > 0 ? '\n' : ''}Savepoints`);
    const rows = scan.savepoints.map((c) => [rel(c.path), status(c), formatBytes(c.sizeBytes), c.jobId ?? '?', String(c.checkpointId ?? '?'), formatJobTime(c.completionTimestampMs)]);
    const lines = table(['PATH', 'STATUS', 'SIZE', 'JOB', 'CHECKPOINT', 'COMPLETED'], rows, new Set([2, 4, 5]));
    out.push(`  ${lines[0]}`);
    scan.savepoints.forEach((c, i) => out.push(`  ${lines[i + 1]}`, ...problemLines(c, '      ')));
  }
  if (scan.leftovers.length > 0) {
    out.push(`${out.length > 0 ? '\n' : ''}Left by a crash (never read; removed when the job's checkpoint storage starts again)`);
    for (const l of scan.leftovers) out.push(`  ${rel(l.path)}`);
  }
  if (out.length === 0) out.push(`No checkpoints or savepoints in ${scan.dir}.`);
  return out.join('\n') + '\n';
}

/** What `_jobstatus` says about a job: its run, its lineage, and whether a later run took over. */
function jobStatusLines(job: JobCheckpoints, rel: (p: string) => string): string[] {
  const out: string[] = [];
  const s = job.status;
  if (s) {
    const ended = s.state === 'RUNNING' ? 'running or killed (never ended)' : `${s.state} at ${formatJobTime(s.endedAtMs)}`;
    out.push(`  started ${formatJobTime(s.startedAtMs)}, ${ended}${s.restoredFrom ? `; restored from ${rel(s.restoredFrom.path)}` : ''}`);
  }
  if (job.statusProblem) out.push(`  ${job.statusProblem}`);
  if (job.resumedBy) {
    out.push(`  resumed by job ${job.resumedBy.jobId} from checkpoint ${job.resumedBy.checkpointId}: --restore latest continues that run, not these checkpoints`);
  }
  return out;
}

/** Finds the checkpoint `id` in a scan; a message when there is none or more than one. */
function findById(scan: CheckpointDirectoryScan, id: number): { path: string } | { error: string } {
  const all = [...(scan.single ? [scan.single] : []), ...scan.jobs.flatMap((j) => j.checkpoints), ...scan.savepoints];
  const hits = all.filter((c) => c.checkpointId === id);
  if (hits.length === 1) return { path: hits[0]!.path };
  if (hits.length === 0) {
    const ids = [...new Set(all.map((c) => c.checkpointId).filter((x): x is number => x !== null))].sort((a, b) => a - b);
    return { error: `no checkpoint ${id} in ${scan.dir}${ids.length > 0 ? ` (checkpoints: ${ids.join(', ')})` : ''}` };
  }
  return { error: `checkpoint ${id} exists more than once in ${scan.dir}; give its path:\n${hits.map((h) => `  ${h.path}`).join('\n')}` };
}

interface ShownSubtaskState {
  readonly vertexId: string;
  readonly subtaskIndex: number;
  readonly file: string;
  readonly content: SubtaskStateFileContent | null;
}

/** The key groups of a subtask's state (with keys or timers), ascending. */
function keyGroupsOf(content: SubtaskStateFileContent): number[] {
  return [...new Set([...content.keyGroups.keys(), ...(content.timers?.keys() ?? [])])].sort((a, b) => a - b);
}

/** JSON form of keyed state: per key group, per state, every key → value, and the timers. */
function keyGroupsToJson(content: SubtaskStateFileContent): JsonValue {
  return keyGroupsOf(content).map((keyGroup) => ({
    keyGroup,
    states: Object.fromEntries([...(content.keyGroups.get(keyGroup) ?? [])].map(([name, table]) => [name, [...table].map(([key, value]) => ({ key: stateValueToJson(key), value: stateValueToJson(value) }))])),
    timers: (content.timers?.get(keyGroup) ?? []).map((t) => ({ timestamp: t.timestamp, key: stateValueToJson(t.key) })),
  }));
}

/** Text form of one subtask's keyed state, `maxKeys` keys per state and key group (0 = all). */
function renderKeyGroups(content: SubtaskStateFileContent, maxKeys: number, indent: string): string[] {
  const out: string[] = [];
  for (const keyGroup of keyGroupsOf(content)) {
    const states = content.keyGroups.get(keyGroup) ?? new Map<string, Map<unknown, unknown>>();
    const timers = content.timers?.get(keyGroup) ?? [];
    const keys = [...states.values()].reduce((n, t) => n + t.size, 0);
    if (keys === 0 && timers.length === 0) continue;
    out.push(`${indent}key group ${keyGroup}`);
    for (const [name, table] of states) {
      if (table.size === 0) continue;
      out.push(`${indent}  ${name} (${table.size} ${table.size === 1 ? 'key' : 'keys'})`);
      let shown = 0;
      for (const [key, value] of table) {
        if (maxKeys > 0 && shown === maxKeys) {
          out.push(`${indent}    … ${table.size - shown} more (--max-keys 0 shows all)`);
          break;
        }
        out.push(`${indent}    ${formatStateValue(key)} → ${formatStateValue(value)}`);
        shown++;
      }
    }
    if (timers.length > 0) {
      out.push(`${indent}  event-time timers (${timers.length})`);
      const limit = maxKeys > 0 ? Math.min(maxKeys, timers.length) : timers.length;
      for (let i = 0; i < limit; i++) out.push(`${indent}    ${formatStateValue(timers[i]!.key)} at ${timers[i]!.timestamp}`);
      if (limit < timers.length) out.push(`${indent}    … ${timers.length - limit} more (--max-keys 0 shows all)`);
    }
  }
  if (out.length === 0) out.push(`${indent}(no keys)`);
  return out;
}

async function showCheckpoint(fs: CheckpointFs, path: string, json: boolean, maxKeys: number, io: Pick<CliIo, 'out' | 'err'>): Promise<number> {
  const opened = await openCheckpoint(fs, path);
  if (!opened.ok) {
    if (json) io.out(JSON.stringify({ path: checkpointDirOf(path), status: 'corrupt', problems: opened.problems, metadata: null, state: [] }, null, 2) + '\n');
    else io.out(`${checkpointDirOf(path)}: CORRUPT, cannot be read\n${opened.problems.map((p) => `  ${p.path}: ${p.problem}\n`).join('')}`);
    return ExitCode.JOB_FAILED;
  }
  const { metadata: m, metadataSizeBytes } = opened.value;
  const problems: CheckpointProblem[] = [];
  const shown: ShownSubtaskState[] = [];
  for (const v of m.vertices) {
    for (const s of v.subtasks) {
      if (s.stateFile === null) continue;
      const r = await opened.value.readState(s.stateFile);
      if (!r.ok) problems.push(...r.problems);
      shown.push({ vertexId: v.vertexId, subtaskIndex: s.subtaskIndex, file: s.stateFile, content: r.ok ? r.value : null });
    }
  }
  const invalid = validateCheckpointOperatorState(m);
  if (invalid !== undefined) problems.unshift({ path: `${opened.value.path}/${METADATA_FILE_NAME}`, problem: `the checkpoint cannot be restored: ${invalid}` });
  const stateOf = (vertexId: string, subtaskIndex: number) => shown.find((x) => x.vertexId === vertexId && x.subtaskIndex === subtaskIndex);
  const totalBytes = metadataSizeBytes + m.stateFiles.reduce((n, f) => n + f.sizeBytes, 0);
  const status = invalid !== undefined ? 'invalid' : problems.length === 0 ? 'complete' : 'corrupt';
  if (json) {
    const out = {
      path: opened.value.path,
      status,
      problems,
      metadata: {
        jobId: m.jobId,
        checkpointId: m.checkpointId,
        isSavepoint: m.isSavepoint,
        triggerTimestampMs: m.triggerTimestampMs,
        completionTimestampMs: m.completionTimestampMs,
        sizeBytes: totalBytes,
        stateFiles: m.stateFiles,
        vertices: m.vertices.map((v) => ({
          ...v,
          subtasks: v.subtasks.map((s) => {
            const st = stateOf(v.vertexId, s.subtaskIndex);
            return {
              subtaskIndex: s.subtaskIndex,
              keyGroupRange: s.keyGroupRange,
              stateFile: s.stateFile,
              operatorState: s.operatorState === undefined ? null : stateValueToJson(s.operatorState),
              keyGroups: st?.content ? keyGroupsToJson(st.content) : null,
            };
          }),
        })),
      },
    };
    io.out(JSON.stringify(out, null, 2) + '\n');
    return problems.length === 0 ? ExitCode.OK : ExitCode.JOB_FAILED;
  }
  const lines: string[] = [];
  lines.push(`${m.isSavepoint ? 'Savepoint' : 'Checkpoint'} ${m.checkpointId} of job ${m.jobId}`);
  lines.push(`  path: ${opened.value.path}`);
  lines.push(`  triggered at ${isEpoch(m.triggerTimestampMs) ? '' : 'job time '}${formatJobTime(m.triggerTimestampMs)}, completed at ${formatJobTime(m.completionTimestampMs)}`);
  lines.push(`  ${formatBytes(totalBytes)} in ${m.stateFiles.length + 1} files; ${invalid !== undefined ? 'INVALID: every checksum verified, but it cannot be restored' : problems.length === 0 ? 'every checksum verified' : `CORRUPT: ${problems.length} damaged ${problems.length === 1 ? 'file' : 'files'}`}`);
  for (const p of problems) lines.push(`    ${p.path}: ${p.problem}`);
  for (const v of m.vertices) {
    lines.push('', `Vertex ${v.vertexId}${v.vertexName ? ` (${v.vertexName})` : ''}: parallelism ${v.parallelism}, max parallelism ${v.maxParallelism}`);
    for (const s of v.subtasks) {
      const r = s.keyGroupRange;
      const range = r.endKeyGroup < r.startKeyGroup ? 'no key groups' : `key groups ${r.startKeyGroup}-${r.endKeyGroup}`;
      const file = m.stateFiles.find((f) => f.name === s.stateFile);
      lines.push(`  ${v.vertexName ?? `vertex ${v.vertexId}`} (${s.subtaskIndex + 1}/${v.parallelism}), subtask ${s.subtaskIndex}: ${range}${file ? `, ${file.name} (${formatBytes(file.sizeBytes)}, CRC-32C ${file.checksum})` : ''}`);
      if (s.operatorState !== undefined) lines.push(`    operator state: ${formatStateValue(s.operatorState)}`);
      if (s.stateFile === null) continue;
      const st = stateOf(v.vertexId, s.subtaskIndex);
      if (!st?.content) lines.push('    (state unreadable, see above)');
      else lines.push(...renderKeyGroups(st.content, maxKeys, '    '));
    }
  }
  io.out(lines.join('\n') + '\n');
  return problems.length === 0 ? ExitCode.OK : ExitCode.JOB_FAILED;
}

/**
 * Runs `checkpoint-lab checkpoints` with `args` (the words after `checkpoints`). Writes the listing
 * (or one checkpoint with `--show`) to `io.out`, usage problems to `io.err`. Returns the exit code:
 * 0, 1 when the shown checkpoint is corrupt, 2 for a bad DIR or usage. Never throws for damaged files.
 */
export async function runCheckpointsCommand(args: string[], io: Pick<CliIo, 'out' | 'err'>, fs: CheckpointFs = nodeCheckpointFs): Promise<number> {
  const fail = (message: string): number => {
    io.err(`checkpoint-lab checkpoints: ${message}\n`);
    return ExitCode.INVALID;
  };
  const parsed = parseOrAnswer(COMMANDS.checkpoints, args, io);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (parsed.positionals.length !== 1) return usageError(COMMANDS.checkpoints, `expected exactly one DIR, got ${parsed.positionals.length}`, io);
  const dir = parsed.positionals[0]!;
  let maxKeys = DEFAULT_MAX_KEYS;
  if (v['max-keys'] !== undefined) {
    if (!/^[0-9]+$/.test(v['max-keys'])) return fail(`--max-keys: expected a number of keys, got ${JSON.stringify(v['max-keys'])}`);
    maxKeys = Number(v['max-keys']);
  }
  try {
    if (!(await fs.isDirectory(dir))) {
      return fail((await fs.exists(dir)) ? `${dir} is not a directory` : `${dir} does not exist`);
    }
    if (v.show !== undefined) {
      let path: string;
      if (/^[0-9]+$/.test(v.show)) {
        const found = findById(await scanCheckpointDirectory(fs, dir, validateCheckpointOperatorState), Number(v.show));
        if ('error' in found) return fail(found.error);
        path = found.path;
      } else {
        path = v.show;
        if (!isAbsolute(path) && !(await fs.exists(path)) && (await fs.exists(join(dir, path)))) path = join(dir, path);
        const target = checkpointDirOf(path);
        if (!(await fs.isDirectory(target))) return fail(`${v.show} is neither a checkpoint id nor a checkpoint directory (or its ${METADATA_FILE_NAME})`);
      }
      return await showCheckpoint(fs, path, v.json === true, maxKeys, io);
    }
    const scan = await scanCheckpointDirectory(fs, dir, validateCheckpointOperatorState);
    io.out(v.json ? JSON.stringify(scan, null, 2) + '\n' : renderScan(scan));
    return ExitCode.OK;
  } catch (e) {
    // An unreadable directory (permissions, a vanished entry): a clear message, not a stack trace.
    return fail(`cannot read ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
