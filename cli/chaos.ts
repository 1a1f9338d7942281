// `checkpoint-lab chaos JOB --schedules N --seed S [--json]`: runs a job under N random fault
// schedules and prints every divergence with the scenario file that reproduces it.
import { performance } from 'node:perf_hooks';
import type { CompiledJob } from '../runtime/index.js';
import { runChaos, type ChaosResult } from '../runtime/run/chaos.js';
import { ExitCode, type CliIo } from './io.js';
import { loadJob, parseSeed, positiveInt } from './run.js';
import { parseOrAnswer, usageError } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
import { formatCount } from './summary.js';
import { formatVerifyReport } from './verifyReport.js';

/** Parsed command line of `chaos`. */
interface ChaosArgs {
  readonly file: string;
  readonly schedules: number;
  readonly seed: number;
  readonly parallelism?: number;
  readonly faults?: { min: number; max: number };
  readonly json: boolean;
}

/** Parses argv; a number is the exit code of --help or a usage error (printed), a string a usage error. */
function parseChaosArgs(argv: string[], io: CliIo): ChaosArgs | number | string {
  const parsed = parseOrAnswer(COMMANDS.chaos, argv, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return 'expected exactly one job file, e.g. checkpoint-lab chaos examples/clickstream-counts.flink.sql --schedules 100';
  const schedules = positiveInt('schedules', values.schedules) ?? 100;
  if (typeof schedules === 'string') return schedules;
  const parallelism = positiveInt('parallelism', values.parallelism);
  if (typeof parallelism === 'string') return parallelism;
  const seed = parseSeed(values.seed);
  if (typeof seed === 'string') return seed;
  let faults: { min: number; max: number } | undefined;
  const f = values['faults-per-schedule'];
  if (f !== undefined) {
    const m = /^(\d+)(?:\.\.(\d+))?$/.exec(f);
    const min = m ? Number(m[1]) : NaN;
    const max = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || min < 1 || max < min) return `option --faults-per-schedule expects N or MIN..MAX with 1 <= MIN <= MAX, got '${f}'`;
    faults = { min, max };
  }
  return { file: positionals[0]!, schedules, seed, parallelism, faults, json: values.json === true };
}

/** Runs `checkpoint-lab chaos`; resolves to the exit code (3 when any schedule diverged). */
export async function runChaosCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseChaosArgs(argv, io);
  if (typeof args === 'number') return args;
  if (typeof args === 'string') return usageError(COMMANDS.chaos, args, io);
  const job = loadJob({ file: args.file, parallelism: args.parallelism }, io);
  if (!job) return ExitCode.INVALID;
  const progress = !args.json && io.isTerminal;
  let lastDraw = 0;
  const wallStart = performance.now();
  const result = runChaos(job, {
    schedules: args.schedules,
    seed: args.seed,
    ...(args.faults ? { faultsPerSchedule: args.faults } : {}),
    onSchedule: progress
      ? (done, divergences) => {
          const now = performance.now();
          if (now - lastDraw < 100 && done < args.schedules) return;
          lastDraw = now;
          io.err(`\r\x1b[2Kschedule ${formatCount(done)}/${formatCount(args.schedules)} · ${divergences} divergence(s)`);
        }
      : undefined,
  });
  const wallMs = performance.now() - wallStart;
  if (progress) io.err('\r\x1b[2K');
  if (args.json) io.out(`${JSON.stringify(chaosJson(result, wallMs))}\n`);
  else io.out(formatChaos(job, reproduceCommand(args), result, wallMs));
  if (result.reference.state !== 'FINISHED') {
    if (!args.json) io.err(`checkpoint-lab chaos: the run without faults did not finish (${result.reference.error ?? result.reference.state}); nothing to compare with.\n`);
    return ExitCode.JOB_FAILED;
  }
  return result.divergences.length > 0 ? ExitCode.DIVERGED : ExitCode.OK;
}

/** The `--json` object: `{"schedules", "divergences": [{"seed", "scenario", "diff", …}], …}`. */
export function chaosJson(result: ChaosResult, wallMs: number): Record<string, unknown> {
  return {
    schedules: result.schedules,
    divergences: result.divergences.map((d) => ({ seed: d.seed, scenario: d.scenario, diff: d.diff, schedule: d.schedule, kind: d.kind, reason: d.reason })),
    seed: result.seed,
    passed: result.passed,
    failedRuns: result.failedRuns,
    faultsFired: result.faultsFired,
    restarts: result.restarts,
    faultsByAction: result.faultsByAction,
    reference: result.reference,
    wallTimeMs: Math.round(wallMs),
  };
}

/** `checkpoint-lab run JOB [--parallelism N]`, the start of every reproducing command line. */
function reproduceCommand(args: ChaosArgs): string {
  return `checkpoint-lab run ${args.file}${args.parallelism !== undefined ? ` --parallelism ${args.parallelism}` : ''}`;
}

function indent(text: string, by: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');
}

/** The readable chaos summary, then each divergence with its reproducing scenario. */
function formatChaos(job: CompiledJob, runCommand: string, result: ChaosResult, wallMs: number): string {
  const ref = result.reference;
  const lines = [
    `Chaos: ${formatCount(result.schedules)} random fault schedule(s) of '${job.graph.name}' (--seed ${result.seed}) in ${(wallMs / 1000).toFixed(1)} s.`,
    `  run without faults: ${ref.state}, ${formatCount(ref.sourceRecords)} source records, ${ref.completedCheckpoints} checkpoint(s), ${(ref.jobTimeMs / 1000).toFixed(2)} s of job time`,
  ];
  if (ref.state !== 'FINISHED') return `${lines.join('\n')}\n`;
  lines.push(
    `  ${formatCount(result.passed)} passed · ${formatCount(result.failedRuns.length)} failed as their schedule implies · ${formatCount(result.divergences.length)} diverged`,
    `  ${formatCount(result.faultsFired)} fault(s) fired, ${formatCount(result.restarts)} restart(s)`,
    `  fired/scheduled by action: ${Object.entries(result.faultsByAction)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([action, n]) => `${action} ${n.fired}/${n.scheduled}`)
      .join(', ')}`,
  );
  if (result.failedRuns.length > 0) {
    const byReason = new Map<string, number>();
    for (const f of result.failedRuns) byReason.set(f.reason, (byReason.get(f.reason) ?? 0) + 1);
    lines.push('  Failed as scheduled (not divergences):');
    for (const [reason, n] of [...byReason].slice(0, 5)) lines.push(`    ${n}× ${reason}`);
    if (byReason.size > 5) lines.push(`    … and ${byReason.size - 5} other reason(s) (see --json)`);
  }
  result.divergences.forEach((d, i) => {
    const name = `chaos-${d.schedule}.faults.yaml`;
    lines.push(
      '',
      `Divergence ${i + 1} of ${result.divergences.length}: schedule ${d.schedule} (seed ${d.seed}): ${d.kind}`,
      `  ${d.reason}`,
      `  Reproduce: save the scenario below as ${name}, then run`,
      `    ${runCommand} --faults ${name} --verify`,
      indent(d.scenario, '    '),
      indent(formatVerifyReport(d.diff), '  '),
    );
  });
  lines.push('', result.divergences.length === 0 ? 'No divergence: every schedule kept the guarantee of every sink.' : `${result.divergences.length} divergence(s).`);
  return `${lines.join('\n')}\n`;
}
