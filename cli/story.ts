// `checkpoint-lab story` (what `npm start` runs): runs the clickstream example and tells what
// happened — the job graph, where each user's key lives, and what the sink holds at the end.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compareSinkTables } from '../runtime/run/verify.js';
import { assignKey, compileJob, createLocalRun, faultTargetsOf, formatDiagnostic, parseFaultScenario, placeSubtasks, type CompiledJob, type FaultScenario } from '../runtime/index.js';
import { formatVerifyReport } from './verifyReport.js';
import { parseOrAnswer, usageError } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
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

/** Part two: the same job crashes, restores from its latest checkpoint, and the verifier checks it. */
async function tellCrashStory(job: CompiledJob, scenarioFile: string, say: (text?: string) => void, io: CliIo): Promise<boolean> {
  const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
  const parsed = parseFaultScenario(io.readFile(scenarioFile), scenarioFile, faultTargetsOf(job.graph, tms));
  if (!parsed.scenario) {
    for (const d of parsed.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    return false;
  }
  const seed = parsed.scenario.seed ?? 0;
  say(`5. Now break it (${scenarioFile}): checkpoints every ${job.config.checkpointing.intervalMs} ms of job time, then two faults.`);
  const run = createLocalRun(job, { seed, collectResults: true, printLine: () => {}, faults: parsed.scenario });
  let completed = 0;
  run.job.events.on('checkpoint', (e) => {
    if (e.phase === 'completed') completed++;
  });
  run.job.events.on('fault', (f) => say(`   ${(f.time / 1000).toFixed(3)} s  fault: ${f.name ?? f.action} — ${f.detail}`));
  run.job.events.on('recovery', (e) => {
    const at = `   ${(e.time / 1000).toFixed(3)} s  recovery:`;
    switch (e.phase) {
      case 'restart-delay':
        say(`${at} every subtask cancelled; restarting in ${e.delayMs} ms (${e.strategy.split('(')[0]})`);
        break;
      case 'checkpoint-chosen':
        say(`${at} restoring checkpoint ${e.checkpointId ?? '(none: from scratch)'}`);
        break;
      case 'state-assigned':
        say(`${at} key groups back to their subtasks: ${e.keyGroups.map((k) => `${k.start}-${k.end} → ${k.subtask + 1} (${k.keys} keys)`).join(', ')}`);
        break;
      case 'sources-rewound':
        say(`${at} sources rewound to rows ${e.sources.map((s) => (s.position as { rowsEmitted?: number }).rowsEmitted ?? '?').join(', ')}`);
        break;
      case 'running':
        say(`${at} running again (attempt ${e.attempt})`);
        break;
    }
  });
  await run.job.run(nodeHost);
  const reference = createLocalRun(job, { seed, collectResults: true, printLine: () => {} });
  reference.job.runToEnd();
  const report = compareSinkTables(reference.results(), run.results(), job.sinks);
  say(`   ${run.job.jobState} after ${run.job.restarts} restarts and ${completed} completed checkpoints.`);
  say();
  say('6. The verifier compares the final table with a run without faults (same seed):');
  for (const line of formatVerifyReport(report).trimEnd().split('\n')) say(`   ${line}`);
  say('   The counts are exactly-once: state was restored from the checkpoint and the records after');
  say('   it replayed once. The print sink is at-least-once, as in Flink: it printed the replayed');
  say('   updates again. Try it: checkpoint-lab run examples/clickstream-counts.flink.sql \\');
  say('     --faults examples/clickstream-counts.faults.yaml --verify');
  return report.ok;
}

/** Part three: the same job and faults with AT_LEAST_ONCE checkpoints, and what the print sink shows. */
function tellAtLeastOnceStory(file: string, scenario: FaultScenario, say: (text?: string) => void, io: CliIo): boolean {
  const text = io.readFile(file).replace("SET 'execution.checkpointing.interval'", "SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';\nSET 'execution.checkpointing.interval'");
  const { job } = compileJob(text, { file });
  if (!job) return false;
  const seed = scenario.seed ?? 0;
  const faulty = createLocalRun(job, { seed, collectResults: true, printLine: () => {}, faults: scenario });
  faulty.job.runToEnd();
  const reference = createLocalRun(job, { seed, collectResults: true, printLine: () => {} });
  reference.job.runToEnd();
  const report = compareSinkTables(reference.results(), faulty.results(), job.sinks);
  const sink = report.sinks[0]!;
  say(`7. The same job with SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE' and the same faults:`);
  say(`   ${faulty.job.restarts} restarts; the print sink received ${sink.changelog.duplicated} changelog rows more than without faults (duplicates).`);
  say('   AT_LEAST_ONCE does not align barriers: a snapshot may already hold records that come after');
  say('   the barrier on a faster input, and a restore then counts them twice. Here every input');
  say(`   keeps up, so the final counts are ${report.ok ? 'still right' : 'wrong'}; the duplicates are the print sink's, which`);
  say('   replays whatever the job computes again after a restore, in either mode.');
  return true;
}

export async function runStoryCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseOrAnswer(COMMANDS.story, argv, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(COMMANDS.story, `unexpected argument '${parsed.positionals[0]}'`, io);
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
  const scenarioFile = file.replace(/\.flink\.sql$/, '.faults.yaml');
  const brokenOk = await tellCrashStory(job, scenarioFile, say, io);
  say();
  const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
  const scenario = parseFaultScenario(io.readFile(scenarioFile), scenarioFile, faultTargetsOf(job.graph, tms)).scenario;
  if (scenario) tellAtLeastOnceStory(file, scenario, say, io);
  say();
  say('Next: checkpoint-lab run examples/per-second-windows.flink.sql, checkpoint-lab chaos examples/clickstream-counts.flink.sql --schedules 100 --seed 1.');
  say('The same file on real Flink: flink/install.sh && flink/start.sh, then checkpoint-lab flink run examples/clickstream-counts.flink.sql --wait.');
  return run.job.jobState === 'FINISHED' && brokenOk ? ExitCode.OK : ExitCode.JOB_FAILED;
}
