// Fuzz: a real savepoint (keyed state and a filesystem sink's pending files), corrupted and made
// hostile (bit flips, truncation, absurd lengths, paths outside the sink directory re-encoded with a
// valid CRC-32C), then read by `checkpoints --show` and restored by `run --restore`. Each must
// answer (exit 0-3) without a stack trace or a hang, and no file outside the sink dir may change.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fuzzCount, fuzzSeed, Rng } from './fuzzSeed.js';
import { corruptCheckpoint, CORRUPTIONS, relocateCheckpoint } from './hostileCheckpoint.js';
import { contractViolations, formatFailures, pool, recordFailure, REPO, runCli, tally, type CliOutcome, type FuzzFailure } from './probe.js';

const seed = fuzzSeed();
const root = mkdtempSync(join(tmpdir(), 'cl-fuzz-ckpt-'));
const base = join(root, 'base');
let savepoint: string;
/** Per command: about 1 s on an idle machine, several on a loaded one; a hang runs forever. */
const DEADLINE_MS = 60_000;
const PRECIOUS = 'a file no checkpoint may touch\n';

before(async () => {
  mkdirSync(base);
  writeFileSync(join(base, 'job.flink.sql'), readFileSync(join(REPO, 'test', 'fixtures', 'fuzz', 'savepointed.flink.sql')));
  const r = await runCli(['run', 'job.flink.sql', '--stop-with-savepoint-at', '3s'], base, 60_000);
  assert.equal(r.code, 0, r.stderr);
  savepoint = join('savepoints', readdirSync(join(base, 'savepoints'))[0]!);
  // The savepoint holds keyed state and sink files in progress: what the corruptions aim at.
  assert.ok(readdirSync(join(base, savepoint)).some((f) => f.endsWith('.state')));
  assert.ok(readdirSync(join(base, 'out')).some((f) => f.includes('.inprogress.')));
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` (but the sink's, checkpoint and savepoint folders) with its size, time and content. */
function fingerprint(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((f) => !/^(out|ckpt|savepoints)([\\/]|$)/.test(f))
    .sort()
    .map((f) => {
      const st = statSync(join(dir, f));
      return st.isFile() ? `${f} ${st.size} ${st.mtimeMs} ${readFileSync(join(dir, f), 'utf8')}` : `${f}/`;
    })
    .join('\n');
}

test(`corrupted and hostile savepoints through checkpoints --show and run --restore: an answer, no stack trace, no file outside the sink touched (seed ${seed})`, async (t) => {
  const cases = fuzzCount(12);
  const failures: FuzzFailure[] = [];
  const outcomes: CliOutcome[] = [];
  await pool(
    2,
    Array.from({ length: cases }, (_, i) => async () => {
      const caseName = `ckpt-${i}`;
      const rng = Rng.derive(seed, caseName);
      const caseDir = join(root, caseName);
      cpSync(base, caseDir, { recursive: true });
      relocateCheckpoint(join(caseDir, savepoint), base, caseDir);
      const victimDir = join(caseDir, 'victim');
      mkdirSync(victimDir);
      const victim = join(victimDir, 'victim.txt');
      writeFileSync(victim, PRECIOUS);
      const how = corruptCheckpoint(join(caseDir, savepoint), CORRUPTIONS[i % CORRUPTIONS.length]!, victim, rng);
      const before = fingerprint(caseDir);
      const metadata = readFileSync(join(caseDir, savepoint, '_metadata'));
      const commands = [['checkpoints', 'savepoints', '--show', savepoint], ['run', 'job.flink.sql', '--restore', savepoint, '--json']];
      if (i % 3 === 0) commands.splice(1, 0, ['checkpoints', 'savepoints', '--json']);
      for (const args of commands) {
        const outcome = await runCli(args, caseDir, DEADLINE_MS);
        outcomes.push(outcome);
        const problems = contractViolations(outcome, DEADLINE_MS);
        const after = fingerprint(caseDir);
        if (after !== before) problems.push(`a file outside the sink, checkpoint and savepoint folders changed: before ${JSON.stringify(before.slice(0, 300))}, after ${JSON.stringify(after.slice(0, 300))}`);
        if (problems.length > 0) {
          failures.push(recordFailure('checkpoints', caseName, seed, how, caseDir, args, metadata, problems));
          break;
        }
      }
    }),
  );
  t.diagnostic(tally(outcomes));
  assert.equal(failures.length, 0, formatFailures(failures, cases));
});
