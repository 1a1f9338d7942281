// The debug adapter's custom requests (protocol/debugAdapter.ts), typed, on a running session, and
// the fault targets a running job offers (from its threads: `GroupAggregate -> Sink: x (2/4)` is
// `GroupAggregate[1]`). Imports vscode and protocol.
import type * as vscode from 'vscode';
import type { DebugCustomRequestMethod, DebugCustomRequests } from '../protocol/index.js';

/** Sends a custom request; rejects with the adapter's message. */
export async function sessionRequest<M extends DebugCustomRequestMethod>(session: vscode.DebugSession, method: M, args: DebugCustomRequests[M]['args']): Promise<DebugCustomRequests[M]['result']> {
  return (await session.customRequest(method, args)) as DebugCustomRequests[M]['result'];
}

/** A subtask a fault can target. */
export interface FaultTarget {
  /** `GroupAggregate[1]`: the vertex's first operator and the 0-based subtask. */
  readonly target: string;
  /** The thread's name, as the Call Stack shows it. */
  readonly displayName: string;
}

/** `Name (2/4)` → the fault target `FirstOperator[1]`; undefined for a name of another shape. */
export function faultTargetOf(threadName: string): FaultTarget | undefined {
  const m = /^(.*) \((\d+)\/(\d+)\)$/.exec(threadName);
  if (!m) return undefined;
  const firstOperator = m[1]!.split(' -> ')[0]!;
  return { target: `${firstOperator}[${Number(m[2]) - 1}]`, displayName: threadName };
}

/** The subtasks of the session's job, as fault targets, in the adapter's order. */
export async function faultTargets(session: vscode.DebugSession): Promise<FaultTarget[]> {
  const r = (await session.customRequest('threads')) as { threads?: { name: string }[] };
  return (r.threads ?? []).map((t) => faultTargetOf(t.name)).filter((t): t is FaultTarget => t !== undefined);
}
