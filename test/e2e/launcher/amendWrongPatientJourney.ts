// A document submitted for the wrong patient, corrected in the file, then "Amend Submitted
// Document → Update in place": refused, naming the patient field, both ids and the reason, and
// nothing sent; the way out it offers (a new document for the right patient) creates one, and the
// wrong one stays where it was. Taken in both passes (desktop and web).
import type { Journey } from './journeys.js';
import { setKey } from './liveKeyJourney.js';
import type { RunningEmulator } from './emulator.js';

const FILE = 'consultation-report.clinikdoc.json';
const WRONG = 'pat_321';
const RIGHT = 'pat_123';

/** The id of the first document the emulator created after its `seen`-th request, waiting up to `ms` for one. */
async function createdSince(emulator: RunningEmulator, seen: number, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const id = (await emulator.state()).requests.slice(seen).find((r) => r.createdId)?.createdId;
    if (id) return id;
    if (Date.now() > deadline) throw new Error(`no document created within ${ms} ms`);
    // Asked again a moment later: the emulator has no way to tell when a request arrives.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const amendWrongPatientJourney: Journey = {
  name: '10-amend-wrong-patient',
  title: 'a corrected patient: "Update in place" refuses it with the reason and nothing sent, and "Submit as New Document" files it under the right patient',
  async run({ wb, emulator, apiKey }) {
    await wb.clearNotifications();
    // A sandbox key, whatever an earlier journey left: this one is about the update, not the key.
    if (!(await wb.statusBarItem('ClinikAPI: test key').first().isVisible())) await setKey(wb, apiKey, 'test');
    await wb.openFile(FILE);
    const before = await emulator.state();
    await wb.runCommand('ClinikAPI: Submit Document');
    await wb.notification(/Document created: comp_/).first().waitFor({ state: 'visible', timeout: 60_000 });
    const created = (await emulator.state()).requests.slice(before.requests.length).filter((r) => r.createdId);
    const wrongId = created[0]?.createdId;
    if (created.length !== 1 || !wrongId) throw new Error(`expected one document created, got ${JSON.stringify(created)}`);

    // The mistake is found: the file gets the right patient.
    await wb.clearNotifications();
    await wb.replaceInEditor(`"patientId": "${WRONG}"`, `"patientId": "${RIGHT}"`);
    await wb.runCommand('ClinikAPI: Amend Submitted Document');
    const pick = wb.quickInput.locator('.monaco-list-row').filter({ hasText: `Update ${wrongId} in place` });
    await pick.first().waitFor({ state: 'visible' });
    await pick.first().click();
    const refusal = wb.notification(`${wrongId} was not updated: patientId differs`);
    await refusal.first().waitFor({ state: 'visible', timeout: 60_000 });
    const text = await refusal.first().innerText();
    for (const expected of [
      `patientId differs: ${WRONG} in ClinikAPI, ${RIGHT} in the file; ClinikAPI cannot move a document to another patient. Nothing was sent.`,
      `submit this file as a new document for ${RIGHT}`,
      `${wrongId} stays in ClinikAPI under ${WRONG}`,
    ]) {
      if (!text.replace(/\s+/g, ' ').includes(expected)) throw new Error(`the refusal does not say "${expected}": ${text}`);
    }
    const afterRefusal = await emulator.state();
    if (afterRefusal.updates.length !== before.updates.length) throw new Error('a PATCH was sent although the update was refused');
    const kept = await emulator.document(wrongId);
    if (JSON.stringify(kept?.subject) !== JSON.stringify({ reference: `Patient/${WRONG}` }) || kept?.status !== 'final') {
      throw new Error(`the wrong document changed: ${JSON.stringify({ subject: kept?.subject, status: kept?.status })}`);
    }

    // The way out it offers: the file as a new document, for the right patient.
    await refusal.first().locator('.monaco-button').filter({ hasText: 'Submit as New Document' }).first().click();
    // The new document, as the emulator created it (its message may come as "Document created" or,
    // when the answer was late, as "It was created" from ClinikDoc's own check: the emulator says which document).
    const newId = await createdSince(emulator, afterRefusal.requests.length, 60_000);
    if (newId === wrongId) throw new Error('"Submit as New Document" named the wrong document');
    const made = (await emulator.state()).requests.slice(afterRefusal.requests.length).filter((r) => r.createdId);
    if (made.length !== 1) throw new Error(`expected one new document, got ${JSON.stringify(made.map((r) => r.createdId))}`);
    const right = await emulator.document(newId);
    if (JSON.stringify(right?.subject) !== JSON.stringify({ reference: `Patient/${RIGHT}` })) throw new Error(`the new document is for ${JSON.stringify(right?.subject)}`);
    if (right?.relatesTo !== undefined) throw new Error('the new document links to the one filed under another patient');
    const stays = await emulator.document(wrongId);
    if (JSON.stringify(stays?.subject) !== JSON.stringify({ reference: `Patient/${WRONG}` })) throw new Error('the wrong document is gone or moved');
  },
};
