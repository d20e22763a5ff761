import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import type { DocumentReference } from '../../shared/protocol';
import { findReferenceProblems, ReferenceCode } from '../../client/src/ids/referenceFindings';
import { hoverMarkdown, refusalMessage, stateSentence } from '../../client/src/ids/referenceText';
import { assertNoPhi, harness, LIVE_KEY, startEmulator, TEST_KEY } from './helpers';

const ref = (kind: DocumentReference['kind'], id: string, path: string): DocumentReference => ({
  kind,
  id,
  path,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

describe('the reference resolver against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('resolves each kind to what the editor shows', async () => {
    const h = harness(emu.url, TEST_KEY);
    const patient = await h.resolver.resolve('patient', 'pat_123');
    assert.deepEqual(patient, { state: 'resolved', resource: { kind: 'patient', id: 'pat_123', name: 'Jane Doe', fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', birthDate: '1990-03-15', gender: 'female', active: true } });
    const practitioner = await h.resolver.resolve('practitioner', 'prac_789');
    assert.deepEqual(practitioner, { state: 'resolved', resource: { kind: 'practitioner', id: 'prac_789', name: 'Dr. Alice Sample', active: true } });
    const encounter = await h.resolver.resolve('encounter', 'enc_456');
    assert.equal(encounter.state, 'resolved');
    assert.deepEqual(encounter.state === 'resolved' && encounter.resource, {
      kind: 'encounter', id: 'enc_456', status: 'finished', classCode: 'IMP', start: '2025-01-12T08:00:00Z', end: '2025-01-15T11:00:00Z', patientId: 'pat_123',
    });
    const organization = await h.resolver.resolve('organization', 'org_1');
    assert.deepEqual(organization, { state: 'resolved', resource: { kind: 'organization', id: 'org_1', name: 'Example General Hospital', active: true } });
    const document = await h.resolver.resolve('document', 'comp_100');
    assert.equal(document.state === 'resolved' && document.resource.kind === 'document' && document.resource.patientId, 'pat_123');
    assert.equal(document.state === 'resolved' && document.resource.kind === 'document' && document.resource.title, 'Clinic letter');
    const hover = hoverMarkdown('patient', 'pat_123', patient, h.reads.state);
    assert.match(hover, /Jane Doe · born 1990\\-03\\-15 · female/);
    assert.match(hover, /ClinikAPI sandbox, test key/);
    assertNoPhi(h.logs, assert);
  });

  it('a live key says production in the hover, and is never sent over plain http', async () => {
    const h = harness(emu.url, LIVE_KEY);
    assert.deepEqual(h.reads.state, { kind: 'off', reason: 'liveKeyOverHttp' });
    assert.deepEqual(await h.resolver.resolve('patient', 'pat_123'), { state: 'notResolved' });
    assert.deepEqual(emu.state.reads, {});
    const resolved = { state: 'resolved', resource: { kind: 'patient', id: 'pat_123', name: 'Jane Doe', birthDate: '1990-03-15', gender: 'female', active: true } } as const;
    assert.match(hoverMarkdown('patient', 'pat_123', resolved, { kind: 'ready', environment: 'live', origin: 'https://api.clinikapi.com' }), /ClinikAPI production, live key/);
  });

  it('an unknown id is a 404: unknown, and a warning naming the environment', async () => {
    const h = harness(emu.url, TEST_KEY);
    const refs = [ref('patient', 'pat_124', 'patientId')];
    const resolutions = await h.resolver.resolveAll(refs);
    assert.deepEqual([...resolutions.values()], [{ state: 'unknown' }]);
    const findings = findReferenceProblems(refs, resolutions, 'test');
    assert.deepEqual(findings.map((f) => [f.code, f.message]), [[ReferenceCode.UnknownId, 'ClinikAPI (sandbox) has no patient pat_124.']]);
  });

  it("another patient's encounter and document, an inactive patient and practitioner are warnings without names", async () => {
    const h = harness(emu.url, TEST_KEY);
    const refs = [
      ref('patient', 'pat_123', 'patientId'),
      ref('encounter', 'enc_654', 'encounterId'),
      ref('practitioner', 'prac_100', 'practitionerId'),
      ref('document', 'comp_200', 'relatesTo[0].targetId'),
      ref('document', 'comp_100', 'relatesTo[1].targetId'),
    ];
    const findings = findReferenceProblems(refs, await h.resolver.resolveAll(refs), 'test');
    assert.deepEqual(findings.map((f) => [f.reference.path, f.code]), [
      ['encounterId', ReferenceCode.EncounterOfAnotherPatient],
      ['practitionerId', ReferenceCode.InactivePractitioner],
      ['relatesTo[0].targetId', ReferenceCode.DocumentOfAnotherPatient],
    ]);
    assert.equal(findings[0]!.message, "Encounter enc_654 belongs to another patient (pat_321), not to this document's patient pat_123.");
    const inactive = [ref('patient', 'pat_555', 'patientId')];
    const f2 = findReferenceProblems(inactive, await h.resolver.resolveAll(inactive), 'test');
    assert.deepEqual(f2.map((f) => [f.code, f.message]), [[ReferenceCode.InactivePatient, 'Patient pat_555 is inactive in ClinikAPI (sandbox).']]);
    for (const f of [...findings, ...f2]) for (const phi of ['Doe', 'Rosa', 'Carol', '1942']) assert.ok(!f.message.includes(phi), f.message);
  });

  it('reads each distinct id once: a second resolve, a hover, a document listing it twice make no request', async () => {
    const h = harness(emu.url, TEST_KEY);
    await h.resolver.resolve('patient', 'pat_123');
    await Promise.all([h.resolver.resolve('patient', 'pat_123'), h.resolver.resolve('patient', 'pat_123')]);
    await h.resolver.resolveAll([ref('practitioner', 'prac_789', 'practitionerId'), ref('practitioner', 'prac_789', 'attester[0].partyId'), ref('patient', 'pat_123', 'patientId')]);
    assert.equal(h.resolver.peek('patient', 'pat_123').state, 'resolved');
    assert.deepEqual(emu.state.reads, { '/v1/patients/{id}': 1, '/v1/practitioners/{id}': 1 });
    // Concurrent asks for an id not yet read share one read.
    await Promise.all([h.resolver.resolve('encounter', 'enc_456'), h.resolver.resolve('encounter', 'enc_456'), h.resolver.resolve('encounter', 'enc_456')]);
    assert.equal((emu.state.reads as Record<string, number>)['/v1/encounters/{id}'], 1);
    // A 404 is kept too.
    await h.resolver.resolve('patient', 'pat_124');
    await h.resolver.resolve('patient', 'pat_124');
    assert.equal((emu.state.reads as Record<string, number>)['/v1/patients/{id}'], 2);
    // After the time an answer is kept, it is read again.
    h.clock.now += 11 * 60_000;
    await h.resolver.resolve('patient', 'pat_123');
    assert.equal((emu.state.reads as Record<string, number>)['/v1/patients/{id}'], 3);
  });

  it('a new key forgets everything read', async () => {
    const h = harness(emu.url, TEST_KEY);
    await h.resolver.resolve('patient', 'pat_123');
    h.reads.configure('clk_test_another', emu.url);
    h.resolver.clear();
    assert.equal(h.resolver.peek('patient', 'pat_123').state, 'notResolved');
    assert.equal(h.resolver.size, 0);
  });

  it('a 429 stops every read until Retry-After, then reads resume', async () => {
    const h = harness(emu.url, TEST_KEY);
    emu.addFaults({ on: 'read', kind: 'rateLimited', retryAfter: 30 });
    assert.deepEqual(await h.resolver.resolve('patient', 'pat_123'), { state: 'notResolved' });
    assert.equal(h.reads.state.kind, 'paused');
    assert.match(stateSentence(h.reads.state, h.clock.now), /rate limit was reached; reads resume in 30 s/);
    for (const id of ['pat_321', 'pat_555', 'pat_123']) assert.deepEqual(await h.resolver.resolve('patient', id), { state: 'notResolved' });
    assert.equal((await h.reads.search('patient', { name: 'Jane' })).kind, 'notSent');
    assert.equal(emu.state.reads['/v1/patients/{id}'], 1, 'nothing sent while paused');
    h.clock.now += 31_000;
    assert.equal(h.reads.state.kind, 'ready');
    h.clock.now += 31_000; // past the failed read's retry time too
    assert.equal((await h.resolver.resolve('patient', 'pat_123')).state, 'resolved');
    assert.equal((emu.state.reads as Record<string, number>)['/v1/patients/{id}'], 2);
  });

  it('a 429 without Retry-After pauses until the rate-limit reset; a quota 429 says so', async () => {
    const h = harness(emu.url, TEST_KEY);
    emu.addFaults({ on: 'read', kind: 'rateLimited', retryAfter: null });
    await h.resolver.resolve('patient', 'pat_123');
    const s = h.reads.state;
    assert.ok(s.kind === 'paused' && s.until > h.clock.now && s.until <= h.clock.now + 61_000, JSON.stringify(s));
    const q = harness(emu.url, 'clk_test_other');
    emu.addFaults({ on: 'read', kind: 'quota' });
    await q.resolver.resolve('patient', 'pat_123');
    assert.ok(q.reads.state.kind === 'paused' && q.reads.state.quota);
    assert.match(stateSentence(q.reads.state), /quota is used up/);
  });

  it('a 403 (no read scope) turns resolution off once, until the key changes', async () => {
    const h = harness(emu.url, 'clk_test_abc_noread');
    assert.deepEqual(await h.resolver.resolve('patient', 'pat_123'), { state: 'notResolved' });
    for (const id of ['pat_321', 'prac_789']) await h.resolver.resolve(id.startsWith('pat') ? 'patient' : 'practitioner', id);
    assert.equal((await h.reads.search('patient', { name: 'Jane' })).kind, 'notSent');
    assert.equal(emu.state.reads['/v1/patients/{id}'], 1, 'one refused read, then none');
    assert.equal(Object.values(emu.state.reads).reduce((a, b) => a + b, 0), 1);
    const offStates = h.states.filter((s) => s.kind === 'off' && s.reason === 'forbidden');
    assert.equal(offStates.length, 1, 'said once');
    assert.match(refusalMessage(offStates[0]!)!, /may not read .*403/);
    h.reads.configure(TEST_KEY, emu.url);
    h.resolver.clear();
    assert.equal(h.reads.state.kind, 'ready');
    assert.equal((await h.resolver.resolve('patient', 'pat_123')).state, 'resolved');
  });

  it('a 401 (revoked key) turns it off the same way', async () => {
    const h = harness(emu.url, 'clk_test_abc_revoked');
    await h.resolver.resolve('patient', 'pat_123');
    await h.resolver.resolve('patient', 'pat_321');
    assert.equal(emu.state.reads['/v1/patients/{id}'], 1);
    assert.deepEqual(h.reads.state, { kind: 'off', reason: 'unauthorized', detail: 'KEY_REVOKED' });
    assert.match(refusalMessage(h.reads.state)!, /refused the key \(401\)/);
  });

  it('offline: ids are quietly not resolved, no warning, and not retried on every ask', async () => {
    const gone = await startEmulator();
    const url = gone.url;
    await gone.close();
    const h = harness(url, TEST_KEY);
    const refs = [ref('patient', 'pat_123', 'patientId'), ref('practitioner', 'prac_789', 'practitionerId')];
    const resolutions = await h.resolver.resolveAll(refs);
    assert.deepEqual([...resolutions.values()].map((r) => r.state), ['notResolved', 'notResolved']);
    assert.deepEqual(findReferenceProblems(refs, resolutions, 'test'), []);
    assert.equal(h.reads.state.kind, 'ready', 'offline does not turn resolution off');
    const before = h.logs.length;
    await h.resolver.resolveAll(refs);
    assert.equal(h.logs.length, before, 'not read again right away');
    assert.match(h.logs[0]!, /GET http:\/\/127\.0\.0\.1:\d+\/v1\/(patients|practitioners)\/\{id\} → --- failed: networkError (error=[A-Z_]+ )?request=\(none\) \(\d+ ms\)$/);
  });

  it('ids outside the SDK shape are never requested, and are warned about', async () => {
    const h = harness(emu.url, TEST_KEY);
    const bad = ['../pat_123', 'pat 123', 'pat_123?x=1', 'pat%2F1', 'x'.repeat(129), '..', 'pat/123', 'ünï'];
    const refs = bad.map((id) => ref('patient', id, 'patientId'));
    const resolutions = await h.resolver.resolveAll(refs);
    assert.ok([...resolutions.values()].every((r) => r.state === 'invalidId'));
    assert.equal((await h.reads.read('patient', '../x')).kind, 'invalidId');
    assert.deepEqual(emu.state.reads, {});
    assert.deepEqual(h.logs, []);
    const findings = findReferenceProblems(refs, resolutions, 'test');
    assert.equal(findings.length, bad.length);
    assert.ok(findings.every((f) => f.code === ReferenceCode.IdNotReadable));
    assert.match(findings[0]!.message, /^"\.\.\/pat_123" is not a ClinikAPI id/);
    // An empty id (being typed) is neither read nor warned about.
    assert.deepEqual(findReferenceProblems([ref('patient', '', 'patientId')], await h.resolver.resolveAll([ref('patient', '', 'patientId')]), 'test'), []);
  });

  it('without a key, with a bad key or base URL, nothing is read', async () => {
    for (const [key, url, reason] of [
      [undefined, emu.url, 'noKey'],
      ['sk_not_ours', emu.url, 'badKey'],
      [TEST_KEY, 'http://example.com', 'badBaseUrl'],
    ] as const) {
      const h = harness(url, key);
      assert.deepEqual(h.reads.state, { kind: 'off', reason });
      assert.deepEqual(await h.resolver.resolve('patient', 'pat_123'), { state: 'notResolved' });
    }
    assert.deepEqual(emu.state.reads, {});
  });

  it('searches: patients by name, a patient\'s encounters most recent first; what a search listed needs no read', async () => {
    const h = harness(emu.url, TEST_KEY);
    const patients = await h.resolver.search('patient', { name: 'Doe', count: '20' });
    assert.deepEqual(patients?.map((p) => p.id).sort(), ['pat_123', 'pat_321']);
    const encounters = await h.resolver.search('encounter', { patientId: 'pat_123', sort: '-date', count: '20' });
    assert.deepEqual(encounters?.map((e) => e.id), ['enc_458', 'enc_456', 'enc_457']);
    await h.resolver.search('patient', { name: 'Doe', count: '20' });
    assert.equal(emu.state.reads['/v1/patients'], 1, 'the same search is kept a while');
    assert.equal((await h.resolver.resolve('patient', 'pat_321')).state, 'resolved');
    assert.equal(emu.state.reads['/v1/patients/{id}'], undefined, 'listed by the search: no read');
  });

  it('every log line is one line per request: method, origin, path template, status, duration — no name, birth date, id or query', async () => {
    const h = harness(emu.url, TEST_KEY);
    await h.resolver.resolveAll([
      ref('patient', 'pat_123', 'patientId'),
      ref('patient', 'pat_124', 'patientId'),
      ref('encounter', 'enc_456', 'encounterId'),
      ref('practitioner', 'prac_789', 'practitionerId'),
      ref('organization', 'org_1', 'custodianId'),
      ref('document', 'comp_100', 'relatesTo[0].targetId'),
    ]);
    await h.resolver.search('patient', { name: 'Jane Doe' });
    emu.addFaults({ on: 'read', kind: 'rateLimited', retryAfter: 5 });
    await h.resolver.resolve('patient', 'pat_321');
    assert.equal(h.logs.length, 8);
    for (const line of h.logs) {
      assert.match(line, /^\d{4}-\d\d-\d\dT[\d:.]+Z GET http:\/\/127\.0\.0\.1:\d+\/v1\/(patients|practitioners|encounters|organizations|documents)(\/\{id\})? → (200 ok|404 notFound( code=NOT_FOUND)?|429 rateLimited( code=RATE_LIMITED)?) request=(req_[0-9a-f]+|\(none\)) \(\d+ ms\)$/, line);
    }
    assert.ok(h.logs.some((l) => l.includes('/v1/patients/{id} → 404')));
    assert.ok(h.logs.some((l) => l.includes('/v1/patients → 200')));
    assertNoPhi(h.logs, assert);
    for (const line of h.logs) assert.ok(!line.includes(TEST_KEY) && !line.includes('?'), line);
    const messages = h.states.map((s) => stateSentence(s, h.clock.now));
    assertNoPhi(messages, assert);
  });
});
