// Fuzz: mutated fault scenarios (YAML) through the built CLI's `run --faults` (with --verify half
// the time), on the example jobs they were written for: an answer (exit 0-3) with no stack trace,
// within the per-case deadline.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fuzzCount, fuzzSeed, Rng } from './fuzzSeed.js';
import { mutateScenario, SCENARIO_MUTATIONS } from './mutateScenario.js';
import { contractViolations, formatFailures, pool, recordFailure, REPO, runCli, tally, type CliOutcome, type FuzzFailure } from './probe.js';

const seed = fuzzSeed();
const root = mkdtempSync(join(tmpdir(), 'cl-fuzz-faults-'));
after(() => rmSync(root, { recursive: true, force: true }));
/** Per case (a --verify case runs the job twice); the restart loops this catches ran forever. */
const DEADLINE_MS = 90_000;

/** The example jobs with their scenarios, and target names their vertices answer to. */
const PAIRS = [
  { job: 'examples/clickstream-counts', targets: ['GroupAggregate[0]', 'GroupAggregate[3]', 'Source: clicks[1]', 'tm-0', 'tm-2', 'tm-9', 'Nope[0]', 'GroupAggregate[-1]'] },
  { job: 'examples/per-second-windows', targets: ['WindowAggregate[0]', 'Source: readings[0]', 'tm-1', 'WindowAggregate[99]'] },
  { job: 'examples/threshold-alerts', targets: ['WindowAggregate[1]', 'tm-0', 'Sink: alerts[0]'] },
];

test(`mutated fault scenarios through run --faults: an answer, never a stack trace or a hang (seed ${seed})`, async (t) => {
  const cases = fuzzCount(10);
  const failures: FuzzFailure[] = [];
  const outcomes: CliOutcome[] = [];
  await pool(
    2,
    Array.from({ length: cases }, (_, i) => async () => {
      const caseName = `faults-${i}`;
      const rng = Rng.derive(seed, caseName);
      const pair = PAIRS[i % PAIRS.length]!;
      const mutant = mutateScenario(readFileSync(join(REPO, `${pair.job}.faults.yaml`), 'utf8'), pair.targets, rng, SCENARIO_MUTATIONS[i % SCENARIO_MUTATIONS.length]);
      const caseDir = join(root, caseName);
      mkdirSync(caseDir);
      writeFileSync(join(caseDir, 'job.flink.sql'), readFileSync(join(REPO, `${pair.job}.flink.sql`)));
      writeFileSync(join(caseDir, 'scenario.faults.yaml'), mutant.bytes);
      const args = ['run', 'job.flink.sql', '--faults', 'scenario.faults.yaml', ...(rng.chance(0.5) ? ['--verify'] : []), '--json'];
      const outcome = await runCli(args, caseDir, DEADLINE_MS);
      outcomes.push(outcome);
      const problems = contractViolations(outcome, DEADLINE_MS);
      if (problems.length > 0) failures.push(recordFailure('faults', caseName, seed, `${pair.job}.faults.yaml, ${mutant.how}`, caseDir, args, mutant.bytes, problems));
    }),
  );
  t.diagnostic(tally(outcomes));
  assert.equal(failures.length, 0, formatFailures(failures, cases));
});
