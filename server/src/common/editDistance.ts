/**
 * Edit distance between two words, case-insensitive, counting a swap of two neighbouring letters
 * as one edit (optimal string alignment): `confidentialty` → `confidentiality` is 1, `titel` →
 * `title` is 1.
 *
 * With `max`, only whether the words are within `max` edits matters: the answer is the distance
 * when it is at most `max`, and `max + 1` otherwise. Then only the cells within `max` of the
 * diagonal are computed, and the computation stops as soon as every path is already longer, so a
 * 400,000-character key against a 15-letter property costs nothing (the lengths alone differ by
 * more than `max`) and two long words cost their length times `2 * max + 1`, not their product.
 * Three rows are kept, not the whole matrix (a swap looks two rows back); for words of usual
 * length in one buffer that every call reuses.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const tooFar = max + 1;
  // Before lowercasing, which costs the words' length. Lowercasing keeps the length of every
  // character but İ (U+0130, which becomes i + a combining dot).
  if (Math.abs(a.length - b.length) > max && !a.includes('\u0130') && !b.includes('\u0130')) return tooFar;
  let s = a.toLowerCase();
  let t = b.toLowerCase();
  if (s.length < t.length) [s, t] = [t, s]; // rows along the longer word, columns along the shorter
  const m = s.length;
  const n = t.length;
  if (m - n > max) return tooFar;
  if (n === 0) return m;
  const band = Math.min(max, m); // no distance exceeds m
  // Any value above the band is as good as another: cells are capped at `far`, which also stands
  // in for every cell outside the band (whose true distance is at least |i - j| > band).
  const far = band + 1;
  const rows = 3 * (n + 1) <= sharedRows.length ? sharedRows : new Int32Array(3 * (n + 1));
  let before = 0; // row i - 2 starts here
  let previous = n + 1; // row i - 1
  let current = 2 * (n + 1); // row i
  rows.fill(far, 0, 3 * (n + 1));
  for (let j = 0; j <= n; j++) rows[previous + j] = Math.min(j, far);
  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(n, i + band);
    rows[current] = Math.min(i, far);
    if (from > 1) rows[current + from - 1] = far;
    let rowMin = rows[current]!;
    const si = s.charCodeAt(i - 1);
    const sPrevious = i > 1 ? s.charCodeAt(i - 2) : -1;
    for (let j = from; j <= to; j++) {
      const tj = t.charCodeAt(j - 1);
      let d = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + (si === tj ? 0 : 1));
      if (j > 1 && si === t.charCodeAt(j - 2) && sPrevious === tj) d = Math.min(d, rows[before + j - 2]! + 1);
      if (d > far) d = far;
      rows[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < n) rows[current + to + 1] = far;
    // Every later cell comes from this row, or by a swap from the row before (d[i-1][j-2] + 1),
    // which is never below the cell d[i][j-1] of this row: past the band here, past it for good.
    if (rowMin > band) return tooFar;
    [before, previous, current] = [previous, current, before];
  }
  const distance = rows[previous + n]!;
  return distance > max ? tooFar : distance;
}

/** The three rows for words up to 255 characters, reused from one call to the next. */
const sharedRows = new Int32Array(3 * 256);

/**
 * `candidates` sorted closest to `word` first; ties keep their given order. With `max`, only the
 * candidates within `max` edits.
 */
export function byCloseness(word: string, candidates: readonly string[], max = Infinity): { value: string; distance: number }[] {
  return candidates
    .map((value, index) => ({ value, distance: editDistance(word, value, max), index }))
    .filter((c) => c.distance <= max)
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .map(({ value, distance }) => ({ value, distance }));
}
