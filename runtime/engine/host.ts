// What the runtime needs from its host for pacing and yielding: the wall clock and the event
// loop. Nothing here influences a decision of the job; it only throttles.

/** Wall-clock services injected by the CLI, the debug adapter or a test. */
export interface RuntimeHost {
  /** Wall-clock milliseconds (monotonic). */
  wallClockMs(): number;
  /** Resolves after `ms` wall-clock milliseconds. */
  sleep(ms: number): Promise<void>;
  /** Resolves after pending I/O and timers had a chance to run. */
  yieldToEventLoop(): Promise<void>;
}
