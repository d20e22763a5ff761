// User journeys through the workbench UI, as a person would take them. Each ends in a state
// worth a screenshot; the launcher takes it (and one on failure).
import type { RunningEmulator } from './emulator.js';
import type { Workbench } from './workbench.js';
import { liveKeyJourney } from './liveKeyJourney.js';
import { sectionTextJourneys } from './sectionTextJourneys.js';
import { documentLifeJourneys } from './documentLifeJourneys.js';
import { submitTwiceJourney } from './submitTwiceJourney.js';
import { newDocumentJourney, quotaJourney, walkthroughStepsJourney } from './firstHourJourneys.js';
import { amendWrongPatientJourney } from './amendWrongPatientJourney.js';

export interface JourneyContext {
  wb: Workbench;
  emulator: RunningEmulator;
  /** The sandbox key typed into the password box. */
  apiKey: string;
  /** A production key, for the journey that checks it goes over HTTPS only. */
  liveKey: string;
}

export interface Journey {
  /** Also the screenshot's file name. */
  name: string;
  title: string;
  run(ctx: JourneyContext): Promise<void>;
}

const SAMPLE_WITH_ERRORS = 'discharge-summary.clinikdoc.json';
const SAMPLE_CLEAN = 'referral-letter.clinikdoc.json';

/** What the 422 journey makes the emulator answer: an issue on a field the editor can show. */
const validationFailure = {
  kind: 'status',
  status: 422,
  body: {
    error: 'Unprocessable Entity',
    message: 'Validation failed',
    code: 'VALIDATION_ERROR',
    requestId: 'req_e2e_422',
    issues: [{ severity: 'error', code: 'invalid', diagnostics: 'patientId: Patient not found' }],
  },
};

export const journeys: Journey[] = [
  {
    name: '01-problems-panel',
    title: 'the Problems panel lists the contract errors, and a fixed one goes',
    async run({ wb }) {
      await wb.openFile(SAMPLE_WITH_ERRORS);
      const status = await wb.problemRows(/status must be one of/);
      const date = await wb.problemRows(/date is not a valid date/);
      await status.first().waitFor({ state: 'visible', timeout: 60_000 });
      await date.first().waitFor({ state: 'visible' });
      await wb.replaceInEditor('draft', 'final');
      await status.first().waitFor({ state: 'hidden' });
      await date.first().waitFor({ state: 'visible' });
      // Saved, so the next journey's window reload cannot lose the fix (an unsaved edit survives
      // a reload only if its backup was written first).
      await wb.page.keyboard.press('Control+S');
      await wb.page.locator('.tabs-container .tab.dirty').filter({ hasText: SAMPLE_WITH_ERRORS }).waitFor({ state: 'hidden' });
    },
  },
  {
    name: '02-set-api-key',
    title: '"ClinikAPI: Set API Key" takes a clk_test_ key in a password box; the status bar shows it, also after a reload',
    async run({ wb, apiKey }) {
      await wb.statusBarItem('ClinikAPI: no key').first().waitFor({ state: 'visible' });
      await wb.runCommand('ClinikAPI: Set API Key');
      const box = wb.quickInput.locator('input[type="password"]');
      await box.waitFor({ state: 'visible' });
      await wb.page.keyboard.insertText(apiKey);
      await wb.page.keyboard.press('Enter');
      await wb.quickInput.waitFor({ state: 'hidden' });
      await wb.statusBarItem('ClinikAPI: test key').first().waitFor({ state: 'visible' });
      // The key itself is never shown.
      const bar = await wb.page.locator('[id="workbench.parts.statusbar"]').innerText();
      if (bar.includes(apiKey)) throw new Error('the status bar shows the whole key');
      // Kept in SecretStorage, not in memory: a reloaded window (new extension host) still has it.
      await wb.reload();
      await wb.openFile(SAMPLE_CLEAN);
      await wb.statusBarItem('ClinikAPI: test key').first().waitFor({ state: 'visible', timeout: 60_000 });
    },
  },
  walkthroughStepsJourney,
  newDocumentJourney,
  {
    name: '03-submit-201',
    title: '"ClinikAPI: Submit Document" creates the document on the emulator and names its id',
    async run({ wb, emulator }) {
      await wb.openFile(SAMPLE_CLEAN);
      await wb.runCommand('ClinikAPI: Submit Document');
      const toast = wb.notification(/Document created: comp_/);
      await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
      const state = await emulator.state();
      const created = state.requests.filter((r) => r.createdId);
      const last = created[created.length - 1];
      if (!last?.createdId) throw new Error('the emulator created no document');
      if (last.keyKind !== 'test') throw new Error(`the request carried a ${last.keyKind} key, not the test key just set`);
      const text = await toast.first().innerText();
      if (!text.includes(last.createdId)) throw new Error(`the notification "${text}" does not name ${last.createdId}`);
    },
  },
  liveKeyJourney,
  {
    name: '04-submit-422',
    title: 'a 422 from ClinikAPI is shown on the failing field',
    async run({ wb, emulator }) {
      await wb.clearNotifications();
      // The discharge summary still has the date error the first journey left: fix it, then
      // submit, and the emulator (told to) rejects it as ClinikAPI would.
      await wb.openFile(SAMPLE_WITH_ERRORS);
      await wb.replaceInEditor('15/01/2025', '2025-01-15');
      await (await wb.problemRows(/date is not a valid date/)).first().waitFor({ state: 'hidden' });
      await emulator.addFaults(validationFailure);
      await wb.runCommand('ClinikAPI: Submit Document');
      await wb.notification(/ClinikAPI rejected the document/).first().waitFor({ state: 'visible', timeout: 60_000 });
      await (await wb.problemRows(/patientId: Patient not found/)).first().waitFor({ state: 'visible' });
    },
  },
  quotaJourney,
  submitTwiceJourney,
  {
    name: '05-preview',
    title: '"ClinikAPI: Open Preview" renders the document and follows edits',
    async run({ wb }) {
      await wb.openFile(SAMPLE_CLEAN);
      await wb.runCommand('ClinikAPI: Open Preview');
      await wb.page.locator('.tabs-container .tab').filter({ hasText: `Preview ${SAMPLE_CLEAN}` }).waitFor({ state: 'visible' });
      const preview = wb.activeWebview();
      await preview.locator('h1').filter({ hasText: 'Referral to Cardiology' }).waitFor({ state: 'visible', timeout: 60_000 });
      await preview.locator('h2, h3').filter({ hasText: 'Reason for Referral' }).first().waitFor({ state: 'visible' });
      await preview.locator('text=Intermittent palpitations').first().waitFor({ state: 'visible' });
      // The preview follows the JSON as it is edited (the JSON editor keeps the focus).
      await wb.replaceInEditor('Referral to Cardiology', 'Cardiology referral (urgent)');
      await preview.locator('h1').filter({ hasText: 'Cardiology referral (urgent)' }).waitFor({ state: 'visible' });
    },
  },
  ...sectionTextJourneys(),
  ...documentLifeJourneys(),
  amendWrongPatientJourney,
];

/**
 * In its own window: a workspace that is not trusted (Restricted Mode). ClinikDoc still checks
 * documents there, but Submit is not offered (a cloned workspace must not make you send a key).
 */
export const restrictedJourney: Journey = {
  name: '07-restricted-mode',
  title: 'in Restricted Mode documents are still checked, and Submit is not offered',
  async run({ wb }) {
    await wb.statusBarItem('Restricted Mode').first().waitFor({ state: 'visible' });
    await wb.openFile(SAMPLE_WITH_ERRORS);
    await (await wb.problemRows(/status must be one of/)).first().waitFor({ state: 'visible', timeout: 60_000 });
    // ClinikDoc's first start in this VS Code: its walkthrough opens beside the document, once.
    const walkthrough = wb.page.locator('.tabs-container .tab').filter({ hasText: /Welcome|Walkthrough: ClinikDoc/ }).first();
    await walkthrough.waitFor({ state: 'visible' });
    await walkthrough.click();
    await wb.runCommand('View: Close Editor');
    await walkthrough.waitFor({ state: 'hidden' });
    await wb.dismissQuickInput();
    await wb.page.keyboard.press('F1');
    await wb.quickInput.locator('input.input').waitFor({ state: 'visible' });
    await wb.page.keyboard.insertText('ClinikAPI: ');
    const rows = wb.quickInput.locator('.monaco-list-row');
    // The list is filled at once: once Set API Key is there, Submit would be too.
    await rows.filter({ hasText: 'ClinikAPI: Set API Key' }).first().waitFor({ state: 'visible' });
    const submit = await rows.filter({ hasText: 'ClinikAPI: Submit Document' }).count();
    if (submit !== 0) throw new Error('Submit Document is offered in Restricted Mode');
  },
};

/** After the key checks: the key can be removed again, and then nothing is sent. */
export const clearKeyJourney: Journey = {
  name: '06-clear-api-key',
  title: '"ClinikAPI: Clear API Key" removes the key: the status bar says so and Submit sends nothing',
  async run({ wb, emulator }) {
    await wb.clearNotifications();
    await wb.runCommand('ClinikAPI: Clear API Key');
    await wb.statusBarItem('ClinikAPI: no key').first().waitFor({ state: 'visible' });
    const before = (await emulator.state()).requests.length;
    await wb.openFile(SAMPLE_CLEAN);
    await wb.runCommand('ClinikAPI: Submit Document');
    await wb.notification(/No ClinikAPI key is set/).first().waitFor({ state: 'visible' });
    const after = (await emulator.state()).requests.length;
    if (after !== before) throw new Error(`Submit without a key still sent ${after - before} request(s)`);
  },
};
