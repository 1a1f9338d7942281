// The runtime host on Node: wall clock, sleeping and yielding through the event loop.
import { setImmediate as yieldImmediate, setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { RuntimeHost } from '../runtime/index.js';

/** A RuntimeHost backed by Node's timers. */
export const nodeHost: RuntimeHost = {
  wallClockMs: () => performance.now(),
  sleep: async (ms) => {
    await sleep(ms);
  },
  yieldToEventLoop: async () => {
    await yieldImmediate();
  },
};
