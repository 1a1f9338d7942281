// The `checkpoint-lab` command line: argv → runtime API → stdout/JSON. Each command lives in its
// own file and parses its options against commandTable.ts; this one only dispatches and maps a
// command's result to the process exit code.
// Commands are imported when run (esbuild evaluates a dynamically imported module on first use), so
// `--help`, `keys` and `checkpoints` never load the SQL grammar.
import { mainHelp } from './commandLine.js';
import { ExitCode, type CliIo } from './io.js';
import { readTextFile } from './textFile.js';

const io: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  isTerminal: process.stderr.isTTY === true,
  readFile: readTextFile,
};

/** Commands that parse a job file: they start from the grammar cache (see ARCHITECTURE.md). */
const PARSING_COMMANDS = new Set(['run', 'explain', 'chaos', 'story', 'flink']);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== undefined && PARSING_COMMANDS.has(command) && !args.includes('--help') && !args.includes('-h')) (await import('./grammarCacheFile.js')).loadGrammarCache();
  switch (command) {
    case 'run':
      return (await import('./run.js')).runRunCommand(args, io);
    case 'explain':
      return (await import('./explain.js')).runExplainCommand(args, io);
    case 'keys':
      return (await import('./keys.js')).runKeysCommand(args, { out: io.out, err: io.err });
    case 'chaos':
      return (await import('./chaos.js')).runChaosCommand(args, io);
    case 'checkpoints':
      return (await import('./checkpoints.js')).runCheckpointsCommand(args, { out: io.out, err: io.err });
    case 'flink':
      return (await import('./flink.js')).runFlinkCommand(args, io);
    case 'story':
      return (await import('./story.js')).runStoryCommand(args, io);
    case undefined:
      io.err(mainHelp());
      return ExitCode.INVALID;
    case 'help':
    case '--help':
    case '-h':
      io.out(mainHelp());
      return ExitCode.OK;
    default:
      io.err(`checkpoint-lab: unknown command '${command}'\n\n${mainHelp()}`);
      return ExitCode.INVALID;
  }
}

// Output piped into a command that stops reading (`| head`) ends the CLI quietly, not with EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? ExitCode.OK);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`checkpoint-lab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = ExitCode.JOB_FAILED;
  },
);
