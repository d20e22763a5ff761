import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitAtBoundary } from '../../server/src/common/splitAtBoundary';

describe('splitAtBoundary (the overflow fix of a too-long section text)', () => {
  it('leaves a text within the limit whole', () => {
    assert.deepEqual(splitAtBoundary('Short.', 10), ['Short.', '']);
  });

  it('prefers the last paragraph break that fits', () => {
    assert.deepEqual(splitAtBoundary('Aaaa. Bbbb.\n\nCccc. Dddd.\n\nEeee.', 26), ['Aaaa. Bbbb.\n\nCccc. Dddd.', 'Eeee.']);
  });

  it('else the last sentence end', () => {
    assert.deepEqual(splitAtBoundary('One two. Three four. Five six seven.', 24), ['One two. Three four.', 'Five six seven.']);
  });

  it('else a line break, else a space', () => {
    assert.deepEqual(splitAtBoundary('alpha beta gamma\ndelta epsilon zeta', 20), ['alpha beta gamma', 'delta epsilon zeta']);
    assert.deepEqual(splitAtBoundary('alpha beta gamma', 12), ['alpha beta', 'gamma']);
  });

  it('ignores a boundary in the first half: too little would move', () => {
    const [kept, rest] = splitAtBoundary(`A.\n\n${'x'.repeat(100)}`, 50);
    assert.equal(kept.length, 50);
    assert.equal(rest.length, 54);
  });

  it('cuts mid-word only as a last resort, and never inside a surrogate pair', () => {
    assert.deepEqual(splitAtBoundary('x'.repeat(12), 10), ['x'.repeat(10), 'xx']);
    const [kept, rest] = splitAtBoundary(`${'x'.repeat(9)}😀${'y'.repeat(5)}`, 10);
    assert.equal(kept, 'x'.repeat(9));
    assert.equal(rest, `😀${'y'.repeat(5)}`);
  });

  it('the first part always fits and nothing but whitespace at the cut is lost', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence ${i} is here${i % 7 === 0 ? '.\n\n' : i % 3 === 0 ? '. ' : ' '}`).join('');
    for (const limit of [50, 333, 1000, 4000]) {
      const [kept, rest] = splitAtBoundary(text, limit);
      assert.ok(kept.length <= limit && kept.length > 0, `limit ${limit}`);
      assert.equal((kept + rest).replace(/\s/g, ''), text.replace(/\s/g, ''));
    }
  });
});
