// The one record per submission (client/src/record/submissionRecords.ts): its fingerprint, its
// state machine, what makes Submit ask, what the view groups and links, what an earlier version's
// receipts and history become, and that nothing but ids, times and keyed hashes is stored.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { MemoryStore } from '../../client/src/record/keyValueStore';
import { CLAIM_HOLDS_MS, settleTime, settleTimeOf, SubmissionRecords, unknownOutcomesLine, type SubmissionRecord } from '../../client/src/record/submissionRecords';
import { apiKeyKind, apiKeyProblem, redactSecrets } from '../../client/src/api/apiKey';
import { bind, send } from '../../client/src/api/clinikApi';
import type { HttpTransport } from '../../client/src/api/transport';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const base: Omit<SubmissionRecord, 'key'> = {
  file: 'file:///w/a.clinikdoc.json',
  action: 'create',
  state: 'created',
  origin: 'http://127.0.0.1:8787',
  keyKind: 'test',
  fingerprint: 'fp-a',
  claimedAt: '2026-12-01T09:59:59.000Z',
  sentAt: '2026-12-01T10:00:00.000Z',
  time: '2026-12-01T10:00:01.000Z',
  documentId: 'comp_1',
};

describe('submission records', () => {
  it('fingerprints by content, origin and key kind, salted per installation; nothing of the content is stored', async () => {
    const mem = new MemoryStore();
    const a = new SubmissionRecords(mem);
    const fp = await a.fingerprint('https://x', 'test', '{"title":"Zebulon"}');
    assert.notEqual(fp, await a.fingerprint('https://x', 'test', '{"title":"Zebulon"} '));
    assert.notEqual(fp, await a.fingerprint('https://y', 'test', '{"title":"Zebulon"}'));
    assert.notEqual(fp, await a.fingerprint('https://x', 'live', '{"title":"Zebulon"}'));
    assert.equal(fp, await a.fingerprint('https://x', 'test', '{"title":"Zebulon"}'));
    assert.notEqual(fp, await new SubmissionRecords(new MemoryStore()).fingerprint('https://x', 'test', '{"title":"Zebulon"}'));
    await a.claim({ file: 'file:///w/z.clinikdoc.json', fingerprint: fp, origin: 'https://x', keyKind: 'test', window: 'w1', now: NOW });
    assert.ok(!JSON.stringify([...mem.values]).includes('Zebulon'));
    const { salt } = mem.values.get('clinikapi.submissions') as { salt: string };
    assert.match(salt, /^[0-9a-f]{32}$/);
    assert.equal(fp, createHmac('sha256', salt).update('https://x\ntest\n').update('{"title":"Zebulon"}', 'utf8').digest('hex'));
  });

  it('moves a record only along the state machine', async () => {
    const records = new SubmissionRecords(new MemoryStore());
    const claimed = await records.claim({ file: base.file, fingerprint: 'fp', origin: base.origin, keyKind: 'test', window: 'w1', now: NOW });
    assert.equal(await records.change(claimed.key, 'created', { documentId: 'comp_x' }), undefined, 'claimed cannot be created without being sent');
    assert.equal((await records.change(claimed.key, 'sent', { sentAt: NOW.toISOString() }))?.state, 'sent');
    assert.equal((await records.change(claimed.key, 'unknown'))?.state, 'unknown');
    assert.equal((await records.change(claimed.key, 'notFoundYet', { searches: 1 }))?.state, 'notFoundYet');
    assert.equal((await records.change(claimed.key, 'found', { documentId: 'comp_9' }))?.documentId, 'comp_9');
    assert.equal(await records.change(claimed.key, 'settled'), undefined, 'found is final');
    assert.equal(await records.change('no-such-key', 'sent'), undefined);
    const orphan = await records.add({ ...base, state: 'sent', documentId: undefined });
    assert.equal((await records.change(orphan.key, 'notFoundYet'))?.state, 'notFoundYet', 'a sent record whose end was never seen is checked as an unknown one');
  });

  it('asks about the same content when it is claimed (freshly), sent, created, found or unknown; not when rejected or settled', async () => {
    const records = new SubmissionRecords(new MemoryStore());
    const add = (state: SubmissionRecord['state'], extra: Partial<SubmissionRecord> = {}) => records.add({ ...base, state, fingerprint: `fp-${state}`, ...extra });
    for (const state of ['claimed', 'sent', 'created', 'found', 'unknown', 'notFoundYet'] as const) await add(state, { claimedAt: NOW.toISOString() });
    for (const state of ['rejected', 'settled'] as const) await add(state);
    await add('updated', { fingerprint: 'fp-updated', action: 'update' });
    await add('claimed', { fingerprint: 'fp-stale', claimedAt: new Date(NOW.getTime() - CLAIM_HOLDS_MS - 1).toISOString() });
    const asks = (fp: string) => records.blocking(fp, NOW).length > 0;
    for (const state of ['claimed', 'sent', 'created', 'found', 'unknown', 'notFoundYet']) assert.equal(asks(`fp-${state}`), true, state);
    for (const fp of ['fp-rejected', 'fp-settled', 'fp-updated', 'fp-stale']) assert.equal(asks(fp), false, fp);
    const own = records.blocking('fp-claimed', NOW)[0]!;
    assert.deepEqual(records.blocking('fp-claimed', NOW, own.key), [], 'a Submit never asks about its own claim');
  });

  it('withdraws a claim that sent nothing, and a sent record only when nothing left after all', async () => {
    const records = new SubmissionRecords(new MemoryStore());
    const claimed = await records.claim({ file: base.file, fingerprint: 'fp', origin: base.origin, keyKind: 'test', window: 'w1', now: NOW });
    const other = await records.add({ ...base, state: 'sent' });
    await records.withdraw(other.key);
    assert.equal(records.get(other.key)?.state, 'sent', 'a sent record is not withdrawn by accident');
    await records.withdraw(other.key, { sentNothing: true });
    assert.equal(records.get(other.key), undefined);
    await records.withdraw(claimed.key);
    assert.deepEqual(records.entries(), []);
  });

  it('groups by file, newest first, links a file to its newest created, found or updated document, and keeps the newest 500', async () => {
    const store = new MemoryStore();
    const records = new SubmissionRecords(store);
    let changes = 0;
    records.onDidChange(() => changes++);
    await records.add(base);
    await records.add({ ...base, file: 'file:///w/b.clinikdoc.json', documentId: 'comp_2' });
    const unknown = await records.add({ ...base, state: 'unknown', documentId: undefined });
    assert.equal(changes, 3);
    assert.deepEqual(records.byFile().map((g) => [g.file, g.entries.length]), [['file:///w/a.clinikdoc.json', 2], ['file:///w/b.clinikdoc.json', 1]]);
    assert.equal(records.linkedDocument(base.file)?.documentId, 'comp_1');
    await records.change(unknown.key, 'found', { documentId: 'comp_3' });
    assert.equal(records.linkedDocument(base.file)?.documentId, 'comp_3');
    assert.deepEqual([...records.knownDocumentIds(unknown.key)].sort(), ['comp_1', 'comp_2']);
    assert.equal(new SubmissionRecords(store).entries().length, 3, 'a new window reads the same state');
    for (let i = 0; i < 505; i++) await records.add({ ...base, documentId: `comp_n${i}` });
    assert.equal(records.entries().length, 500);
    assert.equal(records.entries().at(-1)?.documentId, 'comp_n504');
  });

  it('carries over the receipts and history of an earlier version once (same salt, same fingerprints), and ignores what it does not recognise', async () => {
    const store = new MemoryStore();
    store.values.set('clinikapi.receipts', {
      salt: '00112233445566778899aabbccddeeff',
      entries: { 'fp-old': { id: 'comp_old', time: '2026-11-30T10:00:00.000Z' }, 'fp-pending': { time: '2026-11-30T11:00:00.000Z', pending: true } },
    });
    store.values.set('clinikapi.submissionHistory', [
      { key: 'h1', file: base.file, action: 'create', sentAt: base.sentAt, time: base.time, origin: base.origin, keyKind: 'test', outcome: 'mayExist', fingerprint: 'fp-h1' },
      { key: 'x' },
      'nonsense',
    ]);
    const records = new SubmissionRecords(store);
    assert.deepEqual(records.entries().map((r) => [r.key === 'h1' ? 'h1' : 'receipt', r.state, r.fingerprint]), [
      ['h1', 'unknown', 'fp-h1'],
      ['receipt', 'created', 'fp-old'],
      ['receipt', 'sent', 'fp-pending'],
    ]);
    assert.equal(records.byFile().length, 1, 'records without a file are not listed in the view');
    assert.equal(records.blocking('fp-old', NOW)[0]?.documentId, 'comp_old', 'Submit still asks about an old receipt');
    assert.equal(await records.fingerprint('o', 'test', 'c'), createHmac('sha256', '00112233445566778899aabbccddeeff').update('o\ntest\nc').digest('hex'));
    await records.add(base);
    assert.equal(store.values.has('clinikapi.receipts'), false);
    assert.equal(store.values.has('clinikapi.submissionHistory'), false);
  });

  it('the status bar counts the submissions whose outcome is unknown (sent, unknown, not found yet), and nothing else', async () => {
    const records = new SubmissionRecords(new MemoryStore());
    assert.equal(unknownOutcomesLine(records), undefined);
    for (const state of ['created', 'rejected', 'settled', 'found', 'claimed'] as const) await records.add({ ...base, state });
    assert.equal(unknownOutcomesLine(records), undefined);
    await records.add({ ...base, state: 'unknown' });
    assert.match(unknownOutcomesLine(records) ?? '', /^1 submission has an unknown outcome: it may have been created\. Run Check Whether It Was Created/);
    await records.add({ ...base, state: 'notFoundYet' });
    await records.add({ ...base, state: 'sent' });
    await records.add({ ...base, state: 'unknown', action: 'update' });
    assert.match(unknownOutcomesLine(records) ?? '', /^3 submissions have an unknown outcome/);
  });

  it('settles after the server can no longer be working on the request, plus the search lag', () => {
    const sentAt = new Date('2026-12-01T10:00:00.000Z');
    assert.equal(settleTime(sentAt, 30).toISOString(), '2026-12-01T10:03:00.000Z', '120 s + 60 s by default');
    assert.equal(settleTime(sentAt, 300).toISOString(), '2026-12-01T10:06:00.000Z', 'never before the timeout itself');
    assert.equal(settleTime(sentAt, 5, { serverWorkSeconds: 8, searchLagSeconds: 4 }).toISOString(), '2026-12-01T10:00:12.000Z');
    // A record carried over without one settles as late as any settings could have made it.
    assert.equal(settleTimeOf({ ...base, key: 'k', settleAt: undefined }).toISOString(), '2026-12-01T10:06:00.000Z');
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

describe('the one log line of a request (api/clinikApi.ts)', () => {
  const binding = (log: string[], transport: HttpTransport) =>
    bind({ base: new URL('https://user:pw@api.clinikapi.com/base'), apiKey: 'clk_test_k1', keyKind: 'test', userAgent: 'ClinikDoc/test', transport, log: (l) => log.push(l), now: () => new Date('2026-11-25T10:00:00Z') });

  it('writes method, origin, the base path and the template, status, outcome, code, request id and duration; never the key, an id, a query or user info', async () => {
    const log: string[] = [];
    const headers: Record<string, string>[] = [];
    const transport: HttpTransport = async (r) => {
      headers.push(r.headers);
      return { kind: 'response', status: 500, headers: { 'x-request-id': 'req_h' }, body: '{"code":"INTERNAL_ERROR","requestId":"req_9"}', durationMs: 12.4 };
    };
    const b = binding(log, transport);
    const answer = await send(b, { method: 'GET', url: new URL('https://api.clinikapi.com/base/v1/documents/comp_secret?x=secret'), template: '/v1/documents/{id}', timeoutMs: 1000, maxResponseBytes: 1000 }, () => ({ word: 'serverError' }));
    assert.equal(answer.code, 'INTERNAL_ERROR');
    assert.equal(answer.requestId, 'req_9');
    assert.deepEqual(log, ['2026-11-25T10:00:00.000Z GET https://api.clinikapi.com/base/v1/documents/{id} → 500 serverError code=INTERNAL_ERROR request=req_9 (12 ms)']);
    assert.equal(headers[0]!['x-api-key'], 'clk_test_k1', 'the key goes in its header, and only there');
  });

  it('names the failure of a transport error and the attempt', async () => {
    const log: string[] = [];
    const b = binding(log, async () => ({ kind: 'failure', failure: 'timeout', requestSent: true, durationMs: 1000 }));
    await send(b, { method: 'POST', url: new URL('https://api.clinikapi.com/base/v1/documents'), template: '/v1/documents', body: new Uint8Array([123, 125]), timeoutMs: 1, maxResponseBytes: 1, attempt: 2 }, () => ({ word: 'failed: timeout' }));
    assert.deepEqual(log, ['2026-11-25T10:00:00.000Z POST https://api.clinikapi.com/base/v1/documents → --- failed: timeout request=(none) attempt=2 (1000 ms)']);
  });

  it('sends nothing to an origin its key is not bound to', async () => {
    const log: string[] = [];
    let sent = 0;
    const b = binding(log, async () => {
      sent++;
      return { kind: 'response', status: 200, headers: {}, body: '{}', durationMs: 1 };
    });
    const answer = await send(b, { method: 'GET', url: new URL('http://127.0.0.1:8787/v1/patients/pat_1'), template: '/v1/patients/{id}', timeoutMs: 1, maxResponseBytes: 1 }, () => ({ word: 'ok' }));
    assert.equal(sent, 0);
    assert.ok(answer.result.kind === 'failure' && !answer.result.requestSent);
    assert.match(log[0]!, /refused: not the origin its key is bound to$/);
  });

  it('writes a request id that is not ClinikAPI\'s shape as unreadable, and no free text', async () => {
    const log: string[] = [];
    const b = binding(log, async () => ({ kind: 'response', status: 400, headers: {}, body: '{"code":"bad code with spaces","requestId":"req x\\nInjected line"}', durationMs: 1 }));
    await send(b, { method: 'GET', url: new URL('https://api.clinikapi.com/base/v1/patients'), template: '/v1/patients?…', timeoutMs: 1, maxResponseBytes: 1 }, () => ({ word: 'refused' }));
    assert.deepEqual(log, ['2026-11-25T10:00:00.000Z GET https://api.clinikapi.com/base/v1/patients?… → 400 refused request=(unreadable) (1 ms)']);
  });
});
