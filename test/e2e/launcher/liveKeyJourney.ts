// A live (production) key in the real VS Code: it is only ever sent over HTTPS. The e2e emulator
// serves HTTPS with a certificate made at its start, which this VS Code trusts through
// NODE_EXTRA_CA_CERTS in code-server's environment (as a user would trust a company proxy's CA).
// The confirmation names the origin; Cancel sends nothing; confirmed, the document is created.
import type { Journey } from './journeys.js';
import type { Workbench } from './workbench.js';

const SAMPLE_CLEAN = 'referral-letter.clinikdoc.json';

export async function setKey(wb: Workbench, key: string, kind: 'test' | 'live'): Promise<void> {
  await wb.runCommand('ClinikAPI: Set API Key');
  const box = wb.quickInput.locator('input[type="password"]');
  await box.waitFor({ state: 'visible' });
  await wb.page.keyboard.insertText(key);
  await wb.page.keyboard.press('Enter');
  await wb.quickInput.waitFor({ state: 'hidden' });
  await wb.statusBarItem(`ClinikAPI: ${kind} key`).first().waitFor({ state: 'visible' });
}

/**
 * Before a live submission ClinikDoc searches for the same document filed today; the
 * emulator keeps one datastore for both key kinds, so the referral created with the test key is
 * found: the question names its id, and "Submit Another" goes on to the live confirmation.
 */
export async function passSameDocumentQuestion(wb: Workbench): Promise<void> {
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await dialog.innerText();
  if (!text.includes('already has')) return;
  if (!/from today, .*\(comp_[0-9a-f]+.*\): submit another\?/.test(text)) throw new Error(`the same-document question does not name the document: ${text}`);
  await dialog.locator('.monaco-button').filter({ hasText: 'Submit Another' }).first().click();
  await dialog.locator('text=already has').waitFor({ state: 'hidden' });
}

export const liveKeyJourney: Journey = {
  name: '03b-live-key-https',
  title: 'with a live key, Submit asks in a modal naming the HTTPS origin; Cancel sends nothing; confirmed, it is created over TLS',
  async run({ wb, emulator, apiKey, liveKey }) {
    if (!emulator.url.startsWith('https://')) throw new Error(`the e2e emulator is not on HTTPS: ${emulator.url}`);
    await wb.clearNotifications();
    await setKey(wb, liveKey, 'live');
    await wb.openFile(SAMPLE_CLEAN);
    const dialog = wb.page.locator('.monaco-dialog-box');
    const before = (await emulator.state()).requests.length;

    await wb.runCommand('ClinikAPI: Submit Document');
    await passSameDocumentQuestion(wb);
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    const question = await dialog.innerText();
    if (!question.includes(`to ClinikAPI production at ${emulator.url} with your live key`)) {
      throw new Error(`the live-key question does not name ${emulator.url}: ${question}`);
    }
    if (question.includes(liveKey)) throw new Error('the question shows the key');
    // The question names the patient the id in the body is, read over HTTPS with the live key.
    if (!question.includes('for Jane Doe (born 1990-03-15, pat_123)')) throw new Error(`the live-key question does not name the patient: ${question}`);
    await dialog.locator('.monaco-button').filter({ hasText: 'Cancel' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    const afterCancel = (await emulator.state()).requests.length;
    if (afterCancel !== before) throw new Error(`Cancel still sent ${afterCancel - before} request(s)`);

    await wb.runCommand('ClinikAPI: Submit Document');
    await passSameDocumentQuestion(wb);
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    await dialog.locator('.monaco-button').filter({ hasText: 'Submit to Production' }).first().click();
    await wb.notification(/Document created: comp_/).first().waitFor({ state: 'visible', timeout: 60_000 });
    const state = await emulator.state();
    const sent = state.requests.slice(before);
    if (sent.length !== 1 || sent[0]?.keyKind !== 'live' || !sent[0].createdId) {
      throw new Error(`expected one created request with the live key, got ${JSON.stringify(sent)}`);
    }

    // The rest of the run uses the test key again.
    await setKey(wb, apiKey, 'test');
  },
};
