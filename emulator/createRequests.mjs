// The create requests of the resources a document points at (the SDK's PatientCreateRequest,
// PractitionerCreateRequest, EncounterCreateRequest, OrganizationCreateRequest; the contract
// excerpt leaves their bodies out), and what ClinikAPI stores and returns for each: the SDK's
// simplified PatientSummary for a patient, FHIR R4 for the others. Like the server's Zod, unknown
// top-level keys are dropped, not refused.
import { compact } from './composition.mjs';

const str = { type: 'string' };
const strings = { type: 'array', items: str };
const obj = { type: 'object' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const gender = { type: 'string', enum: ['male', 'female', 'other', 'unknown'] };
const name = { type: 'string', minLength: 1, maxLength: 200 };

function schema(required, properties) {
  return { type: 'object', required, additionalProperties: false, properties };
}

export const CREATE_SCHEMAS = {
  patients: schema(['firstName', 'lastName'], {
    firstName: name, lastName: name, email: str, phone: str, gender, birthDate: date, address: obj,
    maritalStatus: str, photo: obj, contact: { type: 'array' }, languages: { type: 'array' }, generalPractitionerId: str,
  }),
  practitioners: schema(['firstName', 'lastName'], {
    firstName: name, lastName: name, prefix: strings, suffix: strings, email: str, phone: str, gender, birthDate: date,
    npi: str, specialty: str, languages: strings, address: obj, photo: obj,
    qualifications: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str, issuer: str, period: obj, identifier: str } } },
  }),
  encounters: schema(['status', 'class', 'patientId'], {
    status: { type: 'string', enum: ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled'] },
    class: { type: 'string', minLength: 1 }, patientId: { type: 'string', minLength: 1 }, practitionerId: str,
    participants: { type: 'array', items: { type: 'object', required: ['practitionerId'], properties: { practitionerId: str, role: str } } },
    type: str, serviceType: str, priority: str, reasonCode: { anyOf: [str, strings] },
    period: { type: 'object', properties: { start: str, end: str } }, lengthMinutes: { type: 'number' },
    location: str, serviceProvider: str, partOfId: str,
  }),
  organizations: schema(['name'], {
    name: name, active: { type: 'boolean' }, type: strings, alias: strings, phone: str, email: str, address: obj, partOfId: str,
  }),
};

/** What is stored and answered for a valid create request of `kind`. */
export function fromCreateRequest(kind, id, body) {
  switch (kind) {
    case 'patients':
      return compact({
        id,
        fullName: [body.firstName, body.lastName].join(' ').trim(),
        firstName: body.firstName,
        lastName: body.lastName,
        gender: body.gender,
        birthDate: body.birthDate,
        active: true,
        email: body.email,
        phone: body.phone,
        address: body.address,
        maritalStatus: body.maritalStatus,
        photo: body.photo,
        contact: body.contact,
        languages: body.languages,
        generalPractitionerId: body.generalPractitionerId,
      });
    case 'practitioners':
      return compact({
        resourceType: 'Practitioner',
        id,
        identifier: body.npi === undefined ? undefined : [{ system: 'http://hl7.org/fhir/sid/us-npi', value: body.npi }],
        active: true,
        name: [compact({
          use: 'official',
          prefix: body.prefix,
          given: [body.firstName],
          family: body.lastName,
          suffix: body.suffix,
          text: [...(body.prefix ?? []), body.firstName, body.lastName, ...(body.suffix ?? [])].join(' '),
        })],
        telecom: telecom(body),
        gender: body.gender,
        birthDate: body.birthDate,
        address: body.address === undefined ? undefined : [body.address],
        qualification: [
          ...(body.qualifications ?? []).map((q) => compact({
            code: { text: q.name },
            issuer: q.issuer === undefined ? undefined : { display: q.issuer },
            period: q.period,
            identifier: q.identifier === undefined ? undefined : [{ value: q.identifier }],
          })),
          ...(body.specialty === undefined ? [] : [{ code: { text: body.specialty } }]),
        ],
        communication: body.languages?.map((text) => ({ text })),
      });
    case 'encounters': {
      const participants = [
        ...(body.practitionerId === undefined ? [] : [{ practitionerId: body.practitionerId }]),
        ...(body.participants ?? []),
      ];
      return compact({
        resourceType: 'Encounter',
        id,
        status: body.status,
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: body.class },
        type: body.type === undefined ? undefined : [{ text: body.type }],
        serviceType: body.serviceType === undefined ? undefined : { text: body.serviceType },
        priority: body.priority === undefined ? undefined : { text: body.priority },
        subject: { reference: `Patient/${body.patientId}` },
        participant: participants.length === 0 ? undefined : participants.map((p) => compact({
          type: p.role === undefined ? undefined : [{ text: p.role }],
          individual: { reference: `Practitioner/${p.practitionerId}` },
        })),
        period: body.period,
        length: body.lengthMinutes === undefined ? undefined : { value: body.lengthMinutes, unit: 'min' },
        reasonCode: body.reasonCode === undefined ? undefined : [body.reasonCode].flat().map((text) => ({ text })),
        location: body.location === undefined ? undefined : [{ location: { display: body.location } }],
        serviceProvider: body.serviceProvider === undefined ? undefined : { display: body.serviceProvider },
        partOf: body.partOfId === undefined ? undefined : { reference: `Encounter/${body.partOfId}` },
      });
    }
    case 'organizations':
      return compact({
        resourceType: 'Organization',
        id,
        active: body.active ?? true,
        type: body.type?.map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code }] })),
        name: body.name,
        alias: body.alias,
        telecom: telecom(body),
        address: body.address === undefined ? undefined : [body.address],
        partOf: body.partOfId === undefined ? undefined : { reference: `Organization/${body.partOfId}` },
      });
    default:
      throw new Error(`no create for ${kind}`);
  }
}

function telecom(body) {
  const list = [
    ...(body.phone === undefined ? [] : [{ system: 'phone', value: body.phone }]),
    ...(body.email === undefined ? [] : [{ system: 'email', value: body.email }]),
  ];
  return list.length === 0 ? undefined : list;
}
