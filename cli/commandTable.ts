// The one table of the CLI's commands and their options: commandLine.ts parses argv only against
// it and prints every --help from it, so the help cannot drift from what is parsed.
import { UPPER_BOUND_MAX_PARALLELISM } from '../runtime/keys/keyGroupAssignment.js';
import { KEY_TYPES } from '../runtime/keys/keyTypes.js';

/** One option of a command. */
export interface OptionSpec {
  /** Placeholder of the option's value (`N`, `PATH`); absent for a flag. */
  readonly value?: string;
  /** One line (or a few) of help. */
  readonly help: string;
  /** The option may be given several times (its values are collected in order). */
  readonly multiple?: true;
}

/** One command (`run`) or subcommand (`flink run`). */
export interface CommandSpec {
  /** As typed after `checkpoint-lab`: `run`, `flink attach`. */
  readonly name: string;
  /** Positional arguments in the usage line: `JOB`, `DIR`, `KEY...`. */
  readonly args: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What the command does, for its --help. */
  readonly description: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Arguments that look like negative numbers (`-5`) are positionals, not options (keys). */
  readonly negativeNumberArgs?: true;
  /** The last lines of its --help (exit codes). */
  readonly footer?: string;
}

const EXIT_CODES = 'Exit codes: 0 finished, 1 job failed, 2 invalid job file or usage, 3 verification found a divergence.';

/** `--speed` accepts factors in this range (or `max`): slower would stall a job, faster is `max`. */
export const SPEED_RANGE = { min: 0.001, max: 1_000_000 } as const;

export const COMMANDS = {
  run: {
    name: 'run',
    args: 'JOB',
    summary: 'Run a Flink SQL job file on the local runtime (faults, verification, checkpoints, restore).',
    description: 'Compiles the job file and runs it to the end (bounded sources) or until Ctrl-C: print sink output on stdout, a summary on stderr.',
    options: {
      seed: { value: 'N', help: 'seed of every decision (default 0); any integer, negative too, up to 2^53-1 in size' },
      parallelism: { value: 'N', help: 'overrides parallelism.default' },
      speed: { value: 'max|FACTOR', help: `max (default): as fast as possible; FACTOR ${SPEED_RANGE.min}..${SPEED_RANGE.max} paces the job clock (1 = real time)` },
      json: { help: 'print one JSON object on stdout (print sink lines go to stderr)' },
      faults: { value: 'SCENARIO.yaml', help: 'inject the faults of a scenario file' },
      verify: { help: 'also run without faults (same seed) and compare every sink table (exit 3 when they differ)' },
      restore: { value: 'latest|PATH', help: "resume from the newest complete checkpoint under execution.checkpointing.dir, or from a checkpoint or savepoint" },
      'savepoint-at': { value: 'TIME', help: "take a savepoint at this job time ('2s', '500ms') into execution.checkpointing.savepoint-dir" },
      'stop-with-savepoint-at': { value: 'TIME', help: 'take a synchronous savepoint at this job time and stop the job' },
      'keep-restarting': { help: "keep Flink's behaviour after a deterministic failure (a poison record): the restart strategy alone decides, instead of stopping with the diagnosis" },
    },
    footer: EXIT_CODES,
  },
  explain: {
    name: 'explain',
    args: 'JOB',
    summary: 'Print the job graph: vertices, parallelism, partitioning, keys.',
    description: 'Prints the job graph the runtime would execute: vertices (chained operators) with parallelism and max parallelism, how each edge partitions, and the key and key-group ranges of keyed vertices.',
    options: {
      parallelism: { value: 'N', help: 'overrides parallelism.default' },
    },
    footer: 'Exit codes: 0 printed, 2 invalid job file or usage.',
  },
  keys: {
    name: 'keys',
    args: 'KEY...',
    summary: 'Show the key group and subtask of keys, computed as Flink does.',
    description: 'Shows the key group (murmurHash(hashCode) % M) and subtask (keyGroup * P / M) of each key.\njava-* types hash a DataStream key (String/Integer/Long.hashCode()); sql-* types hash a one-column Flink SQL key row (STRING/INT/BIGINT).',
    options: {
      parallelism: { value: 'P', help: `operator parallelism, 1..${UPPER_BOUND_MAX_PARALLELISM}` },
      'max-parallelism': { value: 'M', help: `number of key groups, P..${UPPER_BOUND_MAX_PARALLELISM} (default: Flink's default for P)` },
      type: { value: 'TYPE', help: KEY_TYPES.join(', ') },
      'keys-json': { value: 'JSON', help: 'keys as a JSON array instead of KEY...; null is SQL NULL; give 64-bit values as strings' },
      json: { help: 'print [{"key","keyGroup","subtask"}] instead of a table' },
    },
    negativeNumberArgs: true,
    footer: "Negative numbers are keys; use -- before other keys that start with '-'.\nExit codes: 0 shown, 2 usage.",
  },
  chaos: {
    name: 'chaos',
    args: 'JOB',
    summary: 'Run random fault schedules and compare each with a fault-free run.',
    description: 'Runs N random fault schedules (each with its own seed derived from S) and compares each run with a fault-free one; every divergence is printed with the scenario that reproduces it.',
    options: {
      schedules: { value: 'N', help: 'number of schedules (default 100)' },
      seed: { value: 'S', help: 'seed of the schedules and runs (default 0; negative allowed)' },
      parallelism: { value: 'N', help: 'overrides parallelism.default' },
      'faults-per-schedule': { value: 'MIN..MAX', help: 'faults drawn per schedule (N or MIN..MAX)' },
      json: { help: 'print {"schedules", "divergences": [...]} on stdout' },
    },
    footer: 'Exit codes: 0 no divergence, 2 invalid job file or usage, 3 a schedule diverged.',
  },
  checkpoints: {
    name: 'checkpoints',
    args: 'DIR',
    summary: 'List checkpoints and savepoints under DIR, or show one, verifying checksums.',
    description:
      'Lists the jobs, checkpoints and savepoints under DIR and verifies the checksum of every file.\nDIR is an execution.checkpointing.dir (<DIR>/<job-id>/chk-<n>), one job\'s directory, a savepoint directory or a single checkpoint.',
    options: {
      show: { value: 'ID|PATH', help: "show one checkpoint's metadata and state per vertex, subtask, key group and key (ID under DIR, or a checkpoint or savepoint directory or its _metadata)" },
      'max-keys': { value: 'N', help: 'keys shown per state and key group in text output (default 20, 0 = all); --json always has every key' },
      json: { help: 'print one JSON object instead of text' },
    },
    footer: 'Exit codes: 0 listed or shown, 1 the shown checkpoint is corrupt, 2 DIR is not a directory or usage.\nCorrupt checkpoints in a listing are reported per file; they do not change the exit code.',
  },
  'flink run': {
    name: 'flink run',
    args: 'JOB',
    summary: 'Run the same job file on a real Flink cluster through its SQL Gateway.',
    description: "Runs the job file's statements on a Flink cluster through its SQL Gateway and reports each job's id and status. Without --rest, the local cluster that flink/start.sh started is used.",
    options: {
      rest: { value: 'GATEWAY_URL', help: 'the SQL Gateway (default: the local cluster)' },
      wait: { help: 'wait until every job has ended (exit 1 unless all FINISHED)' },
      timeout: { value: 'SECONDS', help: 'how long --wait waits (default 600)' },
      json: { help: 'print one JSON object on stdout' },
      header: { value: "'Name: value'", help: 'an HTTP header for every request (e.g. Authorization); repeatable', multiple: true },
    },
    footer: 'Exit codes: 0 submitted (or all FINISHED with --wait), 1 a job did not finish or the cluster failed, 2 invalid job file or usage.',
  },
  'flink attach': {
    name: 'flink attach',
    args: '',
    summary: "Read a live Flink job's vertices, key-group ranges, checkpoints and exceptions.",
    description: "Reads a job from the JobManager's REST API and shows the same picture a local run gives. Without --job it reads the one running job.",
    options: {
      rest: { value: 'JOBMANAGER_URL', help: 'the JobManager REST API (default: the local cluster)' },
      job: { value: 'ID', help: 'the job to read' },
      json: { help: 'print the JobSnapshot as JSON' },
      header: { value: "'Name: value'", help: 'an HTTP header for every request (e.g. Authorization); repeatable', multiple: true },
    },
    footer: 'Exit codes: 0 shown, 1 the cluster or job cannot be read, 2 usage.',
  },
  story: {
    name: 'story',
    args: '',
    summary: 'Run the example clickstream job and tell what happened (what npm start runs).',
    description: 'Runs examples/clickstream-counts.flink.sql, shows its job graph and where keys live, then breaks it with a fault scenario and verifies the recovery.',
    options: {},
  },
} as const satisfies Record<string, CommandSpec>;

/** The name of a command in the table. */
export type CommandName = keyof typeof COMMANDS;
