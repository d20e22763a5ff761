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
import { namesSomeoneElse } from './otherNames';
import { isPatientWord, type People } from './people';
import type { Span } from './sentences';
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
  { form: 'aged', pattern: /(?<![\p{L}])aged\s+(\d{1,3})(?![\p{N}.,]\d|\p{L})/giu },
  { form: 'age', pattern: /(?<![\p{L}])age\s*[:=]?\s*(\d{1,3})(?![\p{N}]|[.,]\d|\p{L})/giu },
];

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'our']);
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
const AFTER_PAST = new Set(['at', 'when', 'during', 'until', 'before', 'after', 'whilst', 'while', 'following', 'by', 'upon']);
const UNIT_AFTER = /^\s*(?:weeks?|wks?|\/40|months?|mths?|mo|days?|hours?|hrs?|minutes?|mins?|kg|g|cm|mm|mg|ml|%|\/\d|bpm|points?|degrees?|°)(?![\p{L}])/iu;
const RANGE_BEFORE = /\d\s*(?:[-–—]|to|or|and)\s*$|[~≈<>≤≥+]\s*$/u;
const RANGE_AFTER = /^\s*(?:[-–—]\s*\d|to\s+\d|or\s+(?:\d|older|over|above|more|younger|under)|and\s+(?:\d|over|above|older|under|younger)|\+|plus(?![\p{L}])|['’]?s(?![\p{L}]))/u;

/** The ages `text` gives its patient now, in `sentences` (from `sentenceSpans`). */
export function patientAgeMentions(text: string, sentences: readonly Span[], people: People, referenceYear: number): AgeMention[] {
  const found: AgeMention[] = [];
  const taken: Span[] = [];
  for (const { form, pattern } of FORMS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue; // "72 yo" is not also "72 y"
      const age = Number(m[1]);
      if (age > 125) continue;
      const candidate: Candidate = { form, start, end, age };
      if ((form === 'yo' || form === 'sexAge') && m[2] !== undefined) {
        const letterStart = start + m[0].lastIndexOf(m[2]);
        candidate.sexLetter = { start: letterStart, end: letterStart + 1, value: m[2].toUpperCase() === 'M' ? 'male' : 'female' };
      }
      taken.push({ start, end });
      const sentence = sentences.find((s) => start >= s.start && start < s.end);
      if (!sentence) continue;
      const mention = judge(text, sentence, candidate, people, referenceYear);
      if (mention) found.push(mention);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The mention, if the candidate states the patient's age now. */
function judge(text: string, sentence: Span, c: Candidate, people: People, referenceYear: number): AgeMention | undefined {
  const beforeText = text.slice(sentence.start, c.start);
  const afterText = text.slice(c.end, sentence.end);
  const before = wordsIn(text, sentence.start, c.start);
  const after = wordsIn(text, c.end, sentence.end);
  if (RANGE_BEFORE.test(beforeText) || RANGE_AFTER.test(afterText)) return undefined;
  if (c.form !== 'yearOld' && UNIT_AFTER.test(afterText)) return undefined;
  if (before.some((w) => OTHER_PEOPLE.has(w.lower) || PAST_IN_SENTENCE.has(w.lower))) return undefined;
  if (/\bat the time\b|\bas a (?:child|teenager|baby|student)\b|\bfamily history\b/i.test(beforeText)) return undefined;
  if (hasPastYear(before, referenceYear)) return undefined;
  if (relationAfter(after)) return undefined;
  if (pastAfter(after, referenceYear, c.form === 'aged' || c.form === 'age')) return undefined;
  if (namesSomeoneElse(text, sentence.start, c.start, people)) return undefined;

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
        const noun = personAfter(after);
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
      const trimmed = left.filter((w) => !['(', ',', ':', '-', '–', '|', '/'].includes(w.text));
      const previous = trimmed.at(-1);
      const separated = left.length === 0 || left.at(-1) !== previous;
      if (previous && !separated && !PATIENT_REFERENCES.has(previous.lower) && !isPatientWord(people, previous.text)) return undefined;
      if (previous && separated && c.form === 'aged' && !PATIENT_REFERENCES.has(previous.lower) && !isPatientWord(people, previous.text)) {
        // "Jane Doe, aged 72" and "Woman, aged 72" yes; "In 2010, aged 60" no.
        return undefined;
      }
      const said = previous ? SEX_WORDS.get(previous.lower) : undefined;
      if (said && previous && previous.lower.length > 1 && !separated) sex = { start: previous.start, end: previous.end, value: said };
      break;
    }
  }
  return { start: c.start, end: c.end, age: c.age, ...(sex ? { sex } : {}) };
}

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

/** Whether the words after "72-year-old" make it a person, and the sex they give. */
function personAfter(after: readonly Word[]): { person: boolean; sex?: AgeMention['sex'] } {
  let i = 0;
  while (i < after.length && i < 4 && DESCRIPTORS.has(after[i]!.lower) && !PERSON_NOUNS.has(after[i]!.lower)) i++;
  const w = after[i];
  if (!w) return { person: true };
  if (/^[MF]$/.test(w.text)) return { person: true, sex: { start: w.start, end: w.end, value: w.text === 'M' ? 'male' : 'female' } };
  if (OTHER_PEOPLE.has(w.lower)) return { person: false };
  if (PERSON_NOUNS.has(w.lower)) {
    const value = w.lower.length > 1 ? SEX_WORDS.get(w.lower) : undefined;
    return { person: true, ...(value ? { sex: { start: w.start, end: w.end, value } } : {}) };
  }
  if (isPunctuation(w)) return { person: w.text !== '/' };
  return { person: AFTER_PERSON.has(w.lower) };
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
  if (ageWord && skipped[0] && AFTER_PAST.has(skipped[0].lower) && !(skipped[0].lower === 'at' && /^(?:presentation|present|this|our|the|home)$/.test(skipped[1]?.lower ?? ''))) return true;
  return first.some((w) => w.lower === 'when') || hasPastYear(first, referenceYear);
}

/** A year before last year: "In 1990, aged 40". */
function hasPastYear(words: readonly Word[], referenceYear: number): boolean {
  return words.some((w) => /^(?:19|20)\d\d$/.test(w.text) && Number(w.text) < referenceYear - 1);
}
