import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { MemoryStore, ReceiptStore } from '../../client/src/record/receipts';
import { apiKeyKind, apiKeyProblem, redactSecrets } from '../../client/src/api/apiKey';
import { formatLogLine } from '../../client/src/api/logLine';

describe('ReceiptStore', () => {
  it('remembers id and time by fingerprint, and stores no content', async () => {
    const mem = new MemoryStore();
    const store = new ReceiptStore(mem);
    const fp = await store.fingerprint('https://api.clinikapi.com', 'live', '{"title":"Zebulon"}');
    assert.equal(store.find(fp), undefined);
    await store.record(fp, { id: 'comp_1', time: '2026-11-25T10:00:00.000Z', requestId: 'req_1' });
    assert.deepEqual(new ReceiptStore(mem).find(fp), { id: 'comp_1', time: '2026-11-25T10:00:00.000Z', requestId: 'req_1' });
    assert.ok(!JSON.stringify([...mem.values]).includes('Zebulon'));
  });
  it('fingerprints differ by content, origin and key kind, and are salted per installation', async () => {
    const a = new ReceiptStore(new MemoryStore());
    const base = await a.fingerprint('https://x', 'test', 'doc');
    assert.notEqual(base, await a.fingerprint('https://x', 'test', 'doc '));
    assert.notEqual(base, await a.fingerprint('https://y', 'test', 'doc'));
    assert.notEqual(base, await a.fingerprint('https://x', 'live', 'doc'));
    assert.equal(base, await a.fingerprint('https://x', 'test', 'doc'));
    assert.notEqual(base, await new ReceiptStore(new MemoryStore()).fingerprint('https://x', 'test', 'doc'));
  });
  it('fingerprints (Web Crypto) are the HMAC-SHA-256 node:crypto made, so receipts stored before still match', async () => {
    const mem = new MemoryStore();
    const store = new ReceiptStore(mem);
    const fp = await store.fingerprint('https://x', 'test', 'doc é');
    const { salt } = mem.values.get('clinikapi.receipts') as { salt: string };
    assert.match(salt, /^[0-9a-f]{32}$/);
    assert.equal(fp, createHmac('sha256', salt).update('https://x\ntest\n').update('doc é', 'utf8').digest('hex'));
  });
  it('keeps the newest 500', async () => {
    const store = new ReceiptStore(new MemoryStore());
    for (let i = 0; i < 505; i++) await store.record(`fp${i}`, { id: `comp_${i}`, time: 't' });
    assert.equal(store.find('fp4'), undefined);
    assert.equal(store.find('fp5')?.id, 'comp_5');
    assert.equal(store.find('fp504')?.id, 'comp_504');
  });
});

describe('API key', () => {
  it('accepts only clk_test_ / clk_live_ keys', () => {
    assert.equal(apiKeyKind('clk_test_abc'), 'test');
    assert.equal(apiKeyKind('clk_live_A-b_9'), 'live');
    for (const bad of ['clk_test_', 'clk_prod_abc', 'sk_live_abc', 'clk_live_a b', undefined]) assert.equal(apiKeyKind(bad), undefined, String(bad));
    assert.equal(apiKeyProblem('clk_test_ok'), undefined);
    assert.match(apiKeyProblem('sk_live_x') ?? '', /start with clk_test_/);
    assert.match(apiKeyProblem('clk_test_a b') ?? '', /only letters/);
    assert.match(apiKeyProblem('  ') ?? '', /Enter a key/);
  });
  it('redacts every occurrence', () => {
    assert.equal(redactSecrets('a clk_test_k1 b clk_test_k1', ['clk_test_k1', undefined]), 'a [redacted] b [redacted]');
  });
});

describe('formatLogLine', () => {
  it('writes method, origin and path, status, request id and duration; never query or user info', () => {
    const line = formatLogLine({
      time: new Date('2026-11-25T10:00:00Z'),
      method: 'POST',
      url: new URL('https://user:pw@api.clinikapi.com/v1/documents?x=secret'),
      outcome: { kind: 'serverError', status: 500, code: 'INTERNAL_ERROR', requestId: 'req_9', mayExist: true },
      durationMs: 12.4,
    });
    assert.equal(line, '2026-11-25T10:00:00.000Z POST https://api.clinikapi.com/v1/documents → 500 serverError code=INTERNAL_ERROR request=req_9 (12 ms)');
  });
  it('names the failure of a transport error', () => {
    const line = formatLogLine({
      time: new Date('2026-11-25T10:00:00Z'),
      method: 'POST',
      url: new URL('http://127.0.0.1:1/v1/documents'),
      outcome: { kind: 'transportFailed', failure: 'timeout', mayExist: true },
      durationMs: 1000,
      attempt: 2,
    });
    assert.equal(line, '2026-11-25T10:00:00.000Z POST http://127.0.0.1:1/v1/documents → --- failed: timeout request=(none) attempt=2 (1000 ms)');
  });
});
