// What next, step in, step out and continue mean in a Flink job. On a record: step over processes
// it; step out runs until the checkpoint in progress completes. In a recovery: step into shows the
// next phase, step over finishes the recovery.
import type { JobController, StopInfo } from './jobController.js';
import type { SubtaskKey } from './threadRegistry.js';

const phaseStop = (thread: SubtaskKey | undefined, phase: string): StopInfo => ({ reason: 'step', thread, description: `Recovery: ${phase}`, recoveryPhase: phase });

/** Step into: the next recovery phase during a recovery, else one record of `thread`. */
export function stepInto(c: JobController, thread: SubtaskKey): void {
  if (!c.recovery.inRecovery) {
    c.stepElement(thread);
    return;
  }
  const at = c.stoppedSubtask;
  const shown = c.recovery.next();
  if (shown) {
    c.stopNow(phaseStop(at, shown.phase));
    return;
  }
  c.resume(() => {
    const e = c.recovery.next();
    return e ? phaseStop(at, e.phase) : undefined;
  });
}

/** Step over: finishes a recovery under way, else processes one record of `thread`. */
export function stepOver(c: JobController, thread: SubtaskKey): void {
  if (!c.recovery.inRecovery) {
    c.stepElement(thread);
    return;
  }
  const at = c.stoppedSubtask;
  const finish = (): StopInfo | undefined => (c.recovery.reachedRunning() ? phaseStop(at, c.recovery.showAll()!.phase) : undefined);
  const now = finish();
  if (now) c.stopNow(now);
  else c.resume(finish);
}

/** Step out: runs until the checkpoint in progress (or else the next one) completes. */
export function stepOut(c: JobController): void {
  const pending = [...c.checkpoints.inProgress.keys()];
  const target = pending.length > 0 ? Math.min(...pending) : (c.checkpoints.lastCompleted?.checkpointId ?? 0) + 1;
  const at = c.stoppedSubtask;
  c.resume(() => {
    const done = c.checkpoints.lastCompleted;
    if (!done || done.checkpointId < target) return undefined;
    return { reason: 'step', thread: at, description: `Checkpoint ${done.checkpointId} completed` };
  });
}
