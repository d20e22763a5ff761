// The first hour, in the extension host: the walkthrough opened on ClinikDoc's first start, and
// New Document of every type gives a document the language server finds nothing wrong with.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './harness';
import { describeDiagnostic, waitFor, waitForDiagnostics } from './wait';

const TYPES = ['discharge-summary', 'referral-letter', 'care-plan', 'operative-report', 'transfer-summary', 'consultation-report', 'other-document'];

/** The walkthrough's editor tab: VS Code titles it "Walkthrough: <extension>" (or "Welcome"). */
function walkthroughTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /^(Walkthrough: ClinikDoc|Welcome)$/.test(t.label) && !(t.input instanceof vscode.TabInputText));
}

/** VS Code's web worker extension host (the web pass): no Node `process` there. */
const inWebWorker = typeof (globalThis as { process?: unknown }).process === 'undefined';

/** On the first start, beside the document. Not in the web worker host, where it is not yet reliable (see the README). */
const walkthroughOpened: TestCase[] = inWebWorker
  ? []
  : [
      {
        name: 'the walkthrough opened on ClinikDoc\'s first start, beside the document that started it',
        async fn() {
          const tab = await waitFor(walkthroughTab, "the walkthrough's tab", 20_000).catch((e: Error) => {
            const tabs = vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => `${t.label} (${t.input?.constructor?.name ?? 'unknown'})`).join(', '));
            throw new Error(`${e.message}; the tabs: ${tabs.join(' | ') || '(none)'}`);
          });
          const documentGroup = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && /\.clinikdoc\.json$/.test(t.input.uri.path)));
          assert.ok(documentGroup, 'a ClinikDoc document is open');
          assert.notEqual(tab.group, documentGroup, 'in a group of its own, beside the document');
          await vscode.window.tabGroups.close(tab);
        },
      },
    ];

export const firstHourSuite: TestCase[] = [
  ...walkthroughOpened,
  ...TYPES.map(
    (type): TestCase => ({
      name: `New Document "${type}": a ${type === 'other-document' ? 'document of any type' : type} the language server reports nothing on`,
      timeoutMs: 45_000,
      async fn() {
        await vscode.commands.executeCommand('clinikapi.newDocument', type);
        const editor = await waitFor(() => {
          const e = vscode.window.activeTextEditor;
          return e && e.document.uri.scheme === 'untitled' && e.document.getText().includes('"sections"') ? e : undefined;
        }, 'the new document in the editor');
        const document = editor.document;
        assert.equal(document.languageId, 'clinikdoc');
        const text = document.getText();
        if (type !== 'other-document') assert.match(text, new RegExp(`"type": "${type}"`));
        // One deliberate error, so the answer seen is the server's for this text: then it is the only one.
        const status = /"status": "(final)"/.exec(text);
        assert.ok(status, 'a status');
        const at = document.positionAt(status.index + '"status": "'.length);
        assert.ok(await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 'final'.length)), 'finalised')));
        const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => /status must be one of/.test(d.message)), 'the deliberate status error', 30_000);
        const others = diagnostics.filter((d) => d.source === 'ClinikDoc' && !/status must be one of/.test(d.message));
        assert.deepEqual(others.map(describeDiagnostic), [], 'nothing else in the new document');
        // Closed unsaved without the question a changed editor would ask (no one answers it here).
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      },
    }),
  ),
];
