// The differential corpus: the job files under test/fixtures/differential/ and examples/, what each
// writes to (print, filesystem and blackhole sinks) and which input folders it reads, and a copy
// of a job with its inputs into a fresh folder per engine. Reads job files with the runtime's parser.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { parseJobFile, type CreateTableStatement, type InsertStatement } from '../../../runtime/index.js';
import type { PrintTable } from './printLines.js';
import type { SinkFormat } from './sinkFiles.js';
import { REPO_ROOT } from '../cluster.js';

/** The repository root (this file is test/flink/differential/corpus.ts). */
/** Where the corpus job files and their inputs live. */
export const CORPUS_DIR = join(REPO_ROOT, 'test/fixtures/differential');
const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** One job file of the corpus. */
export interface CorpusJob {
  /** A short name for test titles: the file name without `.flink.sql`, examples prefixed `examples/`. */
  readonly name: string;
  /** The job file. */
  readonly file: string;
}

/** Every corpus job: the fixtures first (sorted), then the examples. */
export function listCorpus(): CorpusJob[] {
  const jobs = (dir: string, prefix: string) =>
    readdirSync(dir)
      .filter((n) => n.endsWith('.flink.sql'))
      .sort()
      .map((n) => ({ name: prefix + n.replace(/\.flink\.sql$/, ''), file: join(dir, n) }));
  return [...jobs(CORPUS_DIR, ''), ...jobs(EXAMPLES_DIR, 'examples/')];
}

/** A filesystem sink: where it writes (relative to the job file, as written) and how to read it. */
export interface FilesystemSinkTable extends SinkFormat {
  readonly name: string;
  readonly path: string;
}

/** What a job reads and writes, from its CREATE TABLE and INSERT statements. */
export interface JobTables {
  readonly print: PrintTable[];
  readonly filesystem: FilesystemSinkTable[];
  readonly blackhole: string[];
  /** Relative paths of filesystem tables that exist next to the job file (its inputs). */
  readonly inputs: string[];
}

function option(t: CreateTableStatement, key: string): string | undefined {
  return t.options.find((o) => o.key === key)?.value;
}

/** Reads a job file's sinks and inputs; throws when the file does not parse. */
export function describeJob(file: string): JobTables {
  const text = readFileSync(file, 'utf8');
  const parsed = parseJobFile(text, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors.map((d) => d.message).join('; ')}`);
  const tables = new Map<string, CreateTableStatement>();
  const inserts: InsertStatement[] = [];
  for (const s of parsed.statements) {
    if (s.kind === 'createTable') tables.set(s.name.text, s);
    else if (s.kind === 'insert') inserts.push(s);
    else if (s.kind === 'statementSet') inserts.push(...s.inserts);
  }
  const targets = [...new Set(inserts.map((i) => i.table.text))];
  const out: JobTables = { print: [], filesystem: [], blackhole: [], inputs: [] };
  for (const name of targets) {
    const t = tables.get(name);
    if (!t) throw new Error(`${file}: INSERT INTO ${name}, which the file does not declare`);
    const connector = option(t, 'connector');
    if (connector === 'print') out.print.push({ name, identifier: option(t, 'print-identifier') });
    else if (connector === 'blackhole') out.blackhole.push(name);
    else if (connector === 'filesystem') {
      const format = option(t, 'format');
      if (format !== 'csv' && format !== 'json') throw new Error(`${file}: sink ${name} has format ${format}; only csv and json are compared`);
      const path = option(t, 'path')!;
      if (isAbsolute(path) || path.includes(':')) throw new Error(`${file}: sink ${name} must write to a relative path, not '${path}'`);
      out.filesystem.push({ name, path, format, fieldDelimiter: option(t, 'csv.field-delimiter'), quoteCharacter: option(t, 'csv.quote-character') });
    } else throw new Error(`${file}: sink ${name} has connector ${connector}, which the differential test does not read`);
  }
  for (const t of tables.values()) {
    const path = option(t, 'path');
    if (option(t, 'connector') !== 'filesystem' || path === undefined || targets.includes(t.name.text)) continue;
    if (isAbsolute(path) || path.includes(':')) throw new Error(`${file}: source ${t.name.text} must read a relative path, not '${path}'`);
    if (!existsSync(join(dirname(file), path))) throw new Error(`${file}: source ${t.name.text} reads '${path}', which does not exist`);
    out.inputs.push(path);
  }
  return out;
}

/** Copies the job file and its inputs into `dir` (created), keeping their relative places; returns the copied job file. */
export function stageJob(job: CorpusJob, tables: JobTables, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const staged = join(dir, basename(job.file));
  writeFileSync(staged, readFileSync(job.file));
  for (const input of tables.inputs) {
    const from = join(dirname(job.file), input);
    const to = join(dir, input);
    if (relative(dir, to).startsWith('..')) throw new Error(`${job.file}: input '${input}' lies outside the job's folder`);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: statSync(from).isDirectory() });
  }
  return staged;
}
