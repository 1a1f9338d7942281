// Shared helpers of the checkpoint storage tests: temp dirs, a seeded random, sample metadata and
// keyed state. Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointMetadataInput, KeyGroupedState, VertexStateMetadata } from '../../../runtime/checkpoint/storage/checkpointMetadata.js';
import { Decimal } from '../../../runtime/types/decimal.js';
import { stateFileName } from '../../../runtime/checkpoint/storage/checkpointLayout.js';
import type { SubtaskStateToWrite } from '../../../runtime/checkpoint/storage/pendingCheckpoint.js';

/** A fresh temp directory and its cleanup. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `ckpt-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small deterministic random source in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A job id in Flink's form. */
export const JOB_ID = '3f2a11c0ffee00000000000000000042';

/**
 * Keyed state of a two-subtask vertex `1` with max parallelism 8 (key groups 0-3 and 4-7), whose
 * values depend on `version`; `keysPerGroup` keys of every kind per key group.
 */
export function sampleStates(version: number, keysPerGroup = 3, vertexId = '1'): SubtaskStateToWrite[] {
  const out: SubtaskStateToWrite[] = [];
  for (let subtask = 0; subtask < 2; subtask++) {
    const keyGroups: KeyGroupedState = new Map();
    for (let kg = subtask * 4; kg < subtask * 4 + 4; kg++) {
      const counts = new Map<unknown, unknown>();
      const accs = new Map<unknown, unknown>();
      for (let i = 0; i < keysPerGroup; i++) {
        const key = i % 4 === 0 ? `user-${kg}-${i}` : i % 4 === 1 ? kg * 1000 + i : i % 4 === 2 ? 2n ** 60n + BigInt(kg * 1000 + i) : null;
        counts.set(key, version * 100 + i);
        accs.set(key, { count: version + i, sum: 2n ** 64n + BigInt(version), avg: i / 3, seen: [true, 'x', null] });
      }
      keyGroups.set(kg, new Map([['count', counts], ['acc', accs]]));
      if (kg === 1) {
        // DECIMAL values, a key beyond 64 bits, a nested Map with a NULL key, a boolean key.
        const prices = new Map<unknown, unknown>([['user-1-0', Decimal.parse('12.50')], [2n ** 70n, new Map([[null, -1.5]])], [false, Decimal.fromUnscaled(-(10n ** 38n - 1n), 38)]]);
        keyGroups.get(kg)!.set('price', prices);
      }
    }
    // Subtask 0 also has event-time timers, in key groups 0 and 3.
    const timers = subtask === 0 ? new Map([[0, [{ timestamp: 5000 + version, key: 'user-0-0' }, { timestamp: 9000, key: 1 }]], [3, [{ timestamp: 7000, key: null }]]]) : undefined;
    out.push({ vertexId, subtaskIndex: subtask, keyGroups, ...(timers ? { timers } : {}) });
  }
  return out;
}

/** Metadata for `sampleStates` plus a stateless source vertex `0` with opaque operator state. */
export function sampleMetadata(checkpointId: number, vertexId = '1'): CheckpointMetadataInput {
  const source: VertexStateMetadata = {
    vertexId: '0',
    vertexName: 'Source: clicks',
    parallelism: 2,
    maxParallelism: 8,
    subtasks: [0, 1].map((i) => ({ subtaskIndex: i, keyGroupRange: { startKeyGroup: 0, endKeyGroup: -1 }, stateFile: null, operatorState: { offset: checkpointId * 10 + i, split: `split-${i}` } })),
  };
  const agg: VertexStateMetadata = {
    vertexId,
    vertexName: 'GroupAggregate',
    parallelism: 2,
    maxParallelism: 8,
    subtasks: [0, 1].map((i) => ({ subtaskIndex: i, keyGroupRange: { startKeyGroup: i * 4, endKeyGroup: i * 4 + 3 }, stateFile: stateFileName(vertexId, i) })),
  };
  return { checkpointId, triggerTimestampMs: checkpointId * 1000, completionTimestampMs: checkpointId * 1000 + 20, vertices: [source, agg] };
}
