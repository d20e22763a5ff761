/**
 * Whether a document's text agrees with its patient: the age, sex, date of birth and surname it
 * gives the patient, against the patient ClinikAPI resolved for its `patientId`. Text copied
 * forward from another patient's document is how wrong-patient documentation happens; these are
 * the details that give it away.
 *
 * Plain code (no `vscode`, no Node built-ins), for the extension, the CLI and the language server
 * in its web worker alike. It logs nothing and keeps nothing: the findings hold what their
 * messages show, and the messages name the patient (PHI): show them to the person editing, never
 * log them or write them to disk.
 */
import { patientAgeMentions } from './ageMentions';
import { birthDateMentions } from './birthDateMentions';
import { honorificNames, inPatientPosition, namesClinician, namesPatient } from './honorificNames';
import { agreesWith, formatPartialDate, parseRecordDate, possibleAges, referenceDay, type Day } from './partialDate';
import { peopleOf, type PatientFacts, type People } from './people';
import { sentenceSpans, spanAt } from './sentences';

export type { PatientFacts } from './people';

/** A piece of the document's text: its title, or one section's text. */
export interface PatientTextSegment {
  /** Given back in findings, to map their offsets into the document (e.g. a JSON path). */
  id: string;
  text: string;
}

export interface PatientTextInput {
  /** The document's title and each section's text, each checked on its own. */
  segments: readonly PatientTextSegment[];
  /** The patient the document's `patientId` resolved to. */
  patient: PatientFacts;
  /** The document's `date` (`YYYY-MM-DD` or a date-time; its day as written): ages are judged on that day. */
  documentDate?: string;
  /** The day ages are judged on when the document has no date: a local Date or `YYYY-MM-DD`; the local day now by default. */
  today?: Date | string;
  /** The names of the document's practitioners (author, attesters): never taken for the patient. */
  clinicianNames?: readonly string[];
}

/** Stable codes, for filtering and for quick fixes to key on. */
export type PatientTextCode = 'age-mismatch' | 'birth-date-mismatch' | 'sex-mismatch' | 'surname-mismatch';

export interface PatientTextFinding {
  code: PatientTextCode;
  /** The `id` of the segment the finding is in. */
  segment: string;
  /** Offsets into that segment's `text`: what the text says (`45-year-old`, `man`, `03/04/1961`, `Mrs Patel`). */
  start: number;
  end: number;
  /** For the person editing; names the patient. */
  message: string;
}

/**
 * Where the text disagrees with the patient, in segment order, then by offset:
 * - `age-mismatch`: an age given to the patient ("a 45-year-old woman", "aged 45", "45F") that the
 *   birth date does not allow on the document's day (the birthday of that year may or may not have
 *   come, and a birth year or month only widens the ages allowed);
 * - `sex-mismatch`: a sex said with such an age ("45-year-old man", "45M") that contradicts a
 *   `male` or `female` gender (other genders are never judged, nor are pronouns);
 * - `birth-date-mismatch`: a date of birth ("DOB 03/04/1961", "born 14 March 1952") that cannot be
 *   the birth date, however it is read;
 * - `surname-mismatch`: someone named with an honorific (Mr, Mrs, Ms, Miss, Mx) where the text
 *   names its patient ("Re: Mrs Patel", "Mrs Patel was admitted") whose surname is not the patient's.
 * Mentions of anyone else (relatives, neighbours, clinicians), of the past and of things that are
 * not people are left alone: a finding should be worth reading. So is an age or a date of birth in
 * a sentence that names someone with another surname first ("Re: Mrs Patel, DOB 01/02/1948"): it
 * is that person's, and the `surname-mismatch` on the name, if it is in the patient's place, says so.
 */
export function checkPatientText(input: PatientTextInput): PatientTextFinding[] {
  const people = peopleOf(input.patient, input.clinicianNames);
  const day = referenceDay(input.documentDate, input.today);
  const findings: PatientTextFinding[] = [];
  for (const segment of input.segments) {
    findings.push(...checkSegment(segment, input.patient, people, day));
  }
  return findings;
}

function checkSegment(segment: PatientTextSegment, patient: PatientFacts, people: People, day: Day): PatientTextFinding[] {
  const { text } = segment;
  const sentences = sentenceSpans(text);
  const found: PatientTextFinding[] = [];
  const add = (code: PatientTextCode, start: number, end: number, message: string) => found.push({ code, segment: segment.id, start, end, message });
  const birth = parseRecordDate(patient.birthDate);
  const gender = patient.gender === 'male' || patient.gender === 'female' ? patient.gender : undefined;
  const who = people.display;
  const id = patient.id;

  const names = honorificNames(text);
  const ages = birth ? possibleAges(birth, day) : undefined;
  for (const mention of patientAgeMentions(text, sentences, people, names, day.year)) {
    const said = text.slice(mention.start, mention.end);
    if (birth && ages && (mention.age < ages.min || mention.age > ages.max)) {
      // With a whole birth date the age is known (the year's difference is only allowed, not said).
      const was = ages.min === ages.max || birth.day !== undefined ? `${ages.min}` : `${ages.min} or ${ages.max}`;
      const message = `The text says ${said}; ${who} (${id}, born ${formatPartialDate(birth)}) was ${was} on ${formatPartialDate(day)}.`;
      add('age-mismatch', mention.start, mention.end, message);
    }
    if (mention.sex && gender && mention.sex.value !== gender) {
      const sexSaid = text.slice(Math.min(mention.start, mention.sex.start), Math.max(mention.end, mention.sex.end));
      add('sex-mismatch', mention.sex.start, mention.sex.end, `The text says ${sexSaid}; ${who} (${id}) is recorded as ${gender}.`);
    }
  }

  if (birth) {
    for (const mention of birthDateMentions(text, sentences, people, names, day.year)) {
      if (mention.readings.some((r) => agreesWith(r, birth))) continue;
      const said = text.slice(mention.start, mention.end);
      const message = `The text gives the date of birth as ${said}; ${who} (${id}) was born ${formatPartialDate(birth)}.`;
      add('birth-date-mismatch', mention.start, mention.end, message);
    }
  }

  if (people.surnameParts.size > 0) {
    for (const name of names) {
      if (namesPatient(people, name) || namesClinician(people, name)) continue;
      if (!inPatientPosition(text, spanAt(sentences, name.start), name)) continue;
      const said = text.slice(name.start, name.end);
      const message = `The text names ${said} where it seems to mean the patient; this document's patient is ${who} (${id}).`;
      add('surname-mismatch', name.start, name.end, message);
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}
