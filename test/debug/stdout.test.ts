// stdout is the protocol: a whole session of a job that prints (sink lines, console lines, the
// verifier) puts nothing on the adapter's stdout but well-formed DAP frames.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { FIXTURES, REPO } from './adapterClient.js';

test('the adapter writes only Content-Length framed JSON messages to stdout', async () => {
  const child = spawn(process.execPath, [join(REPO, 'dist', 'debugAdapter.js')], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  let seq = 1;
  const send = (command: string, args: unknown) => {
    const body = JSON.stringify({ seq: seq++, type: 'request', command, arguments: args });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const exited = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (Buffer.concat(chunks).includes('"event":"terminated"')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  send('initialize', { adapterID: 'checkpoint-lab', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
  send('launch', { job: join(FIXTURES, 'payments.flink.sql'), noDebug: true, verify: true, faults: [{ action: 'fail-task', target: 'GroupAggregate[1]', when: { afterRecords: 120 } }] });
  send('configurationDone', {});
  await exited;
  send('disconnect', {});
  await new Promise((r) => child.on('exit', r));
  // Parse the whole stdout strictly as frames.
  const out = Buffer.concat(chunks);
  let at = 0;
  const messages: { type: string; event?: string; body?: { category?: string } }[] = [];
  while (at < out.length) {
    const headerEnd = out.indexOf('\r\n\r\n', at);
    assert.ok(headerEnd > at, `garbage at byte ${at}: ${JSON.stringify(out.subarray(at, at + 60).toString())}`);
    const header = out.subarray(at, headerEnd).toString('ascii');
    const m = /^Content-Length: (\d+)$/.exec(header);
    assert.ok(m, `not a DAP header: ${JSON.stringify(header)}`);
    const start = headerEnd + 4;
    const body = out.subarray(start, start + Number(m[1]));
    messages.push(JSON.parse(body.toString('utf8')));
    at = start + Number(m[1]);
  }
  assert.ok(messages.some((x) => x.event === 'output' && x.body?.category === 'stdout'), 'print sink lines came as output events');
  assert.ok(messages.some((x) => x.event === 'exited'));
});
