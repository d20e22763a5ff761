// The emulator states ClinikAPI's monthly and sandbox quotas on every answer (REFERENCES.md,
// "Limits in every answer"), refuses with their 429 codes once they are used up, and has a
// switch that uses each up at once.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { LIVE_KEY, TEST_KEY, documentText } from '../submission/helpers';
import { get, json, startTestEmulator } from './helpers';

function create(emu: Emulator, key: string): Promise<Response> {
  return fetch(`${emu.url}/v1/documents`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: documentText() });
}

describe('emulator: monthly and sandbox quotas', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTestEmulator({ monthlyQuota: 5, sandboxQuota: 3 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('a test key sees the monthly and the sandbox quota count down, on creates and reads alike', async () => {
    const first = await create(emu, TEST_KEY);
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('x-quota-limit'), '5');
    assert.equal(first.headers.get('x-quota-used'), '1');
    assert.equal(first.headers.get('x-quota-remaining'), '4');
    assert.equal(first.headers.get('x-sandbox-limit'), '3');
    assert.equal(first.headers.get('x-sandbox-used'), '1');
    assert.equal(first.headers.get('x-sandbox-remaining'), '2');
    const reset = Date.parse(first.headers.get('x-quota-reset') ?? '');
    const now = new Date();
    assert.equal(reset, Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1), 'the first of next month, UTC');
    const read = await get(emu, '/v1/patients/pat_123');
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('x-sandbox-remaining'), '1', 'reads spend the sandbox quota too');
  });

  it('a live key has no sandbox headers', async () => {
    const res = await create(emu, LIVE_KEY);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('x-quota-remaining'), '4');
    assert.equal(res.headers.get('x-quota-billable'), '1');
    assert.equal(res.headers.get('x-sandbox-limit'), null);
  });

  it('a used-up sandbox quota answers 429 SANDBOX_QUOTA_EXCEEDED, creates nothing and counts nothing', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await get(emu, '/v1/patients/pat_123')).status, 200);
    const refused = await create(emu, TEST_KEY);
    assert.equal(refused.status, 429);
    assert.equal((await json(refused)).code, 'SANDBOX_QUOTA_EXCEEDED');
    assert.equal(refused.headers.get('x-sandbox-remaining'), '0');
    assert.equal(refused.headers.get('x-quota-used'), '3', 'the refused request is not counted');
    assert.equal(emu.state.documents.length, 0);
  });

  it('the switch uses each quota up for every key, and [] restores them', async () => {
    emu.exhaust(['sandbox']);
    const sandbox = await create(emu, TEST_KEY);
    assert.equal(sandbox.status, 429);
    assert.equal((await json(sandbox)).code, 'SANDBOX_QUOTA_EXCEEDED');
    assert.equal((await create(emu, LIVE_KEY)).status, 201, 'a live key has no sandbox quota');

    emu.exhaust(['monthly']);
    const monthly = await create(emu, LIVE_KEY);
    assert.equal(monthly.status, 429);
    assert.equal((await json(monthly)).code, 'MONTHLY_QUOTA_EXCEEDED');
    assert.equal(monthly.headers.get('x-quota-remaining'), '0');

    emu.exhaust(['rate']);
    const rate = await get(emu, '/v1/patients/pat_123', LIVE_KEY);
    assert.equal(rate.status, 429);
    assert.equal((await json(rate)).code, 'RATE_LIMITED');
    assert.match(rate.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(rate.headers.get('x-ratelimit-remaining'), '0');

    emu.exhaust([]);
    assert.equal((await create(emu, TEST_KEY)).status, 201);
  });

  it('the switch is also a control endpoint, which takes only known quota names', async () => {
    const control = (body: unknown) =>
      fetch(`${emu.url}/__emulator/quota`, { method: 'POST', headers: { 'x-emulator-token': emu.controlToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await control({ exhausted: ['weekly'] })).status, 400);
    assert.equal((await control({ exhausted: ['sandbox'] })).status, 200);
    assert.equal((await create(emu, TEST_KEY)).status, 429);
    const state = await fetch(`${emu.url}/__emulator/state`, { headers: { 'x-emulator-token': emu.controlToken } });
    assert.deepEqual((await json(state)).exhausted, ['sandbox']);
    assert.equal((await control({ exhausted: [] })).status, 200);
    assert.equal((await create(emu, TEST_KEY)).status, 201);
  });
});
