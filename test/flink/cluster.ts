// Helpers for the tests that drive the real Apache Flink through the scripts in flink/: run a
// script and poll until something holds. Imports only node: modules.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/flink/cluster.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a script printed and how long it took. */
export interface ScriptRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock time of the run, in milliseconds. */
  readonly ms: number;
}

export interface ScriptOptions {
  /** Extra environment variables on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Text written to the script's stdin. */
  readonly input?: string;
  /** Kill the script after this many milliseconds (default 240 000). */
  readonly timeoutMs?: number;
}

/**
 * Runs `flink/<script>` with `args` and returns its output; throws, with the tail of its stderr,
 * if it exits non-zero or times out.
 */
export function runFlinkScript(script: string, args: readonly string[] = [], options: ScriptOptions = {}): ScriptRun {
  const started = Date.now();
  const res = spawnSync(join(REPO_ROOT, 'flink', script), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 240_000,
  });
  const ms = Date.now() - started;
  if (res.error !== undefined || res.status !== 0) {
    const why = res.error !== undefined ? res.error.message : `exit status ${res.status ?? res.signal}`;
    const tail = (res.stderr ?? '').split('\n').slice(-40).join('\n');
    throw new Error(`${[`flink/${script}`, ...args].join(' ')} failed (${why}) after ${ms} ms:\n${tail}`);
  }
  return { stdout: res.stdout, stderr: res.stderr, ms };
}


/**
 * Polls `probe` every `intervalMs` until it returns a value other than `undefined`, and returns
 * that value with the time waited (ms). Throws after `timeoutMs`, naming `what` and the last
 * thing seen (`lastSeen()`), so a failure says what the cluster looked like.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { readonly timeoutMs: number; readonly intervalMs?: number; readonly lastSeen?: () => string },
): Promise<{ readonly value: T; readonly ms: number }> {
  const started = Date.now();
  for (;;) {
    let value: T | undefined;
    try {
      value = await probe();
    } catch {
      value = undefined; // not answering yet counts as "not yet"
    }
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started >= options.timeoutMs) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}; last seen: ${options.lastSeen?.() ?? '?'}`);
    }
    await delay(options.intervalMs ?? 100);
  }
}
