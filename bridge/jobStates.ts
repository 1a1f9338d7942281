// Which of Flink's JobStatus names mean a job has ended, for every place the bridge waits on a
// job or looks for a running one. Imports nothing.

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED', 'SUSPENDED']);

/** Whether a job in this state will not run again on its own (FINISHED, FAILED, CANCELED, SUSPENDED). */
export function hasJobEnded(state: string): boolean {
  return ENDED.has(state);
}
