// A subtask's call stack: its operator chain, innermost first, each frame at the SQL that
// produced the operator. Frame ids encode (thread, chain position) so scopes find their operator.
import { basename } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { JobController } from './jobController.js';
import { RequestError } from './requestError.js';
import { taskOfThread, chainOf, type ChainFrame } from './chainFrames.js';

/** Frames per thread in a frame id. */
export const FRAMES_PER_THREAD = 1000;

/** The DAP stack frames of a thread. */
export function stackFramesOf(c: JobController, threadId: number): DebugProtocol.StackFrame[] {
  const task = taskOfThread(c, threadId);
  const source = { name: basename(c.plan.jobFile), path: c.plan.jobFile };
  const stop = c.lastStop;
  const focused = stop?.operator !== undefined && stop.thread?.vertexId === task.vertex.id && stop.thread.subtask === task.index;
  // At a stop on an operator, the frames above it (operators the record has not reached) are left out.
  const frames = focused ? chainOf(task).filter((f) => f.position <= stop.operator!) : chainOf(task);
  return frames.map((f: ChainFrame) => ({
    id: threadId * FRAMES_PER_THREAD + f.position,
    name: f.name,
    source: f.range ? source : undefined,
    line: f.range?.start.line ?? 0,
    column: f.range?.start.column ?? 0,
    endLine: f.range?.end.line,
    endColumn: f.range?.end.column,
    presentationHint: f.range ? 'normal' : 'subtle',
  }));
}

/** The thread and chain position a frame id stands for. */
export function frameOf(frameId: number): { threadId: number; position: number } {
  if (!Number.isSafeInteger(frameId) || frameId < FRAMES_PER_THREAD) throw new RequestError(`unknown frame ${frameId}`);
  return { threadId: Math.floor(frameId / FRAMES_PER_THREAD), position: frameId % FRAMES_PER_THREAD };
}
