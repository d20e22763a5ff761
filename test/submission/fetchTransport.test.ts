// The browser's transport (fetch), against real servers on 127.0.0.1: the emulator and a scripted
// one. Node's fetch has no CORS, so what the browser adds is played by the servers: a probe the
// server cuts off is a refused preflight (nothing sent), a real request cut off is an answer the
// browser would hide (may have been created). CORS itself is tested in a real browser by the e2e
// suite's web worker pass, with the emulator's `cors: 'refuse'`.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { createFetchTransport, fetchTransport } from '../../client/src/api/fetchTransport';
import type { HttpRequest } from '../../client/src/api/transport';
import { describeOutcome } from '../../client/src/submit/messages';
import { classify, mayExist } from '../../client/src/api/outcome';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { SubmissionRecords } from '../../client/src/record/submissionRecords';
import { submitDocument } from '../../client/src/submit/submitFlow';
import { SubmissionsInFlight } from '../../client/src/submit/inFlight';
import { FakeUi, MemoryDocument, TEST_KEY, documentText, withEmulator } from './helpers';

const MB = 1024 * 1024;
let emu: Emulator;

function request(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    url: new URL('/v1/documents', url),
    headers: { 'x-api-key': TEST_KEY, 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'ClinikDoc/test' },
    body: new TextEncoder().encode(documentText()),
    timeoutMs: 5000,
    maxResponseBytes: MB,
    ...overrides,
  };
}

const message = (result: Awaited<ReturnType<typeof fetchTransport>>) =>
  describeOutcome(classify(result), { timeoutSeconds: 5, origin: 'http://127.0.0.1', retried: false }).text;

before(async () => {
  emu = await withEmulator();
});
after(() => emu.close());
beforeEach(() => emu.reset());

describe('fetch transport against the emulator', () => {
  it('a 201: the keyless probe first (no key, no body, refused 401), then the request, once; the answer and its headers read', async () => {
    const result = await fetchTransport(request(emu.url));
    assert.equal(result.kind, 'response');
    if (result.kind !== 'response') return;
    assert.equal(result.status, 201);
    assert.match(result.headers['x-request-id'] ?? '', /^req_/);
    assert.match(JSON.parse(result.body).data.id, /^comp_/);
    const [probe, real, ...more] = emu.state.requests;
    assert.deepEqual(more, []);
    assert.equal(probe.hasApiKey, false);
    assert.equal(probe.bodyBytes, 0);
    assert.equal(probe.contentType, 'application/json', 'the probe has the content type, so the same preflight');
    assert.equal(real.keyKind, 'test');
    assert.equal(emu.state.documents.length, 1);
    assert.equal(classify(result).kind, 'created');
  });

  it('sends the body byte for byte, and the browser’s own User-Agent (a page cannot choose one)', async () => {
    const text = documentText({ title: 'Café — “quoted” 😀' });
    await fetchTransport(request(emu.url, { body: new TextEncoder().encode(text) }));
    const real = emu.state.requests[1];
    assert.equal(real.bodySha256, (await import('node:crypto')).createHash('sha256').update(text, 'utf8').digest('hex'));
    assert.notEqual(real.userAgent, 'ClinikDoc/test');
  });

  it('a GET (a read) goes without a probe', async () => {
    const result = await fetchTransport(request(emu.url, { method: 'GET', url: new URL('/v1/patients/pat_123', emu.url), body: undefined }));
    assert.equal(result.kind === 'response' && result.status, 200);
    assert.equal(emu.state.requests.length, 0, 'no POST at all');
  });

  it('a redirect is not followed: returned as it is, the key never sent to its Location', async () => {
    let followed = 0;
    const elsewhere = createServer((_req, res) => {
      followed += 1;
      res.end();
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    try {
      emu.addFaults({ kind: 'redirect', status: 307, location: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/v1/documents` });
      const result = await fetchTransport(request(emu.url));
      assert.equal(result.kind === 'response' && result.status, 307);
      assert.equal(classify(result).kind, 'redirected');
      // The POST itself was answered with the redirect: what the server did first is unknown.
      assert.ok(mayExist(classify(result)));
      assert.equal(followed, 0);
      assert.equal(emu.state.documents.length, 0);
    } finally {
      elsewhere.close();
    }
  });

  it('one deadline for the whole exchange: a slow answer is a timeout, and the document may exist', async () => {
    emu.addFaults({ kind: 'delay', ms: 3000, phase: 'after-create' });
    const started = Date.now();
    const result = await fetchTransport(request(emu.url, { timeoutMs: 700 }));
    assert.ok(Date.now() - started < 2500, 'stopped at the deadline');
    assert.equal(result.kind === 'failure' && result.failure, 'timeout');
    assert.equal(classify(result).kind, 'transportFailed');
    assert.match(message(result), /may have been created/);
  });

  it('a deadline also bounds a trickling body', async () => {
    emu.addFaults({ kind: 'trickle', chunkBytes: 4, intervalMs: 100 });
    const result = await fetchTransport(request(emu.url, { timeoutMs: 800 }));
    assert.equal(result.kind === 'failure' && result.failure, 'timeout');
  });

  for (const chunked of [false, true]) {
    it(`an answer over 1 MB (${chunked ? 'chunked' : 'with Content-Length'}) is not read past 1 MB`, async () => {
      emu.addFaults({ kind: 'huge', bytes: 20 * MB, chunked });
      const result = await fetchTransport(request(emu.url, { timeoutMs: 10_000 }));
      assert.equal(result.kind === 'failure' && result.failure, 'responseTooLarge');
      assert.equal(result.kind === 'failure' && result.status, 201);
      assert.match(message(result), /may have been created/);
    });
  }

  it('the connection lost after the request went out: an unreadable answer, may have been created, never resent', async () => {
    emu.addFaults({ kind: 'reset', phase: 'after-create' });
    const result = await fetchTransport(request(emu.url));
    assert.equal(result.kind === 'failure' && result.failure, 'answerUnreadable');
    assert.equal(result.kind === 'failure' && result.requestSent, true);
    const outcome = classify(result);
    assert.equal('mayExist' in outcome && outcome.mayExist, true);
    assert.match(message(result), /may have been created/);
    assert.equal(emu.state.requests.filter((r) => r.hasApiKey).length, 1, 'sent once');
    assert.equal(emu.state.documents.length, 1);
  });

  it('cancelled by the user', async () => {
    emu.addFaults({ kind: 'delay', ms: 3000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await fetchTransport(request(emu.url, { signal: controller.signal }));
    assert.equal(result.kind === 'failure' && result.failure, 'cancelled');
  });

  it('without the probe (createFetchTransport({ probeBeforeActing: false })), one request only', async () => {
    const result = await createFetchTransport({ probeBeforeActing: false })(request(emu.url));
    assert.equal(result.kind === 'response' && result.status, 201);
    assert.equal(emu.state.requests.length, 1);
  });

  it('the submission flow over fetch: created once, with its record', async () => {
    const records = new SubmissionRecords(new MemoryStore());
    const result = await submitDocument(
      { document: new MemoryDocument(documentText()), trusted: true, apiKey: TEST_KEY, baseUrl: emu.url, timeoutSeconds: 5, confirmLive: true, userAgent: 'ClinikDoc/test' },
      { records, window: 'window-1', inFlight: new SubmissionsInFlight(), ui: new FakeUi(), log: () => {}, post: fetchTransport },
    );
    assert.equal(result.kind === 'sent' && result.outcome.kind, 'created');
    assert.equal(emu.state.documents.length, 1);
    assert.equal(emu.state.requests.filter((r) => r.hasApiKey).length, 1);
  });
});

describe('fetch transport: what the browser hides, played by a scripted server', () => {
  let server: Server;
  let url = '';
  let received: Array<{ key: string | undefined; bytes: number }> = [];
  let script: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  before(async () => {
    server = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        received.push({ key: req.headers['x-api-key'] as string | undefined, bytes });
        script(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    received = [];
  });

  it('the probe gets no readable answer (a refused preflight): the request is not sent; the message says so and that desktop VS Code can submit', async () => {
    script = (_req, res) => res.socket?.destroy();
    const result = await fetchTransport(request(url));
    assert.equal(result.kind === 'failure' && result.failure, 'corsRefused');
    assert.equal(result.kind === 'failure' && result.requestSent, false);
    assert.deepEqual(received, [{ key: '', bytes: 0 }], 'only the probe: no key, no body');
    const outcome = classify(result);
    assert.equal('mayExist' in outcome && outcome.mayExist, false);
    assert.match(message(result), /does not allow requests from this page \(CORS\)/);
    assert.match(message(result), /Nothing was sent\. Desktop VS Code can submit this document\./);
  });

  it('no server at all: nothing sent either (the browser cannot tell the two apart)', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await fetchTransport(request(`http://127.0.0.1:${port}`));
    assert.equal(result.kind === 'failure' && result.failure, 'corsRefused');
    assert.equal(result.kind === 'failure' && result.requestSent, false);
  });

  it('the probe passes, the answer to the request is lost: may have been created', async () => {
    script = (req, res) => (req.headers['x-api-key'] ? res.socket?.destroy() : res.writeHead(401).end('{"code":"UNAUTHORIZED"}'));
    const result = await fetchTransport(request(url));
    assert.equal(result.kind === 'failure' && result.failure, 'answerUnreadable');
    assert.equal(received.length, 2);
    assert.equal(received[1].key, TEST_KEY);
    assert.match(message(result), /The browser gave no readable answer.*may have been created.*did not resend it/s);
  });

  it('a redirect answered to the probe: the request that acts is never sent, so nothing was created', async () => {
    script = (_req, res) => res.writeHead(302, { Location: 'http://127.0.0.1:1/' }).end();
    const result = await fetchTransport(request(url));
    assert.equal(result.kind === 'failure' && result.failure, 'opaqueRedirect');
    assert.equal(result.kind === 'failure' && result.requestSent, false);
    assert.equal(result.status, 302);
    const outcome = classify(result);
    assert.deepEqual([outcome.kind, mayExist(outcome)], ['redirected', false]);
    assert.match(message(result), /redirect \(302\).*never sent.*nothing was created/s);
    assert.deepEqual(received.map((r) => r.key), ['']);
  });

  it('a redirect a browser hides (opaque) after the request left: it may have been created, not resent', () => {
    const outcome = classify({ kind: 'failure', failure: 'opaqueRedirect', requestSent: true, durationMs: 1 });
    assert.equal(outcome.kind, 'redirected');
    assert.ok(mayExist(outcome));
    const text = describeOutcome(outcome, { timeoutSeconds: 5, origin: 'https://api.example', retried: false }).text;
    assert.match(text, /answered with a redirect\. ClinikDoc does not follow redirects/);
    assert.match(text, /may have been created.*did not resend it/);
    assert.doesNotMatch(text, /nothing was created/i);
  });
});
