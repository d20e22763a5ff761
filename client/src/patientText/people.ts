import { foldName, joinedName, nameParts } from './nameFolding';

/** The patient's identity as ClinikAPI's PatientSummary gives it (REFERENCES.md), or part of it. */
export interface PatientFacts {
  id: string;
  fullName?: string;
  firstName?: string;
  lastName?: string;
  gender?: string;
  /** `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known. */
  birthDate?: string;
}

/** The names the rules compare a text's names with: the patient's and the clinicians'. */
export interface People {
  /** How messages name the patient: fullName, else first and last name, else "the patient". */
  display: string;
  /** Every part of the patient's names (first, last and full name). */
  patientParts: ReadonlySet<string>;
  /** The parts of the surname, and the surname joined ("mcdonald" for "Mc Donald"). */
  surnameParts: ReadonlySet<string>;
  /** Every part of every clinician's name, titles left out. */
  clinicianParts: ReadonlySet<string>;
}

const TITLES = new Set(['dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'dame', 'nurse', 'sister', 'rev', 'jr', 'sr', 'ii', 'iii']);

export function peopleOf(patient: PatientFacts, clinicianNames: readonly string[] = []): People {
  const full = patient.fullName?.trim() ?? '';
  const display = full || [patient.firstName, patient.lastName].filter(Boolean).join(' ') || 'the patient';
  const fullParts = nameParts(full).filter((p) => !TITLES.has(p));
  const surname = patient.lastName?.trim() || (fullParts.length > 1 ? full.split(/\s+/).at(-1) ?? '' : '');
  const surnameParts = new Set(nameParts(surname));
  if (surname) surnameParts.add(joinedName(surname));
  const patientParts = new Set([...fullParts, ...nameParts(patient.firstName ?? ''), ...surnameParts]);
  const clinicianParts = new Set(clinicianNames.flatMap((n) => nameParts(n)).filter((p) => !TITLES.has(p)));
  return { display, patientParts, surnameParts, clinicianParts };
}

export function isPatientWord(people: People, word: string): boolean {
  const folded = foldName(word);
  return people.patientParts.has(folded) || nameParts(word).some((p) => people.patientParts.has(p));
}

export function isClinicianWord(people: People, word: string): boolean {
  return nameParts(word).some((p) => people.clinicianParts.has(p));
}
