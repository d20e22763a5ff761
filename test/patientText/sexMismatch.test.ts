import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codes, findings, jane, marked, robert } from './checkText';

describe('sex-mismatch', () => {
  it('reads the sex said with an age, and marks the word that says it', () => {
    const forms: Array<[string, string]> = [
      ['73-year-old man with known COPD.', 'man'],
      ['She is a 73-year-old gentleman with delirium.', 'gentleman'],
      ['A 73-year-old male smoker presented with haemoptysis.', 'male'],
      ['This 73 year old boy presented with stridor.', 'boy'],
      ['73M with a fractured neck of femur.', 'M'],
      ['HPC: 73 yo M, 3/7 hx of cough.', 'M'],
      ['A 73 y/o M presenting with haematuria.', 'M'],
      ['A man aged 73 was admitted.', 'man'],
    ];
    for (const [text, word] of forms) assert.deepEqual(marked(text), [`sex-mismatch: ${word}`], text);
    assert.deepEqual(marked('44-year-old woman referred with a breast lump.', robert), ['sex-mismatch: woman']);
    assert.deepEqual(marked('44F with lower abdominal pain.', robert), ['sex-mismatch: F']);
    assert.deepEqual(marked('I saw this 44-year-old lady in clinic.', robert), ['sex-mismatch: lady']);
  });

  it('says what the text says and the recorded gender', () => {
    assert.equal(findings('73-year-old man with COPD.')[0]?.message, 'The text says 73-year-old man; Jane Doe (pat_123) is recorded as female.');
  });

  it('is a finding of its own beside a wrong age', () => {
    assert.deepEqual(codes('Mrs Doe is a 45-year-old man.'), ['age-mismatch', 'sex-mismatch']);
  });

  it('agrees with the same sex', () => {
    assert.deepEqual(codes('73-year-old woman with known COPD.'), []);
    assert.deepEqual(codes('73F with a fall.'), []);
    assert.deepEqual(codes('44M with chest pain.', robert), []);
  });

  it('judges only male and female, and never pronouns or honorifics', () => {
    for (const gender of ['other', 'unknown', undefined]) {
      assert.deepEqual(codes('73-year-old man with known COPD.', { ...jane, gender }), [], String(gender));
    }
    assert.deepEqual(codes('He is 73 and has COPD. He lives alone.'), []);
    assert.deepEqual(codes('Mr Doe was seen in clinic.'), []);
    assert.deepEqual(codes('She was seen in clinic.', robert), []);
  });

  it('leaves alone the sex of someone else', () => {
    assert.deepEqual(codes('She lives with her 45-year-old son.'), []);
    assert.deepEqual(codes('She was assaulted by a 30-year-old man.'), []);
    assert.deepEqual(codes('Her husband is a 75-year-old retired builder.'), []);
  });
});
