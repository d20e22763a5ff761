import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codes, findings, jane, marked } from './checkText';

const maria = { id: 'pat_789', fullName: 'María García-López', firstName: 'María', lastName: 'García-López', gender: 'female', birthDate: '1961-04-20' };
const sean = { id: 'pat_012', fullName: "Seán O'Brien", firstName: 'Seán', lastName: "O'Brien", gender: 'male', birthDate: '1990' };

describe('surname-mismatch', () => {
  it('flags another surname where the text names its patient, and marks the honorific and name', () => {
    const cases: Array<[string, string]> = [
      ['Mrs Patel is a 73-year-old woman with heart failure.', 'Mrs Patel'],
      ['Mrs Patel was admitted on 12 June with delirium.', 'Mrs Patel'],
      ['Mrs. Patel presented with a two-day history of vomiting.', 'Mrs. Patel'],
      ['Ms Patel underwent a total knee replacement.', 'Ms Patel'],
      ['Miss Patel has a background of asthma.', 'Miss Patel'],
      ['Mx Patel was seen in the ENT clinic.', 'Mx Patel'],
      ['MRS PATEL was discharged home.', 'MRS PATEL'],
      ['Mrs Patel, a 73-year-old woman, was admitted with a fall.', 'Mrs Patel'],
      ['Re: Mrs Patricia Hughes, DOB 15/03/1952', 'Mrs Patricia Hughes'],
      ['Dear Dr Okafor, re: Mrs Khan, seen today in the falls clinic.', 'Mrs Khan'],
      ['Dear Dr Okafor,\n\nRe: Mrs Khan\n\nI saw her today.', 'Mrs Khan'],
      ['Thank you for seeing Mrs J. Smith, who has recurrent falls.', 'Mrs J. Smith'],
      ['I reviewed Mrs Lewis in the respiratory clinic.', 'Mrs Lewis'],
      ['Discharge summary for Mrs Whitfield', 'Mrs Whitfield'],
      ['Care plan for Mrs Robinson — falls prevention', 'Mrs Robinson'],
      ['Goal: Mrs Allen will mobilise with a frame.', 'Mrs Allen'],
      ['On admission, Mrs Allen was started on IV antibiotics.', 'Mrs Allen'],
      ['Mrs Jane Smith was admitted.', 'Mrs Jane Smith'],
    ];
    for (const [text, name] of cases) assert.deepEqual(marked(text), [`surname-mismatch: ${name}`], text);
  });

  it('says who the text names and who the patient is', () => {
    assert.equal(findings('Re: Mrs Patel')[0]?.message, "The text names Mrs Patel where it seems to mean the patient; this document's patient is Jane Doe (pat_123).");
  });

  it('compares surnames without case, diacritics, apostrophes or the other half of a double surname', () => {
    for (const text of ['Mrs Doe was admitted.', 'MRS DOE was admitted.', 'Mrs J. Doe was admitted.', 'Mrs Jane Doe was admitted.', 'Miss Jane was admitted.', 'Mrs Doe-Williams was admitted.']) {
      assert.deepEqual(codes(text), [], text);
    }
    for (const text of ['Mrs García-López was admitted.', 'Mrs Garcia was admitted.', 'Mrs Lopez was admitted.', 'Mrs García López was admitted.', 'Mrs M. GARCIA was admitted.', 'Re: Mrs Maria Garcia Lopez']) {
      assert.deepEqual(codes(text, maria), [], text);
    }
    for (const text of ["Mr O'Brien was admitted.", 'Mr O’Brien was admitted.', 'Mr OBrien was admitted.', 'Mr Obrien was admitted.']) {
      assert.deepEqual(codes(text, sean), [], text);
    }
    assert.deepEqual(codes('Mr Murphy was admitted.', sean), ['surname-mismatch']);
    assert.deepEqual(codes('Mrs Fernández was admitted.', maria), ['surname-mismatch']);
  });

  it('never flags Dr, Prof or the clinicians', () => {
    for (const text of [
      'Dr Patel was admitted.', // nonsense, but Dr names a clinician
      'Re: Dr Patel',
      'Prof Adeyemi has agreed to see her.',
      'Mr Shah performed a right total hip replacement.',
      'Re: Mr Shah, consultant orthopaedic surgeon',
      'Mr Shah was informed.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
    assert.deepEqual(codes('Mr Shah was admitted.', jane, { clinicianNames: [] }), ['surname-mismatch']);
  });

  it('leaves alone other people named with an honorific', () => {
    for (const text of [
      'Seen with Mrs Patel, her daughter, who helps with shopping.',
      'Mr Jones (neighbour) found her on the floor.',
      'Her daughter, Mrs Ahmed, is the named next of kin.',
      'Mrs Doe was accompanied by her sister, Mrs Okoro.',
      'Mr Green, her carer, visits twice a day.',
      'She reported that Mr Green from the care agency visits twice daily.',
      'Plan discussed with Mrs Robinson (daughter) by telephone.',
      'cc: Mr Hughes, GP practice manager',
      "Mrs Patel's daughter was informed.",
      'Mrs Patel, a 45-year-old woman, is her daughter.',
      'Mrs Patel is her daughter.',
      'Mrs Kaur is a retired nurse who lives next door.',
      'Mrs Kaur has a spare key and checks on her daily.',
      'Mrs Rodríguez (interpreter) was present for the consultation.',
      'I saw Mr and Mrs Bennett in clinic today.',
      'Dear Mrs Patel, thank you for your letter about your mother.',
      'Seen by Mrs Ellis, advanced nurse practitioner, in the frailty unit.',
      'Mrs Price, ward sister, escalated the early warning score.',
      'I have written to Mr Nwosu, his GP, with the results.',
      'MS nurse specialist review requested.',
      'Mrs Patel from the district nursing team visits weekly.',
    ]) {
      assert.deepEqual(codes(text), [], text);
    }
  });

  it('checks nothing when the patient has no surname on record', () => {
    assert.deepEqual(codes('Mrs Patel was admitted.', { id: 'pat_1' }), []);
    assert.deepEqual(codes('Mrs Patel was admitted.', { id: 'pat_1', fullName: 'Jane' }), []);
    assert.deepEqual(codes('Mrs Patel was admitted.', { id: 'pat_1', fullName: 'Jane Doe' }), ['surname-mismatch']);
  });
});
