// Test support: a real DAP client (@vscode/debugadapter-testsupport's DebugClient) talking to
// the built dist/debugAdapter.js over stdio, plus collectors for output and stop events.
import { join } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CheckpointLabLaunchArguments } from '../../protocol/index.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'debug');

/** What an adapter said on the Debug Console, by category. */
export interface OutputLog {
  text(category: string): string;
}

/** Starts the built adapter; stop it with `dc.stop()`. */
export async function startAdapter(): Promise<{ dc: DebugClient; output: OutputLog }> {
  const dc = new DebugClient('node', join(REPO, 'dist', 'debugAdapter.js'), 'checkpoint-lab', { cwd: REPO });
  dc.defaultTimeout = 20000;
  const chunks: { category: string; output: string }[] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) => chunks.push({ category: e.body.category ?? 'console', output: e.body.output }));
  await dc.start();
  await dc.initializeRequest({ adapterID: 'checkpoint-lab', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  return { dc, output: { text: (c) => chunks.filter((x) => x.category === c).map((x) => x.output).join('') } };
}

/** Launches a job (configurationDone included). */
export async function launch(dc: DebugClient, args: CheckpointLabLaunchArguments): Promise<void> {
  await Promise.all([dc.configurationSequence(), dc.launch(args)]);
}

/** Launches with `stopOnEntry` and returns the entry stop. */
export async function launchStopped(dc: DebugClient, args: CheckpointLabLaunchArguments): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped');
  await launch(dc, { ...args, stopOnEntry: true });
  return (await stopped) as DebugProtocol.StoppedEvent;
}

/** The request's error message (the request must fail). */
export async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the request succeeded but an error was expected');
}
