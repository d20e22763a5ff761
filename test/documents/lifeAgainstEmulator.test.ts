// A document's life after Submit, against the emulator on 127.0.0.1: an unknown outcome
// resolved by a search, the same document filed from another machine, the amendment in place and
// the replacement — and no title, name or content in any log line or message.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { MemoryStore, ReceiptStore } from '../../client/src/record/receipts';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { documentsConnection } from '../../client/src/api/connection';
import { checkWhetherCreated } from '../../client/src/afterSubmit/createdCheck';
import { applyCheckResult } from '../../client/src/afterSubmit/resolveOutcome';
import { SubmissionHistory, type HistoryEntry } from '../../client/src/record/submissionHistory';
import { submissionEntry } from '../../client/src/afterSubmit/recordSubmission';
import { duplicateElsewhereQuestion } from '../../client/src/afterSubmit/duplicateElsewhere';
import type { ConfirmationPatient } from '../../client/src/submit/messages';
import { amendInPlace, sendUpdate, type AmendUi } from '../../client/src/afterSubmit/amendInPlace';
import { readDocument, type DocumentsConnection } from '../../client/src/api/documentsApi';
import { replacementEdits } from '../../client/src/afterSubmit/replacement';
import { CONTENT_MARKERS, LIVE_KEY, TEST_KEY, documentText, harness, withEmulator, type Harness } from '../submission/helpers';

const TITLE = 'Discharge summary for Zebulon Quixworth';
const FILE = 'file:///work/notes/discharge.clinikdoc.json';

let emu: Emulator;
before(async () => {
  // HTTPS: a live key is only ever sent over https (api/endpoint.ts).
  emu = await withEmulator({ https: true });
});
after(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

interface World {
  h: Harness;
  history: SubmissionHistory;
  receipts: ReceiptStore;
  logs: string[];
  messages: string[];
  conn(key?: string): DocumentsConnection;
}

function world(): World {
  const store = new MemoryStore();
  const h = harness(emu, store);
  const logs = h.logs;
  const receipts = h.deps.receipts;
  return {
    h,
    history: new SubmissionHistory(store),
    receipts,
    logs,
    messages: [],
    conn(key = TEST_KEY) {
      const c = documentsConnection({ apiKey: key, baseUrl: emu.url, timeoutSeconds: 5, userAgent: 'ClinikDoc/0.1.0', log: (l) => logs.push(l), transport: sendRequest });
      assert.ok(c.ok);
      return c.connection;
    },
  };
}

/** Submits as the command does: the flow, then the history entry. */
async function submit(w: World, text = documentText(), key = TEST_KEY): Promise<{ result: SubmitResult; entry?: HistoryEntry }> {
  const result = await submitDocument(w.h.request({ text, apiKey: key }), w.h.deps);
  const keyKind = key.startsWith('clk_live_') ? 'live' : 'test';
  if (result.kind === 'sent') assert.equal(result.sent.text, text, 'the flow reports exactly the text it sent');
  const data =
    result.kind === 'sent'
      ? submissionEntry(result, {
          file: FILE,
          sentAt: result.sent.at,
          now: new Date(),
          origin: new URL(emu.url).origin,
          keyKind,
          fingerprint: await w.receipts.fingerprint(new URL(emu.url).origin, keyKind, result.sent.text),
        })
      : undefined;
  if (result.kind === 'sent') w.messages.push(result.message.text);
  return { result, entry: data ? await w.history.add(data) : undefined };
}

function assertNothingLeaked(w: World): void {
  for (const t of [...w.logs, ...w.messages]) {
    for (const m of [...CONTENT_MARKERS, TITLE, 'Zebulon', TEST_KEY, LIVE_KEY]) assert.ok(!t.includes(m), `"${m}" leaked into: ${t}`);
  }
}

const hhmm = (iso: string) => iso.slice(11, 16);

describe('Check whether it was created', () => {
  it('after a reset after-create, finds the document, marks the entry created and links the file to it', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'after-create' });
    const { entry } = await submit(w);
    assert.equal(entry?.outcome, 'mayExist');
    assert.equal(emu.state.documents.length, 1, 'the server did create it');
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry!.sentAt), knownIds: w.history.knownDocumentIds(entry!.key) });
    assert.equal(result.kind, 'created');
    assert.ok(result.kind === 'created' && result.id === emu.state.documents[0].id);
    const message = await applyCheckResult(result, entry!, w, hhmm);
    w.messages.push(message.text);
    assert.match(message.text, new RegExp(`^It was created: ${emu.state.documents[0].id} \\(at \\d\\d:\\d\\d\\)`));
    assert.equal(w.history.get(entry!.key)?.outcome, 'created');
    assert.equal(w.history.linkedDocument(FILE)?.documentId, emu.state.documents[0].id);
    assert.equal(w.receipts.find(entry!.fingerprint!)?.id, emu.state.documents[0].id, 'Submit now knows this content exists');
    assert.equal(emu.state.requests.length, 1, 'nothing was resent');
    assert.deepEqual(emu.state.reads, { '/v1/documents': 1 }, 'one search');
    assertNothingLeaked(w);
  });

  it('after a reset before-create, reports none and offers Submit — and resends nothing', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    // A reset before the server read the body may still count as "sent" on our side.
    assert.ok(entry && (entry.outcome === 'mayExist' || entry.outcome === 'failed'));
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry.sentAt) });
    assert.deepEqual(result, { kind: 'none', complete: true });
    const message = await applyCheckResult(result, entry, w, hhmm);
    w.messages.push(message.text);
    assert.equal(message.text, 'No such document was found: submitting again is safe.');
    assert.deepEqual(message.actions, ['submit']);
    assert.equal(w.history.get(entry.key)?.outcome, 'notCreated');
    assert.equal(emu.state.documents.length, 0);
    assert.equal(emu.state.requests.length, 1);
    // Safe, as it says: the next Submit of the same content does not ask "it may already exist".
    const again = await submit(w);
    assert.equal(again.entry?.outcome, 'created');
    assert.deepEqual(w.h.ui.duplicateSeen, []);
    assertNothingLeaked(w);
  });

  it('does not take a same-looking document of another patient, or one this machine already knows, for it', async () => {
    const w = world();
    const { entry: first } = await submit(w);
    assert.equal(first?.outcome, 'created');
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry!.sentAt), knownIds: w.history.knownDocumentIds(entry!.key) });
    assert.equal(result.kind, 'none', 'the earlier document is the earlier submission’s');
    const other = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText({ patientId: 'pat_321' })), sentAt: new Date(entry!.sentAt) });
    assert.equal(other.kind, 'none');
  });
});

describe('the same document filed from another machine', () => {
  it('asks before a live submission when a same-titled document of today exists', async () => {
    const colleague = world();
    const { entry } = await submit(colleague, documentText(), LIVE_KEY);
    assert.equal(entry?.outcome, 'created');

    const w = world();
    const questions: string[] = [];
    let answer = false;
    w.h.deps.beforeSend = async ({ text, keyKind }) => {
      const q = await duplicateElsewhereQuestion(w.conn(LIVE_KEY), { body: JSON.parse(text), keyKind, setting: 'liveKeys', formatTime: hhmm });
      if (!q) return true;
      questions.push(q.text);
      return answer;
    };
    const declined = await submitDocument(w.h.request({ apiKey: LIVE_KEY }), w.h.deps);
    assert.deepEqual(declined, { kind: 'declined', question: 'elsewhere' });
    assert.equal(questions.length, 1);
    assert.match(questions[0], new RegExp(`^Patient pat_ZQ-4471 already has a "${TITLE}" from today, \\d\\d:\\d\\d \\(${entry!.documentId}\\): submit another\\?$`));
    assert.equal(emu.state.documents.length, 1, 'nothing sent when declined');
    assert.equal(emu.state.reads['/v1/documents'], 1, 'one search');
    assert.equal(w.h.ui.liveSeen.length, 0, 'the live confirmation comes after');

    answer = true;
    const r = await submitDocument(w.h.request({ apiKey: LIVE_KEY }), w.h.deps);
    assert.equal(r.kind === 'sent' && r.outcome.kind, 'created');
    assert.equal(emu.state.documents.length, 2, 'created once the user said so');
    assertNothingLeaked(w);
  });

  it('names the patient as ClinikAPI knows them, asking who they are only when there is a question', async () => {
    const colleague = world();
    await submit(colleague, documentText(), LIVE_KEY);
    const w = world();
    const asked: string[] = [];
    const patient = async (patientId: string): Promise<ConfirmationPatient> => {
      asked.push(patientId);
      return { kind: 'resolved', name: 'Jane Doe', birthDate: '1990-03-15' };
    };
    const body = JSON.parse(documentText());
    const q = await duplicateElsewhereQuestion(w.conn(LIVE_KEY), { body, keyKind: 'live', setting: 'liveKeys', formatTime: hhmm, patient });
    assert.match(q?.text ?? '', new RegExp(`^Jane Doe \\(born 1990-03-15, pat_ZQ-4471\\) already has a "${TITLE}" from today, \\d\\d:\\d\\d \\([^)]+\\): submit another\\?$`));
    assert.deepEqual(asked, ['pat_ZQ-4471'], 'the id in the body that is sent');
    assert.equal(await duplicateElsewhereQuestion(w.conn(LIVE_KEY), { body: { ...body, title: 'Another title' }, keyKind: 'live', setting: 'liveKeys', formatTime: hhmm, patient }), undefined);
    assert.deepEqual(asked, ['pat_ZQ-4471'], 'no question, so nothing asked about the patient');
    const unknown = await duplicateElsewhereQuestion(w.conn(LIVE_KEY), { body, keyKind: 'live', setting: 'liveKeys', formatTime: hhmm, patient: async () => ({ kind: 'notResolved', why: 'ClinikAPI did not answer.' }) });
    assert.match(unknown?.text ?? '', /^Patient pat_ZQ-4471 already has/, 'the id alone when ClinikAPI did not say who it is');
  });

  it('asks nothing for another title, and searches nothing with a test key unless the setting says so', async () => {
    const w = world();
    await submit(w, documentText(), TEST_KEY);
    const body = JSON.parse(documentText());
    assert.equal(await duplicateElsewhereQuestion(w.conn(), { body: { ...body, title: 'Another title' }, keyKind: 'live', setting: 'liveKeys', formatTime: hhmm }), undefined);
    const reads = emu.state.reads['/v1/documents'];
    assert.equal(await duplicateElsewhereQuestion(w.conn(), { body, keyKind: 'test', setting: 'liveKeys', formatTime: hhmm }), undefined);
    assert.equal(await duplicateElsewhereQuestion(w.conn(), { body, keyKind: 'live', setting: 'off', formatTime: hhmm }), undefined);
    assert.equal(emu.state.reads['/v1/documents'], reads, 'no search for a test key by default, none when off');
    const asked = await duplicateElsewhereQuestion(w.conn(), { body, keyKind: 'test', setting: 'allKeys', formatTime: hhmm });
    assert.equal(asked?.kind, 'found');
  });

  it('asks, saying why, when the search itself fails', async () => {
    const w = world();
    emu.addFaults({ kind: 'status', status: 503, on: 'read' });
    const q = await duplicateElsewhereQuestion(w.conn(LIVE_KEY), { body: JSON.parse(documentText()), keyKind: 'live', setting: 'liveKeys', formatTime: hhmm });
    assert.equal(q?.kind, 'unchecked');
    assert.match(q!.text, /could not look .* 503 .*Submit anyway\?$/);
  });
});

describe('Amend Submitted Document', () => {
  const ui = (answer = true): AmendUi & { asked: unknown[] } => {
    const asked: unknown[] = [];
    return {
      asked,
      confirmUpdate: async (q) => (asked.push(q), answer),
      withProgress: (task) => task(new AbortController().signal),
    };
  };

  it('in place: one PATCH with only the changed fields and status amended', async () => {
    const w = world();
    const { entry } = await submit(w);
    const changed = documentText({ title: 'Discharge summary (corrected)' });
    const u = ui();
    const origin = new URL(emu.url).origin;
    const r = await amendInPlace(w.conn(), { file: FILE, text: changed, errorCount: 0, linked: entry!, keyKind: 'test', origin }, u, w.history);
    assert.equal(r.kind, 'updated');
    w.messages.push((r as { text: string }).text);
    assert.deepEqual(u.asked, [{ id: entry!.documentId, changed: ['title', 'status'], live: false, cannotRemove: [] }]);
    assert.deepEqual(emu.state.updates.map((x) => [x.fields.sort(), x.status]), [[['status', 'title'], 200]], 'one PATCH, two fields');
    const copy = await readDocument(w.conn(), entry!.documentId!);
    assert.ok(copy.kind === 'ok');
    assert.equal(copy.value.status, 'amended');
    assert.equal(copy.value.title, 'Discharge summary (corrected)');
    assert.equal(w.history.linkedDocument(FILE)?.outcome, 'updated');
    assertNothingLeaked(w);
  });

  it('refuses a document with errors or unchecked, and sends nothing when declined', async () => {
    const w = world();
    const { entry } = await submit(w);
    const origin = new URL(emu.url).origin;
    const base = { file: FILE, text: documentText({ title: 'x' }), linked: entry!, keyKind: 'test' as const, origin };
    assert.equal((await amendInPlace(w.conn(), { ...base, errorCount: undefined }, ui(), w.history)).kind, 'refused');
    assert.equal((await amendInPlace(w.conn(), { ...base, errorCount: 2 }, ui(), w.history)).kind, 'refused');
    assert.equal((await amendInPlace(w.conn(), { ...base, errorCount: 0, keyKind: 'live' }, ui(), w.history)).kind, 'refused', 'another datastore');
    assert.equal((await amendInPlace(w.conn(), { ...base, errorCount: 0 }, ui(false), w.history)).kind, 'declined');
    assert.equal(emu.state.updates.length, 0);
  });

  it('after a reset after-update, says it may have been applied and resends only when asked (the same body)', async () => {
    const w = world();
    const { entry } = await submit(w);
    emu.addFaults({ kind: 'reset', phase: 'after-update', on: 'update' });
    const origin = new URL(emu.url).origin;
    const r = await amendInPlace(w.conn(), { file: FILE, text: documentText({ title: 'Corrected' }), errorCount: 0, linked: entry!, keyKind: 'test', origin }, ui(), w.history);
    assert.equal(r.kind, 'unknown');
    assert.equal(emu.state.updates.length, 1, 'not resent by itself');
    assert.ok(r.kind === 'unknown');
    const again = await sendUpdate(w.conn(), { file: FILE, keyKind: 'test', origin }, r.id, r.update, ['title', 'status'], ui(), w.history);
    assert.equal(again.kind, 'updated');
    assert.deepEqual(emu.state.updates.map((x) => x.fields.sort()), [['status', 'title'], ['status', 'title']]);
  });

  it('a replacement carries relatesTo replaces and status amended, and is submitted like any other', async () => {
    const w = world();
    const { entry } = await submit(w);
    const text = documentText({ title: 'Discharge summary (replacement)' });
    const edits = replacementEdits(text, entry!.documentId!);
    assert.ok(Array.isArray(edits));
    let replacement = text;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) replacement = replacement.slice(0, e.offset) + e.content + replacement.slice(e.offset + e.length);
    const { entry: second } = await submit(w, replacement);
    assert.equal(second?.outcome, 'created');
    const copy = await readDocument(w.conn(), second!.documentId!);
    assert.ok(copy.kind === 'ok');
    assert.equal(copy.value.status, 'amended');
    assert.deepEqual(copy.value.relatesTo, [{ code: 'replaces', targetReference: { reference: `Composition/${entry!.documentId}` } }]);
    assert.equal(w.history.linkedDocument(FILE)?.documentId, second!.documentId, 'the file now stands for the replacement');
    assertNothingLeaked(w);
  });
});
