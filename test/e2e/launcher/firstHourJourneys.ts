// The first hour through the workbench: the walkthrough's steps done by doing them, New Document
// from its question, and ClinikAPI's limits in the key's tooltip and a used-up sandbox quota.
import type { Journey } from './journeys.js';
import type { Workbench } from './workbench.js';

/** The clean sample the 422 journey left (fixed, refused by ClinikAPI, so not created). */
const SAMPLE = 'discharge-summary.clinikdoc.json';

/** Opens the walkthrough (Welcome: Open Walkthrough…), waits for `step` to be shown done, and closes it again. */
export async function walkthroughStepDone(wb: Workbench, ...steps: string[]): Promise<void> {
  await wb.runCommand('Welcome: Open Walkthrough...');
  await wb.quickInput.locator('.monaco-list-row').filter({ hasText: 'Get Started with ClinikDoc' }).first().click();
  const page = wb.page.locator('.gettingStartedContainer');
  await page.locator('.getting-started-step').first().waitFor({ state: 'visible', timeout: 60_000 });
  for (const step of steps) await page.locator(`.getting-started-step[data-step-id$="#${step}"][aria-checked="true"]`).waitFor({ state: 'attached' });
  const submitted = await page.locator('.getting-started-step[data-step-id$="#submit"][aria-checked="true"]').count();
  if (submitted !== 0) throw new Error('the submit step is done before anything was submitted');
  await wb.runCommand('View: Close Editor');
  await wb.page.locator('.tabs-container .tab').filter({ hasText: /Walkthrough: ClinikDoc|Welcome/ }).first().waitFor({ state: 'hidden' });
}

/**
 * After the key is set (02): the walkthrough did not open again, and shows the steps done in the
 * API suite as done. (Not the key's step: 02 reloads the page right after setting the key, before
 * the workbench has saved the step's progress, and in the reloaded window VS Code does not count a
 * context key that is already true when the walkthrough registers.)
 */
export const walkthroughStepsJourney: Journey = {
  name: '02b-walkthrough-steps',
  title: 'the walkthrough does not open again by itself, and keeps the steps done in the API suite (a document written, its errors fixed)',
  async run({ wb }) {
    // The API suite closed it; the reload of 02 started ClinikDoc again, which must not reopen it.
    const tab = wb.page.locator('.tabs-container .tab').filter({ hasText: /Walkthrough: ClinikDoc|Welcome/ });
    if ((await tab.count()) !== 0) throw new Error('the walkthrough opened again after its first start');
    await walkthroughStepDone(wb, 'newDocument', 'fixProblems');
  },
};

/** New Document asks which type, offers all seven, and writes the one picked. */
export const newDocumentJourney: Journey = {
  name: '02c-new-document',
  title: '"ClinikAPI: New Document" offers the six types of the guide and any other, and writes the one picked',
  async run({ wb }) {
    await wb.runCommand('ClinikAPI: New Document');
    const rows = wb.quickInput.locator('.monaco-list-row');
    for (const name of ['Discharge summary', 'Referral letter', 'Care plan', 'Operative report', 'Transfer summary', 'Consultation report', 'Other document']) {
      await rows.filter({ hasText: name }).first().waitFor({ state: 'visible' });
    }
    await wb.page.keyboard.insertText('operative');
    await rows.filter({ hasText: 'Operative report' }).first().click();
    await wb.quickInput.waitFor({ state: 'hidden' });
    const lines = wb.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await lines.filter({ hasText: 'operative-report' }).waitFor({ state: 'visible' });
    await lines.filter({ hasText: 'Postoperative Diagnosis' }).waitFor({ state: 'visible' });
    await wb.screenshot('02c-new-document-written');
    await wb.runCommand('View: Revert and Close Editor');
  },
};

/** After a submit (03) and the 422 (04): the limits in the tooltip; then a used-up sandbox quota. */
export const quotaJourney: Journey = {
  name: '04b-quota',
  title: "the key's tooltip shows ClinikAPI's limits as of the last answer; a used-up sandbox quota gives its message and the item warns",
  async run({ wb, emulator }) {
    await wb.clearNotifications();
    const item = wb.statusBarItem('ClinikAPI: test key').first();
    await item.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Sandbox quota:' }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    for (const expected of [/Rate limit: \d+ of \d+ left/, /Monthly quota: [\d,]+ of [\d,]+ left \(\d+%\), resets \d{4}-\d{2}-01 00:00 UTC/, /Sandbox quota: [\d,]+ of [\d,]+ left/, /As of ClinikAPI's answer at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/]) {
      if (!expected.test(text)) throw new Error(`the tooltip "${text}" does not match ${expected}`);
    }
    await wb.screenshot('04b-quota-tooltip');
    await wb.page.keyboard.press('Escape');

    await emulator.exhaust(['sandbox']);
    try {
      const before = (await emulator.state()).created;
      await wb.openFile(SAMPLE);
      await wb.runCommand('ClinikAPI: Submit Document');
      await wb
        .notification(/The sandbox quota of this test key \([\d,]+ requests\) is used up until \d{4}-\d{2}-01 00:00 UTC \(SANDBOX_QUOTA_EXCEEDED\): retrying sooner will not help\. Nothing was created/)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      await wb.statusBarItem(/ClinikAPI: test key · sandbox 0% left/).first().waitFor({ state: 'visible' });
      if ((await emulator.state()).created !== before) throw new Error('a document was created with the sandbox quota used up');
    } finally {
      await emulator.exhaust([]);
    }
  },
};
