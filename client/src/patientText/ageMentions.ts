/**
 * Ages a clinical text gives its patient now: "72-year-old", "72 year old", "72 yo", "72 y/o",
 * "aged 72", "age: 72", "72M", "72 F", with the sex said with them ("72-year-old man").
 *
 * Precision first: an age counts only where a text states its patient's age, and never
 * - someone else's: "her 45-year-old son", "his wife, aged 70", "Mrs Patel, a 45-year-old"
 *   (another surname), "Sarah, a 45-year-old nurse";
 * - the past or a threshold: "at age 12", "aged 30 at diagnosis", "as a 12-year-old", "when aged
 *   30", "in 1990, aged 40", "over 65", "aged 18 to 65";
 * - not a person's: "10 year old scar", "a 2-year-old injury" (the noun after it must be a person,
 *   or the age the noun itself: "a 72-year-old with COPD");
 * - a measure: "age 32 weeks", "temp 38 F" (a shorthand "72M" only opens a clause).
 */
import type { HonorificName } from './honorificNames';
import { namesSomeoneElse } from './otherNames';
import { isPatientWord, type People } from './people';
import { around, spanAt, type Span } from './sentences';
import { AFTER_PERSON, DESCRIPTORS, OTHER_PEOPLE, PAST_OR_THRESHOLD, PERSON_NOUNS, POSSESSIVES, SEX_WORDS } from './vocabulary';
import { isPunctuation, wordsIn, type Word } from './words';

export interface AgeMention {
  /** The words that give the age ("45-year-old", "aged 45", "45M"). */
  start: number;
  end: number;
  age: number;
  /** The word that gives the sex with the age ("man", the M of "45M"), when there is one. */
  sex?: { start: number; end: number; value: 'male' | 'female' };
}

type Form = 'yearOld' | 'yo' | 'sexAge' | 'aged' | 'age';

interface Candidate {
  form: Form;
  start: number;
  end: number;
  age: number;
  sexLetter?: { start: number; end: number; value: 'male' | 'female' };
}

const FORMS: ReadonlyArray<{ form: Form; pattern: RegExp }> = [
  // 72-year-old, 72 year old, 72 years old, 72-yr-old, 72yr old
  { form: 'yearOld', pattern: /(?<![\p{L}\p{N}.,\/\-–])(\d{1,3})\s?-?\s?(?:years?|yrs?)\s?-?\s?old(?![\p{L}\p{N}])/giu },
  // 72 yo, 72yo, 72 y/o, 72 y.o., with the sex letter after it (72yo M)
  { form: 'yo', pattern: /(?<![\p{L}\p{N}.,\/\-–])(\d{1,3})\s?-?\s?(?:y\/o|y\.o\.?|yo)(?:\s?([MFmf]))?(?![\p{L}\p{N}\/])/gu },
  // 72M, 72 F: capitals only
  { form: 'sexAge', pattern: /(?<![\p{L}\p{N}.,:\/\-–°])(\d{1,3})\s?([MF])(?![\p{L}\p{N}'’\-\/])/gu },
  { form: 'aged', pattern: /(?<![\p{L}])aged\s+(\d{1,3})(?!\p{N}|[.,]\d|\p{L})/giu },
  { form: 'age', pattern: /(?<![\p{L}])age\s*[:=]?\s*(\d{1,3})(?![\p{N}]|[.,]\d|\p{L})/giu },
];

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'our']);
const HONORIFIC_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx']);
/** Before "a 45-year-old", these make it someone the patient meets or was: "by a", "with a", "as a". */
const DETERMINER_BLOCKERS = new Set([
  'as', 'by', 'with', 'and', 'from', 'to', 'like', 'than', 'when', 'beside', 'behind', 'near', 'or', 'nor', 'between',
  'into', 'onto', 'against', 'versus', 'vs', 'if', 'unlike', 'whilst', 'while', 'has', 'have', 'had', 'having',
  'of', 'about', 'involving', 'including',
]);
const PATIENT_REFERENCES = new Set([
  'patient', 'pt', 'man', 'woman', 'gentleman', 'gent', 'lady', 'male', 'female', 'boy', 'girl', 'child', 'infant', 'person',
  'individual', 'she', 'he', 'is', 'now', 'currently',
]);
/** "she's 72 years old": "is", not a possessive. */
const CONTRACTIONS = new Set(["she's", "he's", "who's"]);
const PAST_IN_SENTENCE = new Set(['when', 'whilst', 'ago', 'childhood', 'fh', 'formerly', 'until']);
/** "the driver of the other car, an 85-year-old woman". */
const SOMEONE_ELSE = new Set(['other', 'another']);
/** After "a 31-year-old software developer": words that make the unknown noun before them the patient. */
const PATIENT_CONTINUATIONS = new Set([
  'who', 'presenting', 'presents', 'presented', 're-presenting', 'referred', 'admitted', 'attending', 'attended', 'complaining', 'complains',
]);
/** What stands between a header's fields: "Name: Jane Doe, Age: 72", "Jane Doe (aged 72)". */
const SEPARATORS = new Set(['(', ',', ':', '-', '–', '|', '/']);
const AFTER_PAST = new Set(['at', 'when', 'during', 'until', 'before', 'after', 'whilst', 'while', 'following', 'by', 'upon']);
const UNIT_AFTER = /^\s*(?:weeks?|wks?|\/40|months?|mths?|mo|days?|hours?|hrs?|minutes?|mins?|kg|g|cm|mm|mg|ml|%|\/\d|bpm|points?|degrees?|°)(?![\p{L}])/iu;
const RANGE_BEFORE = /\d\s*(?:[-–—]|to|or|and)\s*$|[~≈<>≤≥+]\s*$/u;
const RANGE_AFTER = /^\s*(?:[-–—]\s*\d|to\s+\d|or\s+(?:\d|older|over|above|more|younger|under)|and\s+(?:\d|over|above|older|under|younger)|\+|plus(?![\p{L}])|['’]?s(?![\p{L}]))/u;

/**
 * The ages `text` gives its patient now. `sentences` are its sentences (`sentenceSpans`), `names`
 * its honorific names (`honorificNames`); a year before `referenceYear - 1` puts a sentence in the past.
 */
export function patientAgeMentions(
  text: string,
  sentences: readonly Span[],
  people: People,
  names: readonly HonorificName[],
  referenceYear: number,
): AgeMention[] {
  const candidates: Array<Candidate & { priority: number }> = [];
  FORMS.forEach(({ form, pattern }, priority) => {
    for (const m of text.matchAll(pattern)) {
      const age = Number(m[1]);
      if (age > 125) continue;
      const candidate: Candidate & { priority: number } = { form, start: m.index, end: m.index + m[0].length, age, priority };
      if ((form === 'yo' || form === 'sexAge') && m[2] !== undefined) {
        const letterStart = m.index + m[0].lastIndexOf(m[2]);
        candidate.sexLetter = { start: letterStart, end: letterStart + 1, value: m[2].toUpperCase() === 'M' ? 'male' : 'female' };
      }
      candidates.push(candidate);
    }
  });
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority);
  const found: AgeMention[] = [];
  let coveredTo = 0;
  for (const c of candidates) {
    if (c.start < coveredTo) continue; // "aged 45F" is one age, not also "45F"
    coveredTo = c.end;
    const sentence = around(spanAt(sentences, c.start), c.start, c.end);
    const mention = judge(text, sentence, c, people, names, referenceYear);
    if (mention) found.push(mention);
  }
  return found;
}

/** The mention, if the candidate states the patient's age now. */
function judge(text: string, sentence: Span, c: Candidate, people: People, names: readonly HonorificName[], referenceYear: number): AgeMention | undefined {
  const beforeText = text.slice(sentence.start, c.start);
  const afterText = text.slice(c.end, sentence.end);
  const before = wordsIn(text, sentence.start, c.start);
  const after = wordsIn(text, c.end, sentence.end);
  if (RANGE_BEFORE.test(beforeText) || RANGE_AFTER.test(afterText)) return undefined;
  if (c.form !== 'yearOld' && UNIT_AFTER.test(afterText)) return undefined;
  if (before.some((w) => OTHER_PEOPLE.has(w.lower) || PAST_IN_SENTENCE.has(w.lower) || SOMEONE_ELSE.has(w.lower))) return undefined;
  if (/\bat the time\b|\bas a (?:child|teenager|baby|student)\b|\bfamily history\b/i.test(beforeText)) return undefined;
  if (hasPastYear(before, referenceYear)) return undefined;
  if (relationAfter(after)) return undefined;
  if (pastAfter(after, referenceYear, c.form === 'aged' || c.form === 'age')) return undefined;
  if (namesSomeoneElse(text, sentence.start, c.start, people, names)) return undefined;

  const left = withoutTrailingDescriptors(before);
  const last = left.at(-1);
  if (last && (PAST_OR_THRESHOLD.has(last.lower) || POSSESSIVES.has(last.lower))) return undefined;
  if (last && /['’]s$/.test(last.lower) && !CONTRACTIONS.has(last.lower.replace('’', "'"))) return undefined; // "the patient's 45-year-old son"
  if (last?.text === "'" || last?.text === '’') return undefined; // "the patients' 45-year-old"

  let sex = c.sexLetter;
  switch (c.form) {
    case 'yearOld':
    case 'yo': {
      const position = leftPosition(left, people);
      if (position === 'none') return undefined;
      if (position === 'predicate') break;
      if (!sex) {
        const noun = personAfter(after, patientIsSubject(left, people));
        if (!noun.person) return undefined;
        sex = noun.sex;
      }
      break;
    }
    case 'sexAge': {
      const position = leftPosition(left, people);
      if (position !== 'start' && position !== 'determiner') return undefined;
      break;
    }
    case 'aged':
    case 'age': {
      // The words as written, descriptors included: "Retired aged 60" is when she retired.
      const words = before.filter((w) => !SEPARATORS.has(w.text));
      const previous = words.at(-1);
      if (!previous) {
        if (pastNarrativeAfter(after)) return undefined;
        break;
      }
      const separated = before.at(-1) !== previous;
      // "her first child aged 19": a person, but someone's.
      if (before.slice(-4, -1).some((w) => POSSESSIVES.has(w.lower))) return undefined;
      // Right after a word, that word must be the patient ("woman aged 72", "Patient age 72"). After a
      // comma or bracket "aged" must follow the patient too ("Jane Doe, aged 72", not "In 2010, aged
      // 60"), while a label "Age:" may follow any other field of a header.
      const patient = PATIENT_REFERENCES.has(previous.lower) || isPatientWord(people, previous.text);
      if (!patient && (!separated || c.form === 'aged')) return undefined;
      const said = SEX_WORDS.get(previous.lower);
      if (said && previous.lower.length > 1 && !separated) sex = { start: previous.start, end: previous.end, value: said };
      break;
    }
  }
  return { start: c.start, end: c.end, age: c.age, ...(sex ? { sex } : {}) };
}

/** The words before "72-year-old" without the adjectives right before it ("a pleasant, retired 72-year-old"). */
function withoutTrailingDescriptors(words: readonly Word[]): Word[] {
  let n = words.length;
  while (n > 0 && DESCRIPTORS.has(words[n - 1]!.lower) && words[n - 1]!.lower !== 'known') n--;
  return words.slice(0, n);
}

/**
 * Where the age stands in its sentence: opening it (or a clause after a colon, dash or bracket),
 * after a determiner ("a", "this") that nothing makes someone else, as a predicate ("she is 72
 * years old"), or none of these.
 */
function leftPosition(left: readonly Word[], people: People): 'start' | 'determiner' | 'predicate' | 'none' {
  const last = left.at(-1);
  if (!last || [':', '-', '–', '—', '(', '|'].includes(last.text)) return 'start';
  if (DETERMINERS.has(last.lower)) {
    const beforeDeterminer = left.at(-2);
    return beforeDeterminer && DETERMINER_BLOCKERS.has(beforeDeterminer.lower) ? 'none' : 'determiner';
  }
  if (['pt', 'patient', 're'].includes(last.lower)) return 'determiner';
  if (last.lower === 'is' || last.lower === 'now' || CONTRACTIONS.has(last.lower.replace('’', "'"))) return 'predicate';
  if (last.text === ',') {
    const named = left.at(-2);
    if (named && (isPatientWord(people, named.text) || PATIENT_REFERENCES.has(named.lower))) return 'start';
  }
  return 'none';
}

/**
 * Whether the sentence so far is "<the patient> is a" ("She is a", "Mrs Doe was a", "The patient
 * is an"): then even a relation after the age describes the patient ("a 67-year-old widow").
 */
function patientIsSubject(left: readonly Word[], people: People): boolean {
  const [determiner, verb, ...subject] = [...left].reverse();
  if (!determiner || !['a', 'an'].includes(determiner.lower) || !verb || !['is', 'was'].includes(verb.lower)) return false;
  const words = subject.reverse().map((w) => w.lower);
  if (words.length === 1 && ['she', 'he', 'they', 'patient'].includes(words[0]!)) return true;
  if (words.length === 2 && words[0] === 'the' && words[1] === 'patient') return true;
  return words.length > 0 && subject.every((w) => HONORIFIC_WORDS.has(w.lower.replace('.', '')) || isPatientWord(people, w.text));
}

/**
 * Whether the words after "72-year-old" make it a person, and the sex they give. A relation
 * ("son", "widow") makes it someone else's age unless `patientSubject`.
 */
function personAfter(after: readonly Word[], patientSubject: boolean): { person: boolean; sex?: AgeMention['sex'] } {
  let i = 0;
  while (i < after.length && i < 4 && DESCRIPTORS.has(after[i]!.lower) && !PERSON_NOUNS.has(after[i]!.lower)) i++;
  const w = after[i];
  if (!w) return { person: true };
  if (/^[MF]$/.test(w.text)) return { person: true, sex: { start: w.start, end: w.end, value: w.text === 'M' ? 'male' : 'female' } };
  if (OTHER_PEOPLE.has(w.lower)) return { person: patientSubject };
  if (PERSON_NOUNS.has(w.lower)) {
    const value = w.lower.length > 1 ? SEX_WORDS.get(w.lower) : undefined;
    return { person: true, ...(value ? { sex: { start: w.start, end: w.end, value } } : {}) };
  }
  if (isPunctuation(w)) return { person: w.text !== '/' };
  if (AFTER_PERSON.has(w.lower)) return { person: true };
  // A noun the lists do not know ("software developer"), made a person by what follows it.
  const next = after.slice(i + 1, i + 3);
  const continued = next.findIndex((n) => PATIENT_CONTINUATIONS.has(n.lower));
  return { person: continued >= 0 && next.slice(0, continued).every((n) => !isPunctuation(n) && !OTHER_PEOPLE.has(n.lower)) };
}

/** "Aged 60, she developed …": the age she had when something happened. */
function pastNarrativeAfter(after: readonly Word[]): boolean {
  const [comma, subject, verb] = after;
  if (comma?.text !== ',' || !['she', 'he', 'they'].includes(subject?.lower ?? '') || verb === undefined) return false;
  return /(?:ed|had|was|went|began|became|left|got|took|underwent|fell|broke|gave|met|lost)$/.test(verb.lower);
}

/** "her son, 45-year-old", "aged 45 (son)", "aged 45, his wife". */
function relationAfter(after: readonly Word[]): boolean {
  const first = after.findIndex((w) => !isPunctuation(w) && !['her', 'his', 'their', 'the', "patient's", 'patient’s'].includes(w.lower));
  if (first < 0 || first > 3) return false;
  const openers = after.slice(0, first);
  return openers.some((w) => w.text === ',' || w.text === '(') && OTHER_PEOPLE.has(after[first]!.lower);
}

/** "aged 30 at diagnosis", "age 12 when", "aged 40 in 1995", "a 12-year-old girl when". */
function pastAfter(after: readonly Word[], referenceYear: number, ageWord: boolean): boolean {
  const first = after.slice(0, 4);
  const skipped = first.filter((w) => !['years', 'yrs', 'year', 'old', ','].includes(w.lower));
  const [word, next] = skipped;
  // "aged 72 at home" and "at presentation" are now; "at diagnosis", "at onset", "at 30" are not.
  const now = word?.lower === 'at' && /^(?:presentation|present|this|our|the|home)$/.test(next?.lower ?? '');
  if (ageWord && word && AFTER_PAST.has(word.lower) && !now) return true;
  return first.some((w) => w.lower === 'when') || hasPastYear(first, referenceYear);
}

/** A year before last year: "In 1990, aged 40". */
function hasPastYear(words: readonly Word[], referenceYear: number): boolean {
  return words.some((w) => /^(?:19|20)\d\d$/.test(w.text) && Number(w.text) < referenceYear - 1);
}
