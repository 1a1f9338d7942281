// Parses a command's argv against its entry in commandTable.ts and renders every help text from
// that table. `--help`/`-h` works everywhere; a negative number is a value, never an option.
import { COMMANDS, type CommandSpec, type OptionSpec } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';

/** The values of a command's options: a string (or strings) for options with a value, true for flags. */
export type OptionValues<O extends Readonly<Record<string, OptionSpec>>> = {
  -readonly [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { value: string } ? string : boolean;
};

/** A parsed command line. */
export interface ParsedCommandLine<S extends CommandSpec> {
  values: OptionValues<S['options']>;
  positionals: string[];
}

/** `-5`, `-2.5`, `-.5`, `-1e3`: a number, not an option. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * Parses argv: `--name value`, `--name=value`, flags, `--` (everything after it is positional),
 * `-h`/`--help`. Returns 'help' when help was asked for, or an error message.
 */
export function parseCommandLine<S extends CommandSpec>(spec: S, argv: readonly string[]): ParsedCommandLine<S> | 'help' | { error: string } {
  const values: Record<string, string | string[] | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('-') || arg === '-' || (spec.negativeNumberArgs && NEGATIVE_NUMBER.test(arg))) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith('--')) return { error: `Unknown option '${arg}'` };
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const option = Object.hasOwn(spec.options, name) ? spec.options[name]! : undefined;
    if (!option) return { error: `Unknown option '--${name}'` };
    if (option.value === undefined) {
      if (eq >= 0) return { error: `option --${name} takes no value, got '${arg.slice(eq + 1)}'` };
      values[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // The next argument is the value unless it is another option; `-2` is a value.
      if (next === undefined || (next.startsWith('-') && next !== '-' && !NEGATIVE_NUMBER.test(next))) {
        return { error: `option --${name} ${option.value}: argument missing` };
      }
      value = next;
      i++;
    }
    if (option.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  }
  return { values: values as OptionValues<S['options']>, positionals };
}

/**
 * Parses argv and answers what needs no command: --help (printed, exit 0) and usage errors
 * (printed with the usage line, exit 2). Returns the parsed line, or the exit code.
 */
export function parseOrAnswer<S extends CommandSpec>(spec: S, argv: readonly string[], io: Pick<CliIo, 'out' | 'err'>): ParsedCommandLine<S> | number {
  const parsed = parseCommandLine(spec, argv);
  if (parsed === 'help') {
    io.out(commandHelp(spec));
    return ExitCode.OK;
  }
  if ('error' in parsed) return usageError(spec, parsed.error, io);
  return parsed;
}

/** Prints `checkpoint-lab NAME: message` and the usage line; returns exit code 2. */
export function usageError(spec: CommandSpec, message: string, io: Pick<CliIo, 'err'>): number {
  io.err(`checkpoint-lab ${spec.name}: ${message}\n${usageLine(spec)}\nRun 'checkpoint-lab ${spec.name} --help' for its options.\n`);
  return ExitCode.INVALID;
}

/** `Usage: checkpoint-lab run JOB [--seed N] [--json] ...`, wrapped. */
export function usageLine(spec: CommandSpec): string {
  const parts = [`checkpoint-lab ${spec.name}`, ...(spec.args ? [spec.args] : []), ...Object.entries(spec.options).map(([n, o]) => `[--${n}${o.value ? ` ${o.value}` : ''}]${o.multiple ? '...' : ''}`)];
  return `Usage: ${wrap(parts, 100, '         ')}`;
}

/** The full --help of a command, from the table. */
export function commandHelp(spec: CommandSpec): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([n, o]) => [`--${n}${o.value ? ` ${o.value}` : ''}`, o.help]);
  rows.push(['-h, --help', 'print this help']);
  const width = Math.min(28, Math.max(...rows.map(([left]) => left.length)) + 2);
  const lines = rows.map(([left, help]) => `  ${left.length + 2 > width ? `${left}\n  ${' '.repeat(width)}` : left.padEnd(width)}${help}`);
  return `${usageLine(spec)}\n\n${spec.description}\n\nOptions:\n${lines.join('\n')}\n${spec.footer ? `\n${spec.footer}\n` : ''}`;
}

/** The top-level help: every command of the table with its summary. */
export function mainHelp(): string {
  const specs: CommandSpec[] = Object.values(COMMANDS);
  const rows = specs.map((s) => [`${s.name}${s.args ? ` ${s.args}` : ''}`, s.summary] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return `Usage: checkpoint-lab <command> [options]

Commands:
${rows.map(([left, summary]) => `  ${left.padEnd(width)}${summary}`).join('\n')}

Run 'checkpoint-lab <command> --help' for a command's options.
Exit codes: 0 finished, 1 job failed, 2 invalid job file or usage, 3 verification found a divergence.
`;
}

function wrap(parts: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && line.length + 1 + p.length > width) {
      lines.push(line);
      line = indent + p;
    } else line = line ? `${line} ${p}` : p;
  }
  lines.push(line);
  return lines.join('\n');
}
