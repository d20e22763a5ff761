import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import type { DocumentReference } from '../../shared/protocol';
import { completionSearch, quickFixCandidates } from '../../client/src/ids/referenceQueries';
import { ReferenceCode } from '../../client/src/ids/referenceFindings';
import { shortLabel } from '../../client/src/ids/referenceText';
import { harness, startEmulator, TEST_KEY } from './helpers';

const ref = (kind: DocumentReference['kind'], id: string, path: string): DocumentReference => ({
  kind, id, path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

describe('completion searches and quick-fix candidates against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('a patient only by a name of two letters or more, never a list of everyone', () => {
    assert.equal(completionSearch('patient', '', 'pat_1'), undefined);
    assert.equal(completionSearch('patient', 'J', 'pat_1'), undefined);
    assert.deepEqual(completionSearch('patient', 'Ja', undefined), { kind: 'patient', params: { name: 'Ja', count: '20' }, debounce: true });
    assert.equal(completionSearch('encounter', '', undefined), undefined, "no patient, no encounters");
  });

  it('completion by name finds Jane Doe; encounterId offers her encounters most recent first', async () => {
    const h = harness(emu.url, TEST_KEY);
    const byName = completionSearch('patient', 'Jane', undefined)!;
    const patients = await h.resolver.search(byName.kind, byName.params);
    assert.deepEqual(patients?.map((p) => `${shortLabel(p)} · ${p.id}`), ['Jane Doe, 1990-03-15 · pat_123']);
    const encounters = completionSearch('encounter', '', 'pat_123')!;
    assert.deepEqual((await h.resolver.search(encounters.kind, encounters.params))?.map((e) => e.id), ['enc_458', 'enc_456', 'enc_457']);
  });

  it("quick fixes: another patient's encounter → the patient's own; an unknown practitioner → the listed ones; never a patient", async () => {
    const h = harness(emu.url, TEST_KEY);
    const own = await quickFixCandidates(h.resolver, ref('encounter', 'enc_654', 'encounterId'), ReferenceCode.EncounterOfAnotherPatient, 'pat_123');
    assert.deepEqual(own.map((c) => c.id), ['enc_458', 'enc_456', 'enc_457']);
    const docs = await quickFixCandidates(h.resolver, ref('document', 'comp_200', 'relatesTo[0].targetId'), ReferenceCode.DocumentOfAnotherPatient, 'pat_123');
    assert.deepEqual(docs.map((c) => c.id), ['comp_100']);
    const practitioners = await quickFixCandidates(h.resolver, ref('practitioner', 'prac_798', 'practitionerId'), ReferenceCode.UnknownId, 'pat_123');
    assert.ok(practitioners.some((p) => p.id === 'prac_789'));
    assert.deepEqual(await quickFixCandidates(h.resolver, ref('patient', 'pat_124', 'patientId'), ReferenceCode.UnknownId, 'pat_124'), []);
    assert.deepEqual(await quickFixCandidates(h.resolver, ref('patient', 'pat_555', 'patientId'), ReferenceCode.InactivePatient, 'pat_555'), []);
  });
});
