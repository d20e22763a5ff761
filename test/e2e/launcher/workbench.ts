// Driving the VS Code workbench in headless Chromium as a person would: the command palette,
// quick open, the editor, the Problems panel, the status bar and notifications. Every wait is
// on something appearing or going (Playwright's auto-waiting), never on the clock.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page, Playwright } from './toolchain.js';

/** Flags these machines need (no GPU, no sandbox as root, no network but loopback). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const CHROMIUM = process.env.CLINIKDOC_E2E_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(playwright: Playwright): Promise<Browser> {
  return playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  /**
   * Opens the workbench at `url`. With `password` (a code-server started with one), it must
   * first land on code-server's login page, which the password gets it past, as a person would.
   */
  static async open(browser: Browser, url: string, screenshotDir: string, options: { password?: string } = {}): Promise<Workbench> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    if (options.password !== undefined) {
      const box = page.locator('input[type="password"]');
      await box.waitFor({ state: 'visible', timeout: 60_000 });
      if (!new URL(page.url()).pathname.endsWith('/login')) throw new Error(`expected code-server's login page, got ${page.url()}`);
      if ((await page.locator('.monaco-workbench').count()) > 0) throw new Error('the workbench is shown before logging in');
      await box.fill(options.password);
      await box.press('Enter');
    }
    const wb = new Workbench(page, screenshotDir);
    await wb.ready();
    return wb;
  }

  /**
   * A second window on the same code-server: another page of the same browser, as a person opens
   * a second tab (its own extension host; the browser's storage, and so globalState, shared).
   */
  async openAnother(): Promise<Workbench> {
    const page = await this.page.context().newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(this.page.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const wb = new Workbench(page, this.screenshotDir);
    // Not the Explorer's rows: its layout is the first window's (journeys fold panes in it).
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await page.locator('[id="workbench.parts.statusbar"]').waitFor({ state: 'visible', timeout: 90_000 });
    return wb;
  }

  /** Reloads the window (a new extension host), as "Developer: Reload Window" would. */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.ready();
  }

  private async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
    await this.page.locator('[id="workbench.parts.statusbar"]').waitFor({ state: 'visible', timeout: 90_000 });
    // The Explorer lists the workspace once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 90_000 });
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(this.screenshotDir, { recursive: true });
    const path = join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens the quick input with `key` and types `text` after its prefix. */
  private async quickOpen(key: string, text: string): Promise<void> {
    await this.page.keyboard.press(key);
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    await this.page.keyboard.insertText(text);
  }

  /**
   * Runs a command from the command palette by its full label, e.g. "ClinikAPI: Submit Document".
   * The palette lists what is available when it opens; a command whose condition is not yet true
   * (the workspace trust state is still being restored after a reload) shows up on a later
   * opening, so the palette is reopened until the command is there or `timeoutMs` has passed.
   */
  async runCommand(label: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.dismissQuickInput();
      await this.quickOpen('F1', label);
      const row = this.quickInput.locator('.monaco-list-row').filter({ hasText: label }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
        // The palette can close under the click (an editor opened by the extension takes the focus): then it is opened again.
        await row.click({ timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        continue;
      }
      return;
    }
  }

  /** Opens a workspace file through quick open and waits for its editor tab to be active. */
  async openFile(name: string): Promise<void> {
    await this.dismissQuickInput();
    await this.quickOpen('Control+P', name);
    const row = this.quickInput.locator('.monaco-list-row').filter({ hasText: name }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    // Exactly this file's tab (a preview's tab title contains the file name too).
    await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first().waitFor({ state: 'visible' });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden' });
    }
  }

  /** In the active editor: Find/Replace (Ctrl+H), Replace All, close, as a person would. */
  async replaceInEditor(find: string, replacement: string): Promise<void> {
    // Done is "No results" left for `find` (case-insensitive, as the widget searches by default).
    if (replacement.toLowerCase().includes(find.toLowerCase())) throw new Error('replaceInEditor: the replacement must not contain the text it replaces');
    // The active group's editor: with the editor split, the first editor on the page may be another file.
    const editor = this.page.locator('.editor-group-container.active .editor-instance');
    await editor.locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+H');
    const widget = editor.locator('.find-widget.visible');
    await widget.waitFor({ state: 'visible' });
    await widget.locator('.find-part .input').first().fill(find);
    // The count is there in the widget's DOM; a narrow editor (a preview beside it) hides it from view.
    await widget.locator('.matchesCount').filter({ hasText: /^1 of 1$/ }).waitFor({ state: 'attached' });
    await widget.locator('.replace-part .input').first().fill(replacement);
    await widget.locator('.replace-part .codicon-find-replace-all').click();
    await widget.locator('.matchesCount').filter({ hasText: /No results/ }).waitFor({ state: 'attached' });
    await widget.locator('.codicon-widget-close').click();
    await widget.waitFor({ state: 'hidden' });
  }

  /** The Problems panel, opened if it is not. */
  async problems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await panel.waitFor({ state: 'visible' });
    }
    return panel;
  }

  /** The rows of the Problems panel whose text matches. */
  async problemRows(text: string | RegExp): Promise<Locator> {
    return (await this.problems()).locator('.monaco-list-row').filter({ hasText: text });
  }

  /** The content of the (one) webview shown: VS Code nests it in two iframes over the editor. */
  activeWebview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('[id="workbench.parts.statusbar"] .statusbar-item').filter({ hasText: text });
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' });
  }
}
