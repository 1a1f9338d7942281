// Runtime events as Debug Console lines (category `console`): faults, recovery phases and the
// checkpoint lifecycle, worded as the CLI words them.
import type { RuntimeEventMap } from '../runtime/index.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** `fault: 'name' fail-task on GroupAggregate (2/4) at 0.412 s: …`. */
export function describeFault(f: RuntimeEventMap['fault']): string {
  return `fault: ${f.name ? `'${f.name}' ` : ''}${f.action} on ${f.target} at ${seconds(f.time)}: ${f.detail}`;
}

/** One recovery phase as a line. */
export function describeRecovery(e: RuntimeEventMap['recovery']): string {
  const at = `recovery at ${seconds(e.time)}:`;
  switch (e.phase) {
    case 'failure-detected':
      return `${at} failure detected in ${e.task}: ${e.reason}`;
    case 'tasks-cancelled':
      return `${at} ${e.tasks} subtask${e.tasks === 1 ? '' : 's'} cancelled`;
    case 'restart-delay':
      return `${at} restarting in ${e.delayMs} ms (${e.strategy})`;
    case 'checkpoint-chosen':
      return `${at} ${e.checkpointId === undefined ? 'no checkpoint: starting from scratch' : `restoring checkpoint ${e.checkpointId}`}${e.skipped.length > 0 ? ` (skipped corrupted ${e.skipped.map((k) => k.id).join(', ')})` : ''}`;
    case 'state-assigned':
      return `${at} state assigned: ${e.keyGroups.length} key-group range${e.keyGroups.length === 1 ? '' : 's'}, ${e.keyGroups.reduce((n, k) => n + k.keys, 0)} keys`;
    case 'sources-rewound':
      return `${at} ${e.sources.length} source subtask${e.sources.length === 1 ? '' : 's'} rewound`;
    case 'transactions-aborted':
      return `${at} ${e.transactions} sink transaction${e.transactions === 1 ? '' : 's'} aborted`;
    case 'running':
      return `${at} running again (attempt ${e.attempt})`;
  }
}

/** Completed and failed checkpoints as lines; triggers and acknowledgements are too many to print. */
export function describeCheckpointEvent(e: RuntimeEventMap['checkpoint']): string | undefined {
  if (e.phase === 'completed') return `checkpoint ${e.checkpointId} completed at ${seconds(e.time)} (${e.durationMs.toFixed(1)} ms, ${e.stateBytes} bytes)`;
  if (e.phase === 'failed') return `checkpoint ${e.checkpointId} failed at ${seconds(e.time)}: ${e.message}`;
  return undefined;
}
