// What the emulator's datastore holds when it starts and after every reset: a few obviously
// fictional patients, practitioners, encounters, an organization and two documents, in the
// shapes ClinikAPI returns them (REFERENCES.md). The sample workspace (test/fixtures/workspace)
// points at these ids. Built fresh on every call, so a test's changes never leak into the next.
import { toComposition } from './composition.mjs';

/** The fixture's ids, for tests and the README. */
export const FIXTURE_IDS = {
  patients: { janeDoe: 'pat_123', johnDoe: 'pat_321', inactive: 'pat_555', unnamed: 'pat_900' },
  practitioners: { alice: 'prac_789', bob: 'prac_790', inactive: 'prac_100' },
  encounters: { janeInpatient: 'enc_456', janeClinic: 'enc_457', janeFollowUp: 'enc_458', johnEmergency: 'enc_654' },
  organizations: { hospital: 'org_1' },
  documents: { janeDischarge: 'comp_100', johnConsultation: 'comp_200' },
};

const FIXTURE_TIME = '2025-01-01T00:00:00.000Z';
const NPI = 'http://hl7.org/fhir/sid/us-npi';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

export function createFixture() {
  return {
    /** The SDK's `PatientSummary`, not FHIR. */
    patients: [
      {
        id: 'pat_123', fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', gender: 'female', birthDate: '1990-03-15',
        active: true, email: 'jane.doe@example.org', phone: '+1-555-0101',
        address: { line: ['1 Example Lane'], city: 'Testville', postalCode: '00000', country: 'US' }, generalPractitionerId: 'prac_789',
      },
      {
        id: 'pat_321', fullName: 'John Q. Doe Jr.', firstName: 'John', lastName: 'Doe', middleName: 'Q.', suffix: 'Jr.',
        gender: 'male', birthDate: '1985-11-02', active: true, phone: '+1-555-0102',
      },
      {
        id: 'pat_555', fullName: 'Ms. Rosa Placeholder', firstName: 'Rosa', lastName: 'Placeholder', prefix: 'Ms.',
        gender: 'female', birthDate: '1942-07-01', active: false,
      },
      // A record without a name: `fullName` is empty only then.
      { id: 'pat_900', fullName: '', firstName: '', lastName: '', gender: 'unknown', active: true },
    ],
    practitioners: [
      practitioner('prac_789', { given: 'Alice', family: 'Sample', active: true, npi: '1234567893', qualifications: ['MD', 'Internal Medicine'] }),
      practitioner('prac_790', { given: 'Bob', family: 'Example', active: true, npi: '1000000004', qualifications: ['MD', 'Cardiology'] }),
      practitioner('prac_100', { given: 'Carol', family: 'Testwell', active: false, qualifications: ['MD', 'Family Medicine'] }),
    ],
    encounters: [
      encounter('enc_456', 'pat_123', 'finished', 'IMP', { start: '2025-01-12T08:00:00Z', end: '2025-01-15T11:00:00Z' }, 'prac_789', 'Inpatient stay'),
      encounter('enc_457', 'pat_123', 'finished', 'AMB', { start: '2024-11-03T09:00:00Z', end: '2024-11-03T09:30:00Z' }, 'prac_790', 'Cardiology clinic'),
      encounter('enc_458', 'pat_123', 'planned', 'AMB', { start: '2025-02-20T10:00:00Z' }, 'prac_789', 'Follow-up'),
      encounter('enc_654', 'pat_321', 'finished', 'EMER', { start: '2025-01-10T22:15:00Z', end: '2025-01-11T02:40:00Z' }, 'prac_790', 'Emergency visit'),
    ],
    organizations: [
      {
        resourceType: 'Organization', id: 'org_1', active: true, name: 'Example General Hospital',
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }] }],
        telecom: [{ system: 'phone', value: '+1-555-0100' }],
      },
    ],
    documents: [
      toComposition('comp_100', {
        status: 'final', type: 'discharge-summary', patientId: 'pat_123', encounterId: 'enc_457', practitionerId: 'prac_790',
        title: 'Clinic letter', date: '2024-11-03', custodianId: 'org_1',
        sections: [{ title: 'Summary', text: 'Seen in clinic. No change to treatment.' }],
      }, FIXTURE_TIME),
      toComposition('comp_200', {
        status: 'final', type: 'consultation-report', patientId: 'pat_321', encounterId: 'enc_654', practitionerId: 'prac_790',
        title: 'Emergency consultation', date: '2025-01-11',
        sections: [{ title: 'Assessment', text: 'Observed overnight, discharged home.' }],
      }, FIXTURE_TIME),
    ],
  };
}

function practitioner(id, { given, family, active, npi, qualifications }) {
  return {
    resourceType: 'Practitioner',
    id,
    ...(npi ? { identifier: [{ system: NPI, value: npi }] } : {}),
    active,
    name: [{ use: 'official', prefix: ['Dr.'], given: [given], family, text: `Dr. ${given} ${family}` }],
    qualification: qualifications.map((text) => ({ code: { text } })),
  };
}

function encounter(id, patientId, status, classCode, period, practitionerId, typeText) {
  return {
    resourceType: 'Encounter',
    id,
    status,
    class: { system: ACT_CODE, code: classCode },
    type: [{ text: typeText }],
    subject: { reference: `Patient/${patientId}` },
    participant: [{ individual: { reference: `Practitioner/${practitionerId}` } }],
    period,
    serviceProvider: { reference: 'Organization/org_1' },
  };
}
