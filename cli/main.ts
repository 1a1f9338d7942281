// The `checkpoint-lab` command line: argv → runtime API → stdout/JSON. Each command lives in its
// own file; this one only dispatches and maps a command's result to the process exit code.
import { runChaosCommand } from './chaos.js';
import { runCheckpointsCommand } from './checkpoints.js';
import { runExplainCommand } from './explain.js';
import { runFlinkCommand } from './flink.js';
import { ExitCode, type CliIo } from './io.js';
import { runKeysCommand } from './keys.js';
import { runRunCommand } from './run.js';
import { runStoryCommand } from './story.js';
import { readTextFile } from './textFile.js';

const USAGE = `Usage: checkpoint-lab <command> [options]

Commands:
  run JOB [--seed N] [--parallelism N] [--speed max|FACTOR] [--json]
          [--faults SCENARIO.yaml [--verify]] [--restore latest|PATH]
          [--savepoint-at TIME | --stop-with-savepoint-at TIME]
                       Run a Flink SQL job file on the local runtime, optionally with injected
                       faults, verified against a fault-free run, or resumed from a checkpoint.
  explain JOB [--parallelism N]
                       Print the job graph: vertices, parallelism, partitioning, keys.
  keys --parallelism P [--max-parallelism M] --type TYPE KEY... | --keys-json JSON [--json]
                       Show the key group and subtask of keys (TYPE: java-string, java-int,
                       java-long, sql-string, sql-int, sql-bigint).
  chaos JOB --schedules N --seed S [--json]
                       Run N random fault schedules and compare each run with a fault-free one;
                       every divergence is printed with the scenario that reproduces it.
  checkpoints DIR [--json] [--show ID|PATH] [--max-keys N]
                       List the checkpoints and savepoints under DIR, or show one's metadata
                       and state (per vertex, subtask, key group and key), verifying checksums.
  flink run JOB [--rest GATEWAY_URL] [--wait] [--json]
                       Run the same job file on a real Flink cluster through its SQL Gateway.
  flink attach [--rest JOBMANAGER_URL] [--job ID] [--json]
                       Read a live Flink job's vertices, key-group ranges, checkpoints and
                       exceptions (the same picture a local run gives).
  story                Run the example clickstream job and tell what happened.

Exit codes: 0 finished, 1 job failed, 2 invalid job file or usage, 3 verification found a divergence.
`;

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
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? ExitCode.INVALID : ExitCode.OK;
    default:
      io.err(`checkpoint-lab: unknown command '${command}'\n\n${USAGE}`);
      return ExitCode.INVALID;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`checkpoint-lab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = ExitCode.JOB_FAILED;
  },
);
