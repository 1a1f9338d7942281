// `checkpoint-lab explain JOB`: prints the job graph the runtime would execute.
import { parseOrAnswer, usageError } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';
import { loadJob, positiveInt } from './run.js';

export function runExplainCommand(argv: string[], io: CliIo): number {
  const spec = COMMANDS.explain;
  const parsed = parseOrAnswer(spec, argv, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) return usageError(spec, 'expected exactly one job file', io);
  const parallelism = positiveInt('parallelism', parsed.values.parallelism);
  if (typeof parallelism === 'string') return usageError(spec, parallelism, io);
  const job = loadJob({ file: parsed.positionals[0]!, parallelism, planOnly: true }, io);
  if (!job) return ExitCode.INVALID;
  if (job.graph.vertices.length > 0) io.out(job.explain());
  for (const text of job.explained) io.out(`${text}\n`);
  return ExitCode.OK;
}
