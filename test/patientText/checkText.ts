// What the rule tests share: one text checked against one patient, and what came of it.
import { checkPatientText, type PatientFacts, type PatientTextFinding, type PatientTextInput } from '../../client/src/patientText/patientTextChecks';

export const jane: PatientFacts = { id: 'pat_123', fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', gender: 'female', birthDate: '1952-03-15' };
export const robert: PatientFacts = { id: 'pat_456', fullName: 'Robert Okonkwo', firstName: 'Robert', lastName: 'Okonkwo', gender: 'male', birthDate: '1980-11-02' };

/** 2025-06-20: Jane Doe is 73 (her birthday has passed), Robert Okonkwo 44 (his has not). */
export const documentDate = '2025-06-20';

export function findings(text: string, patient: PatientFacts = jane, options: Partial<PatientTextInput> = {}): PatientTextFinding[] {
  return checkPatientText({ segments: [{ id: 'text', text }], patient, documentDate, clinicianNames: ['Dr Sarah Okafor', 'Amit Shah'], ...options });
}

/** Each finding as `code: the words it marks`. */
export function marked(text: string, patient: PatientFacts = jane, options: Partial<PatientTextInput> = {}): string[] {
  return findings(text, patient, options).map((f) => `${f.code}: ${text.slice(f.start, f.end)}`);
}

export function codes(text: string, patient: PatientFacts = jane, options: Partial<PatientTextInput> = {}): string[] {
  return findings(text, patient, options).map((f) => f.code);
}
