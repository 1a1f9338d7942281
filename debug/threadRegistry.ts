// DAP threads are subtasks: a stable thread id per (vertex, subtask index), named as Flink names
// the subtask (`GroupAggregate (2/4)`). Ids are never reused within a session.

/** A subtask as the adapter addresses it (0-based index). */
export interface SubtaskKey {
  readonly vertexId: number;
  readonly subtask: number;
}

/** Assigns thread ids to subtasks. */
export class ThreadRegistry {
  private readonly ids = new Map<string, number>();
  private readonly keys = new Map<number, SubtaskKey>();
  private next = 1;

  /** The thread id of a subtask (assigned on first use). */
  idOf(key: SubtaskKey): number {
    const k = `${key.vertexId}/${key.subtask}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(k, id);
      this.keys.set(id, { vertexId: key.vertexId, subtask: key.subtask });
    }
    return id;
  }

  /** The subtask of a thread id, if it was ever assigned. */
  subtaskOf(threadId: number): SubtaskKey | undefined {
    return this.keys.get(threadId);
  }

  /** Forgets every assignment (after a rescale the subtasks are new); new ids follow the old ones. */
  reset(): void {
    this.ids.clear();
    this.keys.clear();
  }
}
