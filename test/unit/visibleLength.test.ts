// visibleLength counts graphemes in linear time (the fuzzer found hover on a long
// non-ASCII text stuck for minutes — Intl.Segmenter over one long string is quadratic in V8 — and
// the side editor's count in the extension host uses the same function).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_VISIBLE_COUNT, visibleLength } from '../../shared/textLength';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function segmented(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** Pieces that join or split across a chunk's end: pairs, combining marks, ZWJ, flags, CR LF, Hangul, Prepend. */
const PIECES = ['é', 'e\u0301', 'x\u0301\u0302', '😀', '👨‍👩‍👧', '🇫🇷', '🇺', '\r\n', '\r', '\n', 'a', ' ', '\uD800', '\uDC00', 'ก', 'ำ', '\u0600', '\u200D', '한', '\u1100\u1161\u11A8', '\uFE0F', '#\uFE0F\u20E3'];

describe('visibleLength', () => {
  it('agrees with one pass of Intl.Segmenter on texts that cross many chunk ends', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 3_000 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(visibleLength(text), segmented(text));
      }),
      { seed: 1125, numRuns: 150 },
    );
  });

  it('is linear: each unit of a long text is segmented a bounded number of times (50,000 units of accented letters, 190,000 mixed units)', () => {
    // Counted, not timed (a loaded machine makes any time limit flaky). One Intl.Segmenter pass
    // over a long string is what is quadratic in V8, so: no call gets more than a bounded chunk,
    // and the chunks add up to at most twice the text.
    const original = Intl.Segmenter.prototype.segment;
    let segmentedUnits = 0;
    let longestCall = 0;
    Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, input: string) {
      segmentedUnits += input.length;
      longestCall = Math.max(longestCall, input.length);
      return original.call(this, input);
    };
    try {
      // e + combining acute (a precomposed é never needs the segmenter): the section limit of 50,000 units.
      for (const text of ['e\u0301'.repeat(25_000), 'Pneumonie traitée, fièvre 😀. '.repeat(6_500)]) {
        segmentedUnits = 0;
        const length = visibleLength(text);
        assert.ok(length > 0 && length <= text.length);
        assert.ok(segmentedUnits > 0, 'the text went through the segmenter');
        assert.ok(segmentedUnits <= 2 * text.length, `${text.length} units, ${segmentedUnits} segmented`);
        assert.ok(longestCall <= 8 * 1024, `one call segmented ${longestCall} units`);
      }
    } finally {
      Intl.Segmenter.prototype.segment = original;
    }
  });

  it('returns the length past MAX_VISIBLE_COUNT, and for text that can only count 1 per unit', () => {
    assert.equal(visibleLength('é'.repeat(MAX_VISIBLE_COUNT + 1)), MAX_VISIBLE_COUNT + 1);
    assert.equal(visibleLength('plain ASCII'), 11);
    assert.equal(visibleLength('😀'), 1);
  });
});
