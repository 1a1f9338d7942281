// `checkpoint-lab explain JOB`: prints the job graph the runtime would execute.
import { parseArgs } from 'node:util';
import { ExitCode, type CliIo } from './io.js';
import { loadJob, positiveInt } from './run.js';

export function runExplainCommand(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { parallelism: { type: 'string' } } });
  } catch (e) {
    io.err(`checkpoint-lab explain: ${(e as Error).message}\n`);
    return ExitCode.INVALID;
  }
  if (parsed.positionals.length !== 1) {
    io.err('checkpoint-lab explain: expected exactly one job file\n');
    return ExitCode.INVALID;
  }
  const parallelism = positiveInt('parallelism', parsed.values.parallelism);
  if (typeof parallelism === 'string') {
    io.err(`checkpoint-lab explain: ${parallelism}\n`);
    return ExitCode.INVALID;
  }
  const job = loadJob({ file: parsed.positionals[0]!, parallelism }, io);
  if (!job) return ExitCode.INVALID;
  if (job.graph.vertices.length > 0) io.out(job.explain());
  for (const text of job.explained) io.out(`${text}\n`);
  return ExitCode.OK;
}
