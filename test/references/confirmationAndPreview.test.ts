import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPreviewBody } from '../../client/src/preview/renderPreviewHtml';
import { describe as describeResource, shortLabel } from '../../client/src/ids/referenceText';
import { liveQuestion } from '../../client/src/submit/messages';

describe('the live confirmation names the patient', () => {
  const facts = { patientId: 'pat_123', title: 'Discharge Summary', origin: 'https://api.clinikapi.com' };

  it('by name and birth date, with the id that is sent', () => {
    assert.equal(
      liveQuestion(facts, { kind: 'resolved', name: 'Jane Doe', birthDate: '1990-03-15' }),
      'Submit "Discharge Summary" for Jane Doe (born 1990-03-15, pat_123) to ClinikAPI production at https://api.clinikapi.com with your live key? This creates a real clinical record.',
    );
    assert.match(liveQuestion(facts, { kind: 'resolved', name: '' }), /for \(no name on record\) \(pat_123\)/);
  });

  it("says where the text disagrees with the patient, in the same question, a few of them", () => {
    const warnings = ['The text says 45-year-old; Jane Doe (pat_123, born 1990-03-15) was 34 on 2025-01-15.', 'The text says 45-year-old man; Jane Doe (pat_123) is recorded as female.'];
    assert.equal(
      liveQuestion(facts, { kind: 'resolved', name: 'Jane Doe', birthDate: '1990-03-15', textWarnings: warnings }),
      `Submit "Discharge Summary" for Jane Doe (born 1990-03-15, pat_123) to ClinikAPI production at https://api.clinikapi.com with your live key? Check the text first: it may be about another patient. ${warnings.join(' ')} This creates a real clinical record.`,
    );
    const many = liveQuestion(facts, { kind: 'resolved', name: 'Jane Doe', textWarnings: ['One.', 'Two.', 'Three.', 'Four.', 'Five.'] });
    assert.match(many, /One\. Two\. Three\. \(and 2 more\) This creates/);
    assert.ok(!many.includes('Four'));
    assert.ok(!liveQuestion(facts, { kind: 'resolved', name: 'Jane Doe', textWarnings: [] }).includes('Check the text'));
  });

  it('says plainly when the patient could not be resolved, or does not exist', () => {
    assert.equal(
      liveQuestion(facts, { kind: 'notResolved', why: 'ClinikAPI did not answer.' }),
      'Submit "Discharge Summary" for patient pat_123 to ClinikAPI production at https://api.clinikapi.com with your live key? ClinikDoc could not confirm who pat_123 is: ClinikAPI did not answer. This creates a real clinical record.',
    );
    assert.match(liveQuestion(facts, { kind: 'unknown' }), /ClinikAPI production has no patient pat_123\./);
    assert.equal(
      liveQuestion(facts),
      'Submit "Discharge Summary" for patient pat_123 to ClinikAPI production at https://api.clinikapi.com with your live key? This creates a real clinical record.',
    );
  });
});

describe('names beside ids', () => {
  it('the preview shows the label beside each resolved id, escaped', () => {
    const body = renderPreviewBody({
      value: { patientId: 'pat_123', practitionerId: 'prac_789', attester: [{ mode: 'legal', partyId: 'prac_790' }], relatesTo: [{ code: 'replaces', targetId: 'comp_100' }], title: 'T', sections: [] },
      problems: [],
      fileName: 'x.clinikdoc.json',
      labels: { patientId: 'Jane Doe, 1990-03-15', practitionerId: 'Dr. <b>Alice</b>', 'attester[0].partyId': 'Dr. Bob Example', 'relatesTo[0].targetId': '“Clinic letter”, 2024-11-03' },
    });
    assert.match(body, /<dt>Patient<\/dt><dd>pat_123 — Jane Doe, 1990-03-15<\/dd>/);
    assert.match(body, /<dd>prac_789 — Dr\. &lt;b&gt;Alice&lt;\/b&gt;<\/dd>/);
    assert.match(body, /<td>prac_790 — Dr\. Bob Example<\/td>/);
    assert.match(body, /replaces comp_100 — “Clinic letter”, 2024-11-03/);
    const plain = renderPreviewBody({ value: { patientId: 'pat_123' }, problems: [], fileName: 'x' });
    assert.match(plain, /<dd>pat_123<\/dd>/);
  });

  it('labels and descriptions of each kind', () => {
    const patient = { kind: 'patient', id: 'pat_555', name: 'Ms. Rosa Placeholder', birthDate: '1942-07-01', gender: 'female', active: false } as const;
    assert.equal(shortLabel(patient), 'Ms. Rosa Placeholder, 1942-07-01 (inactive)');
    assert.equal(describeResource(patient), 'Ms. Rosa Placeholder · born 1942-07-01 · female · inactive');
    const encounter = { kind: 'encounter', id: 'enc_456', status: 'finished', classCode: 'IMP', start: '2025-01-12T08:00:00Z', end: '2025-01-15T11:00:00Z', patientId: 'pat_123' } as const;
    assert.equal(describeResource(encounter), 'inpatient · finished · 2025-01-12 – 2025-01-15');
    assert.equal(shortLabel(encounter), 'inpatient, 2025-01-12');
    assert.equal(shortLabel({ kind: 'document', id: 'comp_1', title: 'Clinic letter', status: 'final', date: '2024-11-03' }), '“Clinic letter”, 2024-11-03');
    assert.equal(shortLabel({ kind: 'patient', id: 'pat_900', name: '', active: true }), '(no name)');
  });
});
