// Runs a staged job file on the local runtime through the built CLI (`node dist/cli.js run FILE
// --json`): stdout is one JSON object with every sink's final table, stderr has the print lines.
// Node child_process only; the runtime is reached through the CLI as a user runs it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../cluster.js';

/** The runtime's `--json` summary, the parts the differential test reads. */
export interface RuntimeSummary {
  readonly status: string;
  readonly sinks: Readonly<Record<string, { readonly rows: readonly Record<string, unknown>[] }>>;
  /** The failure that ended a FAILED run. */
  readonly failure?: { readonly task?: string; readonly message?: string };
  readonly job?: {
    readonly vertices: readonly { readonly name: string; readonly parallelism: number; readonly maxParallelism: number; readonly keyed: boolean }[];
  };
}

/** One runtime run: the summary, the print output (stderr) and how long it took. */
export interface RuntimeRun {
  readonly summary: RuntimeSummary;
  readonly stderr: string;
  readonly wallMs: number;
}

/**
 * Runs `node dist/cli.js run FILE --json`. A job that FAILED (exit 1) resolves too, with its
 * summary; an invalid job file (exit 2), a crash or a timeout rejects with the CLI's output.
 */
export function runOnRuntime(file: string, timeoutMs = 60_000): Promise<RuntimeRun> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.js'), 'run', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const tail = stderr.length > 3000 ? `…${stderr.slice(-3000)}` : stderr;
      if (code !== 0 && code !== 1) {
        reject(new Error(`the runtime CLI exited with ${code ?? signal} on ${file}${signal ? ` (killed after ${timeoutMs} ms)` : ''}:\n${tail}\n${stdout.slice(0, 2000)}`));
        return;
      }
      let summary: RuntimeSummary;
      try {
        summary = JSON.parse(stdout) as RuntimeSummary;
      } catch {
        reject(new Error(`the runtime CLI exited with ${code} and its stdout is not one JSON object:\n${stdout.slice(0, 2000)}\n${tail}`));
        return;
      }
      resolve({ summary, stderr, wallMs: Date.now() - t0 });
    });
  });
}
