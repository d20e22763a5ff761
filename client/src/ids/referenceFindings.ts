import type { DocumentReference } from '../../../shared/protocol';
import type { ApiKeyKind } from '../api/apiKey';
import { cacheKey, type Resolution } from './referenceResolver';
import { environmentName, KIND_NAME } from './referenceText';

/** Stable codes of the `ClinikAPI` diagnostics about ids (README lists them). */
export const ReferenceCode = {
  UnknownId: 'unknown-id',
  EncounterOfAnotherPatient: 'encounter-of-another-patient',
  DocumentOfAnotherPatient: 'document-of-another-patient',
  InactivePatient: 'inactive-patient',
  InactivePractitioner: 'inactive-practitioner',
  IdNotReadable: 'id-not-readable',
} as const;
export type ReferenceCode = (typeof ReferenceCode)[keyof typeof ReferenceCode];

/** One warning about an id: where the contract is satisfied but ClinikAPI's reality is not. */
export interface Finding {
  reference: DocumentReference;
  code: ReferenceCode;
  /** Ids and ClinikAPI's words only: no name, no birth date (the Problems panel is often on screen). */
  message: string;
  /** The patient the document is about, for quick fixes offering that patient's encounters or documents. */
  patientId?: string;
}

/** The document's patient, as ClinikAPI reads the body: the last top-level `patientId`. */
export function documentPatientId(references: readonly DocumentReference[]): string | undefined {
  let id: string | undefined;
  for (const r of references) if (r.path === 'patientId') id = r.id;
  return id;
}

/**
 * The warnings for a document's references given what is known of each id. Ids without an answer
 * (offline, off, paused) give none: "not resolved" is quiet.
 */
export function findReferenceProblems(
  references: readonly DocumentReference[],
  resolutions: ReadonlyMap<string, Resolution>,
  environment: ApiKeyKind,
): Finding[] {
  const out: Finding[] = [];
  const patientId = documentPatientId(references);
  const where = `ClinikAPI (${environmentName(environment)})`;
  for (const reference of references) {
    if (reference.id === '') continue; // being written; the schema's placeholder
    const resolution = resolutions.get(cacheKey(reference.kind, reference.id));
    if (resolution?.state === 'invalidId') {
      out.push({
        reference,
        code: ReferenceCode.IdNotReadable,
        message: `${JSON.stringify(reference.id)} is not a ClinikAPI id (1–128 letters, digits, "-", "_" or "."), so ClinikDoc does not look it up.`,
      });
      continue;
    }
    if (resolution?.state === 'unknown') {
      out.push({ reference, code: ReferenceCode.UnknownId, message: `${where} has no ${KIND_NAME[reference.kind]} ${reference.id}.`, patientId });
      continue;
    }
    if (resolution?.state !== 'resolved') continue;
    const r = resolution.resource;
    if (r.kind === 'patient' && !r.active) {
      out.push({ reference, code: ReferenceCode.InactivePatient, message: `Patient ${r.id} is inactive in ${where}.` });
    } else if (r.kind === 'practitioner' && !r.active) {
      out.push({ reference, code: ReferenceCode.InactivePractitioner, message: `Practitioner ${r.id} is inactive in ${where}.` });
    } else if (r.kind === 'encounter' && patientId && r.patientId && r.patientId !== patientId) {
      out.push({
        reference,
        code: ReferenceCode.EncounterOfAnotherPatient,
        message: `Encounter ${r.id} belongs to another patient (${r.patientId}), not to this document's patient ${patientId}.`,
        patientId,
      });
    } else if (r.kind === 'document' && patientId && r.patientId && r.patientId !== patientId) {
      out.push({
        reference,
        code: ReferenceCode.DocumentOfAnotherPatient,
        message: `Document ${r.id} belongs to another patient (${r.patientId}), not to this document's patient ${patientId}.`,
        patientId,
      });
    }
  }
  return out;
}
