// Runs a job file's statements on a Flink cluster through the SQL Gateway, in file order, as the
// SQL client would: SET configures the session, CREATE registers, INSERT submits a job. Errors are
// reported at the statement's place in the file. Imports the runtime's splitter, no DOM, no vscode.
import { setTimeout as delay } from 'node:timers/promises';
import { parseJobFile, type Diagnostic, type FileSystemAccess, type SourceRange } from '../runtime/index.js';
import { checkSyntaxWithFlink, flinkRange } from './flinkSyntaxCheck.js';
import { flinkStatements, type FlinkStatement } from './flinkStatements.js';
import { hasJobEnded } from './jobStates.js';
import { FlinkStatementError, SqlGatewaySession, type SqlGatewayOptions, type StatementResult } from './sqlGateway.js';

/** What a statement did on the cluster. */
export interface SubmittedStatement {
  /** The statement as sent (relative paths made absolute; a statement set's parts one by one). */
  readonly text: string;
  readonly keyword: string;
  readonly range: SourceRange;
  /** The job it submitted, if any. */
  readonly jobId?: string;
  readonly result: StatementResult;
}

/** The outcome of running a job file on a cluster. */
export type SubmitOutcome =
  | {
      readonly ok: true;
      readonly statements: readonly SubmittedStatement[];
      /** Ids of the jobs submitted, in file order. */
      readonly jobIds: readonly string[];
      /** Each submitted job's name and status (`DESCRIBE JOB`) when submission ended, or when it ended with `waitMs`. */
      readonly jobs: readonly FlinkJobStatus[];
      /** Relative filesystem paths made absolute (the cluster does not know the job file's folder). */
      readonly rewrittenPaths: readonly { readonly table: string; readonly from: string; readonly to: string }[];
      /** Local syntax errors Flink's parser accepted: the statements were sent anyway. */
      readonly warnings: readonly Diagnostic[];
    }
  | {
      readonly ok: false;
      /** What went wrong, located in the job file: syntax errors found before anything was sent, or Flink's rejection of one statement. */
      readonly diagnostics: readonly Diagnostic[];
      /** Local syntax errors Flink's parser accepted. */
      readonly warnings: readonly Diagnostic[];
      /** The statements that ran before the failing one. */
      readonly statements: readonly SubmittedStatement[];
      readonly jobIds: readonly string[];
    };

/** Where to submit and how. */
export interface SubmitOptions extends SqlGatewayOptions {
  /** The job file's text. */
  readonly text: string;
  /** The job file's path. */
  readonly file: string;
  /**
   * How the local runtime resolves a table's `path` against the job file (the CLI's
   * `nodeFileSystem`): relative paths are sent to the cluster resolved the same way.
   */
  readonly fileSystem: Pick<FileSystemAccess, 'resolve'>;
  /** The SQL Gateway's REST base URL. */
  readonly gatewayUrl: string;
  /** Wait up to this long (ms) for every submitted job to reach a terminal state. */
  readonly waitMs?: number;
}

/** A job's name and status as the gateway's `DESCRIBE JOB` reports it. */
export interface FlinkJobStatus {
  readonly jobId: string;
  readonly name: string;
  /** Flink's JobStatus name, e.g. `RUNNING`, `FINISHED`. */
  readonly status: string;
  /** True when `waitMs` ran out before the job reached a terminal state. */
  readonly timedOut?: boolean;
}

/**
 * Runs every statement of the job file on the cluster behind the gateway, as Flink's SQL client
 * would. A local syntax error stops the file only when Flink's parser rejects the statement too
 * (asked before anything runs); otherwise it is a warning and Flink decides. EXPLAIN and SELECT
 * statements run too. Throws FlinkRestError only when the gateway itself cannot be used.
 */
export async function submitJobFile(options: SubmitOptions): Promise<SubmitOutcome> {
  const parsed = parseJobFile(options.text, options.file);
  const rewrites = pathRewrites(options.file, parsed.statements, options.fileSystem, options.text);
  const statements = flinkStatements(options.text).map((st) => ({ ...st, sent: rewritten(st, rewrites) }));
  const rewrittenPaths = rewrites.map(({ table, from, to }) => ({ table, from, to }));
  const syntax = parsed.diagnostics.filter((d) => d.severity === 'error' && d.code === 'syntax');
  let warnings: readonly Diagnostic[] = [];
  if (syntax.length > 0) {
    const verdict = await checkSyntaxWithFlink(options.gatewayUrl, options, options.file, statements, syntax);
    if (verdict.errors.length > 0) return { ok: false, diagnostics: verdict.errors, warnings: verdict.warnings, statements: [], jobIds: [] };
    warnings = verdict.warnings;
  }

  const session = await SqlGatewaySession.open(options.gatewayUrl, options);
  const done: SubmittedStatement[] = [];
  try {
    for (const st of statements) {
      let result: StatementResult;
      try {
        result = await session.execute(st.sent);
      } catch (e) {
        if (!(e instanceof FlinkStatementError)) throw e;
        const rejected: Diagnostic = { severity: 'error', code: 'flink', message: `Flink rejected this statement: ${e.reason}`, range: flinkRange(e.reason, st), file: options.file };
        return { ok: false, diagnostics: [rejected], warnings, statements: done, jobIds: jobIdsOf(done) };
      }
      done.push({ text: st.sent, keyword: st.keyword, range: st.range, jobId: result.jobId, result });
    }
    const jobIds = jobIdsOf(done);
    const jobs = await Promise.all(jobIds.map((id) => jobStatus(session, id, options.waitMs ?? 0)));
    return { ok: true, statements: done, jobIds, jobs, rewrittenPaths, warnings };
  } finally {
    await session.close();
  }
}

/** `DESCRIBE JOB`, polled until the job is terminal or `waitMs` has passed. */
async function jobStatus(session: SqlGatewaySession, jobId: string, waitMs: number): Promise<FlinkJobStatus> {
  const deadline = Date.now() + waitMs;
  let pause = 100;
  for (;;) {
    const described = await session.execute(`DESCRIBE JOB '${jobId}'`);
    const row = described.rows[0] ?? [];
    const name = String(row[described.columns.indexOf('job name')] ?? '');
    const status = String(row[described.columns.indexOf('status')] ?? 'UNKNOWN');
    if (hasJobEnded(status) || waitMs <= 0) return { jobId, name, status };
    if (Date.now() >= deadline) return { jobId, name, status, timedOut: true };
    await delay(pause);
    pause = Math.min(pause * 2, 500);
  }
}

function jobIdsOf(done: readonly SubmittedStatement[]): string[] {
  return done.flatMap((s) => (s.jobId ? [s.jobId] : []));
}

interface PathRewrite {
  readonly table: string;
  readonly from: string;
  readonly to: string;
  /** UTF-16 offsets of the quoted value in the job file. */
  readonly start: number;
  readonly end: number;
}

/** The relative `'path'` options of filesystem tables, made absolute `file://` paths. */
function pathRewrites(
  file: string,
  statements: ReturnType<typeof parseJobFile>['statements'],
  fs: Pick<FileSystemAccess, 'resolve'>,
  text: string,
): PathRewrite[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; column: number }) => lineStarts[p.line - 1]! + p.column - 1;
  const rewrites: PathRewrite[] = [];
  for (const st of statements) {
    if (st.kind !== 'createTable') continue;
    const connector = st.options.find((o) => o.key === 'connector')?.value;
    const path = st.options.find((o) => o.key === 'path');
    if (connector !== 'filesystem' || !path) continue;
    // A URL (file:, hdfs://, s3://...) already names its place; a plain path, relative or absolute,
    // is resolved as the local runtime resolves it and sent as a file: URL.
    if (/^[a-z][a-z0-9+.-]*:/i.test(path.value)) continue;
    const to = `file://${fs.resolve(file, path.value)}`;
    rewrites.push({ table: st.name.text, from: path.value, to, start: offset(path.valueRange.start), end: offset(path.valueRange.end) });
  }
  return rewrites;
}

/** A statement's text with the path rewrites that fall inside it applied. */
function rewritten(st: FlinkStatement, rewrites: readonly PathRewrite[]): string {
  let out = st.text;
  const inside = rewrites.filter((r) => r.start >= st.offset && r.end <= st.offset + st.text.length).sort((a, b) => b.start - a.start);
  for (const r of inside) {
    out = out.slice(0, r.start - st.offset) + `'${r.to.replace(/'/g, "''")}'` + out.slice(r.end - st.offset);
  }
  return out;
}
