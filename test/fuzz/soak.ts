// `npm run soak`: the long probes the fuzz suite samples, not in CI. Thousands of chaos schedules
// on the example jobs, hundreds of SIGKILLs of the CLI resumed with --restore latest and checked
// exactly-once against an uninterrupted run, hundreds of corrupted and hostile savepoints. Prints a
// table of trials and failures; bounded by counts and by --minutes. Failures are saved with their
// reproducers under out/soak-failures/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { Rng } from './fuzzSeed.js';
import { corruptCheckpoint, CORRUPTIONS, relocateCheckpoint } from './hostileCheckpoint.js';
import { CLI, contractViolations, REPO, runCli } from './probe.js';

const USAGE = `Usage: npm run soak -- [--chaos N] [--kills N] [--corruptions N] [--minutes M] [--seed S]
  --chaos N        chaos schedules in all (default 3000), spread over the example jobs
  --kills N        SIGKILLs of the CLI, each resumed with --restore latest (default 200)
  --corruptions N  corrupted or hostile savepoints restored (default 200)
  --minutes M      stop starting new trials after M minutes in all (default 60), shared
                   equally by the three probes (time one leaves unused goes to the next)
  --seed S         seed of every random choice (default 1)`;

interface Phase {
  readonly name: string;
  readonly what: string;
  trials: number;
  failures: number;
  ms: number;
  /** What the trials did, counted (printed under the table). */
  readonly detail: Map<string, number>;
}

function note(phase: Phase, what: string, n = 1): void {
  phase.detail.set(what, (phase.detail.get(what) ?? 0) + n);
}

interface Failure {
  readonly phase: string;
  readonly trial: string;
  readonly problem: string;
  readonly reproduce: string;
}

const failures: Failure[] = [];
let deadline = 0;
const timeLeft = () => Date.now() < deadline;

/** Chaos: `checkpoint-lab chaos` in batches, with the default fault count and with 20-30 faults. */
async function chaosPhase(phase: Phase, total: number, seed: number): Promise<void> {
  const jobs = ['examples/clickstream-counts.flink.sql', 'examples/per-second-windows.flink.sql', 'examples/threshold-alerts.flink.sql'];
  const batch = 50;
  for (let b = 0; phase.trials < total && timeLeft(); b++) {
    const job = jobs[b % jobs.length]!;
    const many = b % 2 === 1;
    const n = Math.min(batch, total - phase.trials);
    const args = ['chaos', job, '--schedules', String(n), '--seed', String(seed * 1000 + b), '--json', ...(many ? ['--faults-per-schedule', '20..30'] : [])];
    const o = await runCli(args, REPO, 30 * 60_000);
    phase.trials += n;
    note(phase, many ? 'schedules with 20-30 faults' : 'schedules with the default fault count', n);
    const problems = contractViolations(o, 30 * 60_000);
    let divergences: { seed: number; scenario: string }[] = [];
    try {
      divergences = (JSON.parse(o.stdout) as { divergences: { seed: number; scenario: string }[] }).divergences;
    } catch {
      problems.push(`no JSON summary (exit ${o.code}): ${o.stderr.slice(-300)}`);
    }
    for (const d of divergences) {
      const file = saveFailure(`chaos-${b}-${d.seed}.faults.yaml`, d.scenario);
      failures.push({ phase: phase.name, trial: `batch ${b} schedule seed ${d.seed}`, problem: 'divergence', reproduce: `node dist/cli.js run ${job} --faults ${file} --verify` });
    }
    phase.failures += divergences.length + (problems.length > 0 ? 1 : 0);
    if (problems.length > 0) failures.push({ phase: phase.name, trial: `batch ${b}`, problem: problems.join('; '), reproduce: `node dist/cli.js ${args.join(' ')}` });
  }
}

/** The committed rows of a filesystem sink directory (part files that are not hidden), sorted. */
function committedRows(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== ''))
    .sort();
}

/** Lost and duplicated rows of `got` against `want` (both sorted). */
function rowDiff(want: readonly string[], got: readonly string[]): { lost: number; duplicated: number } {
  const count = new Map<string, number>();
  for (const r of want) count.set(r, (count.get(r) ?? 0) + 1);
  for (const r of got) count.set(r, (count.get(r) ?? 0) - 1);
  let lost = 0;
  let duplicated = 0;
  for (const n of count.values()) n > 0 ? (lost += n) : (duplicated -= n);
  return { lost, duplicated };
}

/** Starts the CLI; resolves when it exits, or after SIGKILL once `killWhen` says so. */
async function runUntilKilled(args: string[], cwd: string, killWhen: () => boolean, pollMs: number): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    if (killWhen()) {
      child.kill('SIGKILL');
      await exited;
      return { killed: true, code: null, stderr };
    }
    await delay(pollMs);
  }
  return { killed: false, code: await exited, stderr };
}

/** The number of completed checkpoints under the job's checkpoint dir (chk-N folders with _metadata). */
function completedCheckpoints(ckpt: string): number {
  if (!existsSync(ckpt)) return 0;
  let n = 0;
  for (const job of readdirSync(ckpt)) {
    const jd = join(ckpt, job);
    if (!statSync(jd).isDirectory()) continue;
    for (const c of readdirSync(jd)) if (c.startsWith('chk-') && existsSync(join(jd, c, '_metadata'))) n++;
  }
  return n;
}

/** SIGKILLs: kill the CLI mid-run (once or twice), resume with --restore latest, compare the committed files. */
async function killPhase(phase: Phase, total: number, seed: number, root: string): Promise<void> {
  const job = readFileSync(join(REPO, 'test', 'fixtures', 'fuzz', 'soak-files.flink.sql'));
  const refDir = join(root, 'reference');
  mkdirSync(refDir);
  writeFileSync(join(refDir, 'job.flink.sql'), job);
  const ref = await runCli(['run', 'job.flink.sql'], refDir, 10 * 60_000);
  if (ref.code !== 0) throw new Error(`the uninterrupted reference run failed: ${ref.stderr}`);
  const want = committedRows(join(refDir, 'out'));
  for (let i = 0; phase.trials < total && timeLeft(); i++) {
    const rng = Rng.derive(seed, `kill-${i}`);
    const dir = join(root, `kill-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'job.flink.sql'), job);
    const ckpt = join(dir, 'ckpt');
    const notes: string[] = [];
    let args = ['run', 'job.flink.sql', '--speed', '2', '--seed', String(i)];
    let finishedAlone = false;
    let failed = false;
    // Kill after a random number of completed checkpoints plus a random moment (10%: any moment).
    for (let kill = 0; kill < (rng.chance(0.3) ? 2 : 1); kill++) {
      // At most 2 checkpoints are retained on disk (num-retained), so wait for 0-2 of them, then a
      // random moment of the 1.5 s the paced job runs.
      const atCheckpoints = rng.between(0, 2);
      const anyMoment = rng.chance(0.1);
      const start = Date.now();
      const extraMs = rng.int(1200);
      let seenAt = 0;
      const r = await runUntilKilled(args, dir, () => {
        if (anyMoment) return Date.now() - start > 300 + extraMs;
        if (completedCheckpoints(ckpt) < atCheckpoints) return false;
        seenAt ||= Date.now();
        return Date.now() - seenAt >= extraMs;
      }, 20);
      notes.push(r.killed ? `killed ${anyMoment ? `${300 + extraMs} ms after start` : `${extraMs} ms after ${atCheckpoints} checkpoint(s)`}` : `ended by itself (exit ${r.code})`);
      if (!r.killed) {
        finishedAlone = r.code === 0;
        if (r.code !== 0) {
          failed = true;
          phase.failures++;
          failures.push({ phase: phase.name, trial: `kill-${i}`, problem: `the run failed (exit ${r.code}) after ${notes.join(', ')}: ${r.stderr.slice(-300)}`, reproduce: `cd ${dir} && node ${CLI} ${args.join(' ')}` });
        }
        break;
      }
      // Resume from the latest checkpoint; killed before the first one completed, start afresh.
      args = completedCheckpoints(ckpt) > 0 ? ['run', 'job.flink.sql', '--restore', 'latest', '--seed', String(i)] : ['run', 'job.flink.sql', '--speed', '2', '--seed', String(i)];
    }
    phase.trials++;
    if (failed) continue;
    const kills = notes.filter((n) => n.startsWith('killed')).length;
    note(phase, finishedAlone && kills === 0 ? 'finished before the kill' : `killed ${kills}×`);
    if (!args.includes('--restore') && kills > 0) note(phase, 'killed before any checkpoint (ran afresh)');
    if (!finishedAlone && notes[notes.length - 1]!.startsWith('killed')) {
      // Resume to the end; a kill before the first checkpoint leaves nothing to restore: run afresh.
      if (!args.includes('--restore')) notes.push('no checkpoint yet: ran afresh');
      const resumed = await runCli(args.filter((a, k) => a !== '--speed' && args[k - 1] !== '--speed'), dir, 10 * 60_000);
      const problems = contractViolations(resumed, 10 * 60_000);
      // A kill after the resumed job finished but before its process ended: --restore latest then
      // rightly refuses (exit 2, "The job finished at ..."); its committed files are compared below.
      const finishedEarlier = resumed.code === 2 && /The job finished at /.test(resumed.stderr);
      if (finishedEarlier) note(phase, 'killed after the job finished (restore refused)');
      if (resumed.code !== 0 && !finishedEarlier) problems.push(`the resumed run ended with exit ${resumed.code}: ${resumed.stderr.slice(-400)}`);
      if (/corrupt|checksum/i.test(resumed.stderr)) problems.push(`a torn checkpoint was read: ${resumed.stderr.slice(-300)}`);
      if (problems.length > 0) {
        phase.failures++;
        failures.push({ phase: phase.name, trial: `kill-${i}`, problem: `${notes.join(', ')}: ${problems.join('; ')}`, reproduce: `the trial's folder ${dir} (kept)` });
        continue;
      }
    }
    const diff = rowDiff(want, committedRows(join(dir, 'out')));
    if (diff.lost > 0 || diff.duplicated > 0) {
      phase.failures++;
      failures.push({ phase: phase.name, trial: `kill-${i}`, problem: `${notes.join(', ')}: ${diff.lost} rows lost, ${diff.duplicated} duplicated against the uninterrupted run`, reproduce: `the trial's folder ${dir} (kept)` });
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Corruptions: the fuzz suite's savepoint corruptions at random, read and restored. */
async function corruptionPhase(phase: Phase, total: number, seed: number, root: string): Promise<void> {
  const base = join(root, 'savepointed');
  mkdirSync(base);
  writeFileSync(join(base, 'job.flink.sql'), readFileSync(join(REPO, 'test', 'fixtures', 'fuzz', 'savepointed.flink.sql')));
  const made = await runCli(['run', 'job.flink.sql', '--stop-with-savepoint-at', '3s'], base, 10 * 60_000);
  if (made.code !== 0) throw new Error(`the savepoint run failed: ${made.stderr}`);
  const savepoint = join('savepoints', readdirSync(join(base, 'savepoints'))[0]!);
  for (let i = 0; phase.trials < total && timeLeft(); i++) {
    const rng = Rng.derive(seed, `corrupt-${i}`);
    const dir = join(root, `corrupt-${i}`);
    cpSync(base, dir, { recursive: true });
    relocateCheckpoint(join(dir, savepoint), base, dir);
    mkdirSync(join(dir, 'victim'));
    const victim = join(dir, 'victim', 'victim.txt');
    writeFileSync(victim, 'precious\n');
    const kind = rng.pick(CORRUPTIONS);
    note(phase, kind);
    const how = corruptCheckpoint(join(dir, savepoint), kind, victim, rng);
    const problems: string[] = [];
    for (const args of [['checkpoints', 'savepoints', '--show', savepoint], ['run', 'job.flink.sql', '--restore', savepoint]]) {
      const o = await runCli(args, dir, 60_000);
      problems.push(...contractViolations(o, 60_000).map((p) => `${args[0]}: ${p}`));
    }
    if (!existsSync(victim) || readFileSync(victim, 'utf8') !== 'precious\n' || readdirSync(join(dir, 'victim')).length !== 1) problems.push('a file outside the sink directory changed');
    phase.trials++;
    if (problems.length > 0) {
      phase.failures++;
      failures.push({ phase: phase.name, trial: `corrupt-${i}`, problem: `${how}: ${problems.join('; ').slice(0, 600)}`, reproduce: `cd ${dir} && node ${CLI} run job.flink.sql --restore ${savepoint}` });
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function saveFailure(name: string, content: string): string {
  const dir = join(REPO, 'out', 'soak-failures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

function count(v: unknown, fallback: number, option: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`soak: option --${option} expects a non-negative number, got '${String(v)}'\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { chaos: { type: 'string' }, kills: { type: 'string' }, corruptions: { type: 'string' }, minutes: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`soak: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const seed = count(values.seed, 1, 'seed');
  deadline = Date.now() + count(values.minutes, 60, 'minutes') * 60_000;
  const root = mkdtempSync(join(tmpdir(), 'cl-soak-'));
  const phases: Phase[] = [
    { name: 'chaos', what: 'random fault schedules vs a fault-free run (half with 20-30 faults)', trials: 0, failures: 0, ms: 0, detail: new Map() },
    { name: 'sigkill', what: 'CLI SIGKILLed (1-2×), --restore latest, committed files vs an uninterrupted run', trials: 0, failures: 0, ms: 0, detail: new Map() },
    { name: 'corruption', what: 'corrupted/hostile savepoints through checkpoints --show and run --restore', trials: 0, failures: 0, ms: 0, detail: new Map() },
  ];
  const work = [
    () => chaosPhase(phases[0]!, count(values.chaos, 3000, 'chaos'), seed),
    () => killPhase(phases[1]!, count(values.kills, 200, 'kills'), seed, root),
    () => corruptionPhase(phases[2]!, count(values.corruptions, 200, 'corruptions'), seed, root),
  ];
  const end = deadline;
  for (let i = 0; i < phases.length; i++) {
    const t0 = Date.now();
    // Each probe gets an equal share of the time left, so a slow one cannot starve the others.
    deadline = Math.min(end, t0 + (end - t0) / (phases.length - i));
    process.stderr.write(`soak: ${phases[i]!.name}...\n`);
    await work[i]!();
    phases[i]!.ms = Date.now() - t0;
  }
  const rows = phases.map((p) => `| ${p.name} | ${p.what} | ${p.trials} | ${p.failures} | ${(p.ms / 60_000).toFixed(1)} min |`);
  process.stdout.write(['| probe | what | trials | failures | time |', '| --- | --- | --- | --- | --- |', ...rows].join('\n') + `\n\nseed ${seed}; ${new Date().toISOString()}\n`);
  for (const p of phases) if (p.detail.size > 0) process.stdout.write(`${p.name}: ${[...p.detail].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  for (const f of failures) process.stdout.write(`\n[${f.phase}] ${f.trial}: ${f.problem}\n  reproduce: ${f.reproduce}\n`);
  if (failures.length === 0) rmSync(root, { recursive: true, force: true });
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
