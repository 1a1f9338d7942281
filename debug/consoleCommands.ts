// Debug Console commands (`fail GroupAggregate[1]`, `kill tm-1`, `checkpoint`, `savepoint`,
// `rescale 6`, `key 'user-42'`, `state GroupAggregate 'user-42'`, `help`): one table for running,
// help and completions. Anything else typed in the console is SQL over the current record.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { JobController } from './jobController.js';
import { describeKey, injectFault, triggerCheckpoint } from './jobActions.js';
import { RequestError } from './requestError.js';

/** One console command. */
interface ConsoleCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Runs with the text after the name; returns what the console shows. */
  run(c: JobController, rest: string): string;
  /** Completions of the first argument. */
  argumentCompletions?(c: JobController): string[];
}

const vertexTargets = (c: JobController): string[] =>
  c.job.graph.vertices.flatMap((v) => {
    const head = v.name.split(' -> ')[v.source ? 0 : 0]!;
    return Array.from({ length: v.parallelism }, (_, i) => `${head}[${i}]`);
  });

/** Every command, in the order `help` lists them. */
export const CONSOLE_COMMANDS: readonly ConsoleCommand[] = [
  {
    name: 'fail',
    usage: 'fail VERTEX[i]',
    summary: 'fail subtask i (0-based) of a vertex now, e.g. fail GroupAggregate[1]',
    run: (c, rest) => injectFault(c, { action: 'fail-task', target: need(rest, 'fail GroupAggregate[1]') }).fired,
    argumentCompletions: vertexTargets,
  },
  {
    name: 'kill',
    usage: 'kill tm-N',
    summary: 'lose a TaskManager and every subtask in its slots, e.g. kill tm-1',
    run: (c, rest) => injectFault(c, { action: 'kill-taskmanager', target: need(rest, 'kill tm-1') }).fired,
    argumentCompletions: (c) => c.job.placement.taskManagers.map((t) => t.id),
  },
  {
    name: 'checkpoint',
    usage: 'checkpoint',
    summary: 'trigger a checkpoint now',
    run: (c) => `triggered checkpoint ${triggerCheckpoint(c, false)}`,
  },
  {
    name: 'savepoint',
    usage: 'savepoint',
    summary: 'trigger a savepoint (always aligned) now',
    run: (c) => `triggered savepoint ${triggerCheckpoint(c, true)}`,
  },
  {
    name: 'rescale',
    usage: 'rescale N',
    summary: 'stop with a savepoint and restore it at parallelism N, e.g. rescale 6',
    run: (c, rest) => {
      const n = Number(need(rest, 'rescale 6'));
      if (!Number.isSafeInteger(n) || n < 1) throw new RequestError(`rescale expects a positive parallelism, got '${rest}'`);
      c.requestRescale(n);
      return `rescaling to parallelism ${n}: stopping with a savepoint`;
    },
  },
  {
    name: 'key',
    usage: "key 'VALUE'",
    summary: "where a key lives (key group, subtask) and its state, e.g. key 'user-42'",
    run: (c, rest) => describeKey(c, need(rest, "key 'user-42'")),
  },
  {
    name: 'state',
    usage: "state VERTEX 'VALUE'",
    summary: "the state of one key in one vertex, e.g. state GroupAggregate 'user-42'",
    run: (c, rest) => {
      const m = /^(.+?)\s+('.*'|-?[\d.]+|TRUE|FALSE|NULL)\s*$/i.exec(rest.trim());
      if (!m) throw new RequestError("usage: state VERTEX 'VALUE', e.g. state GroupAggregate 'user-42'");
      return describeKey(c, m[2]!, m[1]!);
    },
    argumentCompletions: (c) => c.job.graph.vertices.filter((v) => v.key).map((v) => v.name.split(' -> ')[0]!),
  },
  {
    name: 'help',
    usage: 'help',
    summary: 'this list',
    run: () => ['Debug Console commands:', ...CONSOLE_COMMANDS.map((k) => `  ${k.usage.padEnd(24)} ${k.summary}`), 'Anything else is a SQL expression over the current record, e.g. UPPER(user_id) or amount * 2.'].join('\n'),
  },
];

function need(rest: string, example: string): string {
  const t = rest.trim();
  if (t === '') throw new RequestError(`usage: ${example}`);
  return t;
}

/** The command a console line invokes, if it is one. */
export function parseConsoleCommand(line: string): { command: ConsoleCommand; rest: string } | undefined {
  const m = /^\s*([a-z]+)\b(.*)$/s.exec(line);
  if (!m) return undefined;
  const command = CONSOLE_COMMANDS.find((k) => k.name === m[1]);
  // `key` or `state` as the start of a SQL expression (a column named so) stays SQL.
  if (!command || /^\s*[-+*/=<>|(]/.test(m[2]!)) return undefined;
  return { command, rest: m[2]! };
}

/** Completions for a console line at `column` (1-based). */
export function consoleCompletions(c: JobController, text: string, column: number): DebugProtocol.CompletionItem[] {
  const before = text.slice(0, Math.max(0, column - 1));
  const m = /^\s*([a-z]*)$/.exec(before);
  if (m) return CONSOLE_COMMANDS.filter((k) => k.name.startsWith(m[1]!)).map((k) => ({ label: k.name, detail: k.summary, type: 'keyword' as const, start: before.length - m[1]!.length, length: m[1]!.length }));
  const arg = /^\s*([a-z]+)\s+(\S*)$/.exec(before);
  const command = arg && CONSOLE_COMMANDS.find((k) => k.name === arg[1]);
  if (!arg || !command?.argumentCompletions) return [];
  const typed = arg[2]!;
  return command.argumentCompletions(c).filter((x) => x.startsWith(typed)).map((label) => ({ label, type: 'value' as const, start: before.length - typed.length, length: typed.length }));
}
