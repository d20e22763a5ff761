/**
 * A document as ClinikAPI returns it: a FHIR R4 Composition (REFERENCES.md, "Response shapes").
 * Only what ClinikDoc reads is typed; everything is optional because it comes from the network
 * and is checked where it is used.
 */
export interface Reference {
  reference?: string;
}

export interface CodeableConcept {
  text?: string;
  coding?: Array<{ system?: string; code?: string; display?: string }>;
}

export interface Narrative {
  status?: string;
  /** XHTML: `<div xmlns="http://www.w3.org/1999/xhtml">…</div>`. */
  div?: string;
}

export interface CompositionSection {
  title?: string;
  code?: CodeableConcept;
  text?: Narrative;
  section?: CompositionSection[];
}

export interface CompositionAttester {
  mode?: string;
  time?: string;
  party?: Reference;
}

export interface Composition {
  resourceType: 'Composition';
  id: string;
  meta?: { versionId?: string; lastUpdated?: string };
  status?: string;
  type?: CodeableConcept;
  category?: CodeableConcept[];
  subject?: Reference;
  encounter?: Reference;
  date?: string;
  author?: Reference[];
  title?: string;
  confidentiality?: string;
  attester?: CompositionAttester[];
  custodian?: Reference;
  relatesTo?: Array<{ code?: string; targetReference?: Reference }>;
  section?: CompositionSection[];
}

/** The value as a Composition, or undefined when it is not one (no `resourceType`, no id of the SDK's shape). */
export function asComposition(value: unknown): Composition | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  // An id outside the SDK's shape is not one ClinikAPI gives: it is never shown, logged or linked.
  if (v.resourceType !== 'Composition' || typeof v.id !== 'string' || !/^[A-Za-z0-9._-]{1,128}$/.test(v.id)) return undefined;
  return v as unknown as Composition;
}

/** The id at the end of a reference of `type` (`Patient/pat_123` → `pat_123`). */
export function referencedId(reference: Reference | undefined, type: string): string | undefined {
  const value = reference?.reference;
  return typeof value === 'string' && value.startsWith(`${type}/`) ? value.slice(type.length + 1) : undefined;
}

/** The document type as sent (`discharge-summary`): the concept's first code, else its text. */
export function typeCode(concept: CodeableConcept | undefined): string | undefined {
  const code = concept?.coding?.find((c) => typeof c.code === 'string')?.code;
  return code ?? (typeof concept?.text === 'string' ? concept.text : undefined);
}

/**
 * When the server says the document was created or last changed: `meta.lastUpdated`, else its
 * `date` (which ClinikAPI sets to the creation time when the body had none).
 */
export function documentTime(composition: Composition): string | undefined {
  const t = composition.meta?.lastUpdated ?? composition.date;
  return typeof t === 'string' ? t : undefined;
}
