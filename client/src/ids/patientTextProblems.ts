import type { ReferenceKind } from '../../../shared/protocol';
import { documentRange, type DocumentTexts } from '../patientText/documentTexts';
import { checkPatientText, type PatientFacts, type PatientTextCode } from '../patientText/patientTextChecks';
import { cacheKey, type ReferenceResolver, type Resolution } from './referenceResolver';

/** Where a document's text disagrees with the patient ClinikAPI resolved its `patientId` to. */
export interface PatientTextProblem {
  code: PatientTextCode;
  /** Offsets into the document's text: the words the text says it with. */
  start: number;
  end: number;
  /**
   * For the Problems panel and the CLI: ids only, no name, no date, no words of the text (the
   * Problems panel is often on screen, and the CLI's output ends up in logs).
   */
  message: string;
  /** What ClinikAPI says, naming the patient (PHI): for the hover and the live confirmation only. */
  detail: string;
}

const MESSAGES: Record<PatientTextCode, (patientId: string) => string> = {
  'age-mismatch': (id) => `This age does not fit the birth date ClinikAPI has for patient ${id}: is the text about another patient?`,
  'sex-mismatch': (id) => `This sex is not the gender ClinikAPI has for patient ${id}: is the text about another patient?`,
  'birth-date-mismatch': (id) => `This date of birth is not the one ClinikAPI has for patient ${id}: is the text about another patient?`,
  'surname-mismatch': (id) => `This surname is not the one ClinikAPI has for patient ${id}: is the text about another patient?`,
};

/**
 * The checks of patientText/ on a document's title and section texts, against what is known of its
 * patient and practitioners (`known`, keyed like the resolver: nothing is read here). Nothing when
 * the patient is not resolved. `today` is the day ages are judged on when the document has no date.
 */
export function patientTextProblems(
  texts: DocumentTexts,
  known: (kind: ReferenceKind, id: string) => Resolution | undefined,
  today?: Date | string,
): PatientTextProblem[] {
  if (!texts.patientId || texts.segments.length === 0) return [];
  const patient = known('patient', texts.patientId);
  if (patient?.state !== 'resolved' || patient.resource.kind !== 'patient') return [];
  const r = patient.resource;
  const facts: PatientFacts = { id: r.id, fullName: r.fullName, firstName: r.firstName, lastName: r.lastName, gender: r.gender, birthDate: r.birthDate };
  const clinicianNames: string[] = [];
  for (const id of texts.practitionerIds) {
    const p = known('practitioner', id);
    if (p?.state === 'resolved' && p.resource.kind === 'practitioner' && p.resource.name) clinicianNames.push(p.resource.name);
  }
  const segments = new Map(texts.segments.map((s) => [s.id, s]));
  return checkPatientText({ segments: texts.segments, patient: facts, documentDate: texts.date, today, clinicianNames }).map((f) => {
    const range = documentRange(segments.get(f.segment)!, f.start, f.end);
    return { code: f.code, start: range.start, end: range.end, message: MESSAGES[f.code](r.id), detail: f.message };
  });
}

/**
 * `patientTextProblems` for a text outside the editor's debounced runs (the CLI, the live
 * confirmation): the patient and the practitioners resolved first, through the resolver's cache.
 */
export async function resolvePatientTextProblems(texts: DocumentTexts, resolver: ReferenceResolver, today?: Date | string): Promise<PatientTextProblem[]> {
  if (!texts.patientId) return [];
  const wanted: { kind: ReferenceKind; id: string }[] = [{ kind: 'patient', id: texts.patientId }, ...texts.practitionerIds.map((id) => ({ kind: 'practitioner' as const, id }))];
  const resolutions = new Map<string, Resolution>();
  await Promise.all(wanted.map(async (w) => resolutions.set(cacheKey(w.kind, w.id), await resolver.resolve(w.kind, w.id))));
  return patientTextProblems(texts, (kind, id) => resolutions.get(cacheKey(kind, id)), today);
}
