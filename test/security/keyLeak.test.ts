// Runtime proof that neither the API key nor the document's content escapes, through the real
// VS Code layer (client/src, with the stand-in vscode module of test/client) against the emulator:
// every submission outcome — created, each refusal, each server answer, each transport fault — is
// run, and everything that could carry text out is captured: notifications and modal questions,
// progress lines, every output channel, status bar items, the clipboard, diagnostics, console and
// process output, errors thrown by commands, settings writes, global and workspace state.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import '../client/standIns';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Emulator, EmulatorFault } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { CONTENT_MARKERS, LIVE_KEY, TEST_KEY, documentText, withEmulator } from '../submission/helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('../client/fakeVscode') as typeof import('../client/fakeVscode');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/src/node/main') as typeof import('../../client/src/node/main');

const { fake } = vscode;
const root = join(__dirname, '..', '..');
const REVOKED_KEY = 'clk_test_S3cretRevoked_77_revoked';
const NOSCOPE_KEY = 'clk_test_S3cretNoScope_88_noscope';
const KEYS = [TEST_KEY, LIVE_KEY, REVOKED_KEY, NOSCOPE_KEY];
/** The part after the prefix: a key cut or re-encoded would still show it. */
const KEY_BODIES = KEYS.map((k) => k.slice('clk_test_'.length));

const secrets = new vscode.FakeSecrets();
const globalState = new MemoryStore();
const workspaceState = new MemoryStore();
const settingsWrites: string[] = [];
const captured: string[] = [];
const thrown: string[] = [];
let emu: Emulator;
let other: Server;
let otherRequests: IncomingMessage[] = [];

/** Everything written to the console or the process's output while `task` runs. */
async function capturingOutput(task: () => Promise<unknown>): Promise<void> {
  const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info, debug: console.debug };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  for (const name of Object.keys(originals) as Array<keyof typeof originals>) console[name] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (captured.push(String(chunk)), out(chunk as string, ...(rest as [])))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (captured.push(String(chunk)), err(chunk as string, ...(rest as [])))) as typeof process.stderr.write;
  try {
    await task();
  } catch (error) {
    thrown.push(error instanceof Error ? `${error.message}\n${error.stack}` : String(error));
  } finally {
    Object.assign(console, originals);
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

let counter = 0;
function openDocument(text: string) {
  counter++;
  const doc = new vscode.FakeDocument(vscode.Uri.file(`/ws/leak-${counter}.clinikdoc.json`), text);
  vscode.workspace.textDocuments.push(doc);
  fake.activeEditor = { document: doc };
  return doc;
}

/** Every text that left the extension by any route we can observe. */
function everything(): Array<{ route: string; text: string; liveQuestion?: boolean }> {
  const texts: Array<{ route: string; text: string; liveQuestion?: boolean }> = [];
  for (const m of fake.messages) texts.push({ route: `message (${m.severity}${m.modal ? ', modal' : ''})`, text: [m.text, ...m.items].join(' | '), liveQuestion: m.modal && /production/.test(m.text) });
  for (const p of fake.progress) texts.push({ route: 'progress', text: p });
  for (const [name, lines] of fake.output) for (const l of lines) texts.push({ route: `output channel ${name}`, text: l });
  for (const s of fake.statusItems) texts.push({ route: `status bar ${s.id}`, text: `${s.text} ${s.tooltip ?? ''}` });
  texts.push({ route: 'clipboard', text: fake.clipboard });
  for (const [name, byUri] of fake.diagnostics) for (const ds of byUri.values()) for (const d of ds) texts.push({ route: `diagnostics ${name}`, text: d.message });
  for (const c of captured) texts.push({ route: 'console / process output', text: c });
  for (const t of thrown) texts.push({ route: 'thrown error', text: t });
  for (const w of settingsWrites) texts.push({ route: 'settings write', text: w });
  texts.push({ route: 'global state', text: JSON.stringify([...globalState.values]) });
  texts.push({ route: 'workspace state', text: JSON.stringify([...workspaceState.values]) });
  texts.push({ route: 'secret storage (other entries)', text: JSON.stringify([...secrets.values].filter(([k]) => k !== 'clinikapi.apiKey')) });
  return texts;
}

interface Outcome {
  name: string;
  key?: string;
  text?: string;
  faults?: EmulatorFault[];
  trusted?: boolean;
  answers?: Array<{ match: RegExp; answer: string }>;
  /** How many requests the emulator must have received. */
  requests: number;
}

const outcomes: Outcome[] = [
  { name: 'created', requests: 1 },
  { name: 'same content again, the user says yes', answers: [{ match: /already created/, answer: 'Submit Again' }], requests: 2, text: documentText() },
  { name: 'live key, confirmed', key: LIVE_KEY, answers: [{ match: /production/, answer: 'Submit to Production' }], requests: 1 },
  { name: 'live key, declined', key: LIVE_KEY, requests: 0 },
  {
    name: '422',
    faults: [{ kind: 'status', status: 422, body: { error: 'Unprocessable Entity', code: 'VALIDATION_ERROR', issues: [{ severity: 'error', code: 'invalid', diagnostics: 'patientId: Patient not found' }] } }],
    requests: 1,
  },
  { name: '401 revoked', key: REVOKED_KEY, requests: 1 },
  { name: '403 no scope', key: NOSCOPE_KEY, requests: 1 },
  { name: '409 quoting the key', faults: [{ kind: 'status', status: 409, body: { error: 'Conflict', code: 'CONFLICT', message: `dup for ${TEST_KEY}`, requestId: 'req_q' } }], requests: 1 },
  { name: '429 then created', faults: [{ kind: 'rateLimited', retryAfter: 0 }], requests: 2 },
  { name: '429 without Retry-After', faults: [{ kind: 'rateLimited', retryAfter: null }], requests: 1 },
  { name: 'quota', faults: [{ kind: 'quota' }], requests: 1 },
  { name: '500', faults: [{ kind: 'status', status: 500 }], requests: 1 },
  { name: '502 HTML', faults: [{ kind: 'malformed' }], requests: 1 },
  { name: '201 not JSON', faults: [{ kind: 'malformed', create: true }], requests: 1 },
  { name: 'timeout before creating', faults: [{ kind: 'delay', ms: 1_500, phase: 'before-create' }], requests: 1 },
  { name: 'timeout after creating', faults: [{ kind: 'delay', ms: 1_500, phase: 'after-create' }], requests: 1 },
  { name: 'reset before creating', faults: [{ kind: 'reset', phase: 'before-create' }], requests: 1 },
  { name: 'reset after creating', faults: [{ kind: 'reset', phase: 'after-create' }], requests: 1 },
  { name: 'trickle past the deadline', faults: [{ kind: 'trickle', chunkBytes: 4, intervalMs: 150 }], requests: 1 },
  { name: '50 MB answer', faults: [{ kind: 'huge' }], requests: 1 },
  { name: 'redirect to another origin', faults: [{ kind: 'redirect', status: 307 }], requests: 1 },
  { name: 'refused: untrusted', trusted: false, requests: 0 },
  { name: 'refused: errors in the document', text: documentText({ title: 'Zebulon Quixworth', status: 'draft', type: 5 }), requests: 0 },
  { name: 'refused: duplicate keys', text: documentText().replace('"title":', '"title": "Zebulon Quixworth, draft",\n  "title":'), requests: 0 },
  { name: 'refused: over 1 MB', text: documentText({ sections: [{ title: 'Notes', text: 'Zebulon Quixworth '.repeat(60_000) }] }), requests: 0 },
  { name: 'refused: not JSON', text: `// Zebulon Quixworth\n${documentText()}`, requests: 0 },
];

before(async () => {
  emu = await withEmulator({ https: true });
  other = createServer((req, res) => {
    otherRequests.push(req);
    res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"data":{"id":"comp_stolen"}}');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  for (const o of outcomes) for (const f of o.faults ?? []) if (f.kind === 'redirect') f.location = `${elsewhere}/v1/documents`;
  // The user's setting points at the emulator; the workspace tries every level to send the key elsewhere.
  fake.settings.set('clinikapi.baseUrl', {
    defaultValue: 'https://api.clinikapi.com',
    globalValue: emu.url,
    workspaceValue: elsewhere,
    ...({ workspaceFolderValue: elsewhere, workspaceLanguageValue: elsewhere, workspaceFolderLanguageValue: elsewhere } as object),
  });
  fake.settings.set('clinikapi.requestTimeoutSeconds', { defaultValue: 30, globalValue: 1 });
  fake.settings.set('clinikapi.confirmLiveSubmissions', { defaultValue: true, workspaceValue: false });
  // Any settings write by the extension is recorded (none is expected).
  const getConfiguration = vscode.workspace.getConfiguration.bind(vscode.workspace);
  (vscode.workspace as { getConfiguration: unknown }).getConfiguration = (section: string) => ({
    ...getConfiguration(section),
    update: async (key: string, value: unknown) => void settingsWrites.push(`${section}.${key}=${JSON.stringify(value)}`),
  });
  await capturingOutput(() =>
    extension.activate({
      secrets,
      globalState,
      workspaceState,
      subscriptions: [],
      extension: { packageJSON: { version: '0.0.0-test' } },
      asAbsolutePath: (p: string) => join(root, p),
      extensionUri: vscode.Uri.file(root),
      storageUri: undefined,
      globalStorageUri: vscode.Uri.file('/nonexistent'),
    } as never),
  );
});

after(async () => {
  await extension.deactivate();
  await emu.close();
  await new Promise<void>((r) => other.close(() => r()));
});

describe('no key and no document content in anything the extension produces', () => {
  it('setting each key through the password box', async () => {
    for (const key of KEYS) {
      fake.inputAnswers.push(`  ${key}  `);
      await capturingOutput(() => vscode.commands.executeCommand('clinikapi.setApiKey'));
    }
    assert.equal(secrets.values.get('clinikapi.apiKey'), NOSCOPE_KEY);
  });

  for (const o of outcomes) {
    it(`submission outcome: ${o.name}`, async () => {
      emu.reset();
      otherRequests = [];
      fake.trusted = o.trusted ?? true;
      await secrets.store('clinikapi.apiKey', o.key ?? TEST_KEY);
      openDocument(o.text ?? documentText({ title: `Discharge summary for Zebulon Quixworth (${o.name})` }));
      vscode.serverDiagnostics.clear();
      emu.addFaults(...(o.faults ?? []));
      fake.answers.push(...(o.answers ?? []));
      const runs = o.name.startsWith('same content again') ? 2 : 1;
      for (let i = 0; i < runs; i++) await capturingOutput(() => vscode.commands.executeCommand('clinikapi.submitDocument'));
      assert.equal(emu.state.requests.length, o.requests, 'requests the emulator received');
      assert.equal(otherRequests.length, 0, 'the other origin received nothing');
      assert.ok(fake.messages.length > 0, 'the user was told something');
    });
  }

  it('clearing the key', async () => {
    await capturingOutput(() => vscode.commands.executeCommand('clinikapi.clearApiKey'));
    assert.equal(secrets.values.size, 0);
  });

  it('every captured text is free of every key (and of content, but for the live-key question)', () => {
    const texts = everything();
    assert.ok(texts.length > 60, `only ${texts.length} texts captured`);
    assert.ok(fake.output.get('ClinikAPI')!.length >= outcomes.length, 'the output channel logged the requests');
    const leaks: string[] = [];
    for (const { route, text, liveQuestion } of texts) {
      for (const secret of [...KEYS, ...KEY_BODIES]) if (text.includes(secret)) leaks.push(`${route}: key ${secret.slice(0, 12)}… in ${text.slice(0, 200)}`);
      // The live-key question names the patient and title on purpose: the user must see
      // what goes to production. It is shown, never logged.
      if (!liveQuestion) for (const m of CONTENT_MARKERS) if (text.includes(m)) leaks.push(`${route}: content "${m}" in ${text.slice(0, 200)}`);
    }
    assert.deepEqual(leaks, []);
    assert.deepEqual(thrown, [], 'no command threw');
    assert.deepEqual(settingsWrites, [], 'no settings were written');
    assert.equal(workspaceState.values.size, 0, 'nothing in workspace state');
  });
});
