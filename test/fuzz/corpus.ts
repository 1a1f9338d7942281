// The job files the fuzz suite starts from: examples/ and test/fixtures/ (with the input files a
// fixture reads, copied next to a mutant so it still finds them). Read-only; never written.
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO } from './probe.js';

/** A job file of the corpus. */
export interface CorpusJob {
  /** Path relative to the repository. */
  readonly name: string;
  readonly text: string;
  /** A folder of inputs the job reads relatively (`inputs/`), copied beside each mutant. */
  readonly inputs?: string;
}

function jobFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jobFiles(p));
    else if (name.endsWith('.flink.sql')) out.push(p);
  }
  return out;
}

/** Every job file of examples/ and test/fixtures/, in a fixed order. */
export function jobCorpus(): CorpusJob[] {
  return [join(REPO, 'examples'), join(REPO, 'test', 'fixtures')].flatMap(jobFiles).map((p) => {
    const inputs = join(dirname(p), 'inputs');
    return { name: relative(REPO, p), text: readFileSync(p, 'utf8'), ...(existsSync(inputs) ? { inputs } : {}) };
  });
}

/** Puts a job's inputs beside a mutant in `caseDir`. */
export function copyInputs(job: CorpusJob, caseDir: string): void {
  if (job.inputs) cpSync(job.inputs, join(caseDir, 'inputs'), { recursive: true });
}
