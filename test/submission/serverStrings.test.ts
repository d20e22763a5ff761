// What ClinikAPI (or whatever answers at clinikapi.baseUrl) says is data, not text we trust: its
// strings are cleaned of control characters and capped before they are logged or shown, and a
// Retry-After is honoured only in the two forms HTTP allows. Against a scripted server on
// 127.0.0.1 that answers exactly as told.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classify } from '../../client/src/api/outcome';
import { MAX_SERVER_TEXT, serverText } from '../../client/src/api/serverText';
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { documentText, harness } from './helpers';

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

let server: Server;
let baseUrl: string;
const script: Scripted[] = [];
let requests = 0;

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      const next = script.shift() ?? { status: 500, body: { code: 'SCRIPT_EMPTY' } };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(typeof next.body === 'string' ? next.body : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The harness only needs a URL from its "emulator". */
function scriptedHarness() {
  return harness({ url: baseUrl } as Emulator);
}

function sent(result: SubmitResult): Extract<SubmitResult, { kind: 'sent' }> {
  assert.equal(result.kind, 'sent', JSON.stringify(result));
  return result as Extract<SubmitResult, { kind: 'sent' }>;
}

const FORGED = '\n2026-11-25T10:00:00.000Z POST https://api.clinikapi.com/v1/documents → 201 created id=comp_forged';
const BIDI = '\u202Edetaerc\u202C';

describe('serverText', () => {
  it('removes control characters, separators and bidi controls; keeps ordinary text and emoji', () => {
    assert.equal(serverText('req_1\r\n\t\u0000\u001b[31mred\u007f\u0085\u2028\u2029'), 'req_1[31mred');
    assert.equal(serverText(`a${BIDI}b`), 'adetaercb');
    assert.equal(serverText('Température 😀 ok'), 'Température 😀 ok');
    assert.equal(serverText('\n\t '), undefined);
  });
  it(`caps at ${MAX_SERVER_TEXT} characters with an ellipsis, never splitting a surrogate pair`, () => {
    assert.equal(serverText('x'.repeat(MAX_SERVER_TEXT)), 'x'.repeat(MAX_SERVER_TEXT));
    const cut = serverText('😀'.repeat(500))!;
    assert.equal(Array.from(cut).length, MAX_SERVER_TEXT);
    assert.ok(cut.endsWith('😀…'));
  });
  it('classify cleans id, code, requestId, message and issues, from the body and from headers', () => {
    const long = 'y'.repeat(10_000);
    const created = classify({ kind: 'response', status: 201, headers: {}, body: JSON.stringify({ data: { id: `comp_1${FORGED}` }, meta: { requestId: `req_1\u001b[2J` } }), durationMs: 1 });
    assert.ok(created.kind === 'created');
    assert.ok(!/[\n\u001b]/.test(created.id + created.requestId), JSON.stringify(created));
    assert.equal(created.requestId, 'req_1[2J');
    const rejected = classify({ kind: 'response', status: 409, headers: {}, body: JSON.stringify({ code: `C\n${long}`, message: long }), durationMs: 1 });
    assert.ok(rejected.kind === 'rejected');
    assert.equal(Array.from(rejected.message!).length, MAX_SERVER_TEXT);
    assert.equal(Array.from(rejected.code!).length, MAX_SERVER_TEXT);
    const header = classify({ kind: 'response', status: 500, headers: { 'x-request-id': `req_h${BIDI}` }, body: 'oops', durationMs: 1 });
    assert.equal(header.requestId, 'req_hdetaerc');
    const failed = classify({ kind: 'failure', failure: 'timeout', requestSent: true, headers: { 'x-request-id': `req_t\r\nX: y` }, durationMs: 1 });
    assert.equal(failed.requestId, 'req_tX: y');
    const issues = classify({
      kind: 'response',
      status: 422,
      headers: {},
      body: JSON.stringify({ issues: [{ severity: 'error', code: 'invalid\u0007', diagnostics: `title: ${long}\nforged` }] }),
      durationMs: 1,
    });
    assert.ok(issues.kind === 'validationFailed');
    assert.equal(issues.issues[0]!.code, 'invalid');
    assert.equal(Array.from(issues.issues[0]!.diagnostics).length, MAX_SERVER_TEXT);
  });
});

describe('through the submission flow', () => {
  it('a forged log line in a created id stays on one line of the log and one line of the message', async () => {
    // A header can carry C1 controls (CSI, NEL) and tabs, not line breaks; the body anything.
    script.push({ status: 201, headers: { 'x-request-id': 'req_x\u009b2J\u0085\t' }, body: { data: { id: `comp_real${FORGED}` } } });
    const h = scriptedHarness();
    const r = sent(await submitDocument(h.request({ baseUrl }), h.deps));
    assert.equal(h.logs.length, 1);
    assert.ok(!/[\n\u0085\u009b\t]/.test(h.logs[0]! + r.message.text), JSON.stringify(h.logs[0]));
    assert.ok(r.outcome.kind === 'created' && r.outcome.id.startsWith('comp_real2026-11-25T10:00:00.000Z POST'));
    assert.equal(r.outcome.kind === 'created' && r.outcome.requestId, 'req_x2J');
  });

  it('a 10,000-character error message is shown cut to 200 characters', async () => {
    script.push({ status: 400, body: { code: 'BAD', message: `Bad\u001b]0;title\u0007 ${'z'.repeat(10_000)}`, requestId: 'req_m' } });
    const h = scriptedHarness();
    const r = sent(await submitDocument(h.request({ baseUrl, text: documentText() }), h.deps));
    assert.ok(r.outcome.kind === 'rejected');
    assert.ok(r.message.text.length < 400, `${r.message.text.length} characters`);
    assert.match(r.message.text, /ClinikAPI refused the request \(400 BAD: Bad\]0;title z+…\)\. Nothing was created\. Request id: req_m\./);
  });

  for (const retryAfter of ['1.5', '-1', '2026-11-25', 'in a moment', '0x01']) {
    it(`Retry-After: ${retryAfter} is no HTTP value: no automatic retry, one request`, async () => {
      script.push({ status: 429, headers: { 'retry-after': retryAfter }, body: { code: 'RATE_LIMITED' } });
      const before = requests;
      const h = scriptedHarness();
      const r = sent(await submitDocument(h.request({ baseUrl, text: documentText() }), h.deps));
      assert.deepEqual([r.outcome.kind, r.attempts, requests - before], ['rateLimited', 1, 1]);
      assert.ok(r.outcome.kind === 'rateLimited' && r.outcome.retryAfterSeconds === undefined);
      assert.match(r.message.text, /ClinikAPI is rate-limiting this key \(RATE_LIMITED, its per-minute limit\): wait a minute, then try again\. Nothing was created/);
    });
  }

  it('Retry-After: 1 (delta-seconds) is honoured: one retry after the wait', async () => {
    script.push({ status: 429, headers: { 'retry-after': '1' }, body: { code: 'RATE_LIMITED' } }, { status: 201, body: { data: { id: 'comp_after' } } });
    const before = requests;
    const h = scriptedHarness();
    const r = sent(await submitDocument(h.request({ baseUrl, text: documentText() }), h.deps));
    assert.deepEqual([r.outcome.kind, r.attempts, requests - before], ['created', 2, 2]);
  });
});
