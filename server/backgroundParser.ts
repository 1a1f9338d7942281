// Parses and plans job-file text in a worker thread, so a slow parse (antlr's first prediction of a
// deeply nested statement can take seconds) or the planning of a large file never holds the server's
// one thread. The worker runs the same bundle (main.ts starts `serveParses` there). Imports
// node:worker_threads, the runtime API and the parse cache.
import { Worker, parentPort } from 'node:worker_threads';
import { compileJob, parseJobFile, type Diagnostic, type ParsedJobFile } from '../runtime/index.js';
import { ParseCache } from './parseCache.js';

/** What the worker is told to start as. */
export const PARSER_WORKER_ROLE = 'checkpoint-lab-parser';

/** Parse a text, or plan one (`file` as the runtime names it) for its diagnostics. */
type ParseRequest = { id: number; kind: 'parse'; text: string } | { id: number; kind: 'diagnose'; text: string; file: string };

type ParseReply = { id: number; parsed: ParsedJobFile } | { id: number; diagnostics: Diagnostic[] } | { id: number; error: string };

/** A parser in a worker thread; restarted after a crash, and parses in this thread if it cannot start. */
export class BackgroundParser {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: ParseReply) => void; reject: (e: Error) => void }>();

  /** `script` is the bundle to run in the worker (the server's own, dist/server.js). */
  constructor(private readonly script: string) {}

  /** Parses `text` as `parseJobFile` does (the result is a structured clone). */
  parse(text: string): Promise<ParsedJobFile> {
    return this.ask({ kind: 'parse', text }).then(
      (reply) => ('parsed' in reply ? reply.parsed : parseJobFile(text)),
      () => parseJobFile(text), // the worker died: parse here rather than lose the document
    );
  }

  /**
   * The planner's diagnostics of a job file, computed in the worker from its own statement cache (the
   * statements the server asked it to parse): planning a large file no longer holds the server's thread.
   */
  diagnose(text: string, file: string, here: () => Diagnostic[]): Promise<Diagnostic[]> {
    return this.ask({ kind: 'diagnose', text, file }).then(
      (reply) => ('diagnostics' in reply ? reply.diagnostics : here()),
      () => here(),
    );
  }

  private ask(request: { kind: 'parse'; text: string } | { kind: 'diagnose'; text: string; file: string }): Promise<ParseReply> {
    const worker = this.start();
    if (!worker) return Promise.reject(new Error('no parser worker'));
    const id = this.nextId++;
    return new Promise<ParseReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...request } as ParseRequest);
    });
  }

  /** Stops the worker. */
  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      // stdout: true keeps the worker's stdout away from the protocol stream.
      const worker = new Worker(this.script, { workerData: { role: PARSER_WORKER_ROLE }, stdout: true });
      worker.stdout.resume();
      worker.unref();
      worker.on('message', (reply: ParseReply) => {
        const w = this.waiting.get(reply.id);
        if (!w) return;
        this.waiting.delete(reply.id);
        if ('error' in reply) w.reject(new Error(reply.error));
        else w.resolve(reply);
      });
      const fail = (e: Error): void => {
        if (this.worker === worker) this.worker = undefined;
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the parser worker exited with code ${code}`)));
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }
}

/** The worker's side: answers parse and plan requests until the server exits. */
export function serveParses(): void {
  const cache = new ParseCache();
  parentPort!.on('message', (r: ParseRequest) => {
    let reply: ParseReply;
    try {
      if (r.kind === 'parse') {
        const parsed = cache.parse(r.text);
        reply = { id: r.id, parsed: { statements: parsed.statements, diagnostics: parsed.diagnostics } };
      } else {
        const parsed = cache.parse(r.text);
        const compiled = compileJob(r.text, { file: r.file, parsed: { statements: parsed.statements, diagnostics: parsed.diagnostics } });
        reply = { id: r.id, diagnostics: compiled.diagnostics };
      }
    } catch (e) {
      reply = { id: r.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage(reply);
  });
}
