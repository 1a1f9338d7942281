// The operator chain of a subtask as frames, innermost (last operator) first, each with the SQL
// range that produced it when the planner recorded one.
import type { LocalJob, SourceRange } from '../runtime/index.js';
import type { JobController } from './jobController.js';
import { RequestError } from './requestError.js';

/** A running subtask of the engine. */
export type Subtask = LocalJob['tasks'][number];

/** One operator of a chain. */
export interface ChainFrame {
  /** `GroupAggregate`, `Sink: clicks_per_user`, `Source: clicks`. */
  readonly name: string;
  /** Position in the chain: 0 = the source or the first operator after the network input. */
  readonly position: number;
  readonly range?: SourceRange;
}

/** The subtask a thread id stands for, or a request error. */
export function taskOfThread(c: JobController, threadId: number): Subtask {
  const key = c.threads.subtaskOf(threadId);
  const task = key && c.job.tasks.find((t) => t.vertex.id === key.vertexId && t.index === key.subtask);
  if (!task) throw new RequestError(`unknown thread ${threadId}`);
  return task;
}

function rangeOfLines(lines: readonly number[] | undefined): SourceRange | undefined {
  if (!lines || lines.length === 0) return undefined;
  return { start: { line: Math.min(...lines), column: 1 }, end: { line: Math.max(...lines), column: 1 } };
}

/** The chain's frames, innermost first. */
export function chainOf(task: Subtask): ChainFrame[] {
  const v = task.vertex;
  const frames: ChainFrame[] = [];
  if (v.source) frames.push({ name: v.source.name, position: 0, range: v.source.range });
  for (const op of v.operators) frames.push({ name: op.name, position: frames.length, range: op.range ?? rangeOfLines(op.lines) });
  return frames.reverse();
}

/**
 * The chain position whose input record the debugger can show for an operator at `position`: the
 * operator itself when only Calcs precede it (they are previewed), else the chain's entry.
 */
export function inspectablePosition(vertex: Subtask['vertex'], position: number): number {
  const first = vertex.source ? 1 : 0;
  for (let p = first; p < position; p++) if (vertex.operators[p - first]?.name !== 'Calc') return first;
  return Math.max(first, position);
}
