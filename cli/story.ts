// `checkpoint-lab story` (what `npm start` runs): runs the clickstream example and tells what
// happened — the job graph, where each user's key lives, and what the sink holds at the end.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assignKey, createLocalRun } from '../runtime/index.js';
import { ExitCode, type CliIo } from './io.js';
import { nodeHost } from './nodeHost.js';
import { loadJob } from './run.js';

/** Finds the examples folder next to the installed CLI (dist/cli.js) or the sources. */
function examplesDir(): string {
  for (const base of [dirname(process.argv[1] ?? '.'), process.cwd()]) {
    for (const candidate of [join(base, 'examples'), join(base, '..', 'examples')]) {
      if (existsSync(join(candidate, 'clickstream-counts.flink.sql'))) return resolve(candidate);
    }
  }
  return resolve('examples');
}

export async function runStoryCommand(_argv: string[], io: CliIo): Promise<number> {
  const file = join(examplesDir(), 'clickstream-counts.flink.sql');
  const job = loadJob({ file }, io);
  if (!job) return ExitCode.INVALID;
  const say = (text = '') => io.out(`${text}\n`);
  say(`Checkpoint Lab runs ${file} on its local runtime.`);
  say();
  say('1. The job graph (checkpoint-lab explain):');
  say(job.explain().trimEnd().split('\n').map((l) => `   ${l}`).join('\n'));
  say();
  const printed: string[] = [];
  const run = createLocalRun(job, { seed: 42, collectResults: true, printLine: (line) => printed.push(line) });
  await run.job.run(nodeHost);
  say(`2. The run: ${run.job.jobState} after ${(run.job.time / 1000).toFixed(1)} s of job time; ${run.job.sourceRecords()} clicks read.`);
  say(`   The print sink wrote ${printed.length} changelog lines; the first ones:`);
  for (const l of printed.slice(0, 6)) say(`     ${l}`);
  say('   (+I is a user\'s first count, -U/+U retract the old count and add the new one;');
  say('    "clicks:3>" means subtask 3 of 4 of the chained GroupAggregate -> Sink.)');
  say();
  const [result] = run.results();
  const aggregate = job.graph.vertices.find((v) => v.key);
  if (result && aggregate) {
    say(`3. Where each user lives (murmur hash of the SQL key row, ${aggregate.maxParallelism} key groups, ${aggregate.parallelism} subtasks):`);
    const rows = [...result.rows].sort((a, b) => String(a['user_id']).localeCompare(String(b['user_id']), 'en', { numeric: true }));
    for (const row of rows) {
      const user = String(row['user_id']);
      const placed = assignKey('sql-string', user, aggregate.maxParallelism, aggregate.parallelism);
      const where = !placed.ok ? placed.error : `key group ${String(placed.keyGroup).padStart(3)} → subtask ${placed.subtask + 1}/${aggregate.parallelism}`;
      say(`   ${user.padEnd(8)} ${String(row['clicks']).padStart(4)} clicks   ${where}`);
    }
    say();
    say(`4. The final table holds ${result.rows.length} rows; the changelog had ${result.changelog['+I']} +I, ${result.changelog['-U']} -U and ${result.changelog['+U']} +U rows.`);
  }
  say();
  say('Next: checkpoint-lab run examples/per-second-windows.flink.sql, checkpoint-lab keys --help.');
  return run.job.jobState === 'FINISHED' ? ExitCode.OK : ExitCode.JOB_FAILED;
}
