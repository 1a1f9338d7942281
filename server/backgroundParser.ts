// Parses job-file text in a worker thread, so a slow parse (antlr's first prediction of a deeply
// nested statement can take seconds) never holds the server's one thread. The worker runs the same
// bundle (main.ts starts `serveParses` there). Imports node:worker_threads and the runtime's parser.
import { Worker, parentPort } from 'node:worker_threads';
import { parseJobFile, type ParsedJobFile } from '../runtime/index.js';

/** What the worker is told to start as. */
export const PARSER_WORKER_ROLE = 'checkpoint-lab-parser';

interface ParseRequest {
  id: number;
  text: string;
}

type ParseReply = { id: number; parsed: ParsedJobFile } | { id: number; error: string };

/** A parser in a worker thread; restarted after a crash, and parses in this thread if it cannot start. */
export class BackgroundParser {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (p: ParsedJobFile) => void; reject: (e: Error) => void }>();

  /** `script` is the bundle to run in the worker (the server's own, dist/server.js). */
  constructor(private readonly script: string) {}

  /** Parses `text` as `parseJobFile` does (the result is a structured clone). */
  parse(text: string): Promise<ParsedJobFile> {
    const worker = this.start();
    if (!worker) return Promise.resolve(parseJobFile(text));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, text } satisfies ParseRequest);
    }).then(
      (p) => p as ParsedJobFile,
      () => parseJobFile(text), // the worker died: parse here rather than lose the document
    );
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
        if ('parsed' in reply) w.resolve(reply.parsed);
        else w.reject(new Error(reply.error));
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

/** The worker's side: answers parse requests until the server exits. */
export function serveParses(): void {
  parentPort!.on('message', (r: ParseRequest) => {
    let reply: ParseReply;
    try {
      reply = { id: r.id, parsed: parseJobFile(r.text) };
    } catch (e) {
      reply = { id: r.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort!.postMessage(reply);
  });
}
