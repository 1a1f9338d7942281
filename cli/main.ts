// The `checkpoint-lab` command line: argv → runtime API → stdout/JSON. Each command lives in its
// own file and parses its options against commandTable.ts; this one only dispatches and maps a
// command's result to the process exit code.
import { runChaosCommand } from './chaos.js';
import { runCheckpointsCommand } from './checkpoints.js';
import { mainHelp } from './commandLine.js';
import { runExplainCommand } from './explain.js';
import { runFlinkCommand } from './flink.js';
import { ExitCode, type CliIo } from './io.js';
import { runKeysCommand } from './keys.js';
import { runRunCommand } from './run.js';
import { runStoryCommand } from './story.js';
import { readTextFile } from './textFile.js';

const io: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  isTerminal: process.stderr.isTTY === true,
  readFile: readTextFile,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'run':
      return runRunCommand(args, io);
    case 'explain':
      return runExplainCommand(args, io);
    case 'keys':
      return runKeysCommand(args, { out: io.out, err: io.err });
    case 'chaos':
      return runChaosCommand(args, io);
    case 'checkpoints':
      return runCheckpointsCommand(args, { out: io.out, err: io.err });
    case 'flink':
      return runFlinkCommand(args, io);
    case 'story':
      return runStoryCommand(args, io);
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
