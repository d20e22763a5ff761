import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codes, findings, jane, marked, robert } from './checkText';

describe('age-mismatch', () => {
  it('reads every form of an age given to the patient, and marks the words that give it', () => {
    const forms: Array<[string, string]> = [
      ['Mrs Doe is a 45-year-old woman with pneumonia.', '45-year-old'],
      ['This 45 year old lady was referred by her GP.', '45 year old'],
      ['She is 45 years old.', '45 years old'],
      ['A 45-yr-old woman with back pain.', '45-yr-old'],
      ['HPC: 45 yo F with cough.', '45 yo F'],
      ['Pt is a 45 y/o female.', '45 y/o'],
      ['Jane Doe, aged 45, lives alone.', 'aged 45'],
      ['Age: 45', 'Age: 45'],
      ['45F presenting with confusion.', '45F'],
      ['45 F, known COPD, presenting with breathlessness.', '45 F'],
    ];
    for (const [text, words] of forms) assert.deepEqual(marked(text), [`age-mismatch: ${words}`], text);
  });

  it('says what the text says, who the patient is and how old on which day', () => {
    const [finding] = findings('Mrs Doe is a 45-year-old woman.');
    assert.equal(finding?.message, 'The text says 45-year-old; Jane Doe (pat_123, born 1952-03-15) was 73 on 2025-06-20.');
    assert.equal(finding?.segment, 'text');
  });

  it('allows the age of a birthday not yet reached this year, and nothing else', () => {
    // Robert Okonkwo, born 1980-11-02, is 44 on 2025-06-20; a writer counting years says 45.
    assert.deepEqual(codes('He is a 44-year-old man.', robert), []);
    assert.deepEqual(codes('He is a 45-year-old man.', robert), []);
    assert.deepEqual(codes('He is a 43-year-old man.', robert), ['age-mismatch']);
    assert.deepEqual(codes('He is a 46-year-old man.', robert), ['age-mismatch']);
    // Jane Doe's birthday (15 March) has passed on 2025-06-20: 73 only.
    assert.deepEqual(codes('She is a 72-year-old woman.'), ['age-mismatch']);
    // On 2025-03-10 it has not: 72 or 73.
    assert.deepEqual(codes('She is a 72-year-old woman.', jane, { documentDate: '2025-03-10' }), []);
    assert.deepEqual(codes('She is a 73-year-old woman.', jane, { documentDate: '2025-03-10' }), []);
    assert.deepEqual(codes('She is a 71-year-old woman.', jane, { documentDate: '2025-03-10' }), ['age-mismatch']);
  });

  it('widens the ages allowed when the record has only a birth year or month', () => {
    const yearOnly = { ...jane, birthDate: '1952' };
    assert.deepEqual(codes('She is a 72-year-old woman.', yearOnly), []);
    assert.deepEqual(codes('She is a 73-year-old woman.', yearOnly), []);
    assert.deepEqual(codes('She is a 71-year-old woman.', yearOnly), ['age-mismatch']);
    assert.match(findings('She is a 71-year-old woman.', yearOnly)[0]!.message, /born 1952\) was 72 or 73 on 2025-06-20/);
    // Born in June 1952: on 2025-06-20 the birthday may or may not have come.
    const june = { ...jane, birthDate: '1952-06' };
    assert.deepEqual(codes('She is a 72-year-old woman.', june), []);
    assert.deepEqual(codes('She is a 73-year-old woman.', june), []);
    // Born in April 1952: it has.
    assert.deepEqual(codes('She is a 72-year-old woman.', { ...jane, birthDate: '1952-04' }), ['age-mismatch']);
  });

  it('judges on the day of a date-time, and on the injected today when the document has no date', () => {
    assert.deepEqual(codes('She is a 72-year-old woman.', jane, { documentDate: '2025-03-10T23:30:00+01:00' }), []);
    assert.deepEqual(codes('She is a 72-year-old woman.', jane, { documentDate: undefined, today: '2025-03-10' }), []);
    assert.deepEqual(codes('She is a 72-year-old woman.', jane, { documentDate: undefined, today: new Date(2025, 5, 20) }), ['age-mismatch']);
    assert.match(findings('She is a 72-year-old woman.', jane, { documentDate: undefined, today: '2030-01-01' })[0]!.message, /was 77 on 2030-01-01/);
  });

  it('checks nothing without a birth date, or before the patient was born', () => {
    assert.deepEqual(codes('She is a 45-year-old woman.', { ...jane, birthDate: undefined }), []);
    assert.deepEqual(codes('She is a 45-year-old woman.', { ...jane, birthDate: 'unknown' }), []);
    assert.deepEqual(codes('She is a 45-year-old woman.', jane, { documentDate: '1950-01-01' }), []);
  });

  it('leaves alone the ages of relatives and other people', () => {
    for (const text of [
      'She lives with her 45-year-old son, who is her main carer.',
      'Her husband, aged 76, has early dementia.',
      'His wife, 70, is a retired nurse.',
      'She cares for her 95-year-old mother.',
      'The patient’s 45-year-old daughter attended.',
      "The patient's husband is 75 years old and has Parkinson's disease.",
      'She has a 2-year-old granddaughter who visits at weekends.',
      'Her granddaughter, a 19-year-old student nurse, stays most nights.',
      'Lives with husband (aged 78) in a bungalow.',
      'A 73-year-old woman was knocked off her bicycle by a 30-year-old driver.',
      'The 60-year-old cyclist who collided with her was uninjured.',
      'The driver of the other car, an 85-year-old woman, was unhurt.',
      'Mrs Patel, a 45-year-old woman, is her daughter.',
      'Sarah, a 45-year-old nurse, is her main carer.',
      'Mr Shah, a 45-year-old surgeon, explained the operation.',
      'Her mother died aged 70 from a stroke.',
      'Family history: sister diagnosed with breast cancer at the age of 45.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
  });

  it('leaves alone the past and thresholds', () => {
    for (const text of [
      'At age 12 she had rheumatic fever.',
      'She was diagnosed with type 2 diabetes aged 50.',
      'Aged 30 at diagnosis.',
      'She was 12 years old when she had rheumatic fever.',
      'As a 20-year-old she worked as a nurse.',
      'When she was a 45-year-old she had a hysterectomy.',
      'Retired aged 60 from her job as a school secretary.',
      'Ex-smoker, stopped aged 55.',
      'She had her first child aged 19.',
      'Aged 60, she developed interstitial lung disease.',
      'In 2010, aged 58, she had a hysterectomy.',
      'Her last mammogram, aged 70, was normal.',
      'Patients over 70 years old should have a medication review.',
      'Adults aged 18 to 75 with stable COPD are eligible.',
      'Women aged 50-70 are invited every three years.',
      '72–75-year-old patients were excluded.',
      'Elderly lady, approximately 80 years old, found collapsed.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
  });

  it('leaves alone durations, things and measures', () => {
    for (const text of [
      'She has a 10 year old scar over the left knee.',
      'A 2-year-old injury to the knee was noted on MRI.',
      'There is a 5-year history of hand pain.',
      'She has smoked for 40 years.',
      'He says he feels 60 years old.',
      'Gestational age 32 weeks.',
      'Temperature peaked at 101 F overnight.',
      'Temp 38 F.',
      'Ward 12M, bed 4.',
      'Bay 3, bed 4F.',
      'She received 40 mg of furosemide.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
  });

  it('does not take a clinician named with Mr for someone else', () => {
    assert.deepEqual(codes('Mr Shah reviewed this 45-year-old woman on the ward round.'), ['age-mismatch']);
  });

  it('gives one finding for one age, even where two forms overlap', () => {
    assert.deepEqual(marked('Age: 45 years old'), ['age-mismatch: Age: 45']);
  });
});
