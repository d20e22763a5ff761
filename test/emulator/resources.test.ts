// The emulator's reads, searches and creates of what a document points at, against
// /work/shared/contract/REFERENCES.md: the resolver's tests are only as good as these answers.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { TEST_KEY } from '../submission/helpers';
import { startTestEmulator, get, post, json, envelope } from './helpers';

let emu: Emulator;
const logs: string[] = [];
before(async () => {
  emu = await startTestEmulator({ rateLimit: 1000, log: (l) => logs.push(l) });
});
after(() => emu.close());
beforeEach(() => {
  emu.reset();
  logs.length = 0;
});

describe('emulator: reads of the resources a document points at', () => {
  it('GET /v1/patients/{id}: the envelope with a PatientSummary (not FHIR)', async () => {
    const res = await get(emu, '/v1/patients/pat_123');
    assert.equal(res.status, 200);
    const body = await json(res);
    envelope(body, res, 200);
    assert.deepEqual(
      { id: body.data.id, fullName: body.data.fullName, firstName: body.data.firstName, lastName: body.data.lastName, gender: body.data.gender, birthDate: body.data.birthDate, active: body.data.active },
      { id: 'pat_123', fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', gender: 'female', birthDate: '1990-03-15', active: true },
    );
    assert.equal('resourceType' in body.data, false, 'a PatientSummary has no resourceType');
    assert.equal('name' in body.data, false, 'nor a FHIR name[]');
  });

  it('the fixture has an inactive patient and a patient without a name', async () => {
    const inactive = await json(await get(emu, '/v1/patients/pat_555'));
    assert.equal(inactive.data.active, false);
    assert.equal(inactive.data.fullName, 'Ms. Rosa Placeholder');
    const unnamed = await json(await get(emu, '/v1/patients/pat_900'));
    assert.equal(unnamed.data.fullName, '');
  });

  it('GET /v1/practitioners/{id}: a FHIR Practitioner, one of them inactive', async () => {
    const body = await json(await get(emu, '/v1/practitioners/prac_789'));
    assert.equal(body.data.resourceType, 'Practitioner');
    assert.equal(body.data.id, 'prac_789');
    assert.equal(body.data.active, true);
    assert.deepEqual(body.data.name[0], { use: 'official', prefix: ['Dr.'], given: ['Alice'], family: 'Sample', text: 'Dr. Alice Sample' });
    assert.ok(Array.isArray(body.data.qualification));
    assert.equal((await json(await get(emu, '/v1/practitioners/prac_100'))).data.active, false);
  });

  it('GET /v1/encounters/{id}: a FHIR Encounter with status, class, subject and period', async () => {
    const body = await json(await get(emu, '/v1/encounters/enc_456'));
    assert.equal(body.data.resourceType, 'Encounter');
    assert.equal(body.data.status, 'finished');
    assert.equal(body.data.class.code, 'IMP');
    assert.deepEqual(body.data.subject, { reference: 'Patient/pat_123' });
    assert.deepEqual(body.data.period, { start: '2025-01-12T08:00:00Z', end: '2025-01-15T11:00:00Z' });
    assert.deepEqual(body.data.serviceProvider, { reference: 'Organization/org_1' });
    // Another patient's encounter, for "the encounter belongs to another patient".
    assert.deepEqual((await json(await get(emu, '/v1/encounters/enc_654'))).data.subject, { reference: 'Patient/pat_321' });
  });

  it('GET /v1/organizations/{id}: a FHIR Organization', async () => {
    const body = await json(await get(emu, '/v1/organizations/org_1'));
    assert.deepEqual([body.data.resourceType, body.data.id, body.data.name, body.data.active], ['Organization', 'org_1', 'Example General Hospital', true]);
  });

  it('404 NOT_FOUND for an id the datastore does not hold, with the error body of the contract', async () => {
    for (const path of ['/v1/patients/pat_124', '/v1/practitioners/prac_798', '/v1/encounters/enc_1', '/v1/organizations/org_2', '/v1/documents/comp_1']) {
      const res = await get(emu, path);
      assert.equal(res.status, 404, path);
      const body = await json(res);
      assert.equal(body.code, 'NOT_FOUND');
      assert.equal(body.requestId, res.headers.get('x-request-id'));
      assert.equal(typeof body.error, 'string');
      assert.ok(!JSON.stringify(body).includes(path.split('/').pop()!), 'the id is not echoed');
    }
  });

  it('400 INVALID_ID for an id outside the SDK shape (1–128 of A–Z a–z 0–9 - _ .)', async () => {
    for (const segment of ['a%2Fb', 'pat%20123', 'x'.repeat(129), 'pat_%2E%2E', 'p%C3%A9', '']) {
      const res = await get(emu, `/v1/patients/${segment}`);
      assert.equal(res.status, 400, segment);
      assert.equal((await json(res)).code, 'INVALID_ID');
    }
    assert.equal((await get(emu, `/v1/patients/${'x'.repeat(128)}`)).status, 404, '128 characters is still an id');
    assert.equal((await get(emu, '/v1/patients/a.b-c_D9')).status, 404);
  });

  it('key checks as for the create: 401 without a key or with another shape, 403 for a _noread key', async () => {
    const none = await fetch(`${emu.url}/v1/patients/pat_123`);
    assert.equal(none.status, 401);
    assert.equal((await json(none)).code, 'UNAUTHORIZED');
    assert.equal((await json(await get(emu, '/v1/patients/pat_123', 'sk_live_1'))).code, 'INVALID_KEY_FORMAT');
    assert.equal((await json(await get(emu, '/v1/patients/pat_123', 'clk_test_x_revoked'))).code, 'KEY_REVOKED');
    for (const path of ['/v1/patients/pat_123', '/v1/patients?name=Doe', '/v1/encounters/enc_456', '/v1/documents?patientId=pat_123']) {
      const res = await get(emu, path, 'clk_test_reader_noread');
      assert.equal(res.status, 403, path);
      const body = await json(res);
      assert.equal(body.code, 'FORBIDDEN');
      assert.ok(!JSON.stringify(body).includes('Jane'));
    }
    // A _noread key may still create; a _noscope key (no write scope) may still read.
    assert.equal((await post(emu, '/v1/patients', { firstName: 'Ann', lastName: 'Other' }, 'clk_test_w_noread')).status, 201);
    assert.equal((await get(emu, '/v1/patients/pat_123', 'clk_test_r_noscope')).status, 200);
    assert.equal((await post(emu, '/v1/patients', { firstName: 'Ann', lastName: 'Other' }, 'clk_test_r_noscope')).status, 403);
  });

  it('405 with Allow for a method the route does not take; 404 for other paths', async () => {
    const res = await fetch(`${emu.url}/v1/patients/pat_123`, { method: 'DELETE', headers: { 'x-api-key': TEST_KEY } });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET');
    assert.equal((await get(emu, '/v1/observations/obs_1')).status, 404);
  });

  it('counts reads per path template in state, never an id or a query; logs name the template only', async () => {
    await get(emu, '/v1/patients/pat_123');
    await get(emu, '/v1/patients/pat_321');
    await get(emu, '/v1/patients?name=Doe');
    await get(emu, '/v1/encounters/enc_456');
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 2, '/v1/patients': 1, '/v1/encounters/{id}': 1 });
    const state = await json(await fetch(`${emu.url}/__emulator/state`, { headers: { 'x-emulator-token': emu.controlToken } }));
    assert.deepEqual(state.reads, emu.state.reads);
    const text = JSON.stringify(state) + logs.join('\n');
    for (const leak of ['pat_123', 'pat_321', 'Doe', 'Jane', '1990-03-15', 'enc_456', TEST_KEY]) assert.ok(!text.includes(leak), leak);
    assert.ok(logs.some((l) => l.includes('GET /v1/patients/{id}')));
  });
});

describe('emulator: searches', () => {
  it('GET /v1/patients?name=: partial, case-insensitive; the search envelope', async () => {
    const res = await get(emu, '/v1/patients?name=doe');
    const body = await json(res);
    envelope(body, res, 200);
    assert.deepEqual(Object.keys(body.data).sort(), ['data', 'hasMore', 'total']);
    assert.deepEqual(body.data.data.map((p: { id: string }) => p.id), ['pat_123', 'pat_321']);
    assert.equal(body.data.hasMore, false);
    assert.equal(body.data.total, 2);
    assert.deepEqual((await json(await get(emu, '/v1/patients?name=jan'))).data.data.map((p: { id: string }) => p.id), ['pat_123']);
    assert.deepEqual((await json(await get(emu, '/v1/patients?name=Doe&gender=male'))).data.data.map((p: { id: string }) => p.id), ['pat_321']);
    assert.deepEqual((await json(await get(emu, '/v1/patients?birthDate=1990-03-15'))).data.data.map((p: { id: string }) => p.id), ['pat_123']);
    assert.deepEqual((await json(await get(emu, '/v1/patients?active=false'))).data.data.map((p: { id: string }) => p.id), ['pat_555']);
    assert.deepEqual((await json(await get(emu, '/v1/patients?name=Zebra'))).data, { data: [], hasMore: false, total: 0 });
  });

  it('cursor paging: count (clamped), cursor as the offset, hasMore', async () => {
    const first = await json(await get(emu, '/v1/patients?count=3'));
    assert.deepEqual(first.data.data.map((p: { id: string }) => p.id), ['pat_123', 'pat_321', 'pat_555']);
    assert.equal(first.data.hasMore, true);
    assert.equal(first.data.cursor, '3');
    assert.equal(first.data.total, 4);
    const second = await json(await get(emu, `/v1/patients?count=3&cursor=${first.data.cursor}`));
    assert.deepEqual(second.data.data.map((p: { id: string }) => p.id), ['pat_900']);
    assert.equal(second.data.hasMore, false);
    assert.equal('cursor' in second.data, false);
    // count: 0, negative or not a number → 20; over 100 → 100; a bad cursor starts over.
    for (const count of ['0', '-5', 'abc', '1000']) assert.equal((await json(await get(emu, `/v1/patients?count=${count}`))).data.data.length, 4);
    assert.equal((await json(await get(emu, '/v1/patients?count=2&cursor=zzz'))).data.data[0].id, 'pat_123');
  });

  it('GET /v1/practitioners: name, specialty, npi, active', async () => {
    const ids = async (q: string) => (await json(await get(emu, `/v1/practitioners?${q}`))).data.data.map((p: { id: string }) => p.id);
    assert.deepEqual(await ids('name=alice'), ['prac_789']);
    assert.deepEqual(await ids('specialty=cardiology'), ['prac_790']);
    assert.deepEqual(await ids('npi=1234567893'), ['prac_789']);
    assert.deepEqual(await ids('npi=123456789'), [], 'npi is an exact match');
    assert.deepEqual(await ids('active=false'), ['prac_100']);
  });

  it('GET /v1/encounters: by patient, status, dates; sort=-date is most recent first', async () => {
    const ids = async (q: string) => (await json(await get(emu, `/v1/encounters?${q}`))).data.data.map((e: { id: string }) => e.id);
    assert.deepEqual(await ids('patientId=pat_123&sort=-date'), ['enc_458', 'enc_456', 'enc_457']);
    assert.deepEqual(await ids('patientId=pat_123&sort=date'), ['enc_457', 'enc_456', 'enc_458']);
    assert.deepEqual(await ids('patientId=pat_123&status=finished'), ['enc_456', 'enc_457']);
    assert.deepEqual(await ids('patientId=pat_123&dateFrom=2025-01-01&dateTo=2025-01-31'), ['enc_456']);
    assert.deepEqual(await ids('dateFrom=2025-01-12'), ['enc_456', 'enc_458'], 'a date covers its whole day');
    assert.deepEqual(await ids('dateTo=2025-01-10'), ['enc_457', 'enc_654']);
    assert.deepEqual(await ids('patientId=pat_321'), ['enc_654']);
    const bad = await get(emu, '/v1/encounters?dateFrom=15/01/2025');
    assert.equal(bad.status, 400);
    assert.deepEqual([(await json(bad)).code], ['INVALID_PARAMETER']);
    assert.equal((await get(emu, '/v1/encounters?sort=status')).status, 400);
  });

  it('GET /v1/organizations: name, type', async () => {
    const ids = async (q: string) => (await json(await get(emu, `/v1/organizations?${q}`))).data.data.map((o: { id: string }) => o.id);
    assert.deepEqual(await ids('name=general'), ['org_1']);
    assert.deepEqual(await ids('type=prov'), ['org_1']);
    assert.deepEqual(await ids('type=ins'), []);
  });
});

describe('emulator: creates of patients, practitioners, encounters, organizations', () => {
  it('POST /v1/patients → 201 with a PatientSummary, then readable and searchable; reset restores the fixture', async () => {
    const res = await post(emu, '/v1/patients', { firstName: 'Testy', lastName: 'Mctestface', gender: 'other', birthDate: '2000-01-01', unknownKey: 1 });
    assert.equal(res.status, 201);
    const body = await json(res);
    envelope(body, res, 201);
    assert.match(body.data.id, /^pat_[0-9a-f]{16}$/);
    assert.equal(body.data.fullName, 'Testy Mctestface');
    assert.equal('unknownKey' in body.data, false, 'unknown keys dropped, as Zod does');
    assert.equal((await json(await get(emu, `/v1/patients/${body.data.id}`))).data.birthDate, '2000-01-01');
    assert.equal((await json(await get(emu, '/v1/patients?name=mctest'))).data.total, 1);
    emu.reset();
    assert.equal((await get(emu, `/v1/patients/${body.data.id}`)).status, 404);
    assert.equal((await get(emu, '/v1/patients/pat_123')).status, 200);
  });

  it('POST /v1/practitioners, /v1/encounters, /v1/organizations → FHIR resources', async () => {
    const prac = await json(await post(emu, '/v1/practitioners', { firstName: 'Pat', lastName: 'Tester', npi: '1111111111', specialty: 'Dermatology' }));
    assert.equal(prac.data.resourceType, 'Practitioner');
    assert.deepEqual(prac.data.name[0].given, ['Pat']);
    assert.deepEqual((await json(await get(emu, '/v1/practitioners?specialty=derma'))).data.data.map((p: { id: string }) => p.id), [prac.data.id]);
    const enc = await json(await post(emu, '/v1/encounters', { status: 'finished', class: 'AMB', patientId: 'pat_321', practitionerId: prac.data.id, period: { start: '2025-03-01T10:00:00Z' } }));
    assert.deepEqual([enc.data.resourceType, enc.data.status, enc.data.class.code, enc.data.subject.reference], ['Encounter', 'finished', 'AMB', 'Patient/pat_321']);
    assert.deepEqual((await json(await get(emu, '/v1/encounters?patientId=pat_321&sort=-date'))).data.data.map((e: { id: string }) => e.id), [enc.data.id, 'enc_654']);
    const org = await json(await post(emu, '/v1/organizations', { name: 'Test Clinic', type: ['prov'] }));
    assert.deepEqual([org.data.resourceType, org.data.name, org.data.active], ['Organization', 'Test Clinic', true]);
    assert.deepEqual(emu.state.writes, { 'POST /v1/practitioners': 1, 'POST /v1/encounters': 1, 'POST /v1/organizations': 1 });
  });

  it('422 VALIDATION_ERROR with dotted paths, 400 INVALID_JSON', async () => {
    const res = await post(emu, '/v1/encounters', { status: 'done', class: 'AMB' });
    assert.equal(res.status, 422);
    const body = await json(res);
    assert.equal(body.code, 'VALIDATION_ERROR');
    assert.deepEqual(body.issues.map((i: { diagnostics: string }) => i.diagnostics).sort(), [
      'patientId: Required',
      "status: Invalid enum value. Expected 'planned' | 'arrived' | 'triaged' | 'in-progress' | 'onleave' | 'finished' | 'cancelled'",
    ]);
    const bad = await fetch(`${emu.url}/v1/patients`, { method: 'POST', headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json' }, body: '{"firstName": ' });
    assert.equal(bad.status, 400);
    assert.equal((await json(bad)).code, 'INVALID_JSON');
  });
});

describe('emulator: reads and creates share one rate limit per key', () => {
  it('creates and reads count against the same per-minute window, with Retry-After', async () => {
    const limited = await startTestEmulator({ rateLimit: 3 });
    try {
      const ok = await get(limited, '/v1/patients/pat_123');
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('x-ratelimit-limit'), '3');
      assert.equal(ok.headers.get('x-ratelimit-remaining'), '2');
      const okBody = await json(ok);
      assert.deepEqual([okBody.meta.rateLimitTotal, okBody.meta.rateLimitRemaining], [3, 2]);
      const doc = { status: 'final', type: 'discharge-summary', patientId: 'pat_123', practitionerId: 'prac_789', title: 'T', sections: [{ title: 'A', text: 'B' }] };
      assert.equal((await post(limited, '/v1/documents', doc)).status, 201);
      assert.equal((await get(limited, '/v1/patients?name=Doe')).status, 200);
      const refused = await get(limited, '/v1/encounters/enc_456');
      assert.equal(refused.status, 429);
      assert.equal((await json(refused)).code, 'RATE_LIMITED');
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
      assert.equal((await post(limited, '/v1/documents', doc)).status, 429, 'a create after the reads is refused too');
      assert.equal((await get(limited, '/v1/patients/pat_123', 'clk_test_another_key')).status, 200, 'another key has its own window');
    } finally {
      await limited.close();
    }
  });
});

describe('emulator: faults for reads', () => {
  it('on: "read" faults are taken by the next read only; creates keep theirs', async () => {
    emu.addFaults({ kind: 'status', status: 503, on: 'read' }, { kind: 'rateLimited', retryAfter: 7, on: 'read' });
    const doc = { status: 'final', type: 'discharge-summary', patientId: 'pat_123', practitionerId: 'prac_789', title: 'T', sections: [{ title: 'A', text: 'B' }] };
    assert.equal((await post(emu, '/v1/documents', doc)).status, 201, 'the create takes no read fault');
    assert.equal((await get(emu, '/v1/patients/pat_123')).status, 503);
    const limited = await get(emu, '/v1/patients/pat_123');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal((await get(emu, '/v1/patients/pat_123')).status, 200);
  });

  it('a read reset destroys the connection', async () => {
    emu.addFaults({ kind: 'reset', on: 'read' });
    await assert.rejects(get(emu, '/v1/patients/pat_123'));
    assert.equal((await get(emu, '/v1/patients/pat_123')).status, 200);
  });

  it('refuses a fault for a target that cannot play it', async () => {
    assert.throws(() => emu.addFaults({ kind: 'huge', on: 'read' } as never));
    const res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', headers: { 'x-emulator-token': emu.controlToken }, body: JSON.stringify({ kind: 'status', on: 'elsewhere' }) });
    assert.equal(res.status, 400);
  });
});
