// Submit exactly once, where the user is: a second Submit while the first is still being sent (the ☁ button
// or the palette pressed twice while ClinikAPI answers slowly) sends nothing and says why.
import { E2E_TIMEOUT_SECONDS } from './documentLifeJourneys.js';
import type { Journey } from './journeys.js';

/** The document journey 04 fixed and ClinikAPI refused (422): clean, and not created yet. */
const SAMPLE = 'discharge-summary.clinikdoc.json';
/**
 * How long the emulator holds the first request: time enough for a second Submit from the
 * palette, and less than the e2e deadline (clinikapi.requestTimeoutSeconds), so the first ends created.
 */
const HOLD_MS = (E2E_TIMEOUT_SECONDS - 3) * 1000;

export const submitTwiceJourney: Journey = {
  name: '08-submit-twice',
  title: 'a second "Submit Document" while the first is being sent sends nothing and says so; one document is created',
  async run({ wb, emulator }) {
    await wb.clearNotifications();
    await wb.openFile(SAMPLE);
    const before = await emulator.state();
    await emulator.addFaults({ kind: 'delay', ms: HOLD_MS, phase: 'before-create' });
    await wb.runCommand('ClinikAPI: Submit Document');
    await wb.notification(/Sending to https?:\/\/127\.0\.0\.1/).first().waitFor({ state: 'visible', timeout: 60_000 });

    await wb.runCommand('ClinikAPI: Submit Document');
    const second = wb.notification(/A submission of this document is already in progress/);
    await second.first().waitFor({ state: 'visible' });
    const text = await second.first().innerText();
    if (!/so this Submit sent nothing/.test(text)) throw new Error(`the second Submit's message does not say it sent nothing: "${text}"`);
    await second.first().locator('.monaco-button').filter({ hasText: 'Show Submission' }).first().waitFor({ state: 'visible' });
    const during = await emulator.state();
    if (during.requests.length !== before.requests.length + 1) {
      throw new Error(`${during.requests.length - before.requests.length} requests reached the emulator while the first was held, not 1`);
    }

    await wb.notification(/Document created: comp_/).first().waitFor({ state: 'visible', timeout: 60_000 });
    const after = await emulator.state();
    const created = after.requests.filter((r) => r.createdId).length - before.requests.filter((r) => r.createdId).length;
    if (after.requests.length - before.requests.length !== 1 || created !== 1) {
      throw new Error(`two Submits made ${after.requests.length - before.requests.length} requests and ${created} documents, not one of each`);
    }
  },
};
