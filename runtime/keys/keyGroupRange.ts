// Flink's KeyGroupRange: an inclusive range of key groups owned by one subtask.
// Imports nothing.

/** An inclusive range `[startKeyGroup, endKeyGroup]` of key groups, as Flink's `KeyGroupRange`. */
export class KeyGroupRange {
  /** The empty range (`startKeyGroup = 0, endKeyGroup = -1`), as `KeyGroupRange.EMPTY_KEY_GROUP_RANGE`. */
  static readonly EMPTY_KEY_GROUP_RANGE = new KeyGroupRange(0, -1, true);

  /** First key group in the range. */
  readonly startKeyGroup: number;
  /** Last key group in the range (inclusive). */
  readonly endKeyGroup: number;

  /**
   * Creates `[startKeyGroup, endKeyGroup]`. Requires `0 <= start <= end`; use `KeyGroupRange.of`
   * for a range that may be empty. Throws on a broken precondition (programmer error).
   * `allowEmpty` is internal: it only builds `EMPTY_KEY_GROUP_RANGE`.
   */
  constructor(startKeyGroup: number, endKeyGroup: number, allowEmpty = false) {
    if (!allowEmpty) {
      if (!Number.isInteger(startKeyGroup) || startKeyGroup < 0) {
        throw new Error(`KeyGroupRange: startKeyGroup must be >= 0, got ${startKeyGroup}`);
      }
      if (!Number.isInteger(endKeyGroup) || startKeyGroup > endKeyGroup) {
        throw new Error(`KeyGroupRange: startKeyGroup ${startKeyGroup} > endKeyGroup ${endKeyGroup}`);
      }
    }
    this.startKeyGroup = startKeyGroup;
    this.endKeyGroup = endKeyGroup;
  }

  /** `[start, end]`, or the empty range when `start > end` (Flink's `KeyGroupRange.of`). */
  static of(startKeyGroup: number, endKeyGroup: number): KeyGroupRange {
    return startKeyGroup <= endKeyGroup
      ? new KeyGroupRange(startKeyGroup, endKeyGroup)
      : KeyGroupRange.EMPTY_KEY_GROUP_RANGE;
  }

  /** Number of key groups in the range (0 for the empty range). */
  get numberOfKeyGroups(): number {
    return 1 + this.endKeyGroup - this.startKeyGroup;
  }

  /** Whether `keyGroup` lies in the range. */
  contains(keyGroup: number): boolean {
    return keyGroup >= this.startKeyGroup && keyGroup <= this.endKeyGroup;
  }

  /** The key group at 0-based position `idx` of the range. */
  getKeyGroupId(idx: number): number {
    if (idx < 0 || idx >= this.numberOfKeyGroups) {
      throw new Error(`KeyGroupRange: index ${idx} out of bounds for ${this.toString()}`);
    }
    return this.startKeyGroup + idx;
  }

  /** The key groups present in both ranges (possibly empty). */
  getIntersection(other: KeyGroupRange): KeyGroupRange {
    return KeyGroupRange.of(
      Math.max(this.startKeyGroup, other.startKeyGroup),
      Math.min(this.endKeyGroup, other.endKeyGroup),
    );
  }

  /** Whether both ranges hold the same key groups. */
  equals(other: KeyGroupRange): boolean {
    return this.startKeyGroup === other.startKeyGroup && this.endKeyGroup === other.endKeyGroup;
  }

  /** Flink's text: `KeyGroupRange{startKeyGroup=0, endKeyGroup=31}`. */
  toString(): string {
    return `KeyGroupRange{startKeyGroup=${this.startKeyGroup}, endKeyGroup=${this.endKeyGroup}}`;
  }
}
