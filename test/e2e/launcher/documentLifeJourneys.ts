// A document's life after Submit, in the real VS Code: a submission that times out is
// resolved by "Check whether it was created", the ClinikAPI view shows it created with its id,
// and "Amend Submitted Document" updates the emulator's copy in place to status amended.
import type { Journey } from './journeys.js';

const NOTE = 'progress-note.clinikdoc.json';
/** The e2e user settings' `clinikapi.requestTimeoutSeconds` (run.ts). */
export const E2E_TIMEOUT_SECONDS = 8;

let createdId: string | undefined;

export function documentLifeJourneys(): Journey[] {
  return [
    {
      name: '08-check-whether-created',
      title: 'a submission that times out, then "Check whether it was created": the ClinikAPI view shows it created with its id',
      async run({ wb, emulator }) {
        await wb.clearNotifications();
        await wb.openFile(NOTE);
        const before = (await emulator.state()).requests.length;
        // Created at once, answered only after the client has given up.
        await emulator.addFaults({ kind: 'delay', phase: 'after-create', ms: (E2E_TIMEOUT_SECONDS + 6) * 1000 });
        await wb.runCommand('ClinikAPI: Submit Document');
        const timedOut = wb.notification(new RegExp(`No complete answer from ClinikAPI within ${E2E_TIMEOUT_SECONDS} s`));
        await timedOut.first().waitFor({ state: 'visible', timeout: 60_000 });
        const state = await emulator.state();
        const sent = state.requests.slice(before);
        if (sent.length !== 1 || !sent[0]?.createdId) throw new Error(`expected one request that created a document, got ${JSON.stringify(sent)}`);
        createdId = sent[0].createdId;

        await timedOut.first().locator('.monaco-button').filter({ hasText: 'Check Whether It Was Created' }).first().click();
        const found = wb.notification(new RegExp(`It was created: ${createdId} \\(at \\d`));
        await found.first().waitFor({ state: 'visible', timeout: 60_000 });
        const after = await emulator.state();
        if (after.requests.length !== before + 1) throw new Error('the check resent the document');

        await wb.runCommand('Explorer: Focus on ClinikAPI Submissions View');
        const view = wb.page.locator('[id="workbench.parts.sidebar"]');
        await view.locator('.pane-header').filter({ hasText: 'ClinikAPI Submissions' }).first().waitFor({ state: 'visible' });
        await view.locator('.monaco-list-row').filter({ hasText: NOTE }).first().waitFor({ state: 'visible' });
        const row = view.locator('.monaco-list-row').filter({ hasText: createdId }).filter({ hasText: 'created' });
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
