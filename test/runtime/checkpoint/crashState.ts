// The ~2 MB keyed state the crash-safety test writes, and how to check that a checkpoint's state is
// the one its id implies. Not a test file itself.
import type { CheckpointMetadataInput, KeyGroupedState, SubtaskStateFileContent } from '../../../runtime/checkpoint/storage/checkpointMetadata.js';
import { stateFileName } from '../../../runtime/checkpoint/storage/checkpointLayout.js';
import type { SubtaskStateToWrite } from '../../../runtime/checkpoint/storage/pendingCheckpoint.js';

/** The job of the crash test. */
export const CRASH_JOB_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00';

const MAX_PARALLELISM = 128;
const PARALLELISM = 2;
const KEYS_PER_GROUP = 400;

/** The value of `key` in checkpoint `id` (about 40 bytes encoded). */
export function expectedValue(id: number, key: number): [number, number, string] {
  const count = id * 1_000_003 + key;
  return [count, count / 8, `user-${key}-at-checkpoint-${id}`];
}

function sameValue(a: unknown, b: [number, number, string]): boolean {
  return Array.isArray(a) && a.length === 3 && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** The state of both subtasks (~2 MB encoded in total); update it with updateCrashStates. */
export function crashStates(): SubtaskStateToWrite[] {
  const out: SubtaskStateToWrite[] = [];
  for (let s = 0; s < PARALLELISM; s++) {
    const keyGroups: KeyGroupedState = new Map();
    for (let kg = s * 64; kg < s * 64 + 64; kg++) {
      const counts = new Map<unknown, unknown>();
      for (let i = 0; i < KEYS_PER_GROUP; i++) counts.set(kg * KEYS_PER_GROUP + i, null);
      keyGroups.set(kg, new Map<string, Map<unknown, unknown>>([['count', counts], ['marker', new Map<unknown, unknown>([['checkpoint', 0]])]]));
    }
    out.push({ vertexId: '1', subtaskIndex: s, keyGroups });
  }
  return out;
}

/** Sets every value to what checkpoint `id` must hold. */
export function updateCrashStates(states: SubtaskStateToWrite[], id: number): void {
  for (const s of states) {
    for (const tables of s.keyGroups.values()) {
      const counts = tables.get('count')!;
      for (const key of counts.keys()) counts.set(key, expectedValue(id, key as number));
      tables.get('marker')!.set('checkpoint', id);
    }
  }
}

/** Metadata of checkpoint `id` of the crash test. */
export function crashCheckpointMetadata(id: number): CheckpointMetadataInput {
  return {
    checkpointId: id,
    triggerTimestampMs: id * 100,
    completionTimestampMs: id * 100 + 5,
    vertices: [
      {
        vertexId: '1',
        parallelism: PARALLELISM,
        maxParallelism: MAX_PARALLELISM,
        subtasks: [0, 1].map((s) => ({ subtaskIndex: s, keyGroupRange: { startKeyGroup: s * 64, endKeyGroup: s * 64 + 63 }, stateFile: stateFileName('1', s) })),
      },
    ],
  };
}

/** Why `content` is not the state of checkpoint `id`, or undefined when it is. */
export function checkCrashState(content: SubtaskStateFileContent, id: number): string | undefined {
  if (content.keyGroups.size !== 64) return `${content.keyGroups.size} key groups`;
  for (const [kg, tables] of content.keyGroups) {
    if (tables.get('marker')?.get('checkpoint') !== id) return `key group ${kg} is from checkpoint ${String(tables.get('marker')?.get('checkpoint'))}`;
    const counts = tables.get('count')!;
    if (counts.size !== KEYS_PER_GROUP) return `key group ${kg} has ${counts.size} keys`;
    for (const [k, v] of counts) if (!sameValue(v, expectedValue(id, k as number))) return `key ${String(k)} = ${String(v)}`;
  }
  return undefined;
}
