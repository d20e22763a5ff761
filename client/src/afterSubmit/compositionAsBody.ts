import { referencedId, typeCode, type CodeableConcept, type Composition, type CompositionSection, type Reference } from '../api/composition';
import { narrativeText } from './narrative';
import type { FieldComparison } from './compareWithSubmitted';

/**
 * The server's copy in the create body's shape: the one place that says how ClinikAPI's
 * Composition carries each field of the body (REFERENCES.md, "Response shapes"), for the preview
 * (which renders documents as ClinikDoc writes them) and for the comparison field by field.
 * References back to ids (`Patient/pat_1` → `pat_1`), codes back to the code sent, section
 * narrative back to text. Everything is read defensively: it comes from the network. Pure.
 *
 * | body | Composition |
 * | --- | --- |
 * | `status`, `title`, `confidentiality`, `date` | the same names |
 * | `type`, `category[]`, `sections[].code` | CodeableConcepts: the first coding's code, else the text |
 * | `patientId` | `subject` `Patient/…` |
 * | `practitionerId` | `author[0]` `Practitioner/…` |
 * | `encounterId`, `custodianId` | `encounter` `Encounter/…`, `custodian` `Organization/…` |
 * | `attester[]` `{mode, time, partyId}` | `attester[]` `{mode, time, party: Practitioner/…}` |
 * | `relatesTo[]` `{code, targetId}` | `relatesTo[]` `{code, targetReference: Composition/…}` |
 * | `event[]` `{code[], period, detailIds[]}` | `event[]` `{code[]: CodeableConcept, period, detail[]: Reference}` |
 * | `sections[]` `{title, code, text, resourceIds, authorId, mode, sections}` | `section[]` `{title, code, text: narrative, entry[], author[0], mode, section}` |
 */
export function compositionAsBody(c: Composition): Record<string, unknown> {
  const raw = c as ServerComposition;
  return compact({
    status: str(raw.status),
    type: typeCode(concept(raw.type)),
    category: list(raw.category, (x) => typeCode(concept(x))),
    patientId: referencedId(reference(raw.subject), 'Patient'),
    encounterId: referencedId(reference(raw.encounter), 'Encounter'),
    practitionerId: referencedId(reference(first(raw.author)), 'Practitioner'),
    title: str(raw.title),
    date: str(raw.date),
    confidentiality: str(raw.confidentiality),
    attester: list(raw.attester, (a) => compact({ mode: str(a?.mode), time: str(a?.time), partyId: referencedId(reference(a?.party), 'Practitioner') })),
    custodianId: referencedId(reference(raw.custodian), 'Organization'),
    relatesTo: list(raw.relatesTo, (r) => compact({ code: str(r?.code), targetId: referencedId(reference(r?.targetReference), 'Composition') })),
    event: list(raw.event, (e) =>
      compact({
        code: list(e?.code, (k) => {
          const coding = concept(k)?.coding?.[0];
          return compact({ system: str(coding?.system), code: str(coding?.code), display: str(coding?.display) });
        }),
        period: e?.period && typeof e.period === 'object' ? compact({ start: str(e.period.start), end: str(e.period.end) }) : undefined,
        detailIds: list(e?.detail, (d) => anyResourceId(reference(d))),
      }),
    ),
    sections: list(raw.section, section),
  });
}

/** A Composition as it may come back, with what the client's type leaves out (read, never trusted). */
type ServerComposition = Omit<Composition, 'section'> & {
  event?: Array<{ code?: CodeableConcept[]; period?: { start?: unknown; end?: unknown }; detail?: Reference[] }>;
  section?: ServerSection[];
};
type ServerSection = CompositionSection & { author?: Reference[]; entry?: Reference[]; mode?: unknown; section?: ServerSection[] };

function section(s: ServerSection | undefined): Record<string, unknown> {
  return compact({
    title: str(s?.title),
    code: typeCode(concept(s?.code)),
    text: typeof s?.text?.div === 'string' ? narrativeText(s.text.div) : undefined,
    resourceIds: list(s?.entry, (e) => anyResourceId(reference(e))),
    authorId: referencedId(reference(first(s?.author)), 'Practitioner'),
    mode: str(s?.mode),
    sections: list(s?.section, section),
  });
}

/**
 * The id a reference of no stated kind carries (`sections[].resourceIds`, `event[].detailIds`):
 * the reference as sent, or the id after a FHIR type (`Condition/cond_1` → `cond_1`).
 */
function anyResourceId(r: Reference | undefined): string | undefined {
  const value = r?.reference;
  if (typeof value !== 'string') return undefined;
  const typed = /^[A-Z][A-Za-z]*\/(.+)$/.exec(value);
  return typed ? typed[1] : value;
}

function list<T, U>(value: T[] | undefined, each: (item: T) => U | undefined): U[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(each).filter((x): x is U => x !== undefined);
}

function first<T>(value: T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[0] : undefined;
}

function concept(value: unknown): CodeableConcept | undefined {
  return value !== null && typeof value === 'object' ? (value as CodeableConcept) : undefined;
}

function reference(value: unknown): Reference | undefined {
  return value !== null && typeof value === 'object' ? (value as Reference) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/**
 * The two sides of *Compare with Submitted*, one line (or block, for a text) per compared field
 * in the same order, so that a text diff lines them up field by field.
 */
export function comparisonSides(comparisons: readonly FieldComparison[]): { server: string; local: string } {
  const side = (pick: (c: FieldComparison) => string | undefined) =>
    comparisons
      .map((c) => {
        const value = pick(c);
        if (c.multiline) return `${c.label}:\n${value === undefined ? '    (none)' : indent(value)}\n`;
        return `${c.label}: ${value ?? '(none)'}`;
      })
      .join('\n') + '\n';
  return { server: side((c) => c.server), local: side((c) => c.local) };
}

function indent(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => `    ${l}`)
    .join('\n');
}
