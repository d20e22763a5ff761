// The web pass: the same ClinikDoc .vsix a second time, in code-server's **web worker** extension
// host (VS Code for the Web's), put there by the user setting
// `"remote.extensionKind": { "clinikapi.clinikdoc": ["web"] }` (and the runner with it, so the
// checks run in the same host). It runs the API checks, proves the host is the web worker, and
// takes the key, submit (201, 422), preview and amend (a corrected patient refused) journeys
// again, then what only a browser has:
// an answer it hides (may have been created) and a refused CORS preflight (nothing sent).
// The emulators here serve plain http on 127.0.0.1 (the browser does not trust the Node pass's
// self-signed certificate; test keys may go over http to 127.0.0.1), one allowing CORS, one not.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestResult } from '../suite/harness.js';
import { freshDirs, installExtensions, startCodeServer, type RunningCodeServer } from './codeServer.js';
import { startControl, type Control } from './control.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { E2E_SETTLE_SETTINGS, E2E_TIMEOUT_SECONDS } from './documentLifeJourneys.js';
import { journeys, type Journey, type JourneyContext } from './journeys.js';
import type { Browser, Toolchain } from './toolchain.js';
import { Workbench } from './workbench.js';
import { prepareWorkspace } from './workspace.js';

const SAMPLE_CLEAN = 'referral-letter.clinikdoc.json';
/** The journeys of the Node pass taken again here (01 leaves the state 04 starts from, 04 the one 04b starts from). */
// Not 02b: the walkthrough's opening by itself is not yet reliable in the web worker host (README, "VS Code for the Web").
const AGAIN = ['01-problems-panel', '02-set-api-key', '02c-new-document', '03-submit-201', '04-submit-422', '04b-quota', '05-preview', '08-check-whether-created', '10-amend-wrong-patient'];

export interface WebPassContext {
  toolchain: Toolchain;
  vsix: string;
  runnerVsix: string;
  browser: Browser;
  runDir: string;
  screenshots: string;
  apiKey: string;
  liveKey: string;
  report(r: TestResult, prefix: string): void;
  runJourney(wb: Workbench, j: Journey, ctx: JourneyContext): Promise<void>;
  step(message: string): void;
}

/** Journeys only a browser needs; `refusing` is the emulator that refuses CORS. */
function webJourneys(refusing: RunningEmulator, control: Control, allowing: RunningEmulator): Journey[] {
  const pointAt = async (emulator: RunningEmulator) => {
    const [result] = await control.runSuite({ suite: 'baseUrl', params: { baseUrl: emulator.url } }, 60_000, () => undefined);
    if (!result?.ok) throw new Error(`could not set clinikapi.baseUrl: ${result?.error ?? 'no result'}`);
  };
  return [
    {
      name: 'web-01-key-storage',
      title: 'Set API Key says where the browser keeps the key',
      async run({ wb, apiKey }) {
        await wb.clearNotifications();
        await wb.runCommand('ClinikAPI: Set API Key');
        await wb.quickInput.locator('input[type="password"]').waitFor({ state: 'visible' });
        await wb.page.keyboard.insertText(apiKey);
        await wb.page.keyboard.press('Enter');
        await wb.notification(/test \(sandbox\) key saved\. Kept in the secret storage of VS Code in this browser/).first().waitFor({ state: 'visible' });
      },
    },
    {
      name: 'web-02-answer-hidden',
      title: 'a POST whose answer the browser never gets: "may have been created", not resent',
      async run({ wb, emulator }) {
        await wb.clearNotifications();
        // 05-preview edited the referral's title: this content was not submitted before.
        await wb.openFile(SAMPLE_CLEAN);
        const before = await emulator.state();
        // Chromium itself resends a request once when a connection it reused (kept alive from the
        // probe or an earlier request) is reset before any answer; a page cannot turn that off.
        // So the reset is queued twice: the browser's own resend meets it too, on a fresh connection.
        await emulator.addFaults({ kind: 'reset', phase: 'after-create' }, { kind: 'reset', phase: 'after-create' });
        await wb.runCommand('ClinikAPI: Submit Document');
        await wb.notification(/The browser gave no readable answer[\s\S]*may have been created/).first().waitFor({ state: 'visible', timeout: 60_000 });
        const after = await emulator.state();
        const sent = after.requests.filter((r) => r.hasApiKey).length - before.requests.filter((r) => r.hasApiKey).length;
        // ClinikDoc sent it once; more than the browser's one resend would be ClinikDoc's doing.
        if (sent < 1 || sent > 2) throw new Error(`the document reached the emulator ${sent} times`);
        if (after.created !== before.created + sent) throw new Error('the emulator did not create the documents whose answers were lost');
      },
    },
    {
      name: 'web-03-cors-refused',
      title: 'a ClinikAPI that refuses CORS: nothing is sent, and the message says desktop VS Code can submit',
      async run({ wb }) {
        await wb.clearNotifications();
        await pointAt(refusing);
        try {
          await wb.openFile(SAMPLE_CLEAN);
          await wb.runCommand('ClinikAPI: Submit Document');
          await wb
            .notification(/does not allow requests from this page \(CORS\)[\s\S]*Nothing was sent\. Desktop VS Code can submit this document/)
            .first()
            .waitFor({ state: 'visible', timeout: 60_000 });
          const state = await refusing.state();
          if (state.requests.length !== 0) throw new Error(`the refusing emulator received ${state.requests.length} POST(s)`);
          if (state.preflights < 1) throw new Error('the browser sent no preflight: CORS was not exercised');
        } finally {
          await pointAt(allowing);
        }
      },
    },
  ];
}

export async function runWebPass(ctx: WebPassContext): Promise<void> {
  let emulator: RunningEmulator | undefined;
  let refusing: RunningEmulator | undefined;
  let control: Control | undefined;
  let codeServer: RunningCodeServer | undefined;
  try {
    emulator = await startEmulator({ logFile: join(ctx.runDir, 'emulator-web.log') });
    refusing = await startEmulator({ logFile: join(ctx.runDir, 'emulator-web-refusing.log'), cors: 'refuse' });
    control = await startControl();
    const dirs = freshDirs(join(ctx.runDir, 'code-server-web'), {
      'clinikapi.baseUrl': emulator.url,
      'clinikapi.requestTimeoutSeconds': E2E_TIMEOUT_SECONDS,
      ...E2E_SETTLE_SETTINGS,
      'remote.extensionKind': { 'clinikapi.clinikdoc': ['web'], 'clinikapi.clinikdoc-e2e-runner': ['web'] },
      // The runner has no environment in the web worker: it reads the launcher's address here.
      'clinikdocE2e.control': control.url,
    });
    installExtensions(ctx.toolchain, dirs, [ctx.vsix, ctx.runnerVsix]);
    codeServer = await startCodeServer(ctx.toolchain, dirs, prepareWorkspace(join(ctx.runDir, 'workspace-web')), {
      logFile: join(ctx.runDir, 'code-server-web.log'),
    });
    ctx.step(`web pass: code-server at ${codeServer.url}, emulators at ${emulator.url} (CORS allowed), ${refusing.url} (refused)`);
    const wb = await Workbench.open(ctx.browser, codeServer.url, ctx.screenshots);
    const consoleLog = join(ctx.runDir, 'browser-console-web.log');
    wb.page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    wb.page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
    await control.connected(90_000);

    ctx.step('web pass: API suite in the web worker extension host');
    await control.runSuite({ suite: 'api' }, 5 * 60_000, (r) => ctx.report(r, 'web api: '));
    await control.runSuite({ suite: 'web' }, 60_000, (r) => ctx.report(r, 'web api: '));

    const jctx: JourneyContext = { wb, emulator, apiKey: ctx.apiKey, liveKey: ctx.liveKey };
    for (const j of journeys.filter((j) => AGAIN.includes(j.name))) await ctx.runJourney(wb, { ...j, name: `web-${j.name}`, title: `(web) ${j.title}` }, jctx);
    for (const j of webJourneys(refusing, control, emulator)) await ctx.runJourney(wb, j, jctx);

    await control.runSuite({ suite: 'key', params: { key: ctx.apiKey } }, 2 * 60_000, (r) => ctx.report(r, 'web api: '));
  } finally {
    await control?.close().catch(() => undefined);
    await codeServer?.stop();
    await emulator?.stop();
    await refusing?.stop();
  }
}
