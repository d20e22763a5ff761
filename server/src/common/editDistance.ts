/**
 * Edit distance between two words, case-insensitive, counting a swap of two neighbouring letters
 * as one edit (optimal string alignment): `confidentialty` → `confidentiality` is 1, `titel` →
 * `title` is 1.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push([i]);
  }
  for (let j = 1; j <= t.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[s.length]![t.length]!;
}

/** `candidates` sorted closest to `word` first; ties keep their given order. */
export function byCloseness(word: string, candidates: readonly string[]): { value: string; distance: number }[] {
  return candidates
    .map((value, index) => ({ value, distance: editDistance(word, value), index }))
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .map(({ value, distance }) => ({ value, distance }));
}
