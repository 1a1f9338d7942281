// Compiles a job file: parse, resolve the configuration, declare tables and views, plan every
// INSERT into one job graph. Every user mistake comes back as a diagnostic with its position.
import type { JobConfig } from '../config/jobConfig.js';
import { resolveJobConfig } from '../config/resolveJobConfig.js';
import type { JobGraph } from '../engine/jobGraph.js';
import { DiagnosticError, type Diagnostic } from '../diagnostics.js';
import { computeDefaultMaxParallelism } from '../keys/keyGroupAssignment.js';
import type { InsertStatement, Statement } from '../sql/ast.js';
import { parseJobFile, type ParsedJobFile } from '../sql/parseJobFile.js';
import { Catalog } from './catalog.js';
import { chainIntoJobGraph } from './chaining.js';
import type { CompiledJob, PlannedSink } from './compiledJob.js';
import { ExecGraphBuilder } from './execGraph.js';
import { explainJobGraph } from './explain.js';
import type { PlanContext } from './queryPlanner.js';
import { planInsert } from './sinkPlanner.js';
import type { FileSystemAccess } from './sources.js';

/** Options of compiling a job file. */
export interface CompileOptions {
  /** The file's name, used in diagnostics and to resolve relative paths. */
  readonly file?: string;
  /** Overrides `parallelism.default` (the CLI's --parallelism). */
  readonly parallelism?: number;
  /** File access for filesystem sources. */
  readonly fileSystem?: FileSystemAccess;
  /** The file's parse, when the caller already has it (the language server's statement cache). */
  readonly parsed?: ParsedJobFile;
}

/** The compiled job (when there were no errors) and every diagnostic. */
export interface CompileResult {
  readonly job?: CompiledJob;
  readonly diagnostics: Diagnostic[];
}

/** Compiles the text of a Flink SQL job file into a job graph for the local runtime. */
export function compileJob(text: string, options: CompileOptions = {}): CompileResult {
  const file = options.file;
  const parsed = options.parsed ?? parseJobFile(text, file);
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => (d.file === undefined && file !== undefined ? { ...d, file } : d));
  const statements = parsed.statements;

  const sets = statements.filter((s): s is Extract<Statement, { kind: 'set' }> => s.kind === 'set');
  const configured = resolveJobConfig(sets.map((s) => ({ key: s.key, value: s.value, keyRange: s.keyRange, valueRange: s.valueRange })), file);
  diagnostics.push(...configured.diagnostics);
  const config = configured.config;
  if (options.parallelism !== undefined) {
    config.parallelism = options.parallelism;
    if (config.tableDefaultParallelism <= 0) config.operatorParallelism = options.parallelism;
    if (config.maxParallelism > 0 && options.parallelism > config.maxParallelism) {
      diagnostics.push({ severity: 'error', code: 'config', message: `--parallelism ${options.parallelism} is larger than pipeline.max-parallelism ${config.maxParallelism}` });
    }
  }
  // 'default' is the JVM's zone in Flink; the runtime keeps runs reproducible and uses UTC.
  const localTimeZone = config.localTimeZone === 'default' ? 'UTC' : config.localTimeZone;

  const catalog = new Catalog(file, localTimeZone);
  const inserts: InsertStatement[] = [];
  const explains: Extract<Statement, { kind: 'explain' }>[] = [];
  const builder = new ExecGraphBuilder();
  const lineRange = (s: { range: { start: { line: number }; end: { line: number } } }) =>
    Array.from({ length: s.range.end.line - s.range.start.line + 1 }, (_, i) => s.range.start.line + i);
  for (const s of statements) {
    switch (s.kind) {
      case 'createTable':
        diagnostics.push(...catalog.addTable(s));
        break;
      case 'createView':
        diagnostics.push(...catalog.addView(s));
        break;
      case 'insert':
        inserts.push(s);
        break;
      case 'statementSet':
        inserts.push(...s.inserts);
        break;
      case 'explain':
        // EXPLAIN plans its statement and prints the job graph; the statement is not executed.
        explains.push(s);
        break;
      case 'query':
        diagnostics.push({
          severity: 'error',
          code: 'unsupported',
          message: 'A SELECT statement on its own is not supported as a job by Checkpoint Lab yet: write its result with INSERT INTO a print table',
          range: s.range,
          file,
        });
        break;
      case 'set':
        break;
    }
  }
  const sinks: PlannedSink[] = [];
  for (const insert of inserts) {
    const pc: PlanContext = { builder, catalog, config, file, localTimeZone, fileSystem: options.fileSystem, parallelism: config.operatorParallelism, lines: lineRange(insert), expanding: [] };
    try {
      sinks.push(planInsert(insert, pc));
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      diagnostics.push(...e.diagnostics);
    }
  }
  // Each EXPLAIN gets a job graph of its own (it is planned, never run).
  const explained: string[] = [];
  for (const ex of explains) {
    const target = ex.statement;
    if (target.kind === 'query') {
      diagnostics.push({ severity: 'error', code: 'unsupported', message: 'EXPLAIN of a bare SELECT is not supported by Checkpoint Lab yet: explain an INSERT INTO', range: target.range, file });
      continue;
    }
    const exBuilder = new ExecGraphBuilder();
    const exInserts = target.kind === 'insert' ? [target] : target.inserts;
    try {
      for (const insert of exInserts) {
        planInsert(insert, { builder: exBuilder, catalog, config, file, localTimeZone, fileSystem: options.fileSystem, parallelism: config.operatorParallelism, lines: lineRange(insert), expanding: [] });
      }
      explained.push(explainJobGraph(buildJobGraph(`EXPLAIN at line ${ex.range.start.line}`, exBuilder, config)));
    } catch (e) {
      if (!(e instanceof DiagnosticError)) throw e;
      diagnostics.push(...e.diagnostics);
    }
  }
  if (inserts.length === 0 && explains.length === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ severity: 'error', code: 'no-job', message: 'The job file has no INSERT INTO statement, so there is no job to run', file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const graph = buildJobGraph(config.pipelineName ?? jobName(file), builder, config);
  const job: CompiledJob = { file: file ?? '<input>', graph, config, localTimeZone, sinks, explain: () => explainJobGraph(graph), explained };
  return { job, diagnostics };
}

/** Chains planned exec nodes into a job graph; max parallelism is configured or derived per vertex. */
function buildJobGraph(name: string, builder: ExecGraphBuilder, config: JobConfig): JobGraph {
  const maxP = config.maxParallelism;
  return chainIntoJobGraph(name, builder.nodes, (p) => (maxP > 0 ? { value: maxP, configured: true } : { value: computeDefaultMaxParallelism(p), configured: false }));
}

function jobName(file: string | undefined): string {
  if (!file) return 'insert-into';
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.flink\.sql$|\.sql$/, '');
}
