import type { ReferenceKind } from '../../../shared/protocol';

/**
 * What ClinikDoc keeps of a read, in memory only: just what the editor shows and checks (a name,
 * a birth date, a status, whose it is), never the whole record (no address, phone, e-mail). A
 * patient keeps its name's parts too, since the checks of the text against the patient compare
 * surnames (patientText/).
 */
export type Resolved =
  | {
      kind: 'patient';
      id: string;
      /** fullName, else first and last name: what the editor shows. */
      name: string;
      fullName?: string;
      firstName?: string;
      lastName?: string;
      birthDate?: string;
      gender?: string;
      active: boolean;
    }
  | { kind: 'practitioner'; id: string; name: string; active: boolean }
  | { kind: 'encounter'; id: string; status?: string; classCode?: string; start?: string; end?: string; patientId?: string }
  | { kind: 'organization'; id: string; name: string; active: boolean }
  | { kind: 'document'; id: string; title?: string; status?: string; date?: string; patientId?: string };

type Json = Record<string, unknown>;

/** The summary of a read's `data` (REFERENCES.md shapes), or undefined when it is not of that kind. */
export function summarize(kind: ReferenceKind, id: string, data: Json): Resolved | undefined {
  switch (kind) {
    case 'patient': {
      // The SDK's PatientSummary (not FHIR): fullName is ready to show.
      const [fullName, firstName, lastName] = [str(data.fullName), str(data.firstName), str(data.lastName)];
      const name = fullName ?? [firstName, lastName].filter(Boolean).join(' ');
      return { kind, id, name, fullName, firstName, lastName, birthDate: date(data.birthDate), gender: str(data.gender), active: data.active !== false };
    }
    case 'practitioner':
      if (data.resourceType !== undefined && data.resourceType !== 'Practitioner') return undefined;
      return { kind, id, name: humanName(data.name), active: data.active !== false };
    case 'encounter': {
      if (data.resourceType !== undefined && data.resourceType !== 'Encounter') return undefined;
      const period = obj(data.period);
      return {
        kind,
        id,
        status: str(data.status),
        classCode: str(obj(data.class)?.code),
        start: str(period?.start),
        end: str(period?.end),
        patientId: patientOf(data.subject),
      };
    }
    case 'organization':
      if (data.resourceType !== undefined && data.resourceType !== 'Organization') return undefined;
      return { kind, id, name: str(data.name) ?? '', active: data.active !== false };
    case 'document':
      if (data.resourceType !== undefined && data.resourceType !== 'Composition') return undefined;
      return { kind, id, title: str(data.title), status: str(data.status), date: str(data.date), patientId: patientOf(data.subject) };
  }
}

/** The patient id of a FHIR `subject: { reference: "Patient/<id>" }`. */
function patientOf(subject: unknown): string | undefined {
  const ref = str(obj(subject)?.reference);
  const m = ref ? /^Patient\/([^/]+)$/.exec(ref) : null;
  return m ? m[1] : undefined;
}

/** A FHIR HumanName list as one line: its `text`, else prefix given family suffix. */
function humanName(names: unknown): string {
  const first = Array.isArray(names) ? obj(names.find((n) => obj(n)?.use === 'official') ?? names[0]) : undefined;
  if (!first) return '';
  const text = str(first.text);
  if (text) return text;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [...list(first.prefix), ...list(first.given), str(first.family), ...list(first.suffix)].filter(Boolean).join(' ');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function date(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
