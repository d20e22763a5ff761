import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getLocation, type Location } from 'jsonc-parser';
import { locationAt } from '../../server/src/parse/location';
import { parseDocument } from '../../server/src/parse/parsedDocument';
import { fixture } from '../support/documents';

function comparable(location: Location) {
  const previous = location.previousNode;
  return {
    path: location.path,
    isAtPropertyKey: location.isAtPropertyKey,
    previous: previous && { type: previous.type, value: previous.value, offset: previous.offset, length: previous.length, colonOffset: previous.colonOffset },
    matchesSections: location.matches(['sections', '*', '**']),
  };
}

const BASE = fixture('discharge-summary.clinikdoc.json');

describe('locationAt', () => {
  it('answers what getLocation answers at every offset of a valid document', () => {
    const parsed = parseDocument('file:///a.clinikdoc.json', 1, BASE);
    for (let offset = 0; offset <= BASE.length; offset++) {
      assert.deepEqual(comparable(locationAt(parsed, offset)), comparable(getLocation(BASE, offset)), `at ${offset}`);
    }
  });

  it('does not trust the tree past a syntax error (a missing comma shifts list positions)', () => {
    const text = '{"sections": [{"title": "a"} {"title": "b"}, {"t": 1}]}';
    const parsed = parseDocument('file:///a.clinikdoc.json', 1, text);
    for (const offset of [text.indexOf('"b"'), text.indexOf('"t"') + 1]) {
      assert.deepEqual(comparable(locationAt(parsed, offset)), comparable(getLocation(text, offset)));
    }
  });

  it('answers what getLocation answers in documents broken by random edits', () => {
    const alphabet = ['"', '{', '}', '[', ']', ',', ':', ' ', 'a', '1', '//', '/*', '\\', '\n', 'true'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 4 }), insert: fc.constantFrom(...alphabet) }), { maxLength: 4 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (edits, cursors) => {
          let text = BASE;
          for (const e of edits) {
            const start = Math.floor(e.at * text.length);
            text = text.slice(0, start) + e.insert + text.slice(start + e.remove);
          }
          const parsed = parseDocument('file:///a.clinikdoc.json', 1, text);
          for (const c of cursors) {
            const offset = Math.floor(c * (text.length + 1));
            assert.deepEqual(comparable(locationAt(parsed, offset)), comparable(getLocation(text, offset)), `at ${offset} in ${JSON.stringify(text)}`);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers what getLocation answers after large and oddly shaped values, before and after random edits', () => {
    // Values whose scan leaves getLocation's key flag set, cleared or untouched, so that a cursor
    // after them is answered from a stand-in for the value (locationAt's objectWindow).
    const values = ['{}', '[]', '[{}]', '[{}, 1]', '[{"a": 1}, []]', '[[], [{}]]', '{"a": {}}', '{"a": [{}]}', '{"a": [1, 2]}', '[1, 2, 3]', '"text"', '12', 'null'];
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constantFrom(...values), tie('object'), tie('list')),
      object: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'title', 'sections'), tie('node')), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `\n  "${k}": ${v}`).join(',')}\n}`),
      list: fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
    }));
    fc.assert(
      fc.property(
        value.object,
        fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.integer({ min: 0, max: 3 }), insert: fc.constantFrom('"', '{', '}', '[', ']', ',', ':', ' ', '\n', 'a', '/*', '*/') }), { maxLength: 2 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (original, edits, cursors) => {
          let text = original;
          for (const e of edits) {
            const start = Math.floor(e.at * text.length);
            text = text.slice(0, start) + e.insert + text.slice(start + e.remove);
          }
          const parsed = parseDocument('file:///a.clinikdoc.json', 1, text);
          for (const c of cursors) {
            const offset = Math.floor(c * (text.length + 1));
            assert.deepEqual(comparable(locationAt(parsed, offset)), comparable(getLocation(text, offset)), `at ${offset} in ${JSON.stringify(text)}`);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('answers a cursor after a 1 MB value, in a valid and in a broken document, as getLocation does', () => {
    const sections = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ title: `S${i}`, text: 'x'.repeat(500), sections: [{}] })), null, 2);
    for (const tail of ['\n}', ',\n  ""\n}', ',\n  "ti\n}', ',\n  "title": \n}', ',\n  "a": [{}],\n  \n}']) {
      const text = `{\n  "title": "x",\n  "sections": ${sections}${tail}`;
      const parsed = parseDocument('file:///a.clinikdoc.json', 1, text);
      for (let offset = text.length - tail.length - 2; offset <= text.length; offset++) {
        assert.deepEqual(comparable(locationAt(parsed, offset)), comparable(getLocation(text, offset)), `at ${offset} of ${JSON.stringify(tail)}`);
      }
    }
  });
});
