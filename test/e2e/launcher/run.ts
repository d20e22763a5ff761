// The end-to-end suite in a real VS Code (code-server), here and in CI:
//   node --import tsx test/e2e/launcher/run.ts      (npm run test:e2e)
// Packages ClinikDoc, installs it with the companion runner extension into a fresh extensions
// dir, starts the emulator and code-server on 127.0.0.1, opens the workbench in headless
// Chromium, runs the API suite inside the extension host and the UI journeys through the page.
// Screenshots: test-results/e2e/. Logs: .cache/e2e/run/*.log. Closing line: 'N passed, N failed'.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestResult } from '../suite/harness.js';
import { freshDirs, installExtensions, startCodeServer, type RunningCodeServer } from './codeServer.js';
import { startControl, type Control } from './control.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { packageClinikDoc, packageRunner } from './extensionPackage.js';
import { clearKeyJourney, journeys, restrictedJourney, type Journey, type JourneyContext } from './journeys.js';
import { resultsDir, workDir } from './paths.js';
import { ensureToolchain, type Browser } from './toolchain.js';
import { launchBrowser, Workbench } from './workbench.js';
import { prepareWorkspace } from './workspace.js';
import { E2E_SETTLE_SETTINGS, E2E_TIMEOUT_SECONDS } from './documentLifeJourneys.js';
import { runWebPass } from './webPass.js';

const JOURNEY_TIMEOUT_MS = 120_000;
const runDir = join(workDir, 'run');
const screenshots = join(resultsDir, 'e2e');
const results: TestResult[] = [];
const started = Date.now();

function elapsed(): string {
  return `${((Date.now() - started) / 1000).toFixed(1)}s`;
}

function step(message: string): void {
  console.log(`[e2e ${elapsed()}] ${message}`);
}

function report(r: TestResult, prefix: string): void {
  results.push({ ...r, name: `${prefix}${r.name}` });
  console.log(`${r.ok ? '✔' : '✖'} ${prefix}${r.name} (${r.ms} ms)`);
  if (!r.ok && r.error) console.log(r.error.replace(/^/gm, '    '));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every file under the run's folder (user data, extension state, workspace, logs) is free of the key. */
function keyInNoFile(apiKey: string, kind = ''): TestResult {
  const t0 = Date.now();
  const needle = Buffer.from(apiKey);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024 && readFileSync(path).includes(needle)) found.push(path);
    }
  };
  walk(runDir);
  return {
    name: `the ${kind}key is in no file VS Code or ClinikDoc wrote (settings, state, logs, workspace)`,
    ok: found.length === 0,
    ms: Date.now() - t0,
    error: found.length ? `the key is in ${found.join(', ')}` : undefined,
  };
}

/** One journey with its time limit, and a screenshot of where it ended (or failed). */
async function runJourney(wb: Workbench, j: Journey, ctx: JourneyContext): Promise<void> {
  step(`journey ${j.name}`);
  const t0 = Date.now();
  try {
    await withTimeout(j.run(ctx), JOURNEY_TIMEOUT_MS, j.name);
    await wb.screenshot(j.name);
    report({ name: j.title, ok: true, ms: Date.now() - t0 }, 'ui: ');
  } catch (e) {
    await wb.screenshot(`${j.name}-failed`).catch(() => undefined);
    report({ name: j.title, ok: false, ms: Date.now() - t0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 'ui: ');
    await wb.dismissQuickInput().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  rmSync(runDir, { recursive: true, force: true });
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  mkdirSync(screenshots, { recursive: true });

  step('tool chain');
  const toolchain = ensureToolchain();
  step('packaging ClinikDoc and the runner extension');
  // CLINIKDOC_E2E_VSIX: test a given package instead (e.g. a deliberately broken one), or
  // `none` to check the launcher alone.
  const given = process.env.CLINIKDOC_E2E_VSIX;
  const vsix = given === 'none' ? undefined : (given ?? packageClinikDoc());
  const runnerVsix = await packageRunner();
  step(`packaged ${vsix ?? '(ClinikDoc left out)'}`);

  let emulator: RunningEmulator | undefined;
  let control: Control | undefined;
  let codeServer: RunningCodeServer | undefined;
  let restricted: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  try {
    // HTTPS, so that live keys (never sent over http) are tested too: VS Code trusts the
    // emulator's certificate through NODE_EXTRA_CA_CERTS.
    emulator = await startEmulator({ logFile: join(runDir, 'emulator.log'), https: { certificateFile: join(runDir, 'emulator-certificate.pem') } });
    stopping = [async () => void (await browser?.close()), async () => codeServer?.stop(), async () => restricted?.stop(), async () => emulator?.stop()];
    control = await startControl();
    const workspace = prepareWorkspace(join(runDir, 'workspace'));
    const dirs = freshDirs(join(runDir, 'code-server'), { 'clinikapi.baseUrl': emulator.url, 'clinikapi.requestTimeoutSeconds': E2E_TIMEOUT_SECONDS, ...E2E_SETTLE_SETTINGS });
    installExtensions(toolchain, dirs, vsix ? [vsix, runnerVsix] : [runnerVsix]);
    step(`installed into ${dirs.extensionsDir}; starting code-server`);
    codeServer = await startCodeServer(toolchain, dirs, workspace, {
      logFile: join(runDir, 'code-server.log'),
      env: { CLINIKDOC_E2E_CONTROL: control.url, NODE_EXTRA_CA_CERTS: emulator.certificateFile },
    });
    step(`code-server at ${codeServer.url}, emulator at ${emulator.url}; opening the workbench`);
    browser = await launchBrowser(toolchain.playwright);
    wb = await Workbench.open(browser, codeServer.url, screenshots);
    const consoleLog = join(runDir, 'browser-console.log');
    wb.page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    wb.page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
    await control.connected(90_000);

    step('API suite in the extension host');
    await control.runSuite({ suite: 'api' }, 5 * 60_000, (r) => report(r, 'api: '));

    const apiKey = `clk_test_e2e${Date.now().toString(16)}abcdef0123456789`;
    const liveKey = `clk_live_e2e${Date.now().toString(16)}fedcba9876543210`;
    for (const j of journeys) await runJourney(wb, j, { wb, emulator, apiKey, liveKey });

    step('key checks in the extension host');
    await control.runSuite({ suite: 'key', params: { key: apiKey } }, 2 * 60_000, (r) => report(r, 'api: '));

    report(keyInNoFile(apiKey), 'host: ');
    report(keyInNoFile(liveKey, 'live '), 'host: ');
    await runJourney(wb, clearKeyJourney, { wb, emulator, apiKey, liveKey });

    // A second VS Code, workspace trust on: the sample folder opens in Restricted Mode.
    const untrustedDirs = freshDirs(join(runDir, 'code-server-restricted'), {
      'clinikapi.baseUrl': emulator.url,
      'security.workspace.trust.enabled': true,
    });
    installExtensions(toolchain, untrustedDirs, vsix ? [vsix] : []);
    // It also asks for a password, as the demo of scripts/start.sh does: the login is part of
    // opening it.
    const password = randomBytes(15).toString('base64url');
    restricted = await startCodeServer(toolchain, untrustedDirs, prepareWorkspace(join(runDir, 'workspace-restricted')), {
      logFile: join(runDir, 'code-server-restricted.log'),
      workspaceTrust: true,
      password,
    });
    const loginStarted = Date.now();
    const rwb = await Workbench.open(browser, restricted.url, screenshots, { password });
    report({ name: 'a VS Code started with a password (as scripts/start.sh does) shows only its login page until it is given', ok: true, ms: Date.now() - loginStarted }, 'ui: ');
    await runJourney(rwb, restrictedJourney, { wb: rwb, emulator, apiKey, liveKey });

    // The same .vsix again, in the web worker extension host (VS Code for the Web's).
    if (vsix) {
      await restricted.stop();
      restricted = undefined;
      await codeServer.stop();
      codeServer = undefined;
      await runWebPass({ toolchain, vsix, runnerVsix, browser, runDir, screenshots, apiKey, liveKey, report, runJourney, step });
      report(keyInNoFile(apiKey), 'web host: ');
    }
  } catch (e) {
    if (wb) await wb.screenshot('launcher-failed').catch(() => undefined);
    report({ name: 'launcher', ok: false, ms: Date.now() - started, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, '');
  } finally {
    await browser?.close().catch(() => undefined);
    await control?.close().catch(() => undefined);
    await codeServer?.stop();
    await restricted?.stop();
    await emulator?.stop();
  }

  const failed = results.filter((r) => !r.ok).length;
  step(`done; screenshots in ${screenshots}, logs in ${runDir}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

// Ctrl+C or a CI time-out: stop what was started (code-server and the emulator run in their own
// process groups and would outlive this process).
let stopping: Array<() => Promise<void>> = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`[e2e] ${signal}: stopping`);
    void Promise.allSettled(stopping.map((stop) => stop())).then(() => process.exit(130));
  });
}

process.exitCode = await main();
