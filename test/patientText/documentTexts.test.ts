import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentRange, documentTexts } from '../../client/src/patientText/documentTexts';
import { literalOffsets } from '../../client/src/sectionText/jsonString';

describe('documentTexts: what the checks of the text read of a document', () => {
  it('the title and every section text, nested ones too, decoded, in document order', () => {
    const text = JSON.stringify({
      title: 'Clinic letter',
      sections: [{ title: 'A', text: 'one' }, { title: 'B', sections: [{ title: 'B1', text: 'two' }] }, { title: 'C', text: 3 }],
    });
    assert.deepEqual(documentTexts(text).segments.map((s) => [s.id, s.text]), [['title', 'Clinic letter'], ['sections.0.text', 'one'], ['sections.1.sections.0.text', 'two']]);
  });

  it('places words of a decoded text on their characters in the document, escapes and all', () => {
    const value = 'Line one.\n"Quoted" café — Mrs Smith\tand \ud83d\ude00 Mr Patel';
    const text = `{"sections":[{"text":${JSON.stringify(value).replace('é', '\\u00e9')}}]}`;
    const [segment] = documentTexts(text).segments;
    assert.equal(segment!.text, value);
    for (const word of ['Line', '"Quoted"', 'café', 'Mrs Smith', 'Mr Patel']) {
      const start = value.indexOf(word);
      const range = documentRange(segment!, start, start + word.length);
      assert.equal(JSON.parse(`"${text.slice(range.start, range.end)}"`), word, word);
    }
    assert.equal(text.slice(...Object.values(documentRange(segment!, value.indexOf('café'), value.indexOf('café') + 4)) as [number, number]), 'caf\\u00e9');
  });

  it('literalOffsets: each code unit of the value to where it starts in the literal, and the closing quote', () => {
    assert.deepEqual(literalOffsets('"a\\nb"'), [1, 2, 4, 5]);
    assert.deepEqual(literalOffsets('""'), [1]);
    assert.deepEqual(literalOffsets('"\\u00e9x"'), [1, 7, 8]);
  });

  it('the patient (the last top-level patientId, as ClinikAPI reads it), the date, and every practitioner id once', () => {
    const text = `{"patientId":"pat_1","practitionerId":"prac_a","date":"2025-01-15","attester":[{"partyId":"prac_b"},{"partyId":"prac_a"}],
      "sections":[{"authorId":"prac_c","text":"x","sections":[{"title":"nested sections have no author"}]}],"encounterId":"enc_1","patientId":"pat_2"}`;
    const texts = documentTexts(text);
    assert.equal(texts.patientId, 'pat_2');
    assert.equal(texts.date, '2025-01-15');
    assert.deepEqual(texts.practitionerIds.sort(), ['prac_a', 'prac_b', 'prac_c']);
  });

  it('nothing from what is not a document, and no error from a broken or deeply nested one', () => {
    assert.deepEqual(documentTexts('[1]'), { practitionerIds: [], segments: [] });
    assert.deepEqual(documentTexts('').segments, []);
    assert.deepEqual(documentTexts('['.repeat(100_000)).segments, []);
    // An unclosed text is left out; the title before it is still read.
    assert.deepEqual(documentTexts('{"title":"T","sections":[{"text":"unclosed\n').segments.map((s) => s.id), ['title']);
  });
});
