/** Edit distance for typo-tolerant name matching. */

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1 ("frieball" → "fireball" is 1). Stops early and returns
 * `max + 1` once the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/**
 * Edits allowed for a folded query of this length: none up to 3 characters, 1 up to 8, then 2.
 * ("fireball" is one edit from "frieball" but two from "Fire Bolt".)
 */
export function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 8 ? 1 : 2;
}

/**
 * The smallest distance between the folded query and the name: the whole name, each run of as
 * many consecutive name words as the query has, and the name's start (for a query still being typed).
 */
export function nameDistance(foldedQuery: string, queryWords: number, nameWords: readonly string[], max: number): number {
  const whole = nameWords.join('');
  let best = editDistance(foldedQuery, whole, max);
  const span = Math.max(1, queryWords);
  for (let start = 0; start + span <= nameWords.length && best > 0; start++) {
    if (span === nameWords.length) break;
    best = Math.min(best, editDistance(foldedQuery, nameWords.slice(start, start + span).join(''), max));
  }
  if (best > 0 && whole.length > foldedQuery.length) {
    best = Math.min(best, editDistance(foldedQuery, whole.slice(0, foldedQuery.length), max) + 1);
  }
  return best;
}
