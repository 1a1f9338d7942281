// "Did you mean …?" for misspelt SQL keywords and type names, by edit distance. Imports nothing.

/** The candidate within a typo's distance of `word` (case-insensitive), or undefined. */
export function closestKeyword(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toUpperCase();
  const limit = w.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = distance(w, c.toUpperCase());
    const tieWins = d === bestDistance && best !== undefined && commonPrefix(w, c.toUpperCase()) > commonPrefix(w, best.toUpperCase());
    if ((d < bestDistance || tieWins) && d > 0) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Levenshtein distance (insert, delete, substitute each cost 1). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
