import { referencedId, typeCode, type Composition, type CompositionSection } from '../api/composition';
import { narrativeText } from './narrative';
import type { FieldComparison } from './compareWithSubmitted';

/**
 * The server's copy in the create body's shape, for the preview (which renders documents as
 * ClinikDoc writes them): references back to ids, section narrative back to text. Pure.
 */
export function compositionAsBody(c: Composition): Record<string, unknown> {
  const out: Record<string, unknown> = {
    status: c.status,
    type: typeCode(c.type),
    patientId: referencedId(c.subject, 'Patient'),
    practitionerId: referencedId(c.author?.[0], 'Practitioner'),
    encounterId: referencedId(c.encounter, 'Encounter'),
    custodianId: referencedId(c.custodian, 'Organization'),
    title: c.title,
    date: c.date,
    confidentiality: c.confidentiality,
    category: c.category?.map(typeCode).filter((x) => x !== undefined),
    attester: c.attester?.map((a) => ({ mode: a.mode, partyId: referencedId(a.party, 'Practitioner'), time: a.time })),
    relatesTo: c.relatesTo?.map((r) => ({ code: r.code, targetId: referencedId(r.targetReference, 'Composition') })),
    sections: (c.section ?? []).map(section),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function section(s: CompositionSection): Record<string, unknown> {
  const out: Record<string, unknown> = {
    title: s.title,
    code: typeCode(s.code),
    text: s.text?.div !== undefined ? narrativeText(String(s.text.div)) : undefined,
    sections: s.section?.map(section),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
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
        if (c.path.endsWith('.text')) return `${c.label}:\n${value === undefined ? '    (none)' : indent(value)}\n`;
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
