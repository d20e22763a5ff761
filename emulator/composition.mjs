// A document as ClinikAPI stores and returns it: the create body (`DocumentCreate`) turned into a
// FHIR R4 Composition (REFERENCES.md), and a `PATCH` (`DocumentUpdateRequest`) applied to one.
// Section text comes back as FHIR narrative: an XHTML `div`, the text escaped, never as sent.

/** The fields a `PATCH /v1/documents/{id}` may change (the SDK's `DocumentUpdateRequest`). */
export const UPDATABLE_FIELDS = ['status', 'title', 'sections', 'confidentiality', 'attester'];

const XHTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** FHIR narrative for a section's plain text: escaped, line breaks as `<br/>`. */
export function narrative(text) {
  const escaped = String(text).replace(/[&<>"]/g, (c) => XHTML_ESCAPES[c]).replace(/\r\n|\r|\n/g, '<br/>');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escaped}</div>` };
}

/**
 * @param {string} id
 * @param {Record<string, any>} body a valid DocumentCreate (already checked against the schema)
 * @param {string} createdAt ISO instant
 */
export function toComposition(id, body, createdAt) {
  return compact({
    resourceType: 'Composition',
    id,
    meta: { versionId: '1', lastUpdated: createdAt },
    status: body.status,
    type: concept(body.type),
    category: body.category?.map(concept),
    subject: ref('Patient', body.patientId),
    encounter: body.encounterId === undefined ? undefined : ref('Encounter', body.encounterId),
    // Composition.date is required in FHIR: the body's, or the time it was created.
    date: body.date ?? createdAt,
    author: [ref('Practitioner', body.practitionerId)],
    title: body.title,
    confidentiality: body.confidentiality,
    attester: body.attester?.map(attester),
    custodian: body.custodianId === undefined ? undefined : ref('Organization', body.custodianId),
    relatesTo: body.relatesTo?.map((r) => ({ code: r.code, targetReference: ref('Composition', r.targetId) })),
    event: body.event?.map((e) => compact({
      code: e.code?.map((c) => ({ coding: [compact({ system: c.system, code: c.code, display: c.display })] })),
      period: e.period,
      detail: e.detailIds?.map((d) => ({ reference: d })),
    })),
    section: body.sections.map(section),
  });
}

/**
 * A new Composition with the given fields of `update` applied and the rest kept; `update` holds
 * only fields of UPDATABLE_FIELDS (already checked). The version goes up by one.
 */
export function applyUpdate(composition, update, now) {
  const next = { ...composition, meta: { ...composition.meta, versionId: String(Number(composition.meta?.versionId ?? '1') + 1), lastUpdated: now } };
  if (update.status !== undefined) next.status = update.status;
  if (update.title !== undefined) next.title = update.title;
  if (update.confidentiality !== undefined) next.confidentiality = update.confidentiality;
  if (update.attester !== undefined) next.attester = update.attester.map(attester);
  if (update.sections !== undefined) next.section = update.sections.map(section);
  return next;
}

function section(s) {
  return compact({
    title: s.title,
    code: s.code === undefined ? undefined : concept(s.code),
    author: s.authorId === undefined ? undefined : [ref('Practitioner', s.authorId)],
    text: narrative(s.text),
    mode: s.mode,
    entry: s.resourceIds?.map((r) => ({ reference: r })),
    section: s.sections?.map(section),
  });
}

function attester(a) {
  return compact({ mode: a.mode, time: a.time, party: a.partyId === undefined ? undefined : ref('Practitioner', a.partyId) });
}

function concept(code) {
  return { coding: [{ code }], text: code };
}

function ref(type, id) {
  return { reference: `${type}/${id}` };
}

/** Drops keys whose value is undefined, so they are absent rather than present-but-empty. */
export function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** The id at the end of a FHIR reference of `type` (`Patient/pat_123` → `pat_123`), or undefined. */
export function referencedId(reference, type) {
  const value = reference?.reference;
  return typeof value === 'string' && value.startsWith(`${type}/`) ? value.slice(type.length + 1) : undefined;
}
