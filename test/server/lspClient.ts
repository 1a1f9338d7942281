// A real LSP client for tests and benchmarks: spawns the built server (dist/server.js --stdio) and
// talks JSON-RPC to it over its stdin/stdout, keeping every raw stdout byte to check that nothing
// but framed protocol messages is written. Waits on notifications, never on fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/** Where the built server is. */
export const SERVER_BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'server.js');

/** One diagnostics notification, with the time it arrived (performance.now(), ms). */
export interface ReceivedDiagnostics extends PublishDiagnosticsParams {
  at: number;
}

/** A client connected to a freshly spawned server. */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly received: ReceivedDiagnostics[] = [];
  private readonly stdout: Buffer[] = [];
  private readonly stderr: Buffer[] = [];
  private waiters: Array<() => void> = [];
  private exited = false;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (b: Buffer) => this.stdout.push(b));
    child.stderr!.on('data', (b: Buffer) => this.stderr.push(b));
    child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.received.push({ ...p, at: performance.now() });
      this.notify();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** Spawns the server and runs `initialize` / `initialized`. */
  static async start(initializationOptions: Record<string, unknown> = { semanticDiagnosticsDelayMs: 20 }): Promise<LspTestClient> {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`node esbuild.mjs\` first`);
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspTestClient(child);
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves with the first diagnostics notification (after `from`) that satisfies `match`. */
  async waitForDiagnostics(match: (d: ReceivedDiagnostics) => boolean, from = 0, timeoutMs = 10_000): Promise<ReceivedDiagnostics> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.exited) throw new Error(`server exited: ${Buffer.concat(this.stderr).toString()}`);
      if (Date.now() > deadline) throw new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(from).map((r) => [r.version, r.diagnostics.map((d) => d.message)]))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the diagnostics of `uri` at `version` that include the planner's (the second publish). */
  async settled(uri: string, version: number, from = 0): Promise<ReceivedDiagnostics> {
    // The fast publish comes first; the planner's publish is the last one for this version.
    await this.waitForDiagnostics((d) => d.uri === uri && d.version === version, from);
    const startIndex = this.received.findIndex((d, i) => i >= from && d.uri === uri && d.version === version);
    return this.waitForDiagnostics((d) => d.uri === uri && d.version === version, startIndex + 1);
  }

  /** Opens a document. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'flinksql', version, text } });
  }

  /** Replaces a document's whole text. */
  async replace(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Applies one incremental edit (0-based positions). */
  async edit(uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Sends a request. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Everything the server wrote on stdout so far. */
  rawStdout(): Buffer {
    return Buffer.concat(this.stdout);
  }

  /** Shuts the server down cleanly and waits for it to exit. */
  async stop(): Promise<number | null> {
    if (!this.exited) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    }
    this.connection.dispose();
    return this.child.exitCode;
  }
}

/** Splits raw stdout into framed LSP messages; throws on any byte outside a frame. */
export function parseFrames(raw: Buffer): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  while (i < raw.length) {
    const headerEnd = raw.indexOf('\r\n\r\n', i);
    if (headerEnd < 0) throw new Error(`stray bytes on stdout: ${JSON.stringify(raw.subarray(i, i + 80).toString())}`);
    const header = raw.subarray(i, headerEnd).toString('ascii');
    const m = /^Content-Length: (\d+)(\r\nContent-Type: [^\r]*)?$/.exec(header);
    if (!m) throw new Error(`not an LSP header on stdout: ${JSON.stringify(header.slice(0, 80))}`);
    const start = headerEnd + 4;
    const length = Number(m[1]);
    out.push(JSON.parse(raw.subarray(start, start + length).toString('utf8')));
    i = start + length;
  }
  return out;
}
