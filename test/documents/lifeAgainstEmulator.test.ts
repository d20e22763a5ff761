// A document's life after Submit, against the emulator on 127.0.0.1: an unknown outcome
// resolved by a search, the same document filed from another machine, the amendment in place and
// the replacement — and no title, name or content in any log line or message.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { settleTime, type SubmissionRecord, type SubmissionRecords } from '../../client/src/record/submissionRecords';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { documentsConnection } from '../../client/src/api/connection';
import { checkWhetherCreated } from '../../client/src/afterSubmit/createdCheck';
import { applyCheckResult } from '../../client/src/afterSubmit/resolveOutcome';
import { duplicateElsewhereQuestion } from '../../client/src/afterSubmit/duplicateElsewhere';
import type { ConfirmationPatient } from '../../client/src/submit/messages';
import { amendInPlace, retryUpdate, type AmendUi } from '../../client/src/afterSubmit/amendInPlace';
import { readDocument, type DocumentsConnection } from '../../client/src/api/documentsApi';
import { replacementEdits } from '../../client/src/afterSubmit/replacement';
import { CONTENT_MARKERS, LIVE_KEY, MemoryDocument, TEST_KEY, documentText, harness, until, withEmulator, type Harness } from '../submission/helpers';

const TITLE = 'Discharge summary for Zebulon Quixworth';
const FILE = 'file:///tmp/clinikdoc-submission/discharge.clinikdoc.json';

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
  history: SubmissionRecords;
  records: SubmissionRecords;
  logs: string[];
  messages: string[];
  conn(key?: string): DocumentsConnection;
}

function world(): World {
  const store = new MemoryStore();
  const h = harness(emu, store);
  const logs = h.logs;
  return {
    h,
    history: h.deps.records,
    records: h.deps.records,
    logs,
    messages: [],
    conn(key = TEST_KEY) {
      const c = documentsConnection({ apiKey: key, baseUrl: emu.url, timeoutSeconds: 5, userAgent: 'ClinikDoc/0.1.0', log: (l) => logs.push(l), transport: sendRequest });
      assert.ok(c.ok);
      return c.connection;
    },
  };
}

let versions = 0;

/** Submits as the command does: the flow, which writes the submission's record. Always the same file (FILE), each time a new version of it. */
async function submit(w: World, text = documentText(), key = TEST_KEY): Promise<{ result: SubmitResult; entry?: SubmissionRecord }> {
  const document = new MemoryDocument(text, 'discharge.clinikdoc.json');
  document.version = ++versions;
  const result = await submitDocument(w.h.request({ document, apiKey: key }), w.h.deps);
  if (result.kind === 'sent') assert.equal(result.sent.text, text, 'the flow reports exactly the text it sent');
  if (result.kind === 'sent') w.messages.push(result.message.text);
  return { result, entry: result.kind === 'sent' ? result.record : undefined };
}

/** The context a check applies its result in: now (or a later moment, to stand for the time passed). */
function checkContext(w: World, now = new Date()) {
  return { records: w.records, now, formatTime: hhmm, searched: "the patient's discharge-summary documents" };
}

function assertNothingLeaked(w: World): void {
  for (const t of [...w.logs, ...w.messages]) {
    for (const m of [...CONTENT_MARKERS, TITLE, 'Zebulon', TEST_KEY, LIVE_KEY]) assert.ok(!t.includes(m), `"${m}" leaked into: ${t}`);
  }
}

const hhmm = (iso: string) => iso.slice(11, 16);

describe('Check whether it was created', () => {
  it('after a reset after-create, finds the document: the record is found, the file linked, and Submit asks', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'after-create' });
    const { entry } = await submit(w);
    assert.equal(entry?.state, 'unknown');
    assert.equal(emu.state.documents.length, 1, 'the server did create it');
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry!.sentAt!), knownIds: w.history.knownDocumentIds(entry!.key) });
    assert.equal(result.kind, 'created');
    assert.ok(result.kind === 'created' && result.id === emu.state.documents[0].id);
    const message = await applyCheckResult(result, entry!, checkContext(w));
    w.messages.push(message.text);
    assert.match(message.text, new RegExp(`^It was created: ${emu.state.documents[0].id} \\(at \\d\\d:\\d\\d\\)`));
    assert.equal(w.history.get(entry!.key)?.state, 'found');
    assert.equal(w.history.linkedDocument(FILE)?.documentId, emu.state.documents[0].id);
    assert.equal(w.records.blocking(entry!.fingerprint!, new Date())[0]?.documentId, emu.state.documents[0].id, 'Submit now knows this content exists');
    assert.equal(emu.state.requests.length, 1, 'nothing was resent');
    assert.deepEqual(emu.state.reads, { '/v1/documents': 1 }, 'one search');
    assertNothingLeaked(w);
  });

  it('nothing found before the submission settled is "not found yet": no Submit offered, and Submit still asks', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    assert.ok(entry && (entry.state === 'unknown' || entry.state === 'rejected'));
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry.sentAt!) });
    assert.deepEqual(result, { kind: 'none', complete: true });
    const message = await applyCheckResult(result, entry, checkContext(w));
    w.messages.push(message.text);
    assert.match(message.text, /^Not found yet\. ClinikDoc searched the patient's discharge-summary documents at \d\d:\d\d and found no such document, but that proves nothing yet: ClinikAPI's search lags behind creates/);
    assert.match(message.text, /Do not submit it again yet\. ClinikDoc will look again at \d\d:\d\d\.$/);
    assert.deepEqual(message.actions, [], 'Submit is not offered as safe');
    assert.ok(message.lookAgainAt && message.lookAgainAt.getTime() === Date.parse(entry.settleAt!));
    assert.equal(w.history.get(entry.key)?.state, 'notFoundYet');
    w.h.ui.duplicateAnswer = false;
    assert.deepEqual((await submit(w)).result, { kind: 'declined', question: 'duplicate' });
    assert.deepEqual(w.h.ui.questions, ['duplicate:uncertain'], 'Submit asks first: it may still exist');
    assert.equal(emu.state.requests.length, 1);
    assertNothingLeaked(w);
  });

  it('a record left sent by a window that never saw the end: checked at once, it is "not found yet", never "safe"', async () => {
    const w = world();
    // The request leaves and the window dies before any answer: post never resolves.
    w.h.deps.post = () => new Promise(() => undefined);
    void submit(w);
    await until(() => w.records.entries().some((r) => r.state === 'sent'), 'the sent record');
    const sent = w.records.entries().find((r) => r.state === 'sent')!;
    assert.equal(sent.settleAt, settleTime(new Date(sent.sentAt!), 5).toISOString(), 'its settle time is written as it leaves');
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(sent.sentAt!) });
    assert.deepEqual(result, { kind: 'none', complete: true });
    const message = await applyCheckResult(result, sent, checkContext(w));
    assert.match(message.text, /^Not found yet\./);
    assert.deepEqual(message.actions, []);
    assert.equal(w.records.get(sent.key)?.state, 'notFoundYet');
  });

  it('nothing found by a search after the settle time: not created, Submit offered, and the next Submit asks nothing', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    assert.ok(entry?.state === 'unknown' && entry.settleAt);
    assert.equal(entry.settleAt, settleTime(new Date(entry.sentAt!), 5).toISOString(), 'the default settle time, from when the request left');
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry.sentAt!) });
    // The search stands for one made once the submission has settled.
    const message = await applyCheckResult(result, entry, checkContext(w, new Date(Date.parse(entry.settleAt) + 1000)));
    w.messages.push(message.text);
    assert.match(message.text, /^Not created\. ClinikDoc searched the patient's discharge-summary documents at \d\d:\d\d, after the submission had settled \(\d\d:\d\d: ClinikAPI can no longer be working on it, and search has caught up with creates\), and found no such document\. Submitting again is safe\.$/);
    assert.deepEqual(message.actions, ['submit']);
    assert.equal(w.history.get(entry.key)?.state, 'settled');
    assert.equal(emu.state.documents.length, 0);
    const again = await submit(w);
    assert.equal(again.entry?.state, 'created');
    assert.deepEqual(w.h.ui.duplicateSeen, [], 'safe, as it said: the settled record asks nothing');
    assertNothingLeaked(w);
  });

  it('a create that lands after the client gave up, behind a lagging search: not found yet, then found — one document', async () => {
    const lagging = await withEmulator({ searchLagMs: 1500 });
    try {
      const w = world();
      w.h.request = ((orig) => (o) => ({ ...orig(o), baseUrl: lagging.url, timeoutSeconds: 1 }))(w.h.request);
      const conn = documentsConnection({ apiKey: TEST_KEY, baseUrl: lagging.url, timeoutSeconds: 5, userAgent: 'ClinikDoc/0.1.0', log: (l) => w.logs.push(l), transport: sendRequest });
      assert.ok(conn.ok);
      // The server takes 1.8 s, the client gives up after 1 s: the create still lands.
      lagging.addFaults({ kind: 'delay', ms: 1800 });
      const { entry } = await submit(w);
      assert.equal(entry?.state, 'unknown');
      const body = JSON.parse(documentText());
      // Right after the timeout: nothing created yet, nothing in search.
      const first = await applyCheckResult(await checkWhetherCreated(conn.connection, { body, sentAt: new Date(entry!.sentAt!) }), entry!, checkContext(w));
      assert.match(first.text, /^Not found yet\./);
      assert.deepEqual(first.actions, []);
      await until(() => lagging.state.documents.length === 1, 'the create that landed after the client gave up', 5000);
      // Created, but not in search until the lag has passed: still "not found yet".
      const second = await applyCheckResult(await checkWhetherCreated(conn.connection, { body, sentAt: new Date(entry!.sentAt!) }), w.records.get(entry!.key)!, checkContext(w));
      assert.match(second.text, /^Not found yet\./);
      const visibleAt = Date.parse(lagging.state.documents[0]!.createdAt) + 1500;
      await until(() => Date.now() > visibleAt, 'the search lag to pass', 5000);
      const third = await applyCheckResult(await checkWhetherCreated(conn.connection, { body, sentAt: new Date(entry!.sentAt!) }), w.records.get(entry!.key)!, checkContext(w));
      assert.match(third.text, new RegExp(`^It was created: ${lagging.state.documents[0]!.id}`));
      assert.equal(w.records.get(entry!.key)?.searches, 3);
      w.h.ui.duplicateAnswer = false;
      assert.deepEqual((await submit(w)).result, { kind: 'declined', question: 'duplicate' });
      assert.equal(w.h.ui.duplicateSeen.at(-1)?.documentId, lagging.state.documents[0]!.id, 'Submit names the document it found');
      assert.equal(lagging.state.documents.length, 1, 'created exactly once');
    } finally {
      await lagging.close();
    }
  });

  it('a check that runs while a new Submit of the same content asks its question leaves that Submit’s claim alone', async () => {
    const w = world();
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    assert.equal(entry?.state, 'unknown');
    // The new Submit asks (the earlier one may exist); while its question is open, the earlier one is checked and settles.
    w.h.ui.whileAsking = async () => {
      w.h.ui.whileAsking = undefined;
      const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry!.sentAt!) });
      await applyCheckResult(result, w.records.get(entry!.key)!, checkContext(w, new Date(Date.parse(entry!.settleAt!) + 1000)));
    };
    const again = await submit(w);
    assert.equal(again.entry?.state, 'created', 'the Submit went on, its record intact');
    assert.deepEqual(w.records.entries().map((r) => r.state), ['settled', 'created']);
    w.h.ui.duplicateAnswer = false;
    assert.deepEqual((await submit(w)).result, { kind: 'declined', question: 'duplicate' }, 'and the next Submit asks about it');
    assert.equal(emu.state.documents.length, 1);
  });

  it('does not take a same-looking document of another patient, or one this machine already knows, for it', async () => {
    const w = world();
    const { entry: first } = await submit(w);
    assert.equal(first?.state, 'created');
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    const { entry } = await submit(w);
    const result = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText()), sentAt: new Date(entry!.sentAt!), knownIds: w.history.knownDocumentIds(entry!.key) });
    assert.equal(result.kind, 'none', 'the earlier document is the earlier submission’s');
    const other = await checkWhetherCreated(w.conn(), { body: JSON.parse(documentText({ patientId: 'pat_321' })), sentAt: new Date(entry!.sentAt!) });
    assert.equal(other.kind, 'none');
  });
});

describe('the same document filed from another machine', () => {
  it('asks before a live submission when a same-titled document of today exists', async () => {
    const colleague = world();
    const { entry } = await submit(colleague, documentText(), LIVE_KEY);
    assert.equal(entry?.state, 'created');

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
    assert.equal(w.history.linkedDocument(FILE)?.state, 'updated');
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
    const again = await retryUpdate(w.conn(), { file: FILE, keyKind: 'test', origin }, r, ui(), w.history);
    assert.equal(again.kind, 'updated');
    assert.deepEqual(emu.state.updates.map((x) => x.fields.sort()), [['status', 'title'], ['status', 'title']]);
  });

  it('in place: sends the update as the official SDK does, the object under application/json-patch+json', async () => {
    const w = world();
    const { entry } = await submit(w);
    const origin = new URL(emu.url).origin;
    const r = await amendInPlace(w.conn(), { file: FILE, text: documentText({ title: 'Corrected' }), errorCount: 0, linked: entry!, keyKind: 'test', origin }, ui(), w.history);
    assert.equal(r.kind, 'updated', (r as { text?: string }).text);
    assert.deepEqual(emu.state.updates.map((x) => [x.contentType, x.status]), [['application/json-patch+json', 200]]);
  });

  it('refuses a changed patient, naming the field and the way that works, and sends nothing', async () => {
    const w = world();
    const { entry } = await submit(w);
    const id = entry!.documentId!;
    const origin = new URL(emu.url).origin;
    const u = ui();
    const r = await amendInPlace(w.conn(), { file: FILE, text: documentText({ patientId: 'pat_second' }), errorCount: 0, linked: entry!, keyKind: 'test', origin }, u, w.history);
    assert.equal(r.kind, 'cannotUpdate');
    assert.ok(r.kind === 'cannotUpdate', `refused, not ${r.kind}`);
    w.messages.push(r.text);
    assert.match(r.text, new RegExp(`^${id} was not updated: patientId differs: pat_ZQ-4471 in ClinikAPI, pat_second in the file; ClinikAPI cannot move a document to another patient\\. Nothing was sent\\.`));
    assert.match(r.text, /submit this file as a new document for pat_second\./);
    assert.match(r.text, new RegExp(`${id} stays in ClinikAPI under pat_ZQ-4471, with this document's content, until it is deleted there: .*no "entered in error", so no update can mark it as filed under the wrong patient\\.$`));
    assert.deepEqual(r.wrongPatient, { server: 'pat_ZQ-4471', local: 'pat_second' });
    // The message names the ids the person must act on (as the live question does), never the title or the text.
    for (const m of [TITLE, 'Acute appendicitis']) assert.ok(!r.text.includes(m), m);
    w.messages.pop();
    assert.deepEqual(u.asked, [], 'no question: there is nothing it could send');
    assert.deepEqual(emu.state.updates, [], 'no PATCH');
    const copy = await readDocument(w.conn(), id);
    assert.ok(copy.kind === 'ok', 'read back');
    assert.deepEqual(copy.value.subject, { reference: 'Patient/pat_ZQ-4471' });
    assert.equal(w.history.linkedDocument(FILE)?.state, 'created', 'no "amended in place" in the history');
    assertNothingLeaked(w);

    // The way out: the file submitted as a new document, for the right patient; the wrong one stays.
    const { entry: second } = await submit(w, documentText({ patientId: 'pat_second' }));
    assert.equal(second?.state, 'created');
    const created = await readDocument(w.conn(), second!.documentId!);
    assert.ok(created.kind === 'ok', 'the new document read back');
    assert.deepEqual(created.value.subject, { reference: 'Patient/pat_second' });
    assert.equal(created.value.relatesTo, undefined, 'not a replacement of a document filed under another patient');
    assert.equal(w.history.linkedDocument(FILE)?.documentId, second!.documentId);
    assert.equal((await readDocument(w.conn(), id)).kind, 'ok', 'the wrong one is still there until it is dealt with');
  });

  it('refuses a changed type or date (outside the update) and offers a replacement, the other changes not sent either', async () => {
    const w = world();
    const { entry } = await submit(w);
    const origin = new URL(emu.url).origin;
    const r = await amendInPlace(
      w.conn(),
      { file: FILE, text: documentText({ type: 'referral-letter', title: 'Corrected title' }), errorCount: 0, linked: entry!, keyKind: 'test', origin },
      ui(),
      w.history,
    );
    assert.ok(r.kind === 'cannotUpdate', `refused, not ${r.kind}`);
    assert.equal(r.wrongPatient, undefined);
    assert.match(r.text, /type differs: discharge-summary in ClinikAPI, referral-letter in the file; an update in place can change only status, title, sections, confidentiality, attester, not type\. Nothing was sent\./);
    assert.match(r.text, /File a replacement/);
    assert.deepEqual(emu.state.updates, []);
  });

  it('stops when the document changed in ClinikAPI between the comparison and the PATCH (meta.versionId)', async () => {
    const w = world();
    const { entry } = await submit(w);
    const id = entry!.documentId!;
    const origin = new URL(emu.url).origin;
    const u: AmendUi = {
      // While the question is open, someone else changes the document (another window, another system).
      confirmUpdate: async () => {
        const other = await fetch(`${emu.url}/v1/documents/${id}`, {
          method: 'PATCH',
          headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json-patch+json' },
          body: JSON.stringify({ confidentiality: 'R' }),
        });
        assert.equal(other.status, 200);
        return true;
      },
      withProgress: (task) => task(new AbortController().signal),
    };
    const r = await amendInPlace(w.conn(), { file: FILE, text: documentText({ title: 'Corrected' }), errorCount: 0, linked: entry!, keyKind: 'test', origin }, u, w.history);
    assert.equal(r.kind, 'changedSinceCompared');
    assert.match((r as { text: string }).text, new RegExp(`^${id} changed in ClinikAPI since ClinikDoc compared it with the file \\(version 1 then, 2 now\\), so nothing was sent`));
    assert.deepEqual(emu.state.updates.map((x) => x.fields), [['confidentiality']], 'only the other change');
    const copy = await readDocument(w.conn(), id);
    assert.ok(copy.kind === 'ok' && copy.value.title === TITLE && copy.value.confidentiality === 'R', 'the other change kept, this one not made');
  });

  it('a 409 says the document was changed elsewhere; a 415 or a 400 says what ClinikAPI could not take', async () => {
    const w = world();
    const { entry } = await submit(w);
    const origin = new URL(emu.url).origin;
    const request = { file: FILE, text: documentText({ title: 'Corrected' }), errorCount: 0, linked: entry!, keyKind: 'test' as const, origin };
    emu.addFaults({ kind: 'status', status: 409, on: 'update', body: { error: 'Conflict', code: 'VERSION_CONFLICT', requestId: 'req_409' } });
    const conflict = await amendInPlace(w.conn(), request, ui(), w.history);
    assert.ok(conflict.kind === 'failed', `failed, not ${conflict.kind}`);
    assert.equal(conflict.compareAgain, true);
    assert.match(conflict.text, /409 Conflict while updating .*: the document was changed elsewhere in the meantime, so ClinikAPI did not apply this\. Request id: req_409\. Nothing was changed\. Compare with Submitted/);

    emu.addFaults({ kind: 'status', status: 415, on: 'update', body: { error: 'Unsupported Media Type', code: 'UNSUPPORTED_MEDIA_TYPE', requestId: 'req_415' } });
    const media = await amendInPlace(w.conn(), request, ui(), w.history);
    assert.ok(media.kind === 'failed', `failed, not ${media.kind}`);
    assert.match(media.text, /does not take the request's content type \(415 UNSUPPORTED_MEDIA_TYPE\) while updating .*as the official SDK does \(application\/json-patch\+json\)\. Request id: req_415\. Nothing was changed\.$/);

    emu.addFaults({ kind: 'status', status: 400, on: 'update', body: { error: 'Bad Request', code: 'INVALID_JSON', requestId: 'req_400' } });
    const bad = await amendInPlace(w.conn(), request, ui(), w.history);
    assert.ok(bad.kind === 'failed', `failed, not ${bad.kind}`);
    assert.match(bad.text, /could not read the request \(400 INVALID_JSON\) while updating .*Nothing was changed\.$/);
    assert.equal(emu.state.documents.length, 1);
    const copy = await readDocument(w.conn(), entry!.documentId!);
    assert.ok(copy.kind === 'ok' && copy.value.title === TITLE, 'nothing applied');
    assertNothingLeaked(w);
  });

  it('a retry after a lost answer stops when someone else changed the document meanwhile', async () => {
    const w = world();
    const { entry } = await submit(w);
    const id = entry!.documentId!;
    emu.addFaults({ kind: 'reset', phase: 'before-update', on: 'update' });
    const origin = new URL(emu.url).origin;
    const r = await amendInPlace(w.conn(), { file: FILE, text: documentText({ title: 'Corrected' }), errorCount: 0, linked: entry!, keyKind: 'test', origin }, ui(), w.history);
    assert.ok(r.kind === 'unknown', r.kind);
    const other = await fetch(`${emu.url}/v1/documents/${id}`, {
      method: 'PATCH',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify({ title: 'Someone else’s title' }),
    });
    assert.equal(other.status, 200);
    const again = await retryUpdate(w.conn(), { file: FILE, keyKind: 'test', origin }, r, ui(), w.history);
    assert.equal(again.kind, 'changedSinceCompared');
    assert.deepEqual(emu.state.updates.map((x) => [x.fields, x.status]), [[['title'], 200]], 'only the other one: the lost one was never applied, and not resent');
  });

  it('a replacement carries relatesTo replaces and status amended, and is submitted like any other', async () => {
    const w = world();
    const { entry } = await submit(w);
    const text = documentText({ title: 'Discharge summary (replacement)' });
    const edits = replacementEdits(text, entry!.documentId!);
    assert.ok(Array.isArray(edits));
    let replacement = text;
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) replacement = replacement.slice(0, e.offset) + e.content + replacement.slice(e.offset + e.length);
    const { entry: second, result: secondResult } = await submit(w, replacement);
    assert.equal(second?.state, 'created', JSON.stringify(secondResult));
    const copy = await readDocument(w.conn(), second!.documentId!);
    assert.ok(copy.kind === 'ok');
    assert.equal(copy.value.status, 'amended');
    assert.deepEqual(copy.value.relatesTo, [{ code: 'replaces', targetReference: { reference: `Composition/${entry!.documentId}` } }]);
    assert.equal(w.history.linkedDocument(FILE)?.documentId, second!.documentId, 'the file now stands for the replacement');
    assertNothingLeaked(w);
  });
});
