// The preview panel's VS Code side, in plain node with the stand-in `vscode` module: the command
// opens one panel per document, the page updates on edits and on diagnostics, and a click on a
// problem reveals its range (a malformed message from the page does nothing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import './standIns';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('./fakeVscode') as typeof import('./fakeVscode');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerPreview } = require('../../client/src/preview/register') as typeof import('../../client/src/preview/register');

type Listener<T> = (e: T) => unknown;
function emitter<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    event: (l: Listener<T>) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    fire: (e: T) => [...listeners].forEach((l) => l(e)),
  };
}

/** What a webview panel needs to do for the command, recording what the extension did. */
class FakePanel {
  html = '';
  readonly posted: unknown[] = [];
  revealed = 0;
  disposed = false;
  readonly receive = emitter<unknown>();
  readonly viewState = emitter<{ webviewPanel: FakePanel }>();
  private readonly disposeEmitter = emitter<void>();
  visible = true;
  constructor(readonly viewType: string, readonly title: string, readonly options: Record<string, unknown>) {}
  readonly webview = {
    set html(value: string) {
      panelHtml.set(this, value);
    },
    get html(): string {
      return panelHtml.get(this) ?? '';
    },
    postMessage: async (message: unknown) => {
      this.posted.push(message);
      return true;
    },
    onDidReceiveMessage: this.receive.event,
  };
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewState.event;
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}
const panelHtml = new WeakMap<object, string>();

const panels: FakePanel[] = [];
const diagnosticsChanged = emitter<{ uris: import('./fakeVscode').Uri[] }>();
const shown: { document: unknown; selection: unknown }[] = [];
const win = vscode.window as unknown as Record<string, unknown>;
win.createWebviewPanel = (viewType: string, title: string, _column: unknown, options: Record<string, unknown>) => {
  const panel = new FakePanel(viewType, title, options);
  panels.push(panel);
  return panel;
};
win.showTextDocument = async (document: unknown, options: { selection: unknown }) => {
  shown.push({ document, selection: options.selection });
  return { revealRange: () => undefined };
};
win.visibleTextEditors = [];
(vscode.languages as unknown as Record<string, unknown>).onDidChangeDiagnostics = diagnosticsChanged.event;

/** A document as the command sees it (the stand-in's, plus validateRange). */
function openDocument(name: string, text: string) {
  const doc = new vscode.FakeDocument(vscode.Uri.file(`/ws/${name}`), text) as InstanceType<typeof vscode.FakeDocument> & { validateRange(r: unknown): unknown };
  doc.validateRange = (r) => r;
  vscode.workspace.textDocuments.push(doc);
  vscode.fake.activeEditor = { document: doc };
  return doc;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const body = (message: unknown) => (message as { type: string; body: string }).body;

describe('ClinikAPI: Open Preview (VS Code side)', () => {
  let registration: { dispose(): void };
  before(() => {
    registration = registerPreview();
  });
  after(() => registration.dispose());

  it('opens a panel with scripts for its own page only: no command URIs, no local resources', async () => {
    const doc = openDocument('a.clinikdoc.json', JSON.stringify({ title: 'Referral <b>letter</b>', sections: [{ title: 'Reason', text: 'Chest pain.' }] }));
    await vscode.commands.executeCommand('clinikapi.openPreview');
    assert.equal(panels.length, 1);
    const panel = panels[0]!;
    assert.equal(panel.viewType, 'clinikapi.preview');
    assert.equal(panel.title, 'Preview a.clinikdoc.json');
    assert.deepEqual(panel.options, { enableScripts: true, enableCommandUris: false, localResourceRoots: [] });
    assert.match(panel.webview.html, /<h1>Referral &lt;b&gt;letter&lt;\/b&gt;<\/h1>/);
    assert.match(panel.webview.html, /<h2>Reason<\/h2>/);
    // The same document again: the same panel, brought forward.
    await vscode.commands.executeCommand('clinikapi.openPreview', doc.uri);
    assert.equal(panels.length, 1);
    assert.equal(panel.revealed, 1);
  });

  it('follows edits and diagnostics, in place (a message, not a reload)', async () => {
    const panel = panels[0]!;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === '/ws/a.clinikdoc.json')!;
    const html = panel.webview.html;
    doc.edit(JSON.stringify({ title: 'Referral', sections: [{ title: 'Reason', text: 'Chest pain.' }, { title: 'Plan', text: 'Echo.' }] }));
    await wait(300);
    assert.equal(panel.webview.html, html, 'no reload');
    assert.match(body(panel.posted.at(-1)), /<h2>Plan<\/h2>/);

    const d = new vscode.Diagnostic(new vscode.Range(new vscode.Position(0, 2), new vscode.Position(0, 9)), 'The document is missing "status", which ClinikAPI requires.');
    d.source = 'ClinikDoc';
    const other = new vscode.Diagnostic(new vscode.Range(new vscode.Position(0, 0), new vscode.Position(0, 1)), 'from another extension');
    other.source = 'cSpell';
    vscode.serverDiagnostics.set(doc.uri.toString(), [d, other]);
    diagnosticsChanged.fire({ uris: [doc.uri] });
    await wait(300);
    const latest = body(panel.posted.at(-1));
    assert.match(latest, /data-line="0" data-character="2" data-end-line="0" data-end-character="9">Line 1: The document is missing &quot;status&quot;/);
    assert.doesNotMatch(latest, /another extension/, 'only ClinikDoc\'s problems');
  });

  it('a click on a problem reveals its range; anything else from the page is ignored', async () => {
    const panel = panels[0]!;
    panel.receive.fire({ type: 'reveal', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 9 } } });
    await wait(10);
    assert.equal(shown.length, 1);
    assert.deepEqual(shown[0]!.selection, new vscode.Range(new vscode.Position(0, 2), new vscode.Position(0, 9)));
    for (const bad of [{ type: 'reveal' }, { type: 'reveal', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }, { type: 'open', url: 'https://x' }, 'reveal', null]) {
      panel.receive.fire(bad);
    }
    await wait(10);
    assert.equal(shown.length, 1);
  });

  it('loads the current page again when the panel is shown after being hidden', () => {
    const panel = panels[0]!;
    const before = panel.webview.html;
    panel.viewState.fire({ webviewPanel: panel });
    assert.notEqual(panel.webview.html, before, 'a new page (new nonce, current content)');
    assert.match(panel.webview.html, /<h2>Plan<\/h2>/);
  });

  it('closes with its document, and refuses other files', async () => {
    const panel = panels[0]!;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === '/ws/a.clinikdoc.json')!;
    vscode.fake.closeDocument.fire(doc);
    assert.equal(panel.disposed, true);
    const plain = new vscode.FakeDocument(vscode.Uri.file('/ws/notes.txt'), 'hello', 'plaintext');
    vscode.fake.activeEditor = { document: plain };
    await vscode.commands.executeCommand('clinikapi.openPreview');
    assert.equal(panels.length, 1);
    assert.match(vscode.fake.messages.at(-1)!.text, /Open a ClinikDoc document/);
  });
});
