import { referencedId, typeCode, type Composition, type CompositionAttester, type CompositionSection } from '../api/composition';
import { narrativeText, sameText } from './narrative';
import type { DocumentUpdate, UpdatableField } from '../api/documentsApi';

/**
 * The file against the server's copy, field by field, for the fields that round-trip through
 * ClinikAPI (status, title, confidentiality, attesters, sections' titles and texts — a section's
 * text compared as text, since it comes back as XHTML narrative). Pure.
 */

/** A ClinikDoc document's value (the create body), as far as these comparisons read it. */
export interface DocumentBody {
  status?: unknown;
  type?: unknown;
  patientId?: unknown;
  practitionerId?: unknown;
  title?: unknown;
  date?: unknown;
  confidentiality?: unknown;
  attester?: unknown;
  sections?: unknown;
  relatesTo?: unknown;
}

export interface FieldComparison {
  /** `title`, `attester[0]`, `sections[1].text`, `sections[1].sections[0].title`, `sections` (the count). */
  path: string;
  /** The PATCH field the path belongs to. */
  field: UpdatableField;
  /** The clinician's name for it: `Title`, `Attester 1`, `Section 2 text`. */
  label: string;
  /** The file's value, as text; undefined when the file has none. */
  local: string | undefined;
  /** The server's value, as text; undefined when the server's copy has none. */
  server: string | undefined;
  same: boolean;
}

export function compareWithSubmitted(body: DocumentBody, composition: Composition): FieldComparison[] {
  const out: FieldComparison[] = [];
  const scalar = (field: 'status' | 'title' | 'confidentiality', label: string) => {
    const local = str(body[field]);
    const server = str(composition[field]);
    out.push({ path: field, field, label, local, server, same: local === server });
  };
  scalar('status', 'Status');
  scalar('title', 'Title');
  scalar('confidentiality', 'Confidentiality');

  const localAttesters = Array.isArray(body.attester) ? body.attester : [];
  const serverAttesters = composition.attester ?? [];
  for (let i = 0; i < Math.max(localAttesters.length, serverAttesters.length); i++) {
    const l = localAttesters[i] as Record<string, unknown> | undefined;
    const s = serverAttesters[i];
    out.push({
      path: `attester[${i}]`,
      field: 'attester',
      label: `Attester ${i + 1}`,
      local: l ? attesterText(str(l.mode), str(l.partyId), str(l.time)) : undefined,
      server: s ? serverAttesterText(s) : undefined,
      same: !!l && !!s && str(l.mode) === s.mode && str(l.partyId) === referencedId(s.party, 'Practitioner') && sameInstant(str(l.time), s.time),
    });
  }

  compareSections(Array.isArray(body.sections) ? body.sections : [], composition.section ?? [], 'sections', 'Section ', 'Number of sections', out);
  return out;
}

function compareSections(
  local: unknown[],
  server: CompositionSection[],
  path: string,
  labelPrefix: string,
  countLabel: string,
  out: FieldComparison[],
): void {
  if (local.length !== server.length) {
    out.push({ path, field: 'sections', label: countLabel, local: String(local.length), server: String(server.length), same: false });
  }
  for (let i = 0; i < Math.max(local.length, server.length); i++) {
    const l = (local[i] ?? undefined) as Record<string, unknown> | undefined;
    const s = server[i];
    const here = `${path}[${i}]`;
    const label = `${labelPrefix}${i + 1}`;
    const lTitle = l ? str(l.title) : undefined;
    const sTitle = s ? str(s.title) : undefined;
    out.push({ path: `${here}.title`, field: 'sections', label: `${label} title`, local: lTitle, server: sTitle, same: lTitle === sTitle });
    const lText = l ? str(l.text) : undefined;
    const sText = s?.text?.div !== undefined ? narrativeText(String(s.text.div)) : undefined;
    out.push({
      path: `${here}.text`,
      field: 'sections',
      label: `${label} text`,
      local: lText,
      server: sText,
      same: lText === undefined || sText === undefined ? lText === sText : sameText(lText, sText),
    });
    const lSubs = l && Array.isArray(l.sections) ? (l.sections as unknown[]) : [];
    const sSubs = s?.section ?? [];
    if (lSubs.length > 0 || sSubs.length > 0) compareSections(lSubs, sSubs, `${here}.sections`, `${label}.`, `${label}: number of sub-sections`, out);
  }
}

/**
 * Whether the server's document is the one this body would create: same patient, type,
 * practitioner and (when the body has one) date, and every round-tripping field the same.
 */
export function sameDocument(body: DocumentBody, composition: Composition): boolean {
  if (str(body.patientId) !== referencedId(composition.subject, 'Patient')) return false;
  if (str(body.type) !== typeCode(composition.type)) return false;
  const author = composition.author?.[0];
  if (str(body.practitionerId) !== referencedId(author, 'Practitioner')) return false;
  const date = str(body.date);
  if (date !== undefined && !sameInstant(date, composition.date)) return false;
  return compareWithSubmitted(body, composition).every((c) => c.same);
}

/** Same patient, type and title: what a colleague's copy of the same document looks like. */
export function sameTitledDocument(body: DocumentBody, composition: Composition): boolean {
  return (
    str(body.patientId) === referencedId(composition.subject, 'Patient') &&
    str(body.type) === typeCode(composition.type) &&
    str(body.title) !== undefined &&
    str(body.title) === str(composition.title)
  );
}

/**
 * The PATCH that brings the server's copy to the file: only the fields that differ (a section's
 * change sends the file's whole `sections`, which is how the field is updated), and `status:
 * "amended"` always. `unchanged` when the server's copy already is the file, amended.
 */
export function amendInPlaceUpdate(body: DocumentBody, composition: Composition): { update: DocumentUpdate; changed: UpdatableField[] } {
  const differing = new Set(compareWithSubmitted(body, composition).filter((c) => !c.same).map((c) => c.field));
  const update: DocumentUpdate = {};
  const changed: UpdatableField[] = [];
  if (differing.has('title') && body.title !== undefined) (update.title = body.title), changed.push('title');
  if (differing.has('sections') && body.sections !== undefined) (update.sections = body.sections), changed.push('sections');
  if (differing.has('confidentiality') && body.confidentiality !== undefined) {
    update.confidentiality = body.confidentiality;
    changed.push('confidentiality');
  }
  if (differing.has('attester')) (update.attester = Array.isArray(body.attester) ? body.attester : []), changed.push('attester');
  update.status = 'amended';
  if (composition.status !== 'amended') changed.push('status');
  return { update, changed };
}

/** Differences a PATCH cannot make: a field the file no longer has (the update can only set one). */
export function unremovableFields(body: DocumentBody, composition: Composition): UpdatableField[] {
  const out: UpdatableField[] = [];
  if (body.confidentiality === undefined && composition.confidentiality !== undefined) out.push('confidentiality');
  if (body.title === undefined && composition.title !== undefined) out.push('title');
  return out;
}

function attesterText(mode: string | undefined, partyId: string | undefined, time: string | undefined): string {
  return [mode ?? '(no mode)', partyId, time].filter((p) => p !== undefined).join(' · ');
}

function serverAttesterText(a: CompositionAttester): string {
  return attesterText(a.mode, referencedId(a.party, 'Practitioner'), a.time);
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  const ta = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(a) ? `${a}T00:00:00Z` : a);
  const tb = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(b) ? `${b}T00:00:00Z` : b);
  return !Number.isNaN(ta) && ta === tb;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
