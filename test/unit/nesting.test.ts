import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { offsetPastNesting } from '../../server/src/parse/parsedDocument';

/** The definition: one character at a time, strings ending at a quote or a line break, `\` escaping one. */
function reference(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22 || c === 0x0a || c === 0x0d) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if ((c === 0x7d || c === 0x5d) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

describe('offsetPastNesting', () => {
  it('finds what a scan of every character finds', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', '\r', 'a', ' ', '"x"', '\\"', '[[', '{"a":');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 0, max: 4 }), (pieces, limit) => {
        const text = pieces.join('');
        assert.equal(offsetPastNesting(text, limit), reference(text, limit), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('skips long strings without looking at each character', () => {
    const text = `{"a": ${JSON.stringify('x'.repeat(100_000) + '[[[[')}, "b": [[[[]]]]}`;
    assert.equal(offsetPastNesting(text, 3), text.indexOf('[[[[]]]]') + 2);
    assert.equal(offsetPastNesting(text, 5), undefined);
  });
});
