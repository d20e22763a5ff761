// ClinikAPI's limits read from the answers the extension gets anyway: the parser, the observer
// wrapped around the transport, the latest snapshot, and against the emulator through the real
// node transport.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LatestQuota, limitsRunningLow, parseQuota, parseReset, withQuotaObserver, type QuotaSnapshot } from '../../client/src/api/quota';
import type { HttpRequest, HttpResult, HttpTransport } from '../../client/src/api/transport';
import { sendRequest } from '../../client/src/api/nodeTransport';
import { LIVE_KEY, TEST_KEY, documentText } from './helpers';

const AT = Date.UTC(2025, 0, 15, 9, 30, 0);

function answer(headers: Record<string, string>, status = 200): HttpResult {
  return { kind: 'response', status, headers, body: '{}', durationMs: 3 };
}

function request(key: string): HttpRequest {
  return { method: 'GET', url: new URL('https://api.clinikapi.com/v1/patients/pat_1'), headers: { 'x-api-key': key }, timeoutMs: 1000, maxResponseBytes: 1024 };
}

describe('parseQuota', () => {
  it('reads the three families of headers into one snapshot with its time', () => {
    const s = parseQuota(
      {
        'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '58', 'x-ratelimit-reset': '42',
        'x-quota-limit': '10000', 'x-quota-used': '1200', 'x-quota-remaining': '8800', 'x-quota-billable': '1200', 'x-quota-overage': '0', 'x-quota-reset': '2025-02-01T00:00:00Z',
        'x-sandbox-limit': '1000', 'x-sandbox-used': '990', 'x-sandbox-remaining': '10',
      },
      AT,
    );
    assert.deepEqual(s, {
      at: AT,
      rate: { limit: 60, remaining: 58, resetsAt: AT + 42_000 },
      monthly: { limit: 10000, used: 1200, remaining: 8800, resetsAt: Date.UTC(2025, 1, 1), billable: 1200, overage: 0 },
      sandbox: { limit: 1000, used: 990, remaining: 10 },
    });
  });

  it('states nothing for an answer without limits, and ignores values that are not counts', () => {
    assert.equal(parseQuota({ 'x-request-id': 'req_1' }, AT), undefined);
    assert.equal(parseQuota({ 'x-quota-limit': '1e3', 'x-quota-remaining': '-1', 'x-sandbox-used': ' ' }, AT), undefined);
    assert.deepEqual(parseQuota({ 'x-sandbox-limit': '100', 'x-sandbox-used': '30' }, AT)?.sandbox, { limit: 100, used: 30, remaining: 70 }, 'remaining from limit − used');
  });

  it('a reset is seconds from now, an epoch time or a date, each read for what it is', () => {
    assert.equal(parseReset('30', AT), AT + 30_000);
    assert.equal(parseReset('1736933460', AT), 1736933460_000);
    assert.equal(parseReset('2025-02-01', AT), Date.UTC(2025, 1, 1));
    assert.equal(parseReset('2025-02-01T00:00:00+01:00', AT), Date.UTC(2025, 0, 31, 23));
    for (const bad of ['soon', '1.5', '-3', 'Feb 1 2025', '2025-13-45', '']) assert.equal(parseReset(bad, AT), undefined, bad);
  });
});

describe('limitsRunningLow', () => {
  const snapshot: QuotaSnapshot = {
    at: AT,
    rate: { limit: 60, remaining: 3, resetsAt: AT + 30_000 },
    monthly: { limit: 10000, remaining: 9000 },
    sandbox: { limit: 1000, remaining: 20 },
  };
  it('names the limits below the threshold, lowest share first', () => {
    assert.deepEqual(limitsRunningLow(snapshot, 0.1, AT), ['sandbox', 'rate']);
    assert.deepEqual(limitsRunningLow(snapshot, 0.01, AT), []);
    assert.deepEqual(limitsRunningLow(snapshot, 0.95, AT), ['sandbox', 'rate', 'monthly']);
  });
  it('a per-minute window that has reset is full again', () => {
    assert.deepEqual(limitsRunningLow(snapshot, 0.1, AT + 31_000), ['sandbox']);
  });
});

describe('withQuotaObserver', () => {
  it('hands on each answer that states limits, with its time, and returns the answer unchanged', async () => {
    const seen: QuotaSnapshot[] = [];
    const result = answer({ 'x-quota-limit': '10', 'x-quota-remaining': '4' }, 201);
    const inner: HttpTransport = async () => result;
    const observed = withQuotaObserver(inner, (s) => seen.push(s), () => AT);
    assert.equal(await observed(request(LIVE_KEY)), result);
    assert.deepEqual(seen, [{ at: AT, monthly: { limit: 10, remaining: 4 } }]);
    assert.ok(!JSON.stringify(seen).includes('S3cret'), 'the key is never in a snapshot');
  });

  it('an answer without limits, or no answer at all, hands on nothing; a failing listener does not fail the request', async () => {
    const seen: QuotaSnapshot[] = [];
    const failure: HttpResult = { kind: 'failure', failure: 'timeout', requestSent: true, durationMs: 5 };
    assert.equal(await withQuotaObserver(async () => failure, (s) => seen.push(s))(request(TEST_KEY)), failure);
    await withQuotaObserver(async () => answer({}), (s) => seen.push(s))(request(TEST_KEY));
    assert.equal(seen.length, 0);
    const ok = answer({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '1' });
    assert.equal(await withQuotaObserver(async () => ok, () => { throw new Error('listener'); })(request(TEST_KEY)), ok);
  });

  it('against the emulator: a create and a read with a test key state the sandbox quota, which a switch uses up', async () => {
    const { startEmulator } = await import('../../emulator/server.mjs');
    const emu = await startEmulator({ sandboxQuota: 50 });
    try {
      const latest = new LatestQuota();
      const transport = withQuotaObserver(sendRequest, (s) => latest.observe(s));
      const post = (): Promise<HttpResult> =>
        transport({ url: new URL(`${emu.url}/v1/documents`), headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json' }, body: new TextEncoder().encode(documentText()), timeoutMs: 5000, maxResponseBytes: 1 << 20 });
      const created = await post();
      assert.equal(created.kind === 'response' && created.status, 201);
      assert.deepEqual(latest.current()?.sandbox, { limit: 50, used: 1, remaining: 49 });
      assert.equal(latest.current()?.rate?.limit, 60);
      emu.exhaust(['sandbox']);
      const refused = await post();
      assert.equal(refused.kind === 'response' && refused.status, 429);
      assert.equal(latest.current()?.sandbox?.remaining, 0);
      assert.ok((latest.current()?.monthly?.resetsAt ?? 0) > Date.now(), 'the monthly reset is ahead');
    } finally {
      await emu.close();
    }
  });
});

describe('LatestQuota', () => {
  it('keeps the figures a later answer leaves out, and forgets them all on clear', () => {
    const latest = new LatestQuota();
    let changes = 0;
    const sub = latest.onDidChange(() => changes++);
    latest.observe({ at: 1, sandbox: { limit: 10, remaining: 5 }, monthly: { limit: 100, remaining: 50 } });
    latest.observe({ at: 2, rate: { limit: 60, remaining: 59 } });
    assert.deepEqual(latest.current(), { at: 2, rate: { limit: 60, remaining: 59 }, monthly: { limit: 100, remaining: 50 }, sandbox: { limit: 10, remaining: 5 } });
    latest.observe({ at: 3, sandbox: { limit: 10, remaining: 4 } });
    assert.equal(latest.current()?.sandbox?.remaining, 4);
    latest.clear();
    assert.equal(latest.current(), undefined);
    latest.clear();
    sub.dispose();
    latest.observe({ at: 4, rate: { limit: 1, remaining: 1 } });
    assert.equal(changes, 4, 'a change per answer and per clear that forgot something; none after dispose');
  });
});
