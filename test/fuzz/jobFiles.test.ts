// Fuzz: mutated job files (token deletion, duplication, swaps, random bytes, deep nesting, huge
// literals, CR/CRLF line endings, truncation) through the built CLI's `explain` and `run`. Every
// answer must be an exit code 0-3 with no stack trace, within the per-case deadline.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyInputs, jobCorpus } from './corpus.js';
import { fuzzCount, fuzzSeed, Rng } from './fuzzSeed.js';
import { MUTATION_NAMES, mutateText } from './mutateText.js';
import { contractViolations, formatFailures, pool, recordFailure, runCli, tally, type CliOutcome, type FuzzFailure } from './probe.js';

const seed = fuzzSeed();
const root = mkdtempSync(join(tmpdir(), 'cl-fuzz-jobs-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * Per-case deadlines. A case takes about 0.7 s on an idle machine and up to 25 s on a heavily loaded shared
 * 2-core one; the hangs this catches took minutes.
 */
const DEADLINE_MS = { explain: 60_000, run: 60_000 } as const;

async function fuzzCommand(command: 'explain' | 'run', cases: number): Promise<{ failures: FuzzFailure[]; total: number; outcomes: CliOutcome[] }> {
  const corpus = jobCorpus();
  const failures: FuzzFailure[] = [];
  const outcomes: CliOutcome[] = [];
  const tasks = Array.from({ length: cases }, (_, i) => async () => {
    const caseName = `${command}-${i}`;
    const rng = Rng.derive(seed, caseName);
    const job = rng.pick(corpus);
    // Every mutation is used in turn, so each run covers all of them.
    const mutant = mutateText(job.text, rng, MUTATION_NAMES[i % MUTATION_NAMES.length]);
    const caseDir = join(root, caseName);
    mkdirSync(caseDir);
    copyInputs(job, caseDir);
    writeFileSync(join(caseDir, 'job.flink.sql'), mutant.bytes);
    const args = [command, 'job.flink.sql', ...(command === 'run' ? ['--seed', String(rng.int(1000))] : [])];
    const outcome = await runCli(args, caseDir, DEADLINE_MS[command]);
    outcomes.push(outcome);
    const problems = contractViolations(outcome, DEADLINE_MS[command]);
    if (problems.length > 0) failures.push(recordFailure('jobFiles', caseName, seed, `${job.name}, ${mutant.how}`, caseDir, args, mutant.bytes, problems));
  });
  await pool(2, tasks);
  return { failures, total: cases, outcomes };
}

test(`mutated job files through explain: an answer, never a stack trace or a hang (seed ${seed})`, async (t) => {
  const { failures, total, outcomes } = await fuzzCommand('explain', fuzzCount(12));
  t.diagnostic(tally(outcomes));
  assert.equal(failures.length, 0, formatFailures(failures, total));
});

test(`mutated job files through run: an answer, never a stack trace or a hang (seed ${seed})`, async (t) => {
  const { failures, total, outcomes } = await fuzzCommand('run', fuzzCount(12));
  t.diagnostic(tally(outcomes));
  assert.equal(failures.length, 0, formatFailures(failures, total));
});
