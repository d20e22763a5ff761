import { referencedId, typeCode, type Composition } from '../api/composition';
import { documentSchema, type JsonSchema } from '../../../shared/documentSchema';
import { UPDATABLE_FIELDS, type DocumentUpdate, type UpdatableField } from '../api/documentsApi';
import { compositionAsBody } from './compositionAsBody';
import { sameText } from './narrative';

/**
 * The file against the server's copy, field by field, for every field of the create body: the
 * fields are the schema's (schemas/document-create.schema.json), walked here, so a field added to
 * the contract is compared without a change to this file. The server's side is the Composition
 * read back into the body's shape (compositionAsBody.ts). A section's text is compared as text
 * (it comes back as XHTML narrative), a date-time as an instant. Pure.
 */

/** A ClinikDoc document's value (the create body), as far as these comparisons read it. */
export interface DocumentBody {
  [field: string]: unknown;
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
  /** The field as the file spells it: `patientId`, `attester[0].partyId`, `sections[1].text`, `sections` (the count). */
  path: string;
  /** The top-level field of the create body the path belongs to (`sections` for `sections[1].text`). */
  field: string;
  /** Whether `PATCH /v1/documents/{id}` can change it (the SDK's `DocumentUpdateRequest`). */
  updatable: boolean;
  /** The clinician's name for it: `Title`, `Patient`, `Attester 1 party`, `Section 2 text`. */
  label: string;
  /** The file's value, as text; undefined when the file has none. */
  local: string | undefined;
  /** The server's value, as text; undefined when the server's copy has none. */
  server: string | undefined;
  /** A text block (a section's text) rather than one line. */
  multiline: boolean;
  same: boolean;
}

/**
 * Fields ClinikAPI fills in when the body has none: a difference only when the file has one.
 * `date`: Composition.date is required in FHIR, so a body without one gets the creation time.
 */
const FILLED_IN_BY_SERVER = new Set(['date']);

export function compareWithSubmitted(body: DocumentBody, composition: Composition, schema: JsonSchema = documentSchema): FieldComparison[] {
  const out: FieldComparison[] = [];
  walk(schema, body, compositionAsBody(composition), [], out);
  return out;
}

type Segment = string | number;

function walk(schema: JsonSchema, local: unknown, server: unknown, path: Segment[], out: FieldComparison[]): void {
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const here = [...path, name];
    const l = property(local, name);
    const s = property(server, name);
    if (child.type === 'object') walk(child, l, s, here, out);
    else if (child.type === 'array' && child.items?.type === 'object') {
      const la = Array.isArray(l) ? l : [];
      const sa = Array.isArray(s) ? s : [];
      if (la.length !== sa.length) {
        out.push(comparison(here, `Number of ${plural(here)}`, String(la.length), String(sa.length), false, false));
      }
      for (let i = 0; i < Math.max(la.length, sa.length); i++) walk(child.items, la[i], sa[i], [...here, i], out);
    } else {
      if (l === undefined && s === undefined) continue;
      if (path.length === 0 && FILLED_IN_BY_SERVER.has(name) && l === undefined) {
        out.push(comparison(here, labelOf(here), undefined, text(s), false, true));
        continue;
      }
      const multiline = name === 'text' && here[0] === 'sections';
      out.push(comparison(here, labelOf(here), text(l), text(s), multiline, sameValue(child, name, here, l, s)));
    }
  }
}

function comparison(path: Segment[], label: string, local: string | undefined, server: string | undefined, multiline: boolean, same: boolean): FieldComparison {
  const field = String(path[0]);
  return { path: pathText(path), field, updatable: (UPDATABLE_FIELDS as readonly string[]).includes(field), label, local, server, multiline, same };
}

function sameValue(schema: JsonSchema, name: string, path: Segment[], l: unknown, s: unknown): boolean {
  if (l === undefined || s === undefined) return isEmptyList(l) && isEmptyList(s);
  if (schema['x-clinikapi-format'] === 'date-time') return typeof l === 'string' && typeof s === 'string' && sameInstant(l, s);
  if (name === 'text' && path[0] === 'sections') return typeof l === 'string' && typeof s === 'string' && sameText(l, s);
  if (Array.isArray(l) || Array.isArray(s)) return Array.isArray(l) && Array.isArray(s) && l.length === s.length && l.every((x, i) => x === s[i]);
  return l === s;
}

/** An absent list and an empty one say the same: nothing. */
function isEmptyList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

function property(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function pathText(path: Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** What a clinician calls each key of the body. */
const WORDS: Record<string, string> = {
  patientId: 'patient',
  practitionerId: 'practitioner',
  encounterId: 'encounter',
  custodianId: 'custodian',
  relatesTo: 'related document',
  category: 'categories',
  sections: 'section',
  authorId: 'author',
  partyId: 'party',
  targetId: 'target',
  resourceIds: 'resources',
  detailIds: 'details',
};

/** `sections[1].text` → `Section 2 text`; `sections[0].sections[1].title` → `Section 1.2 title`; `attester[0].partyId` → `Attester 1 party`. */
function labelOf(path: Segment[]): string {
  const words: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') continue;
    const index = path[i + 1];
    const word = WORDS[segment] ?? segment;
    if (typeof index !== 'number') words.push(word);
    else if (segment === 'sections' && path[i - 2] === 'sections') words[words.length - 1] += `.${index + 1}`;
    else words.push(`${word} ${index + 1}`);
  }
  const label = words.join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** `Number of sections`, `Number of sub-sections of section 1`, `Number of attesters`. */
function plural(path: Segment[]): string {
  const name = String(path[path.length - 1]);
  const word = WORDS[name] ?? name;
  if (path.length === 1) return `${word}s`;
  const parent = labelOf(path.slice(0, -1)).toLowerCase();
  return `${name === 'sections' ? 'sub-sections' : `${word}s`} of ${parent}`;
}

/** Whether the server's document is the one this body would create: every field of the body the same. */
export function sameDocument(body: DocumentBody, composition: Composition): boolean {
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
 * What *Compare with Submitted* says: each field that differs, and which of them an update in
 * place cannot change (`2 fields differ from comp_1: Patient, Section 2 text. An update in place
 * cannot change patientId.`).
 */
export function differenceSummary(id: string, comparisons: readonly FieldComparison[]): string {
  const differing = comparisons.filter((c) => !c.same);
  if (differing.length === 0) return `The file matches ${id} in every field of the document.`;
  const fixed = [...new Set(differencesUpdateCannotMake(differing).map((c) => c.field))];
  const note = fixed.length ? ` An update in place cannot change ${fixed.join(', ')}: that takes a new document.` : '';
  return `${differing.length} field${differing.length === 1 ? ' differs' : 's differ'} from ${id}: ${differing.map((c) => c.label).join(', ')}.${note}`;
}

/** The differences an update in place cannot make: fields outside `DocumentUpdateRequest` (the patient, the type …). */
export function differencesUpdateCannotMake(comparisons: readonly FieldComparison[]): FieldComparison[] {
  return comparisons.filter((c) => !c.same && !c.updatable);
}

/**
 * The PATCH that brings the server's copy to the file: only the updatable fields that differ (a
 * section's change sends the file's whole `sections`, which is how the field is updated), and
 * `status: "amended"` always. `changed` is empty when the server's copy already is the file,
 * amended. Differences outside the update (differencesUpdateCannotMake) are not in it.
 */
export function amendInPlaceUpdate(body: DocumentBody, composition: Composition): { update: DocumentUpdate; changed: UpdatableField[] } {
  const comparisons = compareWithSubmitted(body, composition);
  const differing = new Set(comparisons.filter((c) => !c.same && c.updatable).map((c) => c.field));
  const update: DocumentUpdate = {};
  const changed: UpdatableField[] = [];
  for (const field of UPDATABLE_FIELDS) {
    if (field === 'status' || !differing.has(field)) continue;
    if (field === 'attester') update.attester = Array.isArray(body.attester) ? body.attester : [];
    else if (body[field] === undefined) continue;
    else update[field] = body[field];
    changed.push(field);
  }
  update.status = 'amended';
  if (composition.status !== 'amended') changed.push('status');
  return { update, changed };
}

/** Differences a PATCH cannot make: a field the file no longer has (the update can only set one; an empty `attester` clears it). */
export function unremovableFields(body: DocumentBody, composition: Composition): UpdatableField[] {
  const server = compositionAsBody(composition);
  return UPDATABLE_FIELDS.filter((f) => f !== 'status' && f !== 'attester' && body[f] === undefined && server[f] !== undefined);
}

function sameInstant(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(a) ? `${a}T00:00:00Z` : a);
  const tb = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(b) ? `${b}T00:00:00Z` : b);
  return !Number.isNaN(ta) && ta === tb;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
