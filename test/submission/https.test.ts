// The key never travels in clear text: a live key only over https, and an https server whose
// certificate this machine does not trust gets nothing — not the key, not the document — and a
// message that says so. Against real servers on 127.0.0.1: the emulator over HTTPS (trusted
// through NODE_EXTRA_CA_CERTS, see test/support/testTls.ts, or not trusted at all) and a raw TLS
// server that counts every byte of application data it receives.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { postJson } from '../../client/src/api/nodeTransport';
import { submitDocument, type SubmitResult } from '../../client/src/submit/submitFlow';
import { trustedTestCertificate } from '../support/testTls';
import { CONTENT_MARKERS, LIVE_KEY, TEST_KEY, documentText, harness, withEmulator } from './helpers';

let trusted: Emulator;
let plain: Emulator;
let untrusted: Emulator;
before(async () => {
  const { startEmulator } = await import('../../emulator/server.mjs');
  [trusted, plain, untrusted] = await Promise.all([withEmulator({ https: true }), withEmulator(), startEmulator({ https: true })]);
});
after(() => Promise.all([trusted.close(), plain.close(), untrusted.close()]));
beforeEach(() => {
  trusted.reset();
  plain.reset();
  untrusted.reset();
});

function sent(result: SubmitResult): Extract<SubmitResult, { kind: 'sent' }> {
  assert.equal(result.kind, 'sent', `expected a request, got ${JSON.stringify(result)}`);
  return result as Extract<SubmitResult, { kind: 'sent' }>;
}

/**
 * A TLS server with a certificate of our choosing that records how many bytes of application data
 * (anything after a completed handshake) reach it: a request written too early would show here.
 */
async function countingTlsServer(tls: { key: string; cert: string }): Promise<{ url: string; appBytes(): number; handshakes(): number; close(): Promise<void> }> {
  let appBytes = 0;
  let handshakes = 0;
  const server: TlsServer = createTlsServer({ key: tls.key, cert: tls.cert }, (socket) => {
    handshakes += 1;
    socket.on('data', (d: Buffer) => (appBytes += d.length));
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    appBytes: () => appBytes,
    handshakes: () => handshakes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a live key goes only over https', () => {
  it('to the HTTPS emulator, trusted through NODE_EXTRA_CA_CERTS: created, after a question naming the origin', async () => {
    assert.match(trusted.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const h = harness(trusted);
    const r = sent(await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps));
    assert.equal(r.outcome.kind, 'created');
    assert.deepEqual(h.ui.liveSeen.map((f) => f.origin), [trusted.url]);
    assert.deepEqual(trusted.state.requests.map((q) => q.keyKind), ['live']);
  });

  it('never to plain http, not even the emulator on 127.0.0.1: refused before the network, saying why', async () => {
    const h = harness(plain);
    const r = await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps);
    assert.ok(r.kind === 'refused' && r.reason === 'badBaseUrl', JSON.stringify(r));
    assert.match(r.message.text, /A live key \(clk_live_…\) is only ever sent over https:\/\/, and clinikapi\.baseUrl is http:\/\/127\.0\.0\.1:\d+.*Nothing was sent\./);
    assert.deepEqual(r.message.actions, ['openSettings']);
    assert.equal(h.ui.liveSeen.length, 0, 'not even asked');
    assert.equal(plain.state.requests.length, 0);
    assert.ok(!r.message.text.includes(LIVE_KEY));
  });

  it('a test key may use the plain-http emulator on 127.0.0.1', async () => {
    const h = harness(plain);
    assert.equal(sent(await submitDocument(h.request({ apiKey: TEST_KEY }), h.deps)).outcome.kind, 'created');
  });

  it('a test key does not use plain http on another loopback address (127.0.0.2 is not bypassed by a proxy)', async () => {
    const h = harness(plain);
    const r = await submitDocument(h.request({ baseUrl: plain.url.replace('127.0.0.1', '127.0.0.2') }), h.deps);
    assert.ok(r.kind === 'refused' && r.reason === 'badBaseUrl');
    assert.match(r.message.text, /only for a test key on localhost, 127\.0\.0\.1 or \[::1\]/);
  });
});

describe('a certificate this machine does not trust', () => {
  it('the emulator with a certificate nobody trusts: a clear message, nothing sent, nothing created, nothing remembered', async () => {
    const h = harness(untrusted);
    const r = sent(await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps));
    assert.deepEqual([r.outcome.kind, r.outcome.kind === 'transportFailed' && r.outcome.failure], ['transportFailed', 'untrustedCertificate']);
    assert.ok(r.outcome.kind === 'transportFailed' && !r.outcome.mayExist);
    assert.equal(r.attempts, 1);
    assert.match(
      r.message.text,
      new RegExp(`^The certificate of ${untrusted.url.replace(/\./g, '\\.')} is not trusted \\(it is self-signed\\), so ClinikDoc stopped during the secure handshake, before sending anything: neither your key nor the document left this machine, and nothing was created\\.`),
    );
    assert.match(r.message.text, /NODE_EXTRA_CA_CERTS/);
    assert.equal(r.message.severity, 'error');
    assert.deepEqual(r.message.actions, ['openSettings', 'showLog']);
    assert.equal(untrusted.state.requests.length, 0, 'the emulator saw no request');
    assert.equal(untrusted.state.documents.length, 0);
    assert.match(h.logs.join('\n'), /POST https:\/\/127\.0\.0\.1:\d+\/v1\/documents → --- failed: untrustedCertificate error=DEPTH_ZERO_SELF_SIGNED_CERT request=\(none\)/);
    for (const t of [...h.logs, ...h.ui.progress, r.message.text]) {
      assert.ok(!t.includes(LIVE_KEY) && !t.includes(LIVE_KEY.slice(9)), t);
      for (const m of CONTENT_MARKERS) assert.ok(!t.includes(m), t);
    }
    // Nothing was sent, so the next Submit of the same content asks no "submit again?" question.
    sent(await submitDocument(h.request({ apiKey: LIVE_KEY }), h.deps));
    assert.equal(h.ui.duplicateSeen.length, 0);
    assert.equal(untrusted.state.requests.length, 0);
  });

  it('no byte of the request reaches a server whose certificate fails: the handshake ends first', async () => {
    const { makeCertificate } = await import('../../emulator/tls.mjs');
    const server = await countingTlsServer(await makeCertificate());
    try {
      const result = await postJson({
        url: new URL(`${server.url}/v1/documents`),
        headers: { 'x-api-key': LIVE_KEY, 'Content-Type': 'application/json' },
        body: Buffer.from(documentText()),
        timeoutMs: 5000,
        maxResponseBytes: 1024,
      });
      assert.deepEqual(
        result.kind === 'failure' ? [result.failure, result.requestSent, result.errorCode] : result,
        ['untrustedCertificate', false, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
      );
      assert.equal(server.handshakes(), 0, 'the client never completed the handshake');
      assert.equal(server.appBytes(), 0, 'no application data arrived');
    } finally {
      await server.close();
    }
  });

  it('a trusted authority but a certificate for another host name: refused the same way, naming that', async () => {
    const { generate } = await import('selfsigned');
    const ca = trustedTestCertificate();
    const pems = await generate([{ name: 'commonName', value: 'other.example' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.key, cert: ca.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'other.example' }] }],
    });
    const server = await countingTlsServer({ key: pems.private, cert: pems.cert });
    try {
      const h = harness(trusted);
      const r = sent(await submitDocument(h.request({ apiKey: LIVE_KEY, baseUrl: server.url }), h.deps));
      assert.ok(r.outcome.kind === 'transportFailed' && r.outcome.failure === 'untrustedCertificate', JSON.stringify(r.outcome));
      assert.match(r.message.text, /is not trusted \(it is issued for another host name\)/);
      assert.equal(server.appBytes(), 0, 'no application data arrived');
    } finally {
      await server.close();
    }
  });
});
