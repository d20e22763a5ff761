import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byCloseness, editDistance } from '../../server/src/common/editDistance';
import { quoteKey } from '../../server/src/common/quoteKey';

/** The plain definition: the whole (m+1)×(n+1) matrix of optimal string alignment, case-insensitive. */
function fullMatrixDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

// A small alphabet (with both cases) makes close words, swaps and repeats likely.
// İ lowercases to two characters (i and a combining dot).
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', 'e', 'é', 'i', 'İ', '\u0307'), maxLength: 14 });

describe('editDistance', () => {
  it('without a threshold, is the full-matrix distance', () => {
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === fullMatrixDistance(a, b)), { numRuns: 2000 });
  });

  it('with a threshold, is the distance when within it and threshold + 1 beyond it', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 16 }), (a, b, max) => {
        const full = fullMatrixDistance(a, b);
        assert.equal(editDistance(a, b, max), full <= max ? full : max + 1, `${JSON.stringify(a)} ~ ${JSON.stringify(b)}, max ${max}: full ${full}`);
      }),
      { numRuns: 4000 },
    );
  });

  it('with a threshold, agrees on words that differ a little (the case the band must get right)', () => {
    // A word and a copy with a few edits (swaps, insertions, deletions), so distances sit near the threshold.
    const edited = word.chain((a) =>
      fc.tuple(fc.constant(a), fc.array(fc.tuple(fc.nat(), fc.constantFrom('swap', 'insert', 'delete', 'change')), { maxLength: 4 })).map(([base, edits]) => {
        let b = base;
        for (const [at, kind] of edits) {
          const i = b.length === 0 ? 0 : at % b.length;
          if (kind === 'swap' && i + 1 < b.length) b = b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2);
          else if (kind === 'insert') b = b.slice(0, i) + 'x' + b.slice(i);
          else if (kind === 'delete') b = b.slice(0, i) + b.slice(i + 1);
          else b = b.slice(0, i) + 'z' + b.slice(i + 1);
        }
        return [base, b] as const;
      }),
    );
    fc.assert(
      fc.property(edited, fc.integer({ min: 0, max: 5 }), ([a, b], max) => {
        const full = fullMatrixDistance(a, b);
        assert.equal(editDistance(a, b, max), full <= max ? full : max + 1);
        assert.equal(editDistance(b, a, max), full <= max ? full : max + 1, 'symmetric');
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the documented examples', () => {
    assert.equal(editDistance('confidentialty', 'confidentiality'), 1);
    assert.equal(editDistance('titel', 'title'), 1);
    assert.equal(editDistance('Finale', 'final'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('', 'abc', 1), 2);
  });

  it('gives up on a very long word against a short one without walking it', () => {
    const long = 'titl' + 'e'.repeat(400_000);
    assert.equal(editDistance(long, 'title', 160_000), 160_001);
    assert.equal(editDistance('title', long, 3), 4);
    // Two long words a few edits apart: the band, not the product of their lengths.
    const other = 'x' + long.slice(1, -1);
    assert.equal(editDistance(long, other, 3), 2);
  });

  it('byCloseness with a threshold keeps only the candidates within it, closest first', () => {
    assert.deepEqual(byCloseness('titel', ['text', 'type', 'title']), [{ value: 'title', distance: 1 }, { value: 'type', distance: 3 }, { value: 'text', distance: 4 }]);
    assert.deepEqual(byCloseness('titel', ['text', 'type', 'title'], 3), [{ value: 'title', distance: 1 }, { value: 'type', distance: 3 }]);
    assert.deepEqual(byCloseness('status', ['title', 'type'], 1), []);
  });
});

describe('quoteKey', () => {
  it('quotes a key whole up to 80 characters', () => {
    assert.equal(quoteKey('confidentialty'), '"confidentialty"');
    assert.equal(quoteKey('k'.repeat(80)), `"${'k'.repeat(80)}"`);
  });

  it('cuts a longer key short, with its length, never inside a surrogate pair', () => {
    assert.equal(quoteKey('titl' + 'e'.repeat(399_996)), `"titl${'e'.repeat(36)}…" (a 400,000-character key)`);
    const emoji = 'a'.repeat(39) + '😀' + 'b'.repeat(60);
    assert.equal(quoteKey(emoji), `"${'a'.repeat(39)}…" (a 101-character key)`);
  });
});
