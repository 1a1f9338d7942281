// Runs one fuzz case through the built CLI (dist/cli.js) with a deadline and judges the answer:
// a stack trace, an exit code other than 0/1/2/3 or a hang fails it. A failure is written to
// out/fuzz-failures/ with the seed, the command and the exact input, and printed.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (the built CLI is dist/cli.js under it). */
export const REPO = resolve(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'cli.js');

/** What one CLI process did. */
export interface CliOutcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Runs the built CLI in `cwd`; kills it (SIGKILL) after `timeoutMs`. */
export function runCli(args: readonly string[], cwd: string, timeoutMs: number): Promise<CliOutcome> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Keep the head and the tail of long output: enough to judge and to show.
    const keep = (acc: string, d: Buffer) => (acc.length > 400_000 ? acc.slice(0, 200_000) + acc.slice(-100_000) : acc) + d.toString('utf8');
    child.stdout.on('data', (d: Buffer) => (stdout = keep(stdout, d)));
    child.stderr.on('data', (d: Buffer) => (stderr = keep(stderr, d)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, timedOut, ms: Math.round(performance.now() - t0) });
    });
  });
}

const STACK = [
  /^\s+at \S.*[:(]\d+:\d+\)?$/m, // a V8 stack frame
  /internal error/i,
  /FATAL ERROR|JavaScript heap out of memory/,
  /node:internal\//,
  /\b(TypeError|RangeError|ReferenceError): /,
];

/** Why an outcome fails the fuzz contract, or nothing when it keeps it. */
export function contractViolations(o: CliOutcome, timeoutMs: number): string[] {
  const out: string[] = [];
  if (o.timedOut) out.push(`hang: no exit within ${timeoutMs} ms`);
  else if (o.signal !== null) out.push(`killed by ${o.signal}`);
  else if (![0, 1, 2, 3].includes(o.code ?? -1)) out.push(`exit code ${o.code}`);
  for (const [name, text] of [['stderr', o.stderr], ['stdout', o.stdout]] as const) {
    const hit = STACK.map((re) => re.exec(text)).find((m) => m !== null);
    if (hit) out.push(`stack trace on ${name}: ${JSON.stringify(text.slice(Math.max(0, hit.index - 200), hit.index + 300))}`);
  }
  return out;
}

/** One reproducible fuzz failure. */
export interface FuzzFailure {
  readonly category: string;
  readonly caseName: string;
  readonly seed: number;
  readonly how: string;
  readonly command: string;
  readonly problems: readonly string[];
  /** Where the case's files were saved. */
  readonly savedTo: string;
  /** The input that triggered it, shown (escaped, cut at 800 bytes). */
  readonly input: string;
}

/**
 * Saves a failing case's directory under out/fuzz-failures/ and describes it: the seed, the
 * mutation, the command to run in the saved directory, and the input itself.
 */
export function recordFailure(
  category: string,
  caseName: string,
  seed: number,
  how: string,
  caseDir: string,
  args: readonly string[],
  input: Buffer,
  problems: readonly string[],
): FuzzFailure {
  const savedTo = join(REPO, 'out', 'fuzz-failures', `${category}-seed${seed}-${caseName}`);
  rmSync(savedTo, { recursive: true, force: true });
  mkdirSync(savedTo, { recursive: true });
  cpSync(caseDir, savedTo, { recursive: true });
  writeFileSync(join(savedTo, 'REPRODUCE.txt'), `seed ${seed}, case ${caseName}\n${how}\ncd ${savedTo} && node ${CLI} ${args.join(' ')}\n${problems.join('\n')}\n`);
  // Text as a JSON string, binary (a checkpoint file) as base64; the saved directory holds it all.
  const binary = input.subarray(0, 800).includes(0) || input.subarray(0, 4).toString('latin1') === 'CKPL';
  const head = binary ? `base64:${input.subarray(0, 800).toString('base64')}` : JSON.stringify(input.subarray(0, 800).toString('utf8'));
  const shown = input.length > 800 ? `${head} ... (${input.length} bytes; exact bytes in ${savedTo})` : head;
  return { category, caseName, seed, how, command: `cd ${savedTo} && node ${CLI} ${args.join(' ')}`, problems, savedTo, input: shown };
}

/** The failures as one readable report (seed first: CHECKPOINT_LAB_FUZZ_SEED=<seed> replays them all). */
export function formatFailures(failures: readonly FuzzFailure[], total: number): string {
  const lines = [`${failures.length} of ${total} fuzz cases broke the contract (replay all with CHECKPOINT_LAB_FUZZ_SEED=${failures[0]?.seed}):`];
  for (const f of failures) {
    lines.push('', `[${f.category}] ${f.caseName} (seed ${f.seed}): ${f.how}`, `  reproduce: ${f.command}`, ...f.problems.map((p) => `  ${p}`), `  input: ${f.input}`);
  }
  return lines.join('\n');
}

/** Runs `tasks` with at most `limit` at a time, in order of start. */
export async function pool<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A one-line account of what the cases answered (exit codes, slowest case), for the test log. */
export function tally(outcomes: readonly CliOutcome[]): string {
  const codes = new Map<string, number>();
  for (const o of outcomes) {
    const k = o.timedOut ? 'hang' : o.signal ? o.signal : `exit ${o.code}`;
    codes.set(k, (codes.get(k) ?? 0) + 1);
  }
  const slowest = Math.max(0, ...outcomes.map((o) => o.ms));
  return `${outcomes.length} CLI runs: ${[...codes].sort().map(([k, n]) => `${k} ×${n}`).join(', ')}; slowest ${slowest} ms`;
}
