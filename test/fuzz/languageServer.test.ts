// Fuzz: mutated job files in the built language server over a real LSP connection, every request
// it offers at random places, and requests with wrongly typed params: each must be answered within
// the deadline, with no stack trace logged, the server up, and nothing but frames on stdout.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LspFailure } from './languageServerFuzz.js';
import { fuzzSeed } from './fuzzSeed.js';
import { REPO } from './probe.js';

test(`mutated documents in the language server: every request answered, no stack trace, server up (seed ${fuzzSeed()})`, async () => {
  // The cases run in a process of their own (see languageServerFuzz.ts for why).
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'test', 'fuzz', 'languageServerFuzz.ts')], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `the language-server fuzz script failed (exit ${code}); its output: ${stdout}`);
  const { seed, cases, failures } = JSON.parse(stdout) as { seed: number; cases: number; failures: LspFailure[] };
  const report = failures.map((f) => `[lsp] ${f.caseName} (seed ${seed}): ${f.how}\n  ${f.problem}\n  input: ${f.input}`).join('\n\n');
  assert.equal(failures.length, 0, `${failures.length} of ${cases} language-server fuzz cases failed (replay with CHECKPOINT_LAB_FUZZ_SEED=${seed}):\n\n${report}`);
});
