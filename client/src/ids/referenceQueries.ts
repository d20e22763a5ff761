import type { DocumentReference, ReferenceKind } from '../../../shared/protocol';
import { ReferenceCode } from './referenceFindings';
import type { ReferenceResolver } from './referenceResolver';
import type { Resolved } from './resolvedResources';

const SEARCH_COUNT = '20';

export interface ReferenceSearch {
  kind: ReferenceKind;
  params: Record<string, string>;
  /** A name being typed: wait for a pause before sending. */
  debounce: boolean;
}

/**
 * What completion searches for inside an id's string, given what is typed there and the
 * document's patient: a name for people and organizations (a patient only from two letters on:
 * never a list of every patient), the patient's own encounters (most recent first) or documents.
 */
export function completionSearch(kind: ReferenceKind, typed: string, patientId: string | undefined): ReferenceSearch | undefined {
  const name = typed.trim();
  switch (kind) {
    case 'patient':
      return name.length >= 2 ? { kind, params: { name, count: SEARCH_COUNT }, debounce: true } : undefined;
    case 'practitioner':
    case 'organization':
      return { kind, params: name ? { name, count: SEARCH_COUNT } : { count: SEARCH_COUNT }, debounce: name.length > 0 };
    case 'encounter':
      return patientId ? { kind, params: { patientId, sort: '-date', count: SEARCH_COUNT }, debounce: false } : undefined;
    case 'document':
      return patientId ? { kind, params: { patientId, count: SEARCH_COUNT }, debounce: false } : undefined;
  }
}

/**
 * Candidates for a quick fix on an unknown or mismatched id: the patient's own encounters or
 * documents; the practitioners or organizations ClinikAPI lists. Never a patient: picking "some
 * other patient" is exactly the error this feature prevents.
 */
export async function quickFixCandidates(
  resolver: ReferenceResolver,
  reference: DocumentReference,
  code: string,
  patientId: string | undefined,
): Promise<Resolved[]> {
  const mismatch = code === ReferenceCode.EncounterOfAnotherPatient || code === ReferenceCode.DocumentOfAnotherPatient;
  if (code !== ReferenceCode.UnknownId && !mismatch) return [];
  if (reference.kind === 'patient') return [];
  const search = completionSearch(reference.kind, '', patientId);
  const found = search ? await resolver.search(search.kind, search.params) : undefined;
  return (found ?? []).filter((c) => c.id !== reference.id).slice(0, 10);
}
