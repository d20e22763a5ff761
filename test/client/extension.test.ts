// The thin VS Code layer, run in plain node with a stand-in `vscode` module (fakeVscode.ts) and
// the emulator: the commands are wired to the flow, messages and buttons reach the user, 422
// issues land on the field, and a workspace setting cannot redirect the key.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import './standIns';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { CONTENT_MARKERS, LIVE_KEY, TEST_KEY, documentText, withEmulator } from '../submission/helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('./fakeVscode') as typeof import('./fakeVscode');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LanguageClient } = require('./fakeLanguageClient') as typeof import('./fakeLanguageClient');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/src/node/main') as typeof import('../../client/src/node/main');

const { fake } = vscode;
const root = join(__dirname, '..', '..');
const secrets = new vscode.FakeSecrets();
const globalState = new MemoryStore();
let emu: Emulator;

const tick = () => new Promise((r) => setTimeout(r, 20));

function statusText(): string {
  const item = fake.statusItems.find((i) => i.id === 'clinikapi.keyStatus');
  assert.ok(item?.visible, 'the key status item is shown');
  return item.text;
}

function openDocument(name: string, text: string) {
  const doc = new vscode.FakeDocument(vscode.Uri.file(`/ws/${name}`), text);
  vscode.workspace.textDocuments.push(doc);
  fake.activeEditor = { document: doc };
  return doc;
}

/** Nothing the user saw or the output channel got carries the key or the document's content. */
function assertNothingLeaked(): void {
  const texts = [...fake.messages.filter((m) => !/production/.test(m.text)).map((m) => m.text), ...fake.progress, ...(fake.output.get('ClinikAPI') ?? [])];
  for (const t of texts) {
    for (const secret of [TEST_KEY, LIVE_KEY, ...CONTENT_MARKERS]) assert.ok(!t.includes(secret), `"${secret}" in: ${t}`);
  }
}

before(async () => {
  emu = await withEmulator({ https: true });
  // The user's settings point at the emulator; a workspace tries to send the key elsewhere.
  fake.settings.set('clinikapi.baseUrl', { defaultValue: 'https://api.clinikapi.com', globalValue: emu.url, workspaceValue: 'https://collector.example' });
  fake.settings.set('clinikapi.requestTimeoutSeconds', { defaultValue: 30 });
  fake.settings.set('clinikapi.confirmLiveSubmissions', { defaultValue: true, workspaceValue: false });
  await extension.activate({
    secrets,
    globalState,
    subscriptions: [],
    extension: { packageJSON: { version: '9.8.7' } },
    asAbsolutePath: (p: string) => join(root, p),
    extensionUri: vscode.Uri.file(root),
  } as never);
});
after(async () => {
  await extension.deactivate();
  await emu.close();
});
beforeEach(() => {
  fake.reset();
  emu.reset();
  vscode.serverDiagnostics.clear();
  fake.trusted = true;
});

describe('activation', () => {
  it('registers the four commands, starts the language client for clinikdoc, shows "no key"', () => {
    for (const c of ['clinikapi.newDocument', 'clinikapi.setApiKey', 'clinikapi.clearApiKey', 'clinikapi.submitDocument']) {
      assert.ok(fake.commands.has(c), c);
    }
    const client = LanguageClient.started.at(-1);
    assert.ok(client);
    assert.deepEqual(client.clientOptions.documentSelector, [{ language: 'clinikdoc' }, { pattern: '**/*.clinikdoc.json' }]);
    assert.match(JSON.stringify(client.serverOptions), /dist\/server\.js/);
    assert.equal(statusText(), '$(circle-slash) ClinikAPI: no key');
  });
});

describe('the key', () => {
  it('Set API Key refuses other shapes, stores a test key in SecretStorage only, and the status bar follows', async () => {
    fake.inputAnswers.push('sk_live_123');
    await vscode.commands.executeCommand('clinikapi.setApiKey');
    assert.match(String(fake.inputValidation.at(-1)), /start with clk_test_/);
    assert.equal(secrets.values.size, 0);

    fake.inputAnswers.push(TEST_KEY);
    await vscode.commands.executeCommand('clinikapi.setApiKey');
    await tick();
    assert.deepEqual([...secrets.values], [['clinikapi.apiKey', TEST_KEY]]);
    assert.equal(statusText(), '$(key) ClinikAPI: test key');
    assert.ok(fake.statusItems.every((i) => !i.text.includes(TEST_KEY) && !String(i.tooltip).includes(TEST_KEY)));
    assertNothingLeaked();
  });

  it('a key changed in another window updates the status bar', async () => {
    await secrets.store('clinikapi.apiKey', LIVE_KEY);
    await tick();
    assert.equal(statusText(), '$(key) ClinikAPI: live key');
    await secrets.store('clinikapi.apiKey', TEST_KEY);
    await tick();
  });
});

describe('Submit Document', () => {
  it('creates on the user-level baseUrl (the workspace value is ignored) and offers Copy ID', async () => {
    const doc = openDocument('a.clinikdoc.json', documentText());
    fake.answers.push({ match: /^Document created/, answer: 'Copy ID' });
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.equal(emu.state.documents.length, 1, 'the request went to the emulator (user setting), not the workspace URL');
    const id = emu.state.documents[0].id;
    const shown = fake.messages.at(-1);
    assert.ok(shown);
    assert.equal(shown.severity, 'info');
    assert.match(shown.text, new RegExp(`^Document created: ${id}\\. Request id: req_`));
    assert.deepEqual(shown.items, ['Copy ID']);
    assert.equal(fake.clipboard, id);
    assert.equal(emu.state.requests[0].userAgent, 'ClinikDoc/9.8.7');
    const log = fake.output.get('ClinikAPI') ?? [];
    assert.ok(log.some((l) => l.includes('clinikapi.baseUrl was ignored')), log.join('\n'));
    assert.ok(log.some((l) => l.includes(`POST ${emu.url}/v1/documents → 201 created request=req_`)), log.join('\n'));
    assert.ok(!log.some((l) => l.includes(id)), 'the log names no document id');
    assert.ok(!log.some((l) => l.includes('collector.example')));
    assert.ok(doc);
    assertNothingLeaked();
  });

  it('a 422 lands on the named field as a ClinikAPI diagnostic, cleared by the next edit', async () => {
    const text = documentText({ title: '422' });
    const doc = openDocument('b.clinikdoc.json', text);
    emu.addFaults({
      kind: 'status',
      status: 422,
      body: { error: 'Unprocessable Entity', code: 'VALIDATION_ERROR', issues: [{ severity: 'error', code: 'invalid', diagnostics: 'patientId: Patient not found' }] },
    });
    await vscode.commands.executeCommand('clinikapi.submitDocument', doc.uri);
    assert.match(fake.messages.at(-1)?.text ?? '', /ClinikAPI rejected the document: 1 problem/);
    const diags = fake.diagnostics.get('clinikapi')?.get(doc.uri.toString()) ?? [];
    assert.equal(diags.length, 1);
    assert.equal(diags[0].source, 'ClinikAPI');
    assert.equal(diags[0].message, 'patientId: Patient not found');
    assert.deepEqual(diags[0].range.start, doc.positionAt(text.indexOf('"pat_ZQ-4471"')));
    doc.edit(text.replace('"422"', '"423"'));
    assert.equal(fake.diagnostics.get('clinikapi')?.get(doc.uri.toString()), undefined);
    assertNothingLeaked();
  });

  it('refuses a document with errors and Open Problems opens them; nothing is sent', async () => {
    openDocument('c.clinikdoc.json', documentText({ status: 'draft' }));
    fake.answers.push({ match: /error/, answer: 'Open Problems' });
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.match(fake.messages.at(-1)?.text ?? '', /The document has 1 error; fix it before submitting/);
    assert.ok(fake.executed.includes('workbench.actions.view.problems'));
    assert.equal(emu.state.requests.length, 0);
  });

  it('refuses a document the language server could not check (server not running); nothing is sent', async () => {
    const client = LanguageClient.started.at(-1)!;
    client.running = false;
    try {
      openDocument('c2.clinikdoc.json', documentText({ title: 'unchecked' }));
      await vscode.commands.executeCommand('clinikapi.submitDocument');
      assert.match(fake.messages.at(-1)?.text ?? '', /could not check the document/);
      assert.equal(emu.state.requests.length, 0);
    } finally {
      client.running = true;
    }
  });

  it('refuses in an untrusted workspace', async () => {
    fake.trusted = false;
    openDocument('d.clinikdoc.json', documentText({ title: 'd' }));
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.match(fake.messages.at(-1)?.text ?? '', /untrusted workspace/);
    assert.equal(emu.state.requests.length, 0);
  });

  it('with a live key asks in a modal naming patient, title and origin (a workspace cannot turn that off)', async () => {
    await secrets.store('clinikapi.apiKey', LIVE_KEY);
    openDocument('e.clinikdoc.json', documentText({ title: 'Live one' }));
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    const question = fake.messages.find((m) => m.modal);
    assert.ok(question, 'a modal question');
    assert.match(question.text, /"Live one" for patient pat_ZQ-4471 to ClinikAPI production/);
    assert.ok(question.text.includes(`production at ${emu.url} with your live key`), 'it names where it goes');
    assert.ok(!question.text.includes(LIVE_KEY));
    assert.equal(emu.state.requests.length, 0, 'dismissed: nothing sent');

    fake.answers.push({ match: /production/, answer: 'Submit to Production' });
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.equal(emu.state.documents.length, 1);
    assert.equal(emu.state.requests[0].keyKind, 'live');
    assertNothingLeaked();
    await secrets.store('clinikapi.apiKey', TEST_KEY);
  });

  it('asks before sending the same content again', async () => {
    openDocument('f.clinikdoc.json', documentText({ title: 'twice' }));
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.equal(emu.state.documents.length, 1);
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    const question = fake.messages.at(-1);
    assert.ok(question?.modal);
    assert.match(question.text, /already created as comp_/);
    assert.equal(emu.state.requests.length, 1, 'dismissed: not sent again');
  });

  it('a 401 offers Set API Key', async () => {
    await secrets.store('clinikapi.apiKey', 'clk_test_x_revoked');
    openDocument('g.clinikdoc.json', documentText({ title: 'g' }));
    fake.answers.push({ match: /revoked/, answer: 'Set API Key' });
    fake.inputAnswers.push(undefined);
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.deepEqual(fake.messages.at(0)?.items, ['Set API Key']);
    assert.ok(fake.executed.includes('clinikapi.setApiKey'));
    await secrets.store('clinikapi.apiKey', TEST_KEY);
  });

  it('a second Submit while the first is sending sends nothing; its message offers to show the submission', async () => {
    const doc = openDocument('twice-at-once.clinikdoc.json', documentText({ title: 'twice at once' }));
    emu.addFaults({ kind: 'delay', ms: 1500, phase: 'before-create' });
    fake.answers.push({ match: /already in progress/, answer: 'Show Submission' });
    await Promise.all([vscode.commands.executeCommand('clinikapi.submitDocument'), vscode.commands.executeCommand('clinikapi.submitDocument')]);
    assert.equal(emu.state.requests.length, 1, 'one POST');
    assert.equal(emu.state.documents.length, 1);
    const second = fake.messages.find((m) => /already in progress/.test(m.text));
    assert.ok(second, fake.messages.map((m) => m.text).join('\n'));
    assert.equal(second.severity, 'warning');
    assert.match(second.text, /^A submission of this document is already in progress \(.*\), so this Submit sent nothing/);
    assert.deepEqual(second.items, ['Show Submission', 'Show Log']);
    assert.equal(fake.activeEditor?.document, doc, 'Show Submission reveals the document being submitted');
    assert.ok(fake.messages.some((m) => /^Document created: /.test(m.text)), 'the first one ends as usual');
  });

  it('refuses duplicate keys, naming them; Fix Duplicate Key selects the first one and opens its quick fixes', async () => {
    const text = documentText({ title: 'dup' }).replace('"title": "dup"', '"title": "first",\n  "title": "dup"');
    const doc = openDocument('dup.clinikdoc.json', text);
    // What the language client shows from the server's diagnostics: the earlier occurrence.
    const start = doc.positionAt(text.indexOf('"title": "first"'));
    const diagnostic = new vscode.Diagnostic(new vscode.Range(start, new vscode.Position(start.line, start.character + 7)), 'duplicate', vscode.DiagnosticSeverity.Warning);
    diagnostic.code = 'duplicate-key';
    diagnostic.source = 'ClinikDoc';
    vscode.serverDiagnostics.set(doc.uri.toString(), [diagnostic]);
    fake.answers.push({ match: /duplicate key/, answer: 'Fix Duplicate Key' });
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    const shown = fake.messages.at(-1);
    assert.match(shown?.text ?? '', /^The document has a duplicate key: "title"\./);
    assert.deepEqual(shown?.items, ['Fix Duplicate Key', 'Open Problems']);
    const editor = fake.activeEditor as unknown as { document: unknown; selection?: { start: unknown; end: unknown } };
    assert.equal(editor.document, doc);
    assert.deepEqual(editor.selection?.start, diagnostic.range.start, 'the first duplicate is selected');
    assert.ok(fake.executed.includes('editor.action.quickFix'), 'its quick fixes are open');
    assert.equal(emu.state.requests.length, 0);
  });

  it('says so when no ClinikDoc document is active', async () => {
    fake.activeEditor = { document: new vscode.FakeDocument(vscode.Uri.file('/ws/x.txt'), 'hello', 'plaintext') };
    await vscode.commands.executeCommand('clinikapi.submitDocument');
    assert.match(fake.messages.at(-1)?.text ?? '', /Open a ClinikDoc document/);
  });
});

describe('what is kept', () => {
  it('global state (the submission records) holds ids and salted hashes only: no key, no content', () => {
    const stored = JSON.stringify([...globalState.values]);
    assert.match(stored, /comp_[0-9a-f]{16}/, 'the records of the documents created above');
    for (const secret of [TEST_KEY, LIVE_KEY, 'clk_test_x_revoked', ...CONTENT_MARKERS]) assert.ok(!stored.includes(secret), secret);
  });
});

describe('other commands', () => {
  it('New Document opens an untitled clinikdoc document filled from the template snippet', async () => {
    await vscode.commands.executeCommand('clinikapi.newDocument');
    assert.equal(fake.activeEditor?.document.languageId, 'clinikdoc');
    assert.match(fake.snippets.at(-1) ?? '', /"type": "discharge-summary"/);
  });

  it('Clear API Key removes it and the status bar says so', async () => {
    await vscode.commands.executeCommand('clinikapi.clearApiKey');
    await tick();
    assert.equal(secrets.values.size, 0);
    assert.equal(statusText(), '$(circle-slash) ClinikAPI: no key');
  });
});
