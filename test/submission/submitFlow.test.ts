// The submission flow against the emulator on 127.0.0.1: every outcome, and that neither the key
// nor the document's content appears in a log line, a progress line or a message.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { liveQuestion } from '../../client/src/submit/messages';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { CONTENT_MARKERS, LIVE_KEY, MemoryDocument, TEST_KEY, documentText, harness, withEmulator, type Harness } from './helpers';

let emu: Emulator;
before(async () => {
  emu = await withEmulator({ https: true });
});
after(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

/** Every text the flow produced: none may carry the key or the document's content. */
function assertNothingLeaked(h: Harness, result: SubmitResult, key = TEST_KEY): void {
  const texts = [...h.logs, ...h.ui.progress, result.kind === 'declined' ? '' : result.message.text];
  for (const t of texts) {
    assert.ok(!t.includes(key), `key leaked into: ${t}`);
    assert.ok(!t.includes(key.slice(9)), `key body leaked into: ${t}`);
    for (const m of CONTENT_MARKERS) assert.ok(!t.includes(m), `content "${m}" leaked into: ${t}`);
  }
}

function sent(result: SubmitResult): Extract<SubmitResult, { kind: 'sent' }> {
  assert.equal(result.kind, 'sent', `expected a request, got ${JSON.stringify(result)}`);
  return result as Extract<SubmitResult, { kind: 'sent' }>;
}

describe('201 created', () => {
  it('posts the exact text with the key, JSON content type and User-Agent, and reports the id', async () => {
    const h = harness(emu);
    const req = h.request();
    const r = sent(await submitDocument(req, h.deps));
    assert.equal(r.outcome.kind, 'created');
    assert.equal(emu.state.documents.length, 1);
    const created = emu.state.documents[0];
    assert.ok(r.outcome.kind === 'created' && r.outcome.id === created.id);
    assert.match(r.message.text, new RegExp(`^Document created: ${created.id}\\.`));
    assert.ok(r.message.text.includes(created.requestId), 'message names the request id');
    assert.deepEqual(r.message.actions, ['copyId']);
    const seen = emu.state.requests[0];
    assert.equal(seen.keyKind, 'test');
    assert.equal(seen.contentType, 'application/json');
    assert.equal(seen.userAgent, 'ClinikDoc/0.1.0');
    assert.equal(seen.bodySha256, createHash('sha256').update(req.document.snapshot().text, 'utf8').digest('hex'), 'byte-for-byte body');
    assert.equal(h.logs.length, 1);
    assert.match(h.logs[0], new RegExp(`POST ${emu.url}/v1/documents → 201 created request=${created.requestId} \\(\\d+ ms\\)$`));
    assert.ok(!h.logs[0].includes(created.id), "the log names no document id");
    assertNothingLeaked(h, r);
  });

  it('asks before submitting the same content again, and sends nothing when declined', async () => {
    const store = new MemoryStore();
    const h = harness(emu, store);
    sent(await submitDocument(h.request(), h.deps));
    assert.equal(h.ui.duplicateSeen.length, 0, 'first submission asks nothing');
    h.ui.duplicateAnswer = false;
    const second = await submitDocument(h.request(), h.deps);
    assert.deepEqual(second, { kind: 'declined', question: 'duplicate' });
    assert.equal(h.ui.duplicateSeen.length, 1);
    assert.equal(h.ui.duplicateSeen[0].documentId, emu.state.documents[0].id);
    assert.equal(emu.state.requests.length, 1, 'no second request');
    h.ui.duplicateAnswer = true;
    const third = sent(await submitDocument(h.request(), h.deps));
    assert.equal(third.outcome.kind, 'created');
    assert.equal(emu.state.documents.length, 2, 'created again only after the user said so');
  });

  it('does not ask for different content, nor for the same content sent to another target', async () => {
    const h = harness(emu);
    sent(await submitDocument(h.request(), h.deps));
    sent(await submitDocument(h.request({ text: documentText({ title: 'Another' }) }), h.deps));
    h.ui.liveAnswer = true;
    sent(await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps));
    assert.equal(h.ui.duplicateSeen.length, 0);
    assert.equal(emu.state.documents.length, 3);
  });
});

describe('refused before the network', () => {
  const cases: Array<[string, (h: Harness) => Parameters<typeof submitDocument>[0], string, string]> = [
    ['untrusted workspace', (h) => h.request({ trusted: false }), 'untrusted', 'untrusted workspace'],
    ['no key', (h) => h.request({ apiKey: undefined }), 'noKey', 'No ClinikAPI key'],
    ['a key of the wrong shape', (h) => h.request({ apiKey: 'sk_live_abcdef123' }), 'badKey', 'not a ClinikAPI key'],
    ['plain http to a remote host', (h) => h.request({ baseUrl: 'http://api.clinikapi.com' }), 'badBaseUrl', 'https://'],
    ['a document with errors', (h) => h.request({ text: documentText({ status: 'draft', title: 5 }) }), 'hasErrors', '2 errors'],
    [
      'a document the language server could not check (no answer)',
      (h) => h.request({ document: new MemoryDocument(documentText(), undefined, async () => undefined) }),
      'notChecked',
      'could not check the document (it is not running or did not answer)',
    ],
    [
      'a document whose check failed inside the language server',
      (h) => h.request({ document: new MemoryDocument(documentText(), undefined, async () => ({ checked: false, reason: 'failed' })) }),
      'notChecked',
      'its language server failed while checking it',
    ],
    [
      'a document the language server does not have open',
      (h) => h.request({ document: new MemoryDocument(documentText(), undefined, async () => ({ checked: false, reason: 'notOpen' })) }),
      'notChecked',
      'does not have it open',
    ],
    ['a document with comments', (h) => h.request({ text: '// note\n' + documentText() }), 'hasErrors', '1 error'],
    ['a JSON array', (h) => h.request({ text: '[]' }), 'hasErrors', 'error'],
    [
      'a body over 1 MB',
      (h) => h.request({ text: documentText({ sections: [{ title: 'Notes', text: 'x'.repeat(1024 * 1024) }] }) }),
      'tooLarge',
      'at most 1 MB',
    ],
  ];
  for (const [name, make, reason, words] of cases) {
    it(name, async () => {
      const h = harness(emu);
      const r = await submitDocument(make(h), h.deps);
      assert.equal(r.kind, 'refused');
      assert.ok(r.kind === 'refused' && r.reason === reason, `reason ${JSON.stringify(r)}`);
      assert.ok(r.kind === 'refused' && r.message.text.includes(words), r.kind === 'refused' ? r.message.text : '');
      assert.equal(emu.state.requests.length, 0, 'nothing reached the server');
      assert.equal(h.logs.length, 0);
      assertNothingLeaked(h, r);
    });
  }

  it('offers Open Problems for a document with errors', async () => {
    const h = harness(emu);
    const r = await submitDocument(h.request({ text: documentText({ status: 'draft' }) }), h.deps);
    assert.ok(r.kind === 'refused');
    assert.deepEqual(r.message.actions, ['openProblems']);
    assert.match(r.message.text, /1 error;/);
  });

  it('accepts a body of exactly 1 MB', async () => {
    const h = harness(emu);
    const base = documentText({ sections: [{ title: 'Notes', text: '' }] });
    const pad = 1024 * 1024 - Buffer.byteLength(base);
    // The emulator's schema caps section text at 50,000: the padding goes in whitespace instead.
    const text = base.replace('"text": ""', `"text": ""${' '.repeat(pad)}`);
    assert.equal(Buffer.byteLength(text), 1024 * 1024);
    const r = sent(await submitDocument(h.request({ text }), h.deps));
    assert.equal(r.outcome.kind, 'created');
  });
});

describe('live key', () => {
  it('asks, naming the patient id, the title and the origin, and sends nothing when declined', async () => {
    const h = harness(emu);
    h.ui.liveAnswer = false;
    const request = h.request({ apiKey: LIVE_KEY });
    const r = await submitDocument(request, h.deps);
    assert.deepEqual(r, { kind: 'declined', question: 'live' });
    assert.deepEqual(h.ui.liveSeen, [{ patientId: 'pat_ZQ-4471', title: 'Discharge summary for Zebulon Quixworth', origin: emu.url, text: request.document.snapshot().text }]);
    const q = liveQuestion(h.ui.liveSeen[0]);
    assert.ok(q.includes('pat_ZQ-4471') && q.includes('Discharge summary for Zebulon Quixworth') && q.includes('production'));
    assert.ok(q.includes(`production at ${emu.url} with your live key`), q);
    assert.equal(emu.state.requests.length, 0);
  });

  it('sends after a yes; does not ask when confirmation is off or the key is a test key', async () => {
    const h = harness(emu);
    const r = sent(await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps));
    assert.equal(r.outcome.kind, 'created');
    assert.equal(emu.state.requests[0].keyKind, 'live');
    assertNothingLeaked(h, r, LIVE_KEY);
    sent(await submitDocument(h.request({ apiKey: LIVE_KEY, confirmLive: false, text: documentText({ title: 'b' }) }), h.deps));
    sent(await submitDocument(h.request({ text: documentText({ title: 'c' }) }), h.deps));
    assert.equal(h.ui.liveSeen.length, 1);
  });
});

describe('refused by the server (nothing created)', () => {
  it('422: the issues come back with the field paths', async () => {
    const h = harness(emu);
    // A document the editor finds nothing wrong with, that ClinikAPI refuses for what only it knows.
    emu.addFaults({
      kind: 'status',
      status: 422,
      body: {
        error: 'Unprocessable Entity',
        code: 'VALIDATION_ERROR',
        requestId: 'req_422',
        issues: [
          { severity: 'error', code: 'invalid', diagnostics: 'patientId: Patient not found' },
          { severity: 'error', code: 'invalid', diagnostics: 'practitionerId: Practitioner not found' },
        ],
      },
    });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'validationFailed');
    assert.ok(r.outcome.kind === 'validationFailed');
    const diags = r.outcome.issues.map((i) => i.diagnostics).sort();
    assert.deepEqual(diags, ['patientId: Patient not found', 'practitionerId: Practitioner not found']);
    assert.match(r.message.text, /2 problems/);
    assert.deepEqual(r.message.actions, ['openProblems']);
    assert.equal(emu.state.documents.length, 0);
    assertNothingLeaked(h, r);
  });

  it('401 KEY_REVOKED: says so and offers Set API Key', async () => {
    const h = harness(emu);
    const key = 'clk_test_S3cret_revoked';
    const r = sent(await submitDocument(h.request({ apiKey: key }), h.deps));
    assert.deepEqual([r.outcome.kind, 'code' in r.outcome && r.outcome.code], ['unauthorized', 'KEY_REVOKED']);
    assert.match(r.message.text, /revoked/);
    assert.deepEqual(r.message.actions, ['setApiKey']);
    assertNothingLeaked(h, r, key);
  });

  it('403: says the key lacks permission and offers Set API Key', async () => {
    const h = harness(emu);
    const key = 'clk_test_S3cret_noscope';
    const r = sent(await submitDocument(h.request({ apiKey: key }), h.deps));
    assert.equal(r.outcome.kind, 'forbidden');
    assert.match(r.message.text, /lacks the "write" scope, so it is not allowed to create or change documents \(403/);
    assert.deepEqual(r.message.actions, ['setApiKey']);
    assertNothingLeaked(h, r, key);
  });

  it('a server message quoting the key is redacted everywhere', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'status', status: 409, body: { error: 'Conflict', code: 'CONFLICT', message: `duplicate for ${TEST_KEY}`, requestId: 'req_echo' } });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'rejected');
    assert.match(r.message.text, /\(409 CONFLICT: duplicate for \[redacted\]\)/);
    assertNothingLeaked(h, r);
  });
});

describe('429', () => {
  it('RATE_LIMITED with Retry-After: waits with visible progress, retries once, creates once', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'rateLimited', retryAfter: 1 });
    const started = Date.now();
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'created');
    assert.equal(r.attempts, 2);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
    assert.ok(h.ui.progress.some((p) => /retrying once in 1 s/.test(p)), h.ui.progress.join(' | '));
    assert.equal(emu.state.requests.length, 2);
    assert.equal(emu.state.documents.length, 1);
    assert.equal(h.logs.length, 3, 'two request lines and the wait');
    assert.match(h.logs[0], /→ 429 rateLimited/);
    assert.match(h.logs[2], /→ 201 created .*attempt=2/);
    assertNothingLeaked(h, r);
  });

  it('a second 429 is not retried again', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'rateLimited', retryAfter: 1 }, { kind: 'rateLimited', retryAfter: 1 });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'rateLimited');
    assert.equal(r.attempts, 2);
    assert.equal(emu.state.requests.length, 2);
    assert.match(r.message.text, /Still refused after one retry\. ClinikAPI is rate-limiting this key.*Nothing was created/);
  });

  it('without Retry-After: no automatic retry', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'rateLimited', retryAfter: null });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'rateLimited');
    assert.equal(r.attempts, 1);
    assert.equal(emu.state.requests.length, 1);
    assert.match(r.message.text, /wait a minute, then try again\. Nothing was created/);
  });

  it('a Retry-After longer than the limit is not waited for', async () => {
    const h = harness(emu);
    h.deps.maxRetryWaitSeconds = 5;
    emu.addFaults({ kind: 'rateLimited', retryAfter: 30 });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.attempts, 1);
    assert.match(r.message.text, /wait 30 s, then try again/);
  });

  it('Cancel during the wait: no retry, nothing created', async () => {
    const h = harness(emu);
    h.ui.cancelAfterMs = 300;
    emu.addFaults({ kind: 'rateLimited', retryAfter: 5 });
    const started = Date.now();
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.ok(Date.now() - started < 2000, 'cancel ends the wait');
    assert.equal(r.cancelledWhileWaiting, true);
    assert.equal(emu.state.requests.length, 1);
    assert.match(r.message.text, /cancelled while waiting.*Nothing was created/);
  });

  for (const [key, code, words] of [
    [TEST_KEY, 'SANDBOX_QUOTA_EXCEEDED', /sandbox quota/],
    [LIVE_KEY, 'MONTHLY_QUOTA_EXCEEDED', /monthly quota/],
  ] as const) {
    it(`${code}: says so, no retry`, async () => {
      const h = harness(emu);
      emu.addFaults({ kind: 'quota' });
      const r = sent(await submitDocument(h.request({ apiKey: key }), h.deps));
      assert.deepEqual([r.outcome.kind, 'code' in r.outcome && r.outcome.code], ['quotaExceeded', code]);
      assert.equal(r.attempts, 1);
      assert.equal(emu.state.requests.length, 1);
      assert.match(r.message.text, words);
      assert.match(r.message.text, /retrying sooner will not help/);
      assertNothingLeaked(h, r, key);
    });
  }
});

describe('the document may exist: clear message, request id, never resent', () => {
  /** Submits once under the fault and checks the shared promises of an uncertain end. */
  async function uncertain(h: Harness, expectKind: string, pattern: RegExp, timeoutSeconds = 5) {
    const r = sent(await submitDocument(h.request({ timeoutSeconds }), h.deps));
    assert.equal(r.outcome.kind, expectKind, JSON.stringify(r.outcome));
    assert.equal(r.attempts, 1);
    assert.equal(emu.state.requests.length, 1, 'sent exactly once');
    assert.match(r.message.text, pattern);
    assert.match(r.message.text, /may have been created.*did not resend it/);
    assertNothingLeaked(h, r);
    // The next submission of the same content asks first.
    h.ui.duplicateAnswer = false;
    const again = await submitDocument(h.request(), h.deps);
    assert.deepEqual(again, { kind: 'declined', question: 'duplicate' });
    assert.equal(h.ui.duplicateSeen.at(-1)?.state, 'unknown');
    assert.equal(emu.state.requests.length, 1, 'still exactly one request');
    return r;
  }

  it('500 INTERNAL_ERROR names the request id', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'status', status: 500 });
    const r = await uncertain(h, 'serverError', /failed with 500 INTERNAL_ERROR/);
    assert.match(r.message.text, /Request id: req_[0-9a-f]{16}\./);
    assert.equal(r.outcome.requestId, emu.state.requests[0].requestId);
  });

  it('502 with an HTML body', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'malformed' });
    const r = await uncertain(h, 'serverError', /failed with 502/);
    assert.match(r.message.text, /Request id: req_/, 'the x-request-id header is used when the body has none');
  });

  it('a 201 whose body is not JSON', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'malformed', create: true });
    await uncertain(h, 'invalidResponse', /answer \(status 201\) could not be read/);
    assert.equal(emu.state.documents.length, 1);
  });

  it('timeout after the server created the document', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'delay', ms: 2500, phase: 'after-create' });
    const started = Date.now();
    const r = await uncertain(h, 'transportFailed', /No complete answer from ClinikAPI within 1 s/, 1);
    assert.ok(Date.now() - started < 2400, 'gave up at the deadline');
    assert.ok(r.outcome.kind === 'transportFailed' && r.outcome.failure === 'timeout');
    assert.equal(emu.state.documents.length, 1);
  });

  it('timeout before the server created the document', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'delay', ms: 1500, phase: 'before-create' });
    await uncertain(h, 'transportFailed', /within 1 s/, 1);
  });

  it('connection reset before creating', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    await uncertain(h, 'transportFailed', /connection to ClinikAPI was lost/);
    assert.equal(emu.state.documents.length, 0);
  });

  it('connection reset after creating', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'reset', phase: 'after-create' });
    await uncertain(h, 'transportFailed', /connection to ClinikAPI was lost/);
    assert.equal(emu.state.documents.length, 1);
  });

  it('a slow trickle past the deadline is a timeout', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'trickle', chunkBytes: 4, intervalMs: 100 });
    await uncertain(h, 'transportFailed', /within 1 s/, 1);
  });

  it('a 50 MB answer is cut off at 1 MB, quickly', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'huge', bytes: 50 * 1024 * 1024 });
    const started = Date.now();
    await uncertain(h, 'transportFailed', /\(status 201\) was larger than 1 MB and was not read/);
    assert.ok(Date.now() - started < 3000);
  });

  it('a 50 MB answer without Content-Length is cut off at 1 MB while reading', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'huge', bytes: 50 * 1024 * 1024, chunked: true });
    const started = Date.now();
    await uncertain(h, 'transportFailed', /\(status 201\) was larger than 1 MB and was not read/);
    assert.ok(Date.now() - started < 3000);
  });

  it('Cancel while the request is in flight', async () => {
    const h = harness(emu);
    h.ui.cancelAfterMs = 200;
    emu.addFaults({ kind: 'delay', ms: 1500, phase: 'before-create' });
    await uncertain(h, 'transportFailed', /Submission cancelled\./);
  });
});

describe('other transport outcomes', () => {
  it('a slow trickle within the deadline still creates', async () => {
    const h = harness(emu);
    emu.addFaults({ kind: 'trickle', chunkBytes: 64, intervalMs: 5 });
    const r = sent(await submitDocument(h.request(), h.deps));
    assert.equal(r.outcome.kind, 'created');
  });

  it('nothing listening: could not connect, nothing sent, nothing remembered', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const h = harness(emu);
    const r = sent(await submitDocument(h.request({ baseUrl: `http://127.0.0.1:${port}` }), h.deps));
    assert.ok(r.outcome.kind === 'transportFailed' && r.outcome.failure === 'networkError' && !r.outcome.mayExist);
    assert.match(r.message.text, /Could not connect to http:\/\/127\.0\.0\.1:\d+\. The request did not reach ClinikAPI completely, so nothing was created\. No request id was received\./);
    // Nothing was remembered: the next try asks nothing.
    const again = await submitDocument(h.request({ baseUrl: `http://127.0.0.1:${port}` }), h.deps);
    assert.equal(again.kind, 'sent');
    assert.equal(h.ui.duplicateSeen.length, 0);
  });

  describe('a redirect after the server acted (303 See Other to the created document)', () => {
    let server: Server;
    let posts = 0;
    before(async () => {
      server = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          // The POST/redirect/GET pattern: the document is created, then the answer is a 303 to it.
          posts += 1;
          res.writeHead(303, { Location: '/v1/documents/comp_303', 'x-request-id': 'req_303' }).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('may exist: never "nothing was created", not resent, and the next Submit of it asks first', async () => {
      posts = 0;
      const h = harness(emu);
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const document = new MemoryDocument(documentText());
      const r = sent(await submitDocument(h.request({ baseUrl, document }), h.deps));
      assert.equal(r.outcome.kind, 'redirected');
      assert.equal(r.outcome.kind === 'redirected' && r.outcome.mayExist, true);
      assert.doesNotMatch(r.message.text, /nothing was created/i);
      assert.match(r.message.text, /redirect \(303\).*does not follow redirects.*may have been created.*did not resend it.*Request id: req_303\./s);
      assert.equal(posts, 1);
      assert.equal(r.attempts, 1);
      h.ui.duplicateAnswer = false;
      const again = await submitDocument(h.request({ baseUrl, document }), h.deps);
      assert.deepEqual(again, { kind: 'declined', question: 'duplicate' });
      assert.deepEqual(h.ui.questions, ['duplicate:uncertain']);
      assert.equal(posts, 1);
      assertNothingLeaked(h, r);
    });
  });

  describe('a redirect to another origin', () => {
    let other: Server;
    let otherHits: Array<string | undefined>;
    before(async () => {
      otherHits = [];
      other = createServer((req, res) => {
        otherHits.push(req.headers['x-api-key'] as string | undefined);
        res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"data":{"id":"comp_stolen"}}');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise<void>((resolve) => other.close(() => resolve())));

    for (const status of [301, 302, 307, 308]) {
      it(`${status} is not followed: the other origin never sees a request (or the key)`, async () => {
        const h = harness(emu);
        emu.addFaults({ kind: 'redirect', status, location: `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1/documents` });
        const r = sent(await submitDocument(h.request(), h.deps));
        assert.equal(r.outcome.kind, 'redirected');
        assert.deepEqual(otherHits, []);
        assert.match(r.message.text, new RegExp(`redirect \\(${status}\\).*does not follow redirects`));
        assert.equal(emu.state.documents.length, 0);
        assertNothingLeaked(h, r);
      });
    }
  });
});
