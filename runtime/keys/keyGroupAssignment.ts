// Flink's KeyGroupRangeAssignment: key hash → key group → subtask, default max parallelism and
// the key-group range of each subtask. Imports only keys/ siblings.
import { murmurHash } from './murmurHash.js';
import { KeyGroupRange } from './keyGroupRange.js';

/** `KeyGroupRangeAssignment.DEFAULT_LOWER_BOUND_MAX_PARALLELISM` (1 << 7). */
export const DEFAULT_LOWER_BOUND_MAX_PARALLELISM = 128;
/** `Transformation.UPPER_BOUND_MAX_PARALLELISM` (1 << 15). */
export const UPPER_BOUND_MAX_PARALLELISM = 32768;

/**
 * Flink's `checkParallelismPreconditions`: `0 < p <= 32768`. Returns Flink's message
 * ("Operator parallelism not within bounds: 0") when violated, otherwise undefined. Never throws:
 * parallelism usually comes from user input.
 */
export function checkParallelismPreconditions(parallelism: number): string | undefined {
  if (!Number.isInteger(parallelism) || parallelism <= 0 || parallelism > UPPER_BOUND_MAX_PARALLELISM) {
    return `Operator parallelism not within bounds: ${parallelism}`;
  }
  return undefined;
}

/**
 * Validates a (maxParallelism, parallelism) pair as `computeKeyGroupRangeForOperatorIndex` does.
 * Returns the first problem as a message, or undefined when both are usable.
 */
export function checkMaxParallelismPreconditions(maxParallelism: number, parallelism: number): string | undefined {
  const p = checkParallelismPreconditions(parallelism);
  if (p !== undefined) return p;
  if (!Number.isInteger(maxParallelism) || maxParallelism <= 0 || maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
    return `Maximum parallelism not within bounds: ${maxParallelism} (must be in 1..${UPPER_BOUND_MAX_PARALLELISM})`;
  }
  if (maxParallelism < parallelism) return 'Maximum parallelism must not be smaller than parallelism.';
  return undefined;
}

/** `MathUtils.roundUpToPowerOfTwo(x)` for x in [1, 2^30] (int bit-smearing, as Java). */
export function roundUpToPowerOfTwo(x: number): number {
  x = (x | 0) - 1;
  x |= x >> 1;
  x |= x >> 2;
  x |= x >> 4;
  x |= x >> 8;
  x |= x >> 16;
  return x + 1;
}

/**
 * `computeDefaultMaxParallelism(p)`: `min(max(roundUpToPowerOfTwo(p + p/2), 128), 32768)`.
 * Throws for p outside 1..32768 (validate with `checkParallelismPreconditions` first).
 */
export function computeDefaultMaxParallelism(operatorParallelism: number): number {
  const problem = checkParallelismPreconditions(operatorParallelism);
  if (problem !== undefined) throw new Error(problem);
  const p = operatorParallelism;
  return Math.min(
    Math.max(roundUpToPowerOfTwo(p + (p >> 1)), DEFAULT_LOWER_BOUND_MAX_PARALLELISM),
    UPPER_BOUND_MAX_PARALLELISM,
  );
}

/** `computeKeyGroupForKeyHash`: `murmurHash(keyHash) % maxParallelism`, in [0, maxParallelism). */
export function computeKeyGroupForKeyHash(keyHash: number, maxParallelism: number): number {
  return murmurHash(keyHash) % maxParallelism;
}

/** `computeOperatorIndexForKeyGroup`: `keyGroupId * parallelism / maxParallelism` (truncating); 0-based subtask. */
export function computeOperatorIndexForKeyGroup(maxParallelism: number, parallelism: number, keyGroupId: number): number {
  return Math.floor((keyGroupId * parallelism) / maxParallelism);
}

/**
 * `computeKeyGroupRangeForOperatorIndex`: the inclusive key-group range of subtask
 * `operatorIndex` (0-based). Throws on invalid parallelism (programmer error: validate with
 * `checkMaxParallelismPreconditions` first) or an index outside [0, parallelism).
 */
export function computeKeyGroupRangeForOperatorIndex(
  maxParallelism: number,
  parallelism: number,
  operatorIndex: number,
): KeyGroupRange {
  const problem = checkMaxParallelismPreconditions(maxParallelism, parallelism);
  if (problem !== undefined) throw new Error(problem);
  if (!Number.isInteger(operatorIndex) || operatorIndex < 0 || operatorIndex >= parallelism) {
    throw new Error(`operator index ${operatorIndex} out of range for parallelism ${parallelism}`);
  }
  const start = Math.floor((operatorIndex * maxParallelism + parallelism - 1) / parallelism);
  const end = Math.floor(((operatorIndex + 1) * maxParallelism - 1) / parallelism);
  return new KeyGroupRange(start, end);
}
