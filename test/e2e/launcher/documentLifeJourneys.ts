// A document's life after Submit, in the real VS Code: a submission that times out while the
// server still creates it, behind a search that lags (the emulator's default, ClinikAPI's "commonly
// ~10s"). "Check whether it was created" says "not found yet" rather than "safe", Submit asks, and
// ClinikDoc's own look once the submission has settled finds it: a person who follows the
// messages creates the document once. Then "Amend Submitted Document" updates it in place.
import type { Journey } from './journeys.js';
import type { Workbench } from './workbench.js';
import { passSameDocumentQuestion, setKey } from './liveKeyJourney.js';

const NOTE = 'progress-note.clinikdoc.json';
/** The e2e user settings' `clinikapi.requestTimeoutSeconds` (run.ts, webPass.ts). */
export const E2E_TIMEOUT_SECONDS = 8;
/**
 * The e2e user settings' settle time (`clinikapi.createdCheck.*`): short enough for a journey, and
 * past the emulator's search lag (10 s) after a create that lands 2 s after the client gave up.
 */
export const E2E_SETTLE_SETTINGS = { 'clinikapi.createdCheck.serverWorkSeconds': 12, 'clinikapi.createdCheck.searchLagSeconds': 12 };

let createdId: string | undefined;

export function documentLifeJourneys(): Journey[] {
  return [
    {
      name: '08-check-whether-created',
      title: 'a submission that times out and still lands, behind a lagging search: "not found yet", Submit asks, then ClinikDoc finds it by itself — created once',
      async run({ wb, emulator }) {
        await wb.clearNotifications();
        await wb.openFile(NOTE);
        // Requests with a key: in the browser, a keyless CORS probe goes first (webPass.ts).
        const keyed = async () => (await emulator.state()).requests.filter((r) => r.hasApiKey);
        const before = (await keyed()).length;
        // The server takes 2 s longer than the client waits, and creates the document anyway.
        await emulator.addFaults({ kind: 'delay', phase: 'before-create', ms: (E2E_TIMEOUT_SECONDS + 2) * 1000 });
        await wb.runCommand('ClinikAPI: Submit Document');
        const timedOut = wb.notification(new RegExp(`No complete answer from ClinikAPI within ${E2E_TIMEOUT_SECONDS} s`));
        await timedOut.first().waitFor({ state: 'visible', timeout: 60_000 });

        // Checked at once, as the message offers: nothing in search yet, and ClinikDoc says so honestly.
        await timedOut.first().locator('.monaco-button').filter({ hasText: 'Check Whether It Was Created' }).first().click();
        const notYet = wb.notification(/Not found yet\. ClinikDoc searched the patient's .* documents .* at \d.*proves nothing yet.*Do not submit it again yet\. ClinikDoc will look again at \d/);
        await notYet.first().waitFor({ state: 'visible', timeout: 60_000 });
        if ((await notYet.first().locator('.monaco-button').filter({ hasText: /^Submit$/ }).count()) > 0) throw new Error('"not found yet" offers Submit');

        // A person who submits anyway is asked first, and cancels.
        await wb.runCommand('ClinikAPI: Submit Document');
        const dialog = wb.page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 60_000 });
        const question = await dialog.innerText();
        if (!/without a clear answer.*did not find it yet, which proves nothing until/s.test(question)) throw new Error(`Submit did not ask about the unknown outcome: ${question}`);
        await dialog.locator('.monaco-button').filter({ hasText: 'Cancel' }).first().click();
        await dialog.waitFor({ state: 'hidden' });

        // Once the submission has settled, ClinikDoc looks again by itself, and finds it.
        const sent = (await keyed()).slice(before);
        if (sent.length !== 1) throw new Error(`expected exactly one request, got ${JSON.stringify(sent)}`);
        const found = wb.notification(/It was created: (comp_[0-9a-f]+) \(at \d/);
        await found.first().waitFor({ state: 'visible', timeout: 60_000 });
        createdId = /It was created: (comp_[0-9a-f]+)/.exec(await found.first().innerText())?.[1];
        const after = await keyed();
        if (after.length !== before + 1) throw new Error('the check resent the document');
        if (!createdId || after.at(-1)?.createdId !== createdId) {
          throw new Error(`expected the document the timed-out request created, found ${createdId}; the request created ${after.at(-1)?.createdId}`);
        }

        // Submit again: it names the document it found, and Cancel sends nothing.
        await wb.runCommand('ClinikAPI: Submit Document');
        await dialog.waitFor({ state: 'visible', timeout: 60_000 });
        const again = await dialog.innerText();
        if (!again.includes(`already created as ${createdId}`)) throw new Error(`Submit did not name the document found: ${again}`);
        await dialog.locator('.monaco-button').filter({ hasText: 'Cancel' }).first().click();
        await dialog.waitFor({ state: 'hidden' });
        if ((await keyed()).length !== before + 1) throw new Error('a second request was sent');

        await wb.runCommand('Explorer: Focus on ClinikAPI Submissions View');
        const view = wb.page.locator('[id="workbench.parts.sidebar"]');
        await view.locator('.pane-header').filter({ hasText: 'ClinikAPI Submissions' }).first().waitFor({ state: 'visible' });
        await view.locator('.monaco-list-row').filter({ hasText: NOTE }).first().waitFor({ state: 'visible' });
        const row = view.locator('.monaco-list-row').filter({ hasText: createdId }).filter({ hasText: 'found by a check' });
        await row.first().waitFor({ state: 'visible' });
        // The view's rows carry no title and no text of the document.
        const text = (await view.locator('.monaco-list-row').filter({ hasText: NOTE }).first().innerText()) + (await row.first().innerText());
        for (const phi of ['Progress note, day 2', 'Afebrile']) if (text.includes(phi)) throw new Error(`the view shows "${phi}"`);
        // Room for the view in the screenshot (README): the panel hidden, the file tree folded.
        if (await wb.page.locator('.markers-panel').isVisible()) await wb.runCommand('View: Toggle Panel Visibility');
        await view.locator('.pane-header').filter({ hasText: 'workspace' }).first().click();
        await row.first().waitFor({ state: 'visible' });
      },
    },
    twoWindowsJourney,
    {
      name: '09-amend-in-place',
      title: '"Amend Submitted Document" → update in place: one PATCH (status alone, nothing else changed), and the emulator\'s copy has status amended',
      async run({ wb, emulator }) {
        if (!createdId) throw new Error('needs the document created by the previous journey');
        await wb.clearNotifications();
        await wb.openFile(NOTE);
        // The file is what was created: the update in place only marks it amended.
        const updatesBefore = (await emulator.state()).updates.length;
        await wb.runCommand('ClinikAPI: Amend Submitted Document');
        const pick = wb.quickInput.locator('.monaco-list-row').filter({ hasText: `Update ${createdId} in place` });
        await pick.first().waitFor({ state: 'visible' });
        await pick.first().click();
        const dialog = wb.page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 60_000 });
        const question = await dialog.innerText();
        if (!/It changes: status → "amended"\./.test(question)) throw new Error(`the question does not name the changed fields: ${question}`);
        await dialog.locator('.monaco-button').filter({ hasText: 'Update in Place' }).first().click();
        await wb.notification(new RegExp(`Updated ${createdId} in place: status amended\\.`)).first().waitFor({ state: 'visible', timeout: 60_000 });
        const updates = (await emulator.state()).updates.slice(updatesBefore);
        if (updates.length !== 1 || updates[0].status !== 200 || updates[0].fields.join(',') !== 'status') {
          throw new Error(`expected one PATCH of status alone, got ${JSON.stringify(updates)}`);
        }
        const copy = await emulator.document(createdId);
        if (copy?.status !== 'amended') throw new Error(`the emulator's copy has status ${String(copy?.status)}`);
        await wb.runCommand('Explorer: Focus on ClinikAPI Submissions View');
        const view = wb.page.locator('[id="workbench.parts.sidebar"]');
        await view.locator('.pane-header').filter({ hasText: 'ClinikAPI Submissions' }).first().waitFor({ state: 'visible' });
        await view.locator('.monaco-list-row').filter({ hasText: 'amended in place' }).first().waitFor({ state: 'visible' });
      },
    },
  ];
}

/** Submitted before with the test key only (08-submit-twice): with the live key its content is new. */
const TWO_WINDOWS = 'discharge-summary.clinikdoc.json';

/**
 * Two windows (two pages of one code-server: two extension hosts, one browser storage) with the
 * same document and a live key. A's production question is open when B submits: B is asked about
 * A's Submit first; B confirms and creates it; when A then confirms, its last look before sending
 * finds B's document and asks again. Cancel: one document.
 */
const twoWindowsJourney: Journey = {
  name: '08b-two-windows',
  title: "two windows, one document, a live key: B is asked about A's open Submit, and A, confirming after B created it, is asked again — created once",
  async run({ wb, emulator, apiKey, liveKey }) {
    const before = (await emulator.state()).requests.length;
    await wb.clearNotifications();
    await setKey(wb, liveKey, 'live');
    await wb.openFile(TWO_WINDOWS);
    let b: Workbench | undefined;
    try {
      b = await wb.openAnother();
      // code-server keeps SecretStorage per page: B gets the key as a person would set it there.
      await setKey(b, liveKey, 'live');
      await b.openFile(TWO_WINDOWS);

      // A: the production question, left open.
      await wb.runCommand('ClinikAPI: Submit Document');
      await passSameDocumentQuestion(wb);
      const aDialog = wb.page.locator('.monaco-dialog-box');
      await aDialog.filter({ hasText: 'production' }).waitFor({ state: 'visible', timeout: 60_000 });

      // B: asked about A's Submit first, confirms; then its own production question, confirmed.
      await b.runCommand('ClinikAPI: Submit Document');
      const bDialog = b.page.locator('.monaco-dialog-box');
      const other = bDialog.filter({ hasText: 'being submitted right now from another VS Code window' });
      await other.waitFor({ state: 'visible', timeout: 60_000 });
      await other.locator('.monaco-button').filter({ hasText: 'Submit Again' }).first().click();
      await passSameDocumentQuestion(b);
      const bLive = bDialog.filter({ hasText: 'production' });
      await bLive.waitFor({ state: 'visible', timeout: 60_000 });
      await bLive.locator('.monaco-button').filter({ hasText: 'Submit to Production' }).first().click();
      const created = b.notification(/Document created: (comp_[0-9a-f]+)/);
      await created.first().waitFor({ state: 'visible', timeout: 60_000 });
      const id = /Document created: (comp_[0-9a-f]+)/.exec(await created.first().innerText())?.[1];

      // A confirms now: its last look before sending finds B's document, and asks.
      await aDialog.locator('.monaco-button').filter({ hasText: 'Submit to Production' }).first().click();
      const again = aDialog.filter({ hasText: `already created as ${id}` });
      await again.waitFor({ state: 'visible', timeout: 60_000 });
      await again.locator('.monaco-button').filter({ hasText: 'Cancel' }).first().click();
      await aDialog.waitFor({ state: 'hidden' });
      const sent = (await emulator.state()).requests.slice(before);
      if (sent.length !== 1 || !sent[0]?.createdId || sent[0].createdId !== id) throw new Error(`expected the one request of window B, got ${JSON.stringify(sent)}`);
    } finally {
      await b?.page.close();
      // The rest of the run uses the test key again, whatever happened here.
      if (await wb.page.locator('.monaco-dialog-box').isVisible()) await wb.page.keyboard.press('Escape');
      await wb.dismissQuickInput();
      await setKey(wb, apiKey, 'test');
    }
  },
};
