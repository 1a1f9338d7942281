// `checkpoint-lab flink run|attach`: the same job file on a real Flink cluster (through the SQL
// Gateway), and a live Flink job read back as the JobSnapshot a local run gives.
import { existsSync } from 'node:fs';
import { attachToFlinkJob, clusterStateFile, defaultFlinkRunDir, FlinkRestError, readClusterState, submitJobFile, type SubmitOutcome } from '../bridge/index.js';
import { formatDiagnostic } from '../runtime/index.js';
import { parseOrAnswer, usageError, usageLine } from './commandLine.js';
import { COMMANDS } from './commandTable.js';
import { ExitCode, type CliIo } from './io.js';
import { nodeFileSystem } from './nodeFileSystem.js';
import { formatJobSnapshot } from './jobSnapshotText.js';


/** Runs `flink SUBCOMMAND ...`. */
export async function runFlinkCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'run') return flinkRun(rest, io);
  if (sub === 'attach') return flinkAttach(rest, io);
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.err : io.out)(flinkHelp());
    return sub === undefined ? ExitCode.INVALID : ExitCode.OK;
  }
  io.err(`checkpoint-lab flink: unknown subcommand '${sub}'\n\n${flinkHelp()}`);
  return ExitCode.INVALID;
}

function flinkHelp(): string {
  const subs = [COMMANDS['flink run'], COMMANDS['flink attach']];
  return `${subs.map((s) => `${usageLine(s)}\n        ${s.summary}`).join('\n')}\nRun 'checkpoint-lab flink run --help' or 'checkpoint-lab flink attach --help' for the options.\n`;
}

async function flinkRun(argv: string[], io: CliIo): Promise<number> {
  const args = parse(COMMANDS['flink run'], argv, io);
  if (typeof args === 'number') return args;
  const { values, positionals, headers } = args;
  if (positionals.length !== 1) return usageError(COMMANDS['flink run'], 'expected exactly one job file', io);
  const timeoutS = values.timeout === undefined ? 600 : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) return usageError(COMMANDS['flink run'], `option --timeout expects seconds, got '${String(values.timeout)}'`, io);
  const gatewayUrl = typeof values.rest === 'string' ? values.rest : localCluster(io, 'SQL_GATEWAY_URL');
  if (gatewayUrl === undefined) return ExitCode.INVALID;
  const file = positionals[0]!;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`checkpoint-lab flink run: cannot read job file '${file}': ${(e as Error).message}\n`);
    return ExitCode.INVALID;
  }
  const json = values.json === true;
  if (!json) io.err(`Running ${file} on the Flink cluster behind the SQL Gateway at ${gatewayUrl}\n`);
  let outcome: SubmitOutcome;
  try {
    outcome = await submitJobFile({ text, file, fileSystem: nodeFileSystem, gatewayUrl, headers, waitMs: values.wait === true ? timeoutS * 1000 : 0 });
  } catch (e) {
    return restFailure('flink run', e, io);
  }
  for (const d of outcome.warnings) io.err(`${formatDiagnostic(d)}\n`);
  const warnings = outcome.warnings.map((d) => formatDiagnostic(d));
  if (!outcome.ok) {
    for (const d of outcome.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (json) io.out(`${JSON.stringify({ ok: false, jobIds: outcome.jobIds, diagnostics: outcome.diagnostics.map((d) => formatDiagnostic(d)), warnings })}\n`);
    return ExitCode.INVALID;
  }
  if (json) {
    io.out(
      `${JSON.stringify({
        ok: true,
        gatewayUrl,
        jobs: outcome.jobs,
        statements: outcome.statements.map((s) => ({ line: s.range.start.line, keyword: s.keyword, ...(s.jobId ? { jobId: s.jobId } : {}) })),
        rewrittenPaths: outcome.rewrittenPaths.map(({ table, from, to }) => ({ table, from, to })),
        warnings,
      })}\n`,
    );
  } else {
    for (const p of outcome.rewrittenPaths) io.err(`  table ${p.table}: relative path '${p.from}' sent as '${p.to}'\n`);
    for (const s of outcome.statements) {
      const head = s.text.replace(/\s+/g, ' ').trim();
      io.err(`  ${file}:${s.range.start.line}  ${head.length > 60 ? `${head.slice(0, 57)}...` : head}${s.jobId ? `  → job ${s.jobId}` : '  OK'}\n`);
      // EXPLAIN prints Flink's plan, as the SQL client does.
      if (s.keyword === 'EXPLAIN') for (const row of s.result.rows) io.out(`${row.map(String).join('\t')}\n`);
    }
    for (const j of outcome.jobs) io.out(`Job ${j.jobId} '${j.name}': ${j.status}${j.timedOut ? ` (still not ended after ${timeoutS} s)` : ''}\n`);
    if (outcome.jobs.length === 0) io.out('No job was submitted (the file has no INSERT or query).\n');
  }
  if (values.wait === true && outcome.jobs.some((j) => j.status !== 'FINISHED')) return ExitCode.JOB_FAILED;
  return ExitCode.OK;
}

async function flinkAttach(argv: string[], io: CliIo): Promise<number> {
  const args = parse(COMMANDS['flink attach'], argv, io);
  if (typeof args === 'number') return args;
  const { values, positionals, headers } = args;
  if (positionals.length > 0) return usageError(COMMANDS['flink attach'], `unexpected argument '${positionals[0]}'`, io);
  const restUrl = typeof values.rest === 'string' ? values.rest : localCluster(io, 'JOBMANAGER_URL');
  if (restUrl === undefined) return ExitCode.INVALID;
  try {
    const snapshot = await attachToFlinkJob({ restUrl, jobId: typeof values.job === 'string' ? values.job : undefined, headers });
    io.out(values.json === true ? `${JSON.stringify(snapshot)}\n` : formatJobSnapshot(snapshot));
    return ExitCode.OK;
  } catch (e) {
    return restFailure('flink attach', e, io);
  }
}

/** Parses a flink subcommand's argv; headers are checked and collected. A number is the exit code. */
function parse<S extends (typeof COMMANDS)['flink run' | 'flink attach']>(spec: S, argv: string[], io: CliIo) {
  const parsed = parseOrAnswer(spec, argv, io);
  if (typeof parsed === 'number') return parsed;
  const headers: Record<string, string> = {};
  for (const h of (parsed.values.header as string[] | undefined) ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) return usageError(spec, `option --header expects 'Name: value', got '${h}'`, io);
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return { values: parsed.values, positionals: parsed.positionals, headers };
}

function restFailure(command: string, e: unknown, io: CliIo): number {
  if (!(e instanceof FlinkRestError)) throw e;
  io.err(`checkpoint-lab ${command}: ${e.message}\n`);
  return ExitCode.JOB_FAILED;
}

/** The local cluster's address from flink/start.sh's state file. */
function localCluster(io: CliIo, key: 'SQL_GATEWAY_URL' | 'JOBMANAGER_URL'): string | undefined {
  const runDir = defaultFlinkRunDir();
  const state = clusterStateFile(runDir);
  if (!existsSync(state)) {
    io.err(`checkpoint-lab flink: no --rest given and no local cluster running (no ${state}); start one with flink/install.sh && flink/start.sh, or pass --rest URL\n`);
    return undefined;
  }
  const url = readClusterState(runDir)[key];
  if (url === undefined) {
    io.err(`checkpoint-lab flink: ${state} has no ${key}; restart the cluster with flink/start.sh\n`);
    return undefined;
  }
  return url;
}
