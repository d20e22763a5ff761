// Documents after the create: read and searched as FHIR Compositions (section text as XHTML
// narrative), changed with PATCH, and found again after a create whose answer was lost.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { envelope, get, janeDocument, json, patch, post, startTestEmulator } from './helpers';

let emu: Emulator;
before(async () => {
  emu = await startTestEmulator();
});
after(() => emu.close());
beforeEach(() => emu.reset());

async function create(overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await post(emu, '/v1/documents', janeDocument(overrides));
  assert.equal(res.status, 201);
  return (await json(res)).data;
}

const ids = async (query: string): Promise<string[]> =>
  (await json(await get(emu, `/v1/documents?${query}`))).data.data.map((d: { id: string }) => d.id);

describe('emulator: a created document read back as a Composition', () => {
  it('the create and the read answer the same Composition, as REFERENCES.md shapes it', async () => {
    const created = await create({
      custodianId: 'org_1',
      confidentiality: 'R',
      category: ['clinical'],
      attester: [{ mode: 'professional', time: '2025-01-15T16:00:00Z', partyId: 'prac_790' }],
      relatesTo: [{ code: 'appends', targetId: 'comp_100' }],
      event: [{ code: [{ system: 'http://example.org', code: 'stay', display: 'Stay' }], period: { start: '2025-01-12', end: '2025-01-15' }, detailIds: ['obs_1'] }],
      sections: [
        { title: 'Diagnosis', code: 'diagnosis', text: 'Pneumonia.', authorId: 'prac_790', resourceIds: ['cond_1'], mode: 'snapshot' },
        { title: 'Course', text: 'Improved.', sections: [{ title: 'Day 1', text: 'Fever.' }] },
      ],
    });
    const res = await get(emu, `/v1/documents/${created.id}`);
    assert.equal(res.status, 200);
    const body = await json(res);
    envelope(body, res, 200);
    assert.deepEqual(body.data, created, 'the read answers what the create answered');
    const c = body.data;
    assert.equal(c.resourceType, 'Composition');
    assert.equal(c.id, created.id);
    assert.equal(c.status, 'final');
    assert.deepEqual(c.type, { coding: [{ code: 'discharge-summary' }], text: 'discharge-summary' });
    assert.deepEqual(c.category, [{ coding: [{ code: 'clinical' }], text: 'clinical' }]);
    assert.deepEqual(c.subject, { reference: 'Patient/pat_123' });
    assert.deepEqual(c.encounter, { reference: 'Encounter/enc_456' });
    assert.equal(c.date, '2025-01-15');
    assert.deepEqual(c.author, [{ reference: 'Practitioner/prac_789' }]);
    assert.equal(c.title, 'Discharge Summary');
    assert.equal(c.confidentiality, 'R');
    assert.deepEqual(c.attester, [{ mode: 'professional', time: '2025-01-15T16:00:00Z', party: { reference: 'Practitioner/prac_790' } }]);
    assert.deepEqual(c.custodian, { reference: 'Organization/org_1' });
    assert.deepEqual(c.relatesTo, [{ code: 'appends', targetReference: { reference: 'Composition/comp_100' } }]);
    assert.deepEqual(c.event, [{ code: [{ coding: [{ system: 'http://example.org', code: 'stay', display: 'Stay' }] }], period: { start: '2025-01-12', end: '2025-01-15' }, detail: [{ reference: 'obs_1' }] }]);
    assert.deepEqual(c.section[0], {
      title: 'Diagnosis',
      code: { coding: [{ code: 'diagnosis' }], text: 'diagnosis' },
      author: [{ reference: 'Practitioner/prac_790' }],
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Pneumonia.</div>' },
      mode: 'snapshot',
      entry: [{ reference: 'cond_1' }],
    });
    assert.equal(c.section[1].section[0].text.div, '<div xmlns="http://www.w3.org/1999/xhtml">Fever.</div>');
    assert.equal(c.meta.versionId, '1');
    assert.ok(!Number.isNaN(Date.parse(c.meta.lastUpdated)));
    for (const simplified of ['patientId', 'practitionerId', 'sections', 'encounterId', 'custodianId']) assert.equal(simplified in c, false, simplified);
  });

  it('section text comes back as escaped XHTML narrative, not as the string sent', async () => {
    const created = await create({ sections: [{ title: 'Notes', text: 'a < b & "c" > d\n<script>alert(1)</script>\r\nend' }] });
    const c = (await json(await get(emu, `/v1/documents/${created.id}`))).data;
    assert.equal(
      c.section[0].text.div,
      '<div xmlns="http://www.w3.org/1999/xhtml">a &lt; b &amp; &quot;c&quot; &gt; d<br/>&lt;script&gt;alert(1)&lt;/script&gt;<br/>end</div>',
    );
    assert.ok(!JSON.stringify(c).includes('<script>'));
  });

  it('without a date in the body, the Composition is dated when it was created', async () => {
    const before = Date.now();
    const body = janeDocument();
    delete body.date;
    const created = (await json(await post(emu, '/v1/documents', body))).data;
    assert.ok(Date.parse(created.date) >= before - 1000);
    assert.equal(created.date, created.meta.lastUpdated);
  });

  it('the fixture has documents of two patients', async () => {
    const jane = (await json(await get(emu, '/v1/documents/comp_100'))).data;
    assert.deepEqual(jane.subject, { reference: 'Patient/pat_123' });
    const john = (await json(await get(emu, '/v1/documents/comp_200'))).data;
    assert.deepEqual(john.subject, { reference: 'Patient/pat_321' });
  });
});

describe('emulator: GET /v1/documents', () => {
  it('filters by patientId, type, practitionerId, status, dateFrom, dateTo', async () => {
    const a = await create({ date: '2025-01-15' });
    const b = await create({ type: 'referral-letter', date: '2025-02-01T09:30:00Z', status: 'preliminary' });
    const c = await create({ patientId: 'pat_321', practitionerId: 'prac_790', date: '2025-01-20' });
    assert.deepEqual(await ids('patientId=pat_123'), ['comp_100', a.id, b.id]);
    assert.deepEqual(await ids('patientId=pat_123&type=discharge-summary'), ['comp_100', a.id]);
    assert.deepEqual(await ids('practitionerId=prac_790'), ['comp_100', 'comp_200', c.id]);
    assert.deepEqual(await ids('patientId=pat_123&status=preliminary'), [b.id]);
    assert.deepEqual(await ids('patientId=pat_123&dateFrom=2025-01-15'), [a.id, b.id]);
    assert.deepEqual(await ids('patientId=pat_123&dateFrom=2025-01-16&dateTo=2025-02-01'), [b.id]);
    assert.deepEqual(await ids('dateFrom=2025-02-01T10:00:00Z'), []);
    assert.deepEqual(await ids('patientId=pat_123&sort=-date'), [b.id, a.id, 'comp_100']);
    assert.equal((await get(emu, '/v1/documents?dateTo=yesterday')).status, 400);
  });

  it('pages with count and cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ title: `Note ${i}` })).id);
    const first = (await json(await get(emu, '/v1/documents?patientId=pat_123&type=discharge-summary&count=4'))).data;
    assert.deepEqual(first.data.map((d: { id: string }) => d.id), ['comp_100', ...made.slice(0, 3)]);
    assert.deepEqual([first.hasMore, first.cursor, first.total], [true, '4', 6]);
    const second = (await json(await get(emu, `/v1/documents?patientId=pat_123&type=discharge-summary&count=4&cursor=${first.cursor}`))).data;
    assert.deepEqual(second.data.map((d: { id: string }) => d.id), made.slice(3));
    assert.equal(second.hasMore, false);
  });
});

describe('emulator: PATCH /v1/documents/{id}', () => {
  it('changes only the fields given, keeps the rest, and answers the Composition', async () => {
    const created = (await json(await post(emu, '/v1/documents', janeDocument({ confidentiality: 'N', attester: [{ mode: 'legal', partyId: 'prac_789' }] })))).data;
    const res = await patch(emu, `/v1/documents/${created.id}`, { status: 'amended', title: 'Discharge Summary (amended)', patientId: 'pat_321' });
    assert.equal(res.status, 200);
    const body = await json(res);
    envelope(body, res, 200);
    const updated = body.data;
    assert.equal(updated.status, 'amended');
    assert.equal(updated.title, 'Discharge Summary (amended)');
    assert.deepEqual(updated.subject, { reference: 'Patient/pat_123' }, 'patientId is not an updatable field: dropped, as Zod does');
    for (const kept of ['type', 'date', 'author', 'encounter', 'confidentiality', 'attester', 'section']) assert.deepEqual(updated[kept], created[kept], kept);
    assert.equal(updated.meta.versionId, '2');
    assert.deepEqual((await json(await get(emu, `/v1/documents/${created.id}`))).data, updated);
    assert.deepEqual(emu.state.updates.map((u) => [u.fields, u.status]), [[['status', 'title'], 200]]);
  });

  it('sections, confidentiality and attester are replaced; section text again as narrative', async () => {
    const created = await create();
    const updated = (await json(await patch(emu, `/v1/documents/${created.id}`, {
      sections: [{ title: 'Addendum', text: 'Called <back>.' }],
      confidentiality: 'V',
      attester: [{ mode: 'professional', time: '2025-01-16T08:00:00Z', partyId: 'prac_790' }],
    }))).data;
    assert.deepEqual(updated.section, [{ title: 'Addendum', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Called &lt;back&gt;.</div>' } }]);
    assert.equal(updated.confidentiality, 'V');
    assert.deepEqual(updated.attester, [{ mode: 'professional', time: '2025-01-16T08:00:00Z', party: { reference: 'Practitioner/prac_790' } }]);
    assert.equal(updated.status, 'final');
  });

  it('422 for an invalid field (the schema of the create), 404 for an unknown id, 403 without write scope', async () => {
    const created = await create();
    const bad = await patch(emu, `/v1/documents/${created.id}`, { status: 'draft', sections: [] });
    assert.equal(bad.status, 422);
    const issues = (await json(bad)).issues.map((i: { diagnostics: string }) => i.diagnostics).sort();
    assert.deepEqual(issues, ['sections: Array must contain at least 1 element(s)', "status: Invalid enum value. Expected 'preliminary' | 'final' | 'amended'"]);
    assert.equal((await json(await get(emu, `/v1/documents/${created.id}`))).data.status, 'final', 'nothing changed');
    const missing = await patch(emu, '/v1/documents/comp_missing', { status: 'amended' });
    assert.equal(missing.status, 404);
    assert.equal((await json(missing)).code, 'NOT_FOUND');
    assert.equal((await patch(emu, `/v1/documents/${created.id}`, { status: 'amended' }, 'clk_test_r_noscope')).status, 403);
    assert.equal((await patch(emu, '/v1/documents/a%2Fb', { status: 'amended' })).status, 400);
  });

  it('takes the body as the official SDK sends it: 415 for another content type, 400 for a JSON Patch array', async () => {
    const created = await create();
    for (const type of ['application/json', 'text/plain', 'application/merge-patch+json']) {
      const res = await patch(emu, `/v1/documents/${created.id}`, { status: 'amended' }, undefined, type);
      assert.equal(res.status, 415, type);
      assert.equal((await json(res)).code, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const ops = await patch(emu, `/v1/documents/${created.id}`, [{ op: 'replace', path: '/status', value: 'amended' }]);
    assert.equal(ops.status, 400);
    assert.equal((await json(ops)).code, 'INVALID_BODY');
    assert.equal((await json(await get(emu, `/v1/documents/${created.id}`))).data.status, 'final', 'nothing changed');
    const withCharset = await patch(emu, `/v1/documents/${created.id}`, { status: 'amended' }, undefined, 'Application/JSON-Patch+JSON; charset=utf-8');
    assert.equal(withCharset.status, 200, 'parameters and case of the media type do not matter');
    assert.deepEqual(
      emu.state.updates.map((u) => [u.status, u.contentType]),
      [[415, 'application/json'], [415, 'text/plain'], [415, 'application/merge-patch+json'], [400, 'application/json-patch+json'], [200, 'Application/JSON-Patch+JSON; charset=utf-8']],
    );
  });

  it('an update fault after the change: the connection drops, the change is made', async () => {
    const created = await create();
    emu.addFaults({ kind: 'reset', on: 'update', phase: 'after-update' });
    await assert.rejects(patch(emu, `/v1/documents/${created.id}`, { status: 'amended' }));
    assert.equal((await json(await get(emu, `/v1/documents/${created.id}`))).data.status, 'amended');
  });

  it('DELETE answers 204, then the document is gone', async () => {
    const created = await create();
    const res = await fetch(`${emu.url}/v1/documents/${created.id}`, { method: 'DELETE', headers: { 'x-api-key': 'clk_test_k' } });
    assert.equal(res.status, 204);
    assert.equal((await get(emu, `/v1/documents/${created.id}`)).status, 404);
  });
});

describe('emulator: an unknown outcome of a create, reproduced', () => {
  it('after a reset after-create the document exists and the search by patient finds it', async () => {
    emu.addFaults({ kind: 'reset', phase: 'after-create' });
    const sent = Date.now();
    await assert.rejects(post(emu, '/v1/documents', janeDocument({ title: 'Lost answer' })));
    assert.equal(emu.state.documents.length, 1);
    const id = emu.state.documents[0].id;
    const found = (await json(await get(emu, '/v1/documents?patientId=pat_123&type=discharge-summary&dateFrom=2025-01-15'))).data.data;
    assert.deepEqual(found.map((d: { id: string }) => d.id), [id]);
    assert.equal(found[0].title, 'Lost answer');
    assert.ok(Date.parse(found[0].meta.lastUpdated) >= sent - 1000, 'meta.lastUpdated says when it was created');
  });

  it('after a reset before-create nothing exists', async () => {
    emu.addFaults({ kind: 'reset', phase: 'before-create' });
    await assert.rejects(post(emu, '/v1/documents', janeDocument()));
    assert.equal(emu.state.documents.length, 0);
    assert.deepEqual(await ids('patientId=pat_123&type=discharge-summary&dateFrom=2025-01-15'), []);
  });

  it('a create without a date, delayed after-create: found by dateFrom today while its answer is still on the way', async () => {
    emu.addFaults({ kind: 'delay', phase: 'after-create', ms: 2000 });
    const body = janeDocument({ title: 'Slow answer' });
    delete body.date;
    const pending = post(emu, '/v1/documents', body);
    const today = new Date().toISOString().slice(0, 10);
    let found: string[] = [];
    const deadline = Date.now() + 2000;
    while (found.length === 0 && Date.now() < deadline) found = await ids(`patientId=pat_123&dateFrom=${today}`);
    assert.equal(found.length, 1, 'found before the answer arrived');
    const res = await pending;
    assert.equal(res.status, 201);
    assert.equal((await json(res)).data.id, found[0]);
  });
});

describe('emulator: search lags behind creates, as ClinikAPI documents; read by id does not', () => {
  it('a new document is read by id at once, and appears in search only after the lag', async () => {
    const lagging = await startTestEmulator({ searchLagMs: 600 });
    try {
      const res = await post(lagging, '/v1/documents', janeDocument({ title: 'Lagging' }));
      assert.equal(res.status, 201);
      const { id } = (await json(res)).data;
      assert.equal((await get(lagging, `/v1/documents/${id}`)).status, 200, 'read by id is immediate');
      const search = async () => (await json(await get(lagging, '/v1/documents?patientId=pat_123'))).data.data.map((d: { id: string }) => d.id);
      assert.ok(!(await search()).includes(id), 'not in search yet');
      const visibleAt = Date.parse(lagging.state.documents[0]!.createdAt) + 600;
      while (Date.now() <= visibleAt) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.ok((await search()).includes(id), 'in search once the lag has passed');
    } finally {
      await lagging.close();
    }
  });

  it('lags 10 s by default (ClinikAPI: "commonly ~10s"), and the control API sets it', async () => {
    const { startEmulator, DEFAULT_SEARCH_LAG_MS } = await import('../../emulator/server.mjs');
    assert.equal(DEFAULT_SEARCH_LAG_MS, 10_000);
    const byDefault = await startEmulator({ rateLimit: 1000 });
    try {
      const { id } = (await json(await post(byDefault, '/v1/documents', janeDocument()))).data;
      const found = (await json(await get(byDefault, '/v1/documents?patientId=pat_123'))).data.data.map((d: { id: string }) => d.id);
      assert.ok(!found.includes(id));
      const set = await fetch(`${byDefault.url}/__emulator/config`, {
        method: 'POST',
        headers: { 'x-emulator-token': byDefault.controlToken, 'content-type': 'application/json' },
        body: JSON.stringify({ searchLagMs: 0 }),
      });
      assert.equal(set.status, 200);
      const { id: second } = (await json(await post(byDefault, '/v1/documents', janeDocument({ title: 'Second' })))).data;
      const now = (await json(await get(byDefault, '/v1/documents?patientId=pat_123'))).data.data.map((d: { id: string }) => d.id);
      assert.ok(now.includes(second) && !now.includes(id), 'the new lag applies to documents created from then on');
      const bad = await fetch(`${byDefault.url}/__emulator/config`, { method: 'POST', headers: { 'x-emulator-token': byDefault.controlToken }, body: '{"searchLagMs":-1}' });
      assert.equal(bad.status, 400);
    } finally {
      await byDefault.close();
    }
  });
});
