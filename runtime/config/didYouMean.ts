// "Did you mean …?" suggestions for misspelt config keys and connector options, by edit distance.
// Imports nothing of ours.

/** Levenshtein distance between `a` and `b` (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` when it is close enough to be a likely typo: distance at most
 * max(2, ⌊len/4⌋), compared case-insensitively. Ties go to the earlier candidate.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 4));
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** ` Did you mean 'x'?` or the empty string. */
export function didYouMeanSuffix(word: string, candidates: Iterable<string>): string {
  const m = closestMatch(word, candidates);
  return m === undefined ? '' : ` Did you mean '${m}'?`;
}
