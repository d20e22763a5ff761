import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { DocumentResolutions, type DocumentResolution, type ListedReferences } from '../../client/src/ids/documentResolutions';
import { resolvePatientTextProblems } from '../../client/src/ids/patientTextProblems';
import { documentTexts } from '../../client/src/patientText/documentTexts';
import { referencesInText } from '../../server/src/index';
import { FIXTURES } from '../support/documents';
import { harness, startEmulator, TEST_KEY } from './helpers';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'cli', 'patientText', name), 'utf8');

describe('the text against the resolved patient, from the resolver (emulator)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('one problem of each kind on its words; the message names ids only, the detail what ClinikAPI says', async () => {
    const text = fixture('mismatch.clinikdoc.json');
    const h = harness(emu.url, TEST_KEY);
    const problems = await resolvePatientTextProblems(documentTexts(text), h.resolver);
    assert.deepEqual(problems.map((p) => [p.code, text.slice(p.start, p.end)]), [
      ['age-mismatch', '45-year-old'],
      ['sex-mismatch', 'man'],
      ['birth-date-mismatch', '02/11/1961'],
      ['surname-mismatch', 'Mrs Smith'],
    ]);
    for (const p of problems) {
      assert.match(p.message, /patient pat_123/);
      for (const phi of ['Jane', 'Doe', '1990', '45', 'Smith', '1961', 'man']) assert.ok(!p.message.includes(phi), `${phi} in ${p.message}`);
    }
    assert.equal(problems[0]!.detail, 'The text says 45-year-old; Jane Doe (pat_123, born 1990-03-15) was 34 on 2025-01-15.');
    assert.deepEqual(h.logs.filter((l) => /Jane|Smith|year-old/.test(l)), []);
  });

  it('a practitioner named in the text is never taken for the patient: their names come from ClinikAPI', async () => {
    const h = harness(emu.url, TEST_KEY);
    const text = JSON.stringify({ patientId: 'pat_123', practitionerId: 'prac_789', date: '2025-01-15', sections: [{ text: 'Re: Ms Sample\nSeen today.' }] });
    assert.deepEqual(await resolvePatientTextProblems(documentTexts(text), h.resolver), []);
    const without = JSON.stringify({ patientId: 'pat_123', date: '2025-01-15', sections: [{ text: 'Re: Ms Sample\nSeen today.' }] });
    assert.deepEqual((await resolvePatientTextProblems(documentTexts(without), h.resolver)).map((p) => p.code), ['surname-mismatch']);
  });

  it('nothing when the patient is not resolved (unknown, or no key), and nothing is read without a key', async () => {
    emu.reset();
    const unknown = JSON.stringify({ patientId: 'pat_nobody', date: '2025-01-15', sections: [{ text: 'A 45-year-old man.' }] });
    assert.deepEqual(await resolvePatientTextProblems(documentTexts(unknown), harness(emu.url, TEST_KEY).resolver), []);
    const h = harness(emu.url, undefined);
    assert.deepEqual(await resolvePatientTextProblems(documentTexts(fixture('mismatch.clinikdoc.json')), h.resolver), []);
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 1 });
  });

  it('DocumentResolutions checks the text of the version listed, after the resolver answers; a document without a date is judged on `today`', async () => {
    const h = harness(emu.url, TEST_KEY);
    const updates: DocumentResolution[] = [];
    let done!: () => void;
    let settled = new Promise<void>((r) => (done = r));
    const docs = new DocumentResolutions(h.resolver, (_uri, result) => (updates.push(result), done()), { debounceMs: 20, today: () => new Date(2060, 0, 1) });
    const text = JSON.stringify({ patientId: 'pat_123', sections: [{ text: 'She is a 34-year-old woman.' }] }, null, 2);
    const list = async (withText: boolean): Promise<ListedReferences> => ({ version: 1, references: referencesInText('file:///a', text), ...(withText ? { text } : {}) });
    docs.changed('file:///a', () => list(true));
    await settled;
    assert.deepEqual(updates[0]!.textProblems.map((p) => [p.code, text.slice(p.start, p.end)]), [['age-mismatch', '34-year-old']], 'Jane Doe is 69 on 2060-01-01');
    settled = new Promise<void>((r) => (done = r));
    docs.changed('file:///a', () => list(false));
    await settled;
    assert.deepEqual(updates[1]!.textProblems, [], 'no text, nothing checked');
    docs.dispose();
  });
});
