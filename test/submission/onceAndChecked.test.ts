// Exactly once and exactly what was checked, in plain node: the submission flow against the emulator (which holds a
// request with a `delay` fault), with the real language server (dist/server.js over stdio)
// answering `clinikdoc/submissionCheck`, as the Submit command asks it.
// - One submission of a document, or of a content, at a time: a second Submit sends nothing.
// - The submission's record is "sent" before the request leaves: a reload mid-request still asks.
// - What is sent is what was checked: an edit between check and send is checked again.
// - Duplicate keys block Submit, naming them.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { postJson } from '../../client/src/api/nodeTransport';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import type { SubmissionRecord } from '../../client/src/record/submissionRecords';
import { MAX_CHECK_ROUNDS, submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { LspTestClient } from '../support/lspClient';
import { LIVE_KEY, LspDocument, documentText, harness, until, withEmulator, type Harness } from './helpers';

let emu: Emulator;
let server: LspTestClient;
before(async () => {
  // HTTPS: several checks use a live key, which is never sent over plain http.
  emu = await withEmulator({ https: true });
  server = await LspTestClient.start();
});
after(async () => {
  await server.stop();
  await emu.close();
});
beforeEach(() => emu.reset());

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** Long enough for a second Submit to happen while the emulator holds the first request. */
const HOLD = { kind: 'delay', ms: 3000, phase: 'before-create' } as const;

function refused(result: SubmitResult): Extract<SubmitResult, { kind: 'refused' }> {
  assert.equal(result.kind, 'refused', JSON.stringify(result));
  return result as Extract<SubmitResult, { kind: 'refused' }>;
}

function created(result: SubmitResult): string {
  assert.ok(result.kind === 'sent' && result.outcome.kind === 'created', JSON.stringify(result));
  return result.outcome.id;
}

/** Every record stored, by reading the state as a new window would. */
function storedRecords(store: MemoryStore): SubmissionRecord[] {
  const value = store.values.get('clinikapi.submissions') as { records: SubmissionRecord[] } | undefined;
  return value?.records ?? [];
}

function submitLsp(h: Harness, document: LspDocument, overrides: Partial<Parameters<Harness['request']>[0]> = {}) {
  return submitDocument(h.request({ document, ...overrides }), h.deps);
}

describe('one submission of a document at a time', () => {
  it('two Submits of one document in the same moment: one POST; the second says why it sent nothing', async () => {
    const h = harness(emu);
    const doc = await LspDocument.open(server, documentText({ title: 'Twice at once' }));
    emu.addFaults(HOLD);
    const [first, second] = await Promise.all([submitLsp(h, doc), submitLsp(h, doc)]);
    created(first);
    const r = refused(second);
    assert.equal(r.reason, 'inProgress');
    assert.match(r.message.text, /^A submission of this document is already in progress \(being checked\), so this Submit sent nothing/);
    assert.deepEqual(r.message.actions, ['showSubmission', 'showLog']);
    assert.equal(r.inProgress?.documentKey, doc.key, 'the VS Code layer can reveal the document being submitted');
    assert.equal(emu.state.requests.length, 1, 'one POST');
    assert.equal(emu.state.documents.length, 1);
    assert.equal(h.ui.duplicateSeen.length, 0, 'the second Submit did not even get to a question');
    await doc.close();
  });

  it('a second Submit while the first is being sent: nothing sent; once it ended, Submit works again (and asks)', async () => {
    const h = harness(emu);
    const doc = await LspDocument.open(server, documentText({ title: 'Double click' }));
    emu.addFaults(HOLD);
    const first = submitLsp(h, doc);
    await until(() => emu.state.requests.length === 1, 'the first request to reach the emulator');
    const r = refused(await submitLsp(h, doc));
    assert.equal(r.reason, 'inProgress');
    assert.match(r.message.text, /already in progress \(being sent\)/);
    const id = created(await first);
    assert.equal(emu.state.requests.length, 1);
    // Ended: the same document can be submitted again, and its record makes it ask first.
    h.ui.duplicateAnswer = false;
    assert.deepEqual(await submitLsp(h, doc), { kind: 'declined', question: 'duplicate' });
    assert.equal(h.ui.duplicateSeen[0]?.documentId, id);
    assert.equal(emu.state.requests.length, 1);
    await doc.close();
  });

  it('the same content from two files: one POST, and the message names the file being submitted', async () => {
    const h = harness(emu);
    const text = documentText({ title: 'Copied file' });
    const a = await LspDocument.open(server, text, 'original.clinikdoc.json');
    const b = await LspDocument.open(server, text, 'copy.clinikdoc.json');
    emu.addFaults(HOLD);
    const first = submitLsp(h, a);
    await until(() => emu.state.requests.length === 1, 'the first request to reach the emulator');
    const r = refused(await submitLsp(h, b));
    assert.equal(r.reason, 'inProgress');
    assert.match(r.message.text, /A submission of the same content \(from original\.clinikdoc\.json\) is already in progress/);
    assert.equal(r.inProgress?.documentKey, a.key);
    created(await first);
    assert.equal(emu.state.requests.length, 1);
    assert.equal(emu.state.documents.length, 1);
    await a.close();
    await b.close();
  });

  it('the same content from two files in the same moment: one POST', async () => {
    const h = harness(emu);
    const text = documentText({ title: 'Two files at once' });
    const a = await LspDocument.open(server, text);
    const b = await LspDocument.open(server, text);
    emu.addFaults(HOLD);
    const results = await Promise.all([submitLsp(h, a), submitLsp(h, b)]);
    assert.deepEqual(results.map((r) => (r.kind === 'refused' ? r.reason : r.kind)).sort(), ['inProgress', 'sent']);
    assert.equal(emu.state.requests.length, 1);
    assert.equal(emu.state.documents.length, 1);
    await a.close();
    await b.close();
  });

  it('different documents may be submitted side by side', async () => {
    const h = harness(emu);
    const a = await LspDocument.open(server, documentText({ title: 'Side A' }));
    const b = await LspDocument.open(server, documentText({ title: 'Side B' }));
    emu.addFaults(HOLD);
    const results = await Promise.all([submitLsp(h, a), submitLsp(h, b)]);
    for (const r of results) created(r);
    assert.equal(emu.state.documents.length, 2);
    await a.close();
    await b.close();
  });
});

describe('the record of a submission: "sent, outcome not known yet" before the request leaves', () => {
  it('is stored before the request leaves', async () => {
    const store = new MemoryStore();
    const h = harness(emu, store);
    const text = documentText({ title: 'Pending first' });
    const doc = await LspDocument.open(server, text);
    let atSend: SubmissionRecord[] | undefined;
    h.deps.post = (request) => {
      atSend = storedRecords(store);
      return postJson(request);
    };
    const id = created(await submitLsp(h, doc));
    assert.equal(atSend?.length, 1);
    assert.equal(atSend?.[0]?.state, 'sent', 'sent when the request left');
    assert.equal(atSend?.[0]?.documentId, undefined);
    assert.deepEqual(
      storedRecords(store).map((r) => [r.documentId, r.state]),
      [[id, 'created']],
      'the outcome moved it on',
    );
    await doc.close();
  });

  it('a window reloaded between send and outcome: its next Submit of that content asks first', async () => {
    const store = new MemoryStore();
    const before = harness(emu, store);
    const text = documentText({ title: 'Reloaded mid-request' });
    const doc = await LspDocument.open(server, text);
    emu.addFaults(HOLD);
    const first = submitLsp(before, doc);
    await until(() => emu.state.requests.length === 1, 'the first request to reach the emulator');

    // The reloaded window: new records over the same stored state, nothing in flight.
    const reloaded = harness(emu, store);
    reloaded.ui.duplicateAnswer = false;
    const again = await submitLsp(reloaded, doc);
    assert.deepEqual(again, { kind: 'declined', question: 'duplicate' });
    assert.equal(reloaded.ui.duplicateSeen.length, 1);
    assert.equal(reloaded.ui.duplicateSeen[0]?.state, 'sent');
    assert.equal(emu.state.requests.length, 1, 'nothing sent after the reload');

    // The request of the old window ends (as if it had, before the reload): one document.
    const id = created(await first);
    assert.equal(emu.state.documents.length, 1);
    const later = harness(emu, store);
    later.ui.duplicateAnswer = false;
    await submitLsp(later, doc);
    assert.equal(later.ui.duplicateSeen[0]?.documentId, id, 'the sent record moved on to created');
    await doc.close();
  });

  it('a window that never saw the end (a crash): the sent record stays, and the next Submit asks', async () => {
    const store = new MemoryStore();
    const crashed = harness(emu, store);
    const text = documentText({ title: 'Crashed mid-request' });
    const doc = await LspDocument.open(server, text);
    // The request leaves and the window dies before any answer: post never resolves.
    crashed.deps.post = () => new Promise(() => undefined);
    void submitLsp(crashed, doc);
    await until(() => storedRecords(store).some((r) => r.state === 'sent'), 'the sent record');
    const next = harness(emu, store);
    next.ui.duplicateAnswer = false;
    assert.deepEqual(await submitLsp(next, doc), { kind: 'declined', question: 'duplicate' });
    assert.equal(next.ui.questions[0], 'duplicate:pending');
    await doc.close();
  });

  it('a definite "nothing was created" is recorded as rejected and asks nothing; a created one still asks', async () => {
    const store = new MemoryStore();
    const h = harness(emu, store);
    const doc = await LspDocument.open(server, documentText({ title: 'Refused then' }));
    emu.addFaults({ kind: 'status', status: 400, body: { error: 'Bad Request', code: 'BAD_REQUEST', requestId: 'req_400' } });
    const r = await submitLsp(h, doc);
    assert.ok(r.kind === 'sent' && r.outcome.kind === 'rejected');
    assert.deepEqual(storedRecords(store).map((x) => x.state), ['rejected'], 'nothing was created');

    const id = created(await submitLsp(h, doc));
    assert.deepEqual(h.ui.questions, [], 'a rejected submission makes Submit ask nothing');
    // Submit Again (yes), refused by the server: the created record is still the one Submit asks about.
    emu.addFaults({ kind: 'rateLimited', retryAfter: null });
    const again = await submitLsp(h, doc);
    assert.ok(again.kind === 'sent' && again.outcome.kind === 'rateLimited');
    assert.deepEqual(
      storedRecords(store).map((x) => [x.documentId, x.state]),
      [[undefined, 'rejected'], [id, 'created'], [undefined, 'rejected']],
    );
    h.ui.duplicateAnswer = false;
    await submitLsp(h, doc);
    assert.equal(h.ui.duplicateSeen.at(-1)?.documentId, id, 'the created one is still what Submit asks about');
    await doc.close();
  });
});

describe('what is sent is what was checked', () => {
  it('an edit between the check and the send is checked again, and the re-checked text is what is sent', async () => {
    const h = harness(emu);
    const original = documentText({ title: 'Before the edit' });
    const edited = documentText({ title: 'After the edit' });
    const doc = await LspDocument.open(server, original);
    let once = false;
    doc.afterCheck = async () => {
      // Typing while the check was on its way: the answer is for the old version.
      if (once) return;
      once = true;
      await doc.edit(edited);
    };
    const id = created(await submitLsp(h, doc));
    assert.deepEqual(doc.checkedVersions, [1, 2], 'checked again after the edit');
    assert.equal(emu.state.requests.length, 1);
    assert.equal(emu.state.requests[0]?.bodySha256, sha(edited), 'what was sent is the re-checked text');
    assert.equal(emu.state.documents.find((d) => d.id === id)?.bodySha256, sha(edited));
    await doc.close();
  });

  it('an edit while a question is open that breaks the document: checked again, refused, nothing sent', async () => {
    const h = harness(emu);
    const doc = await LspDocument.open(server, documentText({ title: 'Broken while asked' }));
    h.ui.whileAsking = () => doc.edit(documentText({ title: 'Broken while asked', status: 'draft' }));
    const r = refused(await submitLsp(h, doc, { apiKey: LIVE_KEY }));
    assert.equal(r.reason, 'hasErrors');
    assert.deepEqual(doc.checkedVersions, [1, 2]);
    assert.equal(emu.state.requests.length, 0);
    await doc.close();
  });

  it('a changed patient while the live question is open: asked again, naming the new patient, and that is what is sent', async () => {
    const h = harness(emu);
    const first = documentText({ patientId: 'pat_OLD', title: 'Live, edited' });
    const second = documentText({ patientId: 'pat_NEW', title: 'Live, edited' });
    const doc = await LspDocument.open(server, first);
    h.ui.whileAsking = async () => {
      if (doc.text === first) await doc.edit(second);
    };
    created(await submitLsp(h, doc, { apiKey: LIVE_KEY }));
    assert.deepEqual(
      h.ui.liveSeen.map((f) => f.patientId),
      ['pat_OLD', 'pat_NEW'],
      'the question was asked again for the patient that is sent',
    );
    assert.equal(emu.state.requests[0]?.bodySha256, sha(second));
    await doc.close();
  });

  it('an edit that does not change patient or title: checked again, not asked again', async () => {
    const h = harness(emu);
    const first = documentText({ title: 'Live, typo fixed', date: '2025-01-15' });
    const second = documentText({ title: 'Live, typo fixed', date: '2025-01-16' });
    const doc = await LspDocument.open(server, first);
    h.ui.whileAsking = async () => {
      if (doc.text === first) await doc.edit(second);
    };
    created(await submitLsp(h, doc, { apiKey: LIVE_KEY }));
    assert.equal(h.ui.liveSeen.length, 1);
    assert.deepEqual(doc.checkedVersions, [1, 2]);
    assert.equal(emu.state.requests[0]?.bodySha256, sha(second));
    await doc.close();
  });

  it(`a document that keeps changing is checked ${MAX_CHECK_ROUNDS} times, then refused with the reason; nothing sent`, async () => {
    const h = harness(emu);
    const doc = await LspDocument.open(server, documentText({ title: 'Typing 0' }));
    let n = 0;
    doc.afterCheck = () => doc.edit(documentText({ title: `Typing ${++n}` }));
    const r = refused(await submitLsp(h, doc));
    assert.equal(r.reason, 'changed');
    assert.match(r.message.text, /kept changing while ClinikDoc checked it, so nothing was sent/);
    assert.equal(doc.checkedVersions.length, MAX_CHECK_ROUNDS);
    assert.equal(emu.state.requests.length, 0);
    await doc.close();
  });

  it('the answer for another version is not taken (the server is behind): checked again once it has the edit', async () => {
    const h = harness(emu);
    const doc = await LspDocument.open(server, documentText({ title: 'Server behind' }));
    // The editor is at a version the server has not seen yet (the language client's sync is in flight).
    const text = documentText({ title: 'Server behind, edited' });
    doc.text = text;
    doc.version = 2;
    doc.afterCheck = async () => {
      if (doc.checkedVersions.length === 1) await server.replace(doc.key, text);
    };
    created(await submitLsp(h, doc));
    assert.deepEqual(doc.checkedVersions, [2, 2]);
    assert.equal(emu.state.requests[0]?.bodySha256, sha(text));
    await doc.close();
  });
});

describe('duplicate keys block Submit', () => {
  it('refuses, naming the keys, with the quick fix one click away; nothing sent', async () => {
    const h = harness(emu);
    const text = documentText().replace('"patientId": "pat_ZQ-4471",', '"patientId": "pat_A",\n  "patientId": "pat_ZQ-4471",');
    assert.equal(JSON.parse(text).patientId, 'pat_ZQ-4471');
    const doc = await LspDocument.open(server, text);
    const r = refused(await submitLsp(h, doc, { apiKey: LIVE_KEY }));
    assert.equal(r.reason, 'duplicateKeys');
    assert.deepEqual(r.duplicateKeys, ['patientId']);
    assert.match(r.message.text, /^The document has a duplicate key: "patientId"\. The editor shows the first occurrence but ClinikAPI keeps only the last/);
    assert.match(r.message.text, /Nothing was sent\.$/);
    assert.deepEqual(r.message.actions, ['fixDuplicateKey', 'openProblems']);
    assert.equal(h.ui.liveSeen.length, 0, 'never gets to the live question');
    assert.equal(emu.state.requests.length, 0);
    await doc.close();
  });

  it('names up to five, then how many more', async () => {
    const h = harness(emu);
    const section = '{ "title": "A", "text": "x", "title": "B" }';
    const text = documentText().replace(/"sections": \[[\s\S]*\]/, `"sections": [${Array(7).fill(section).join(', ')}]`);
    const doc = await LspDocument.open(server, text);
    const r = refused(await submitLsp(h, doc));
    assert.equal(r.duplicateKeys?.length, 7);
    assert.match(r.message.text, /duplicate keys: "sections\[0\]\.title", .*"sections\[4\]\.title" and 2 more\./);
    await doc.close();
  });

  it('the live question names the patient and title of the check (JSON.parse reading)', async () => {
    const h = harness(emu);
    h.ui.liveAnswer = false;
    const checked = documentText({ patientId: 'pat_CHECKED', title: 'From the check' });
    const doc = await LspDocument.open(server, checked);
    assert.deepEqual(await submitLsp(h, doc, { apiKey: LIVE_KEY }), { kind: 'declined', question: 'live' });
    // With the text checked, the very bytes about to be sent, for the checks of the text against the patient.
    assert.deepEqual(h.ui.liveSeen, [{ patientId: 'pat_CHECKED', title: 'From the check', origin: new URL(emu.url).origin, text: checked }]);
    await doc.close();
  });
});
