// The readable form of a JobSnapshot (a local run or a live Flink job alike): vertices with their
// key-group ranges, checkpoint statistics and exceptions.
import type { CheckpointRecord, JobSnapshot } from '../protocol/index.js';

/** Formats a snapshot for a terminal. */
export function formatJobSnapshot(s: JobSnapshot): string {
  const where = s.source.kind === 'flink' ? `Flink ${s.source.flinkVersion ?? ''} at ${s.source.restUrl}`.replace('  ', ' ') : `local run of ${s.source.jobFile}, seed ${s.source.seed}`;
  const lines = [`Job ${s.jobId} '${s.name}': ${s.state} for ${(s.durationMs / 1000).toFixed(1)} s (${where})`, '', 'Vertices:'];
  const inputs = new Map<string, string[]>();
  for (const e of s.edges) inputs.set(e.target, [...(inputs.get(e.target) ?? []), `${e.shipStrategy} from ${short(e.source)}`]);
  for (const v of s.vertices) {
    const from = inputs.get(v.id);
    lines.push(`  [${short(v.id)}] ${v.name}  ×${v.parallelism}, max parallelism ${v.maxParallelism}${v.status ? `, ${v.status}` : ''}${from ? `  ← ${from.join(', ')}` : ''}`);
    if (v.keyed) {
      for (const t of v.subtasks) {
        if (t.keyGroups) lines.push(`      subtask ${t.index + 1}/${v.parallelism}: key groups ${t.keyGroups.start}-${t.keyGroups.end}`);
      }
    }
  }
  lines.push('');
  const cp = s.checkpoints;
  if (!cp.config) {
    lines.push('Checkpoints: disabled (no execution.checkpointing.interval).');
  } else {
    const c = cp.counts;
    lines.push(
      `Checkpoints: ${cp.config.mode}${cp.config.unaligned ? ', unaligned' : ''}, every ${cp.config.intervalMs} ms; ` +
        `${c.triggered} triggered, ${c.completed} completed, ${c.failed} failed, ${c.inProgress} in progress, ${c.restored} restored`,
    );
    for (const r of cp.history.slice(-5)) lines.push(`  ${formatCheckpoint(r, s.clock)}`);
    if (cp.history.length > 5) lines.push(`  (${cp.history.length - 5} older in the history)`);
    if (cp.latestRestored) lines.push(`  restored from checkpoint ${cp.latestRestored.id}${cp.latestRestored.isSavepoint ? ' (a savepoint)' : ''} at ${when(cp.latestRestored.restoreTimestamp, s.clock)}`);
  }
  lines.push('');
  if (s.exceptions.length === 0) lines.push('Exceptions: none.');
  else {
    lines.push(`Exceptions (${s.exceptions.length}):`);
    for (const e of s.exceptions.slice(-10)) lines.push(`  ${when(e.timestamp, s.clock)}  ${e.taskName ? `${e.taskName}: ` : ''}${e.exceptionName}: ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatCheckpoint(r: CheckpointRecord, clock: JobSnapshot['clock']): string {
  const kind = r.isSavepoint ? 'savepoint' : 'checkpoint';
  const size = r.checkpointedSizeBytes >= 1 << 20 ? `${(r.checkpointedSizeBytes / (1 << 20)).toFixed(1)} MiB` : `${(r.checkpointedSizeBytes / 1024).toFixed(1)} KiB`;
  const base = `${kind} ${r.id} ${r.status} at ${when(r.triggerTimestamp, clock)}: ${r.acknowledgedSubtasks}/${r.totalSubtasks} acks, ${size}, ${r.endToEndDurationMs} ms`;
  return r.failureMessage ? `${base} (${r.failureMessage})` : base;
}

function when(ms: number, clock: JobSnapshot['clock']): string {
  return clock === 'epoch' ? new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC') : `${(ms / 1000).toFixed(3)} s`;
}

function short(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
