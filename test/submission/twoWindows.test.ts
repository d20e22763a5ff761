// Two windows, one store: a Submit of the same content from another window asks first, in every
// interleaving, unless the earlier one was rejected. Each window is its own flow (its own
// submissions in flight) over one MemoryStore standing for the globalState every window of a
// machine shares, against the emulator on 127.0.0.1.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { MemoryDocument, documentText, harness, until, withEmulator, type Harness } from './helpers';

let emu: Emulator;
before(async () => {
  emu = await withEmulator();
});
after(() => emu.close());
beforeEach(() => emu.reset());

/** Two windows with the same file open: each has its own editor document, the text is the same. */
function twoWindows(title: string): { a: Harness; b: Harness; submit(w: Harness): Promise<SubmitResult> } {
  const store = new MemoryStore();
  const a = harness(emu, store);
  const b = harness(emu, store);
  const text = documentText({ title });
  return { a, b, submit: (w) => submitDocument(w.request({ document: new MemoryDocument(text) }), w.deps) };
}

const createdId = (r: SubmitResult) => (r.kind === 'sent' && r.outcome.kind === 'created' ? r.outcome.id : undefined);

describe('two windows submitting the same content', () => {
  it("A's question is open when B submits: B asks about A's claim; then A, before sending, asks about B's document", async () => {
    const { a, b, submit } = twoWindows('Two windows, A asking');
    let bResult: SubmitResult | undefined;
    // A's question (here the search before sending) is open while B submits and confirms.
    a.deps.beforeSend = async () => {
      bResult = await submit(b);
      return true;
    };
    a.ui.duplicateAnswer = false;
    const aResult = await submit(a);
    assert.deepEqual(b.ui.questions, ['duplicate:claimed'], 'B was asked about the Submit open in A');
    assert.ok(createdId(bResult!), 'B confirmed, and created it');
    assert.deepEqual(a.ui.questions, [`duplicate:${createdId(bResult!)}`], "A's last read before sending found B's document, and asked");
    assert.deepEqual(aResult, { kind: 'declined', question: 'duplicate' });
    assert.equal(emu.state.documents.length, 1, 'created once');
  });

  it('A is sending when B submits: B asks about the sent record', async () => {
    const { a, b, submit } = twoWindows('Two windows, A sending');
    emu.addFaults({ kind: 'delay', ms: 1500, phase: 'before-create' });
    const first = submit(a);
    await until(() => emu.state.requests.length === 1, "A's request to reach the emulator");
    b.ui.duplicateAnswer = false;
    assert.deepEqual(await submit(b), { kind: 'declined', question: 'duplicate' });
    assert.deepEqual(b.ui.questions, ['duplicate:pending']);
    assert.ok(createdId(await first));
    assert.equal(emu.state.documents.length, 1);
  });

  it('both start in the same moment, both saying No to every question: one document at most, and the other asked', async () => {
    const { a, b, submit } = twoWindows('Two windows, same moment');
    a.ui.duplicateAnswer = false;
    b.ui.duplicateAnswer = false;
    const results = await Promise.all([submit(a), submit(b)]);
    // Whichever claimed second read the first one's claim (or its sent record) and asked; the
    // first, reading again right before it sent, asked too if the second had claimed by then.
    const sent = results.filter((r) => r.kind === 'sent');
    assert.ok(sent.length <= 1, 'never both sent without a question answered Yes');
    assert.equal(emu.state.documents.length, sent.length);
    const asked = [a, b].filter((w) => w.ui.questions.some((q) => q.startsWith('duplicate:')));
    assert.ok(asked.length >= 2 - sent.length, 'every Submit that did not send was asked, and said No');
  });

  it('A was rejected by ClinikAPI: B asks nothing', async () => {
    const { a, b, submit } = twoWindows('Two windows, A rejected');
    emu.addFaults({ kind: 'status', status: 400, body: { error: 'Bad Request', code: 'BAD_REQUEST', requestId: 'req_1' } });
    const ra = await submit(a);
    assert.ok(ra.kind === 'sent' && ra.record.state === 'rejected');
    assert.ok(createdId(await submit(b)));
    assert.deepEqual(b.ui.questions, []);
  });

  it('A declined its own question: its claim is withdrawn, and B asks nothing', async () => {
    const { a, b, submit } = twoWindows('Two windows, A declined');
    a.deps.beforeSend = async () => false;
    assert.deepEqual(await submit(a), { kind: 'declined', question: 'elsewhere' });
    assert.ok(createdId(await submit(b)));
    assert.deepEqual(b.ui.questions, []);
    assert.equal(emu.state.documents.length, 1);
  });
});
