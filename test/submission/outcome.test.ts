import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify, mayExist, parseRetryAfter } from '../../client/src/api/outcome';
import type { HttpResult } from '../../client/src/api/transport';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { kind: 'response', status, headers, body: typeof body === 'string' ? body : JSON.stringify(body), durationMs: 1 };
}

describe('classify', () => {
  it('201 with data.id is created, with the request id from meta', () => {
    assert.deepEqual(classify(response(201, { data: { id: 'comp_1' }, meta: { requestId: 'req_1' } })), { kind: 'created', id: 'comp_1', requestId: 'req_1' });
  });
  it('the request id falls back to the body then the header', () => {
    assert.equal(classify(response(500, { code: 'INTERNAL_ERROR', requestId: 'req_b' }, { 'x-request-id': 'req_h' })).requestId, 'req_b');
    assert.equal(classify(response(500, 'oops', { 'x-request-id': 'req_h' })).requestId, 'req_h');
  });
  it('a 2xx without an id, or not JSON, may exist', () => {
    for (const r of [response(201, { data: {} }), response(200, '<html>'), response(201, '')]) {
      const o = classify(r);
      assert.equal(o.kind, 'invalidResponse');
      assert.ok(mayExist(o));
    }
  });
  it('422 keeps well-formed issues only', () => {
    const o = classify(response(422, { code: 'VALIDATION_ERROR', issues: [{ severity: 'error', code: 'invalid', diagnostics: 'a: b' }, { nope: 1 }] }));
    assert.deepEqual(o, { kind: 'validationFailed', issues: [{ severity: 'error', code: 'invalid', diagnostics: 'a: b' }], requestId: undefined });
  });
  it('401, 403, quota and rate limit', () => {
    assert.deepEqual(classify(response(401, { code: 'KEY_EXPIRED' })), { kind: 'unauthorized', code: 'KEY_EXPIRED', requestId: undefined });
    assert.equal(classify(response(403, {})).kind, 'forbidden');
    assert.deepEqual(classify(response(429, { code: 'MONTHLY_QUOTA_EXCEEDED' }, { 'retry-after': '5' })), { kind: 'quotaExceeded', code: 'MONTHLY_QUOTA_EXCEEDED', requestId: undefined });
    assert.deepEqual(classify(response(429, { code: 'RATE_LIMITED' }, { 'retry-after': '7' })), { kind: 'rateLimited', retryAfterSeconds: 7, requestId: undefined });
    assert.deepEqual(classify(response(429, 'slow down')), { kind: 'rateLimited', retryAfterSeconds: undefined, requestId: undefined });
  });
  it('3xx is a redirect, never followed; 5xx may exist; other 4xx are refusals', () => {
    // A redirected POST was sent and answered: the server may have acted before redirecting.
    for (const status of [301, 302, 303, 307, 308]) {
      const redirected = classify(response(status, ''));
      assert.equal(redirected.kind, 'redirected');
      assert.ok(mayExist(redirected), `${status} may exist`);
    }
    // Only a redirect of the browser's keyless probe (the POST never sent) is known to create nothing.
    assert.ok(mayExist(classify({ kind: 'failure', failure: 'opaqueRedirect', requestSent: true, durationMs: 1 })));
    assert.ok(!mayExist(classify({ kind: 'failure', failure: 'opaqueRedirect', requestSent: false, status: 302, durationMs: 1 })));
    assert.ok(mayExist(classify(response(503, ''))));
    assert.deepEqual(classify(response(409, { code: 'CONFLICT', message: 'm' })), { kind: 'rejected', status: 409, code: 'CONFLICT', message: 'm', requestId: undefined });
    const html404 = classify(response(404, '<html>'));
    assert.equal(html404.kind, 'invalidResponse');
    assert.ok(!mayExist(html404));
  });
  it('transport failures may exist only when the request was sent and not refused', () => {
    assert.ok(mayExist(classify({ kind: 'failure', failure: 'timeout', requestSent: true, durationMs: 1 })));
    assert.ok(!mayExist(classify({ kind: 'failure', failure: 'networkError', requestSent: false, durationMs: 1 })));
    assert.ok(!mayExist(classify({ kind: 'failure', failure: 'responseTooLarge', requestSent: true, status: 422, durationMs: 1 })));
    assert.ok(mayExist(classify({ kind: 'failure', failure: 'responseTooLarge', requestSent: true, status: 201, durationMs: 1 })));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('12', now), 12);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now), 0, 'a date in the past: now');
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
  it('reads the two obsolete HTTP-date forms a recipient must accept', () => {
    assert.equal(parseRetryAfter('Wednesday, 25-Nov-26 10:01:00 GMT', now), 60);
    assert.equal(parseRetryAfter('Wed Nov 25 10:00:05 2026', now), 5);
    assert.equal(parseRetryAfter('Wed Nov  5 10:00:05 2026', now), 0);
  });
  it('caps an enormous delta at 2^31 s (never waited for: over the automatic limit)', () => {
    assert.equal(parseRetryAfter('99999999999999999999', now), 2 ** 31);
  });
  it('anything else means no retry, however Date.parse would read it', () => {
    for (const v of ['soon', '', '1.5', '-1', '+3', '1e3', '0x10', '12 s', '2026-11-25T10:00:30Z', '2026-11-25', 'Nov 25 2026',
      'Wed, 25 Nov 2026 10:00:30', 'Wed, 25 Nov 2026 10:00:30 UTC', 'wed, 25 nov 2026 10:00:30 gmt', 'Wed, 31 Feb 2026 10:00:30 GMT',
      'Wed, 25 Nov 2026 25:00:00 GMT', 'Wed,25 Nov 2026 10:00:30 GMT']) {
      assert.equal(parseRetryAfter(v, now), undefined, JSON.stringify(v));
    }
  });
});
