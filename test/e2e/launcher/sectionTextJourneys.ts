// Section texts edited as prose, as a person does it: a section's text opened beside the JSON from its code lens,
// edited and saved; and a multi-line paste inside a JSON string that goes in escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Journey } from './journeys.js';
import { workDir } from './paths.js';
import type { Workbench } from './workbench.js';

/** The launcher's fresh copy of the sample workspace (run.ts: `prepareWorkspace(join(runDir, 'workspace'))`). */
const WORKSPACE = join(workDir, 'run', 'workspace');

// The discharge summary: the document the issue names (its first journey left it edited, unsaved).
const SAMPLE = 'discharge-summary.clinikdoc.json';

/** The slice of Playwright's page this file needs beyond the declared one. */
interface Evaluating {
  evaluate(expression: string): Promise<unknown>;
}

/** Puts the cursor right after `text` in the active editor (Find, then close the widget: the match stays selected and the editor focused). */
async function cursorAfter(wb: Workbench, text: string): Promise<void> {
  await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await wb.page.keyboard.press('Control+F');
  const widget = wb.page.locator('.editor-instance .find-widget.visible');
  await widget.waitFor({ state: 'visible' });
  await widget.locator('.find-part .input').first().fill(text);
  await widget.locator('.matchesCount').filter({ hasText: /^1 of 1$/ }).waitFor({ state: 'attached' }); // there in the DOM; a narrow editor hides it from view
  await widget.locator('.codicon-widget-close').click();
  await widget.waitFor({ state: 'hidden' });
  await wb.page.keyboard.press('ArrowRight');
}

/**
 * A real paste event into the focused editor, as the OS clipboard delivers it (the clipboard API
 * needs a permission headless Chromium lacks). A page expression: this file is type-checked
 * without the DOM library.
 */
async function paste(wb: Workbench, text: string): Promise<void> {
  await (wb.page as unknown as Evaluating).evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    const target = document.activeElement || document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The sample as saved on disk (the launcher's copy of the workspace). */
function savedSample(workspace: string): { sections: { title: string; text: string }[] } {
  return JSON.parse(readFileSync(join(workspace, SAMPLE), 'utf8'));
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waiting for ${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function parsesTo(workspace: string, predicate: (doc: ReturnType<typeof savedSample>) => boolean): () => boolean {
  return () => {
    try {
      return predicate(savedSample(workspace));
    } catch {
      return false;
    }
  };
}

/** Run after the other journeys (they submit the same sample first). */
export function sectionTextJourneys(workspace = WORKSPACE): Journey[] {
  return [
    {
      name: '10-paste-escaped',
      title: 'pasting multi-line text with quotes inside a section text goes in escaped; the document stays valid',
      async run({ wb }) {
        await wb.openFile(SAMPLE);
        await cursorAfter(wb, 'Admitted with fever');
        const copied = ' (patient says "racing", worse at night)\nSecond line\twith a tab';
        await paste(wb, copied);
        // The escaped text is applied after the paste event returns: save only once it is in the editor.
        await wb.page.locator('.editor-instance .view-lines').filter({ hasText: '\\"racing\\"' }).first().waitFor({ state: 'visible' });
        await wb.page.keyboard.press('Control+S');
        await until(
          parsesTo(workspace, (d) => d.sections[1]!.text.startsWith(`Admitted with fever${copied} and productive cough`)),
          'the saved document to hold the pasted text, escaped',
        );
      },
    },
    {
      name: '11-section-text-beside',
      title: '"Edit as plain text" opens the section text beside the JSON; saving it writes it back escaped, and the result submits',
      async run({ wb, emulator }) {
        await wb.openFile(SAMPLE);
        // The second section's lens: Hospital Course.
        const lens = wb.page.locator('.editor-instance .monaco-editor .codelens-decoration a').filter({ hasText: 'Edit as plain text' }).nth(1);
        await lens.waitFor({ state: 'visible', timeout: 60_000 });
        await lens.click();
        await wb.page.locator('.tabs-container .tab.active').filter({ hasText: 'Hospital Course — text' }).waitFor({ state: 'visible' });
        await wb.statusBarItem(/\d+ \/ 50,000/).first().waitFor({ state: 'visible' });
        await wb.page.keyboard.press('Control+End');
        await wb.page.keyboard.press('Enter');
        await wb.page.keyboard.insertText('Please see "soon": BP 150/95.');
        await wb.page.keyboard.press('Control+S');
        // The write-back lands in the JSON editor asynchronously: wait until the JSON is modified
        // (saving it earlier would save the old text and leave the write-back unsaved), then save it.
        const jsonTab = wb.page.locator('.tabs-container .tab').filter({ hasText: SAMPLE }).first();
        await wb.page.locator('.editor-instance .view-lines').filter({ hasText: 'Please see \\"soon\\"' }).first().waitFor({ state: 'visible' });
        await wb.page.locator('.tabs-container .tab.dirty').filter({ hasText: SAMPLE }).first().waitFor({ state: 'visible' });
        await jsonTab.click();
        await wb.page.keyboard.press('Control+S');
        await wb.page.locator('.tabs-container .tab.dirty').filter({ hasText: SAMPLE }).first().waitFor({ state: 'hidden' });
        await until(
          parsesTo(workspace, (d) => d.sections[1]!.text.endsWith('\nPlease see "soon": BP 150/95.')),
          'the saved JSON to hold the text written beside it',
        );
        // Edited beside, saved, and the document still goes to ClinikAPI as it is (201).
        await wb.clearNotifications();
        const createdBefore = (await emulator.state()).requests.filter((r) => r.createdId).length;
        await wb.page.locator('.tabs-container .tab').filter({ hasText: SAMPLE }).first().click();
        await wb.runCommand('ClinikAPI: Submit Document');
        await wb.notification(/Document created: comp_/).first().waitFor({ state: 'visible', timeout: 60_000 });
        const createdAfter = (await emulator.state()).requests.filter((r) => r.createdId).length;
        if (createdAfter !== createdBefore + 1) throw new Error(`the emulator created ${createdAfter - createdBefore} documents, not 1`);
        // Side by side for the screenshot.
        await wb.page.locator('.tabs-container .tab').filter({ hasText: 'Hospital Course — text' }).first().click();
      },
    },
    {
      name: '12-section-text-over-limit',
      title: 'past 50,000 characters the side editor\'s count turns red, and comes back under the limit with undo',
      async run({ wb }) {
        await wb.page.locator('.tabs-container .tab').filter({ hasText: 'Hospital Course — text' }).first().click();
        await wb.page.locator('.editor-instance .monaco-editor .view-lines').last().click();
        await wb.page.keyboard.press('Control+End');
        // Pasted, not typed: typing 50,000 characters through the page takes minutes.
        await paste(wb, 'x'.repeat(50_000));
        const over = wb.statusBarItem(/50,2\d\d \/ 50,000/).first();
        await over.waitFor({ state: 'visible' });
        const classes = (await over.getAttribute('class')) ?? '';
        if (!/error-kind/.test(classes)) throw new Error(`the count is not shown as an error (classes: ${classes})`);
        await wb.page.keyboard.press('Control+Z');
        const under = wb.statusBarItem(/^\D*237 \/ 50,000/).first();
        await under.waitFor({ state: 'visible' });
        const after = (await under.getAttribute('class')) ?? '';
        if (/error-kind/.test(after)) throw new Error('the count stays red under the limit');
      },
    },
  ];
}
