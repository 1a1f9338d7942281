// The language-server fuzz cases, run as a script of its own by languageServer.test.ts: mutated
// job files opened in the built server over a real LSP connection (test/server/lspClient.ts), every
// request at random places, requests with wrongly typed params. Prints its findings as JSON. A
// script, not a test: a blocked server is killed, and the writes still queued to it then fail
// inside vscode-jsonrpc as unhandled rejections, which are expected here and ignored.
import { parseFrames, LspTestClient } from '../server/lspClient.js';
import { jobCorpus } from './corpus.js';
import { fuzzCount, fuzzSeed, Rng } from './fuzzSeed.js';
import { MUTATION_NAMES, mutateText } from './mutateText.js';

const seed = fuzzSeed();
/**
 * How long one request may go unanswered. The goal is a second; the deadline leaves room for a
 * loaded 2-core CI machine and still catches the blocking the issue saw (23 s, 98 s).
 */
const REQUEST_DEADLINE_MS = 10_000;

export interface LspFailure {
  readonly caseName: string;
  readonly how: string;
  readonly problem: string;
  readonly input: string;
}

function answered<T>(p: Promise<T>, what: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`${what}: no answer within ${REQUEST_DEADLINE_MS} ms`), REQUEST_DEADLINE_MS);
    // An error response is an answer too: only silence fails.
    p.then(
      () => (clearTimeout(timer), resolve(undefined)),
      () => (clearTimeout(timer), resolve(undefined)),
    );
  });
}

function requestsAt(uri: string, text: string, rng: Rng): [string, unknown][] {
  const lines = text.split(/\r\n|\r|\n/);
  const line = rng.int(lines.length + 2);
  const position = { line, character: rng.int((lines[line]?.length ?? 0) + 3) };
  const textDocument = { uri };
  return [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['textDocument/prepareRename', { textDocument, position }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['checkpointLab/jobGraph', { uri }],
    ['checkpointLab/keyPlacement', { uri, keys: ['a', null, 42], vertexId: rng.pick(['0', '1', 'x']) }],
  ];
}

/** Requests whose params have the wrong types: the answer must be an error, never silence or a crash. */
const WRONGLY_TYPED: [string, unknown][] = [
  ['textDocument/hover', { textDocument: 5, position: 'x' }],
  ['textDocument/completion', null],
  ['textDocument/definition', { textDocument: { uri: 'file:///nowhere.flink.sql' }, position: { line: -1, character: 1e12 } }],
  ['textDocument/references', { textDocument: { uri: 42 } }],
  ['textDocument/rename', { textDocument: { uri: 'file:///f/w.flink.sql' }, position: { line: 0, character: 0 }, newName: { x: 1 } }],
  ['textDocument/formatting', { textDocument: {}, options: 'tabs' }],
  ['checkpointLab/jobGraph', { uri: ['a'] }],
  ['checkpointLab/keyPlacement', { uri: 'file:///f/w.flink.sql', keys: 'not-a-list' }],
  ['textDocument/documentSymbol', []],
];

/** Stops a server cleanly, or kills it when it does not answer `shutdown` in time. */
async function stopOrKill(client: LspTestClient): Promise<string | undefined> {
  if (client.child.exitCode !== null || client.child.signalCode !== null) {
    client.connection.dispose();
    return `the server had exited (${client.child.exitCode ?? client.child.signalCode})`;
  }
  const stopped = await Promise.race([client.stop(), new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), REQUEST_DEADLINE_MS))]);
  if (stopped === 'blocked') {
    client.child.kill('SIGKILL');
    client.connection.dispose();
    return 'the server did not answer shutdown (killed)';
  }
  return stopped === 0 ? undefined : `the server exited with ${stopped} after shutdown`;
}

const stackIn = (text: string) => /^\s+at \S.*[:(]\d+:\d+\)?$/m.test(text) || /\b(TypeError|RangeError|ReferenceError): /.test(text);

/** A server under test, with the messages it logged. */
async function startServer(): Promise<{ client: LspTestClient; logged: string[]; stderr: string[] }> {
  const client = await LspTestClient.start();
  const logged: string[] = [];
  const stderr: string[] = [];
  client.connection.onNotification('window/logMessage', (m: { type: number; message: string }) => void logged.push(m.message));
  client.child.stderr!.on('data', (d: Buffer) => void stderr.push(d.toString()));
  // A server that died must fail its case, not the test process: writes to it are then refused.
  client.child.stdin!.on('error', () => undefined);
  client.connection.onError(() => undefined);
  // Ready means the grammar is loaded and a first document analysed: only then do deadlines count.
  await client.open('file:///fuzz/warm-up.flink.sql', "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\n");
  await client.settled('file:///fuzz/warm-up.flink.sql', 1);
  return { client, logged, stderr };
}

/** Sends a notification; a dead server's refusal is noticed by the exit check instead. */
async function notify(client: LspTestClient, send: () => Promise<void>): Promise<void> {
  if (client.child.exitCode !== null) return;
  await send().catch(() => undefined);
}

/** The fuzz documents: mutants of the corpus, then the 100 KB binary and 5,000 parentheses. */
function fuzzDocument(i: number, cases: number, rng: Rng): { how: string; text: string } {
  if (i === cases) {
    // The cases: a 100 KB binary document blocked the server for 23 s, 5,000 nested
    // parentheses for 98 s.
    return { how: '100 KB of random bytes', text: Array.from({ length: 100_000 }, () => String.fromCharCode(rng.int(256))).join('') };
  }
  if (i === cases + 1) return { how: '5,000 nested parentheses', text: `SELECT ${'('.repeat(5000)}1${')'.repeat(5000)} FROM t;` };
  const job = rng.pick(jobCorpus());
  const mutant = mutateText(job.text, rng, MUTATION_NAMES[i % MUTATION_NAMES.length]);
  return { how: `${job.name}, ${mutant.how}`, text: mutant.bytes.toString('utf8') };
}

async function main(): Promise<void> {
  let server = await startServer();
  const failures: LspFailure[] = [];
  const cases = fuzzCount(24);
  try {
    for (let i = 0; i < cases + 2; i++) {
      const caseName = `lsp-${i}`;
      const rng = Rng.derive(seed, caseName);
      const { how, text } = fuzzDocument(i, cases, rng);
      const { client, logged } = server;
      const uri = `file:///fuzz/${caseName}.flink.sql`;
      const logsBefore = logged.length;
      if (process.env.CHECKPOINT_LAB_FUZZ_VERBOSE) process.stderr.write(`${caseName}: ${how}\n`);
      await notify(client, () => client.open(uri, text));
      const checks = requestsAt(uri, text, rng).map(([method, params]) => answered(client.request(method, params), method));
      // An edit while the requests are in flight, as a typing user makes.
      await notify(client, () => client.replace(uri, 2, `${text}\n-- edited`));
      checks.push(...requestsAt(uri, text, rng).map(([method, params]) => answered(client.request(method, params), `${method} (after an edit)`)));
      const problems = (await Promise.all(checks)).filter((p): p is string => p !== undefined);
      const input = JSON.stringify(text.slice(0, 600));
      if (problems.length > 0) failures.push({ caseName, how, problem: problems.join('; '), input });
      const stack = logged.slice(logsBefore).find(stackIn);
      if (stack) failures.push({ caseName, how, problem: `logged a stack trace: ${stack.slice(0, 400)}`, input });
      if (client.child.exitCode !== null || client.child.signalCode !== null) {
        failures.push({ caseName, how, problem: `the server died (${client.child.exitCode ?? client.child.signalCode}): ${server.stderr.join('').slice(-600)}`, input });
      }
      if (problems.length > 0 || client.child.exitCode !== null || client.child.signalCode !== null) {
        // One blocked server would fail every later case: record this one, go on with a fresh server.
        await stopOrKill(client);
        server = await startServer();
      } else {
        await notify(client, () => client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }));
      }
    }
    for (const [method, params] of WRONGLY_TYPED) {
      const { client, logged } = server;
      const logsBefore = logged.length;
      const problem = await answered(client.request(method, params), method);
      if (problem) failures.push({ caseName: 'wrongly-typed', how: `${method} ${JSON.stringify(params)}`, problem, input: '' });
      const stack = logged.slice(logsBefore).find(stackIn);
      if (stack) failures.push({ caseName: 'wrongly-typed', how: `${method} ${JSON.stringify(params)}`, problem: `logged a stack trace: ${stack.slice(0, 400)}`, input: '' });
    }
  } finally {
    const stopProblem = await stopOrKill(server.client);
    if (stopProblem) failures.push({ caseName: 'server', how: 'at the end', problem: stopProblem, input: '' });
    parseFrames(server.client.rawStdout());
  }
  process.stdout.write(`${JSON.stringify({ seed, cases: cases + 2 + WRONGLY_TYPED.length, failures })}\n`);
}

const DEAD_PIPE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
process.on('unhandledRejection', (e) => {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DEAD_PIPE.has(code)) return; // a write to a server this script killed
  process.stderr.write(`language-server fuzz: unexpected rejection: ${String((e as Error)?.stack ?? e)}\n`);
  process.exitCode = 1;
});
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`language-server fuzz: ${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  },
);
