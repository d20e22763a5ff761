import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageClinikDoc, packageRunner } from './extensionPackage.js';
import { resultsDir, workDir } from './paths.js';
import { ensureToolchain } from './toolchain.js';
import { launchBrowser } from './workbench.js';
import { runWebPass } from './webPass.js';
import type { TestResult } from '../suite/harness.js';
const runDir = join(workDir, 'run-web'); const screenshots = join(resultsDir, 'e2e-web');
rmSync(runDir, { recursive: true, force: true }); mkdirSync(runDir, { recursive: true }); mkdirSync(screenshots, { recursive: true });
const t0 = Date.now(); const step = (m: string) => console.log(`[web ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const results: TestResult[] = [];
const report = (r: TestResult, p: string) => { results.push(r); console.log(`${r.ok ? '✔' : '✖'} ${p}${r.name} (${r.ms} ms)`); if (!r.ok && r.error) console.log(r.error.slice(0, 800)); };
const toolchain = ensureToolchain(); const vsix = packageClinikDoc(); const runnerVsix = await packageRunner();
const browser = await launchBrowser(toolchain.playwright);
try {
  await runWebPass({ toolchain, vsix, runnerVsix, browser, runDir, screenshots, apiKey: 'clk_test_e2eweb0123456789abcdef', liveKey: 'clk_live_x', report, step,
    runJourney: async (wb, j, ctx) => { step(`journey ${j.name}`); const s = Date.now(); try { await j.run(ctx); await wb.screenshot(j.name); report({ name: j.title, ok: true, ms: Date.now() - s }, 'ui: '); } catch (e) { await wb.screenshot(`${j.name}-failed`).catch(() => undefined); report({ name: j.title, ok: false, ms: Date.now() - s, error: String((e as Error).stack) }, 'ui: '); await wb.dismissQuickInput().catch(() => undefined); } } });
} catch (e) { console.log('launcher', e); } finally { await browser.close(); }
console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed`);
process.exit(0);
