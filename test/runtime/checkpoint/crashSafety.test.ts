// Crash safety with real process kills: a child process writes ~2 MB checkpoints in a loop and is
// killed with SIGKILL at seeded random moments; after every kill a reader finds only complete
// checkpoints, each of which verifies, and latestValid() picks the highest one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { nodeCheckpointFs } from '../../../cli/nodeCheckpointFs.js';
import { CheckpointStorage } from '../../../runtime/checkpoint/storage/checkpointStorage.js';
import { scanCheckpointDirectory } from '../../../runtime/checkpoint/storage/checkpointDirectoryScan.js';
import { loadCheckpoint } from '../../../runtime/checkpoint/storage/checkpointReader.js';
import { CRASH_JOB_ID, checkCrashState } from './crashState.js';
import { seededRandom, tempDir } from './fixtures.js';

const KILLS = 24;
const WRITER = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts the writer, waits for `ready`, lets it run `delayMs`, kills it with SIGKILL. */
function runAndKill(dir: string, seed: number, delayMs: number): Promise<{ ready: number; lastCompleted: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(seed)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let ready = -1;
    let lastCompleted = -1;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const [word, n] = line.split(' ');
        if (word === 'ready') {
          ready = Number(n);
          lastCompleted = ready;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        } else if (word === 'completed') {
          lastCompleted = Number(n);
        }
      }
    });
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (ready < 0) reject(new Error(`the writer exited before it was ready (${signal ?? _code}): ${err}`));
      else resolve({ ready, lastCompleted, signal });
    });
  });
}

/** How long a fresh writer takes here and now from `ready` to its first completed checkpoint. */
async function firstCheckpointMs(): Promise<number> {
  const { dir, cleanup } = tempDir('calibrate');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, '1'], { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] });
    const times: number[] = [];
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        let nl: number;
        while ((nl = out.indexOf('\n')) >= 0) {
          const word = out.slice(0, nl).split(' ')[0];
          out = out.slice(nl + 1);
          if (word === 'ready' || word === 'completed') times.push(performance.now());
          if (times.length === 2) child.kill('SIGKILL');
        }
      });
      child.on('error', reject);
      child.on('exit', () => (times.length >= 2 ? resolve() : reject(new Error(`the calibration writer exited after ${times.length} lines`))));
    });
    return Math.max(50, times[1]! - times[0]!);
  } finally {
    cleanup();
  }
}

test(`SIGKILL at ${KILLS} random moments never leaves a torn checkpoint that is read`, async (t) => {
  const { dir, cleanup } = tempDir('crash');
  const random = seededRandom(20240611);
  const jobDir = join(dir, CRASH_JOB_ID);
  let killsMidWrite = 0;
  let progressed = 0;
  try {
    // Kill moments are drawn over three times the writer's first checkpoint (its slowest: cold code)
    // as measured here and now, so the kills land mid-write and after progress whatever the load.
    const windowMs = 3 * (await firstCheckpointMs());
    for (let kill = 0; kill < KILLS; kill++) {
      const delayMs = Math.floor(random() * windowMs);
      const run = await runAndKill(dir, kill + 1, delayMs);
      assert.equal(run.signal, 'SIGKILL');
      if (run.lastCompleted > run.ready) progressed++;
      const leftovers = readdirSync(jobDir).filter((n) => n.includes('.inprogress-') || n.includes('.discarding-'));
      if (leftovers.length > 0) killsMidWrite++;

      // A read-only reader: every chk-<n> present is complete and verifies, with the state its id implies.
      const scan = await scanCheckpointDirectory(nodeCheckpointFs, dir);
      assert.equal(scan.jobs.length, 1);
      const listed = scan.jobs[0]!.checkpoints;
      for (const c of listed) {
        assert.equal(c.status, 'complete', `kill ${kill}: ${c.path}: ${JSON.stringify(c.problems)}`);
        const loaded = await loadCheckpoint(nodeCheckpointFs, c.path);
        assert.ok(loaded.ok);
        for (const content of loaded.value.states.values()) {
          assert.equal(checkCrashState(content, c.checkpointId!), undefined, `kill ${kill}: ${c.path}`);
        }
      }
      const ids = listed.map((c) => c.checkpointId!);
      const highest = ids.length === 0 ? 0 : Math.max(...ids);
      // Nothing acknowledged is lost; at most one more completed than the child could announce.
      assert.ok(highest >= run.lastCompleted, `kill ${kill}: highest ${highest} < announced ${run.lastCompleted}`);
      assert.ok(highest <= run.lastCompleted + 1, `kill ${kill}: highest ${highest} > announced ${run.lastCompleted} + 1`);

      // The restore path: latestValid() picks the highest complete checkpoint and skips nothing.
      const storage = new CheckpointStorage({ fs: nodeCheckpointFs, checkpointDir: dir, random: seededRandom(kill) });
      storage.attach(CRASH_JOB_ID);
      const latest = await storage.latestValid();
      assert.deepEqual(latest.skipped, []);
      if (highest === 0) assert.equal(latest.checkpoint, null);
      else assert.equal(latest.checkpoint?.metadata.checkpointId, highest);
    }
    t.diagnostic(`kill window ${windowMs.toFixed(0)} ms; ${killsMidWrite} kills left an unfinished write or delete; ${progressed} runs completed a checkpoint`);
    // The kills did land while checkpoints were being written or discarded, and the job progressed.
    assert.ok(killsMidWrite >= 1, `no kill landed mid-write (of ${KILLS})`);
    assert.ok(progressed >= KILLS / 3, `only ${progressed} of ${KILLS} runs completed a checkpoint`);
  } finally {
    cleanup();
  }
});
