/**
 * People named with an honorific ("Mrs Patel", "Mr J. O'Brien", "MISS DOE"), and whether the text
 * seems to mean the patient by one. Precision first: a name counts as the patient only where a
 * clinical text names its patient (the subject of "is a 72-year-old", "was admitted", a "Re:"
 * line, "Thank you for seeing …", a document title), and never next to a relation or a clinical
 * role ("Mrs Patel, her daughter", "Mr Jones (neighbour)", "Mr Shah, consultant surgeon").
 * Dr and Prof are not honorifics here: they name clinicians.
 */
import { isParticle, joinedName, nameParts } from './nameFolding';
import type { People } from './people';
import { around, type Span } from './sentences';
import { CLINICAL_ROLES, OTHER_PEOPLE, STARTERS } from './vocabulary';
import { isTitleCase, wordsIn, type Word } from './words';

export interface HonorificName {
  /** From the honorific to the end of the last name word. */
  start: number;
  end: number;
  /** The name words after the honorific, initials and particles included. */
  names: Word[];
}

/** Titles, never a name word after an honorific ("Mr and Mrs Bennett" is not a Mr called Mrs). */
const HONORIFIC_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof']);

// Title case or capitals; "MS" in capitals is multiple sclerosis far more often than a title.
const HONORIFIC = /(?<![\p{L}\p{N}])(?:Mrs|Mr|Ms|Miss|Mx|MRS|MR|MISS|MX)\.?(?=[ \t\u00a0]+\S)/gu;

/** The honorific names that start between `from` and `to`. */
export function honorificNames(text: string, from = 0, to = text.length): HonorificName[] {
  const out: HonorificName[] = [];
  // Searched in the slice (the lookahead needs the character after it), not in the whole text from `from`.
  const sliceStart = Math.max(0, from - 1); // with the character before, for the lookbehind
  const slice = text.slice(sliceStart, Math.min(text.length, to + 2));
  for (const m of slice.matchAll(HONORIFIC)) {
    const index = sliceStart + m.index;
    if (index < from) continue;
    if (index >= to) break;
    const capitals = m[0] === m[0].toUpperCase();
    const names = nameWordsAfter(text, index + m[0].length, capitals);
    if (names.some((w) => w.text.length > 1 && !isParticle(w.text))) {
      out.push({ start: index, end: names.at(-1)!.end, names });
    }
  }
  return out;
}

/**
 * The name after an honorific that ends at `at`: words in title case (in capitals after an
 * honorific in capitals), initials and particles, on the same line, five at most.
 */
function nameWordsAfter(text: string, at: number, capitals: boolean): Word[] {
  const words = wordsIn(text, at, Math.min(text.length, at + 80));
  const names: Word[] = [];
  let previousEnd = at;
  for (let i = 0; i < words.length && names.length < 5; i++) {
    const w = words[i]!;
    const gap = text.slice(previousEnd, w.start);
    if (!/^[ \t\u00a0]*$/.test(gap) || (names.length > 0 && gap.length === 0)) break;
    const next = words[i + 1];
    if (/^\p{Lu}$/u.test(w.text)) {
      // An initial, with or without its dot.
      names.push(w);
      previousEnd = w.end;
      if (next?.text === '.' && next.start === w.end) {
        previousEnd = next.end;
        i++;
      }
      continue;
    }
    const looksLikeName = (capitals ? /^\p{Lu}[\p{Lu}'’\-]+$/u.test(w.text) : isTitleCase(w.text)) && !HONORIFIC_WORDS.has(w.lower);
    if (looksLikeName && (names.length === 0 || !STARTERS.has(w.lower))) {
      names.push(w);
      previousEnd = w.end;
    } else if (isParticle(w.text) && next !== undefined && (capitals ? /^\p{Lu}/u.test(next.text) : isTitleCase(next.text))) {
      names.push(w);
      previousEnd = w.end;
    } else break;
  }
  while (names.length > 0 && (isParticle(names.at(-1)!.text) || names.at(-1)!.text.length === 1)) names.pop();
  return names;
}

/** The names among `names` (in text order) that start in [from, to), found by binary search. */
export function namesBetween(names: readonly HonorificName[], from: number, to: number): HonorificName[] {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: HonorificName[] = [];
  for (let i = lo; i < names.length && names[i]!.start < to; i++) out.push(names[i]!);
  return out;
}

/** The words of a name that are not initials or particles. */
function realNames(name: HonorificName): string[] {
  return name.names.map((w) => w.text).filter((t) => t.length > 1 && !isParticle(t));
}

/**
 * Whether the name is the patient's: its surname (the words after the first, when there are
 * several: "Mrs Jane Doe") shares a part with the patient's surname, case, diacritics, hyphens and
 * apostrophes aside; a single word may also be the patient's first name ("Miss Lily").
 */
export function namesPatient(people: People, name: HonorificName): boolean {
  const real = realNames(name);
  const surnames = real.length > 1 ? real.slice(1) : real;
  if (surnames.some((w) => nameParts(w).some((p) => people.surnameParts.has(p)))) return true;
  if (people.surnameParts.has(joinedName(real.join(' '))) || people.surnameParts.has(joinedName(surnames.join(' ')))) return true;
  return real.length === 1 && nameParts(real[0]!).some((p) => people.patientParts.has(p));
}

/** Whether any word of the name is a clinician's. */
export function namesClinician(people: People, name: HonorificName): boolean {
  return realNames(name).some((w) => nameParts(w).some((p) => people.clinicianParts.has(p)));
}

const BLOCKING_BEFORE = /(?:^|[\s,;(])(?:cc|c\.c\.|copy\s+to|copies\s+to|to|by|with|and|or|from|under|dear|via|per|&)\s*[:.]?\s*$/i;
// "Re: Mrs X", and the labels of a care plan's lines ("Goal: Mrs X will mobilise …").
const LABEL_BEFORE = /(?:^|[\s,;(])(?:re|ref|regarding|concerning|patient|pt|name|patient\s+name|subject|client|goal|aim|need|problem|intervention|outcome|objective)\s*[:\-–—]?\s*$/i;
const TITLE_BEFORE =
  /\b(?:summary|letter|plan|report|note|notes|review|assessment|referral|update|record|form|request)\s*(?:for|of|on|re|regarding|about|concerning|[:\-–—|])\s*$/i;
const OBJECT_BEFORE =
  /\b(?:seeing|see|saw|reviewing|reviewed|review|assessing|assessed|examined|examining|referring|refer|admitted|admitting|discharging|discharged|writing\s+(?:to\s+you\s+)?(?:about|regarding|concerning|on\s+behalf\s+of)|update\s+you\s+(?:on|about|regarding)|updating\s+you\s+(?:on|about|regarding)|pleasure\s+of\s+(?:seeing|meeting|reviewing)|asked\s+to\s+see|ask\s+you\s+to\s+see|treating|treated|operated\s+on)\s+(?:(?:this|our|your)\s+(?:[\p{L}\-]+\s+)?)?$/iu;
const ADVERBIAL_ONLY = /^(?:[\p{L}\p{N}\/\-.]+\s+){0,5}[\p{L}\p{N}\/\-.]+\s*,\s*$/u;
const AGE_WORDS = String.raw`\d{1,3}\s?-?\s?(?:years?|yrs?|y)\s?-?\s?old|\d{1,3}\s?(?:yo|y\/o)\b`;
const PERSON = 'man|woman|lady|gentleman|gent|male|female|boy|girl|patient';
const PREDICATE = new RegExp(
  String.raw`^\s*(?:,\s*(?:a|an)\s+(?:[\p{L}\-]+\s+){0,3}?(?:${AGE_WORDS})|` +
    String.raw`(?:is|was)\s+(?:a|an)\s+(?:[\p{L}\-]+\s+){0,3}?(?:${AGE_WORDS}|(?:${PERSON})\b)|` +
    String.raw`(?:was|has\s+been|had\s+been|is\s+being|is|were|has|had)\s+(?:[\p{L}]+\s+)?(?:admitted|readmitted|re-admitted|discharged|transferred|referred|seen|reviewed|assessed|examined|diagnosed|brought|taken|treated|started|commenced|booked|listed|consented|found|operated|anaesthetised|intubated|extubated|mobilised|prescribed)\b|` +
    String.raw`(?:presented|presents|re-presented|re-presents|underwent|tolerated|complained\s+of|complains\s+of|denies|denied|sustained|suffered|developed|has\s+a\s+(?:[\p{L}]+\s+){0,2}history\s+of|has\s+a\s+background\s+of|has\s+known|has\s+a\s+known|is\s+known\s+to|remains\s+an?\s+in-?patient|is\s+an?\s+(?:in|out)-?patient|had\s+an?\s+(?:fall|stroke|seizure|collapse|operation|procedure))\b)`,
  'iu',
);
const IDENTITY_AFTER = /^\s*[,(]?\s*(?:dob|d\.o\.b\.?|date\s+of\s+birth|nhs\s+(?:no|number)|mrn|hospital\s+(?:no|number))(?![\p{L}])/iu;
const TITLE_AFTER = /^\s*(?:$|[-–—:|]\s*\S)/;

/** Whether the text seems to mean its patient by this name, in `whole`, the sentence that holds it. */
export function inPatientPosition(text: string, whole: Span, name: HonorificName): boolean {
  const sentence = around(whole, name.start, name.end, 200, 200);
  const before = text.slice(sentence.start, name.start);
  const after = text.slice(name.end, sentence.end);
  // The patterns that end at the name read only its last words (from a word's start).
  const lastBefore = before.length > 80 ? before.slice(before.indexOf(' ', before.length - 80) + 1) : before;
  if (/^['’]s(?![\p{L}])/u.test(after)) return false; // "Mrs Patel's daughter"
  if (firstWordsAfter(text, name.end, sentence.end).some((w) => OTHER_PEOPLE.has(w) || CLINICAL_ROLES.has(w))) return false;
  if (saidToBeSomeoneElse(text, name.end, sentence.end)) return false;
  const lastWords = wordsIn(before).slice(-4);
  if (lastWords.some((w) => OTHER_PEOPLE.has(w.lower) || CLINICAL_ROLES.has(w.lower))) return false;
  if (BLOCKING_BEFORE.test(lastBefore)) return false;
  if (LABEL_BEFORE.test(lastBefore) || TITLE_BEFORE.test(lastBefore) || OBJECT_BEFORE.test(lastBefore)) return true;
  if (IDENTITY_AFTER.test(after)) return true;
  const atStart = before.trim() === '' || (before.length < 80 && ADVERBIAL_ONLY.test(before) && !wordsIn(before).some((w) => OTHER_PEOPLE.has(w.lower)));
  if (!atStart) return false;
  return PREDICATE.test(after.slice(0, 160)) || (before.trim() === '' && sentence.start === 0 && TITLE_AFTER.test(after));
}

const SKIPPED_AFTER = new Set(['her', 'his', 'their', 'the', 'a', 'an', 'our', 'my', 'your', "patient's", 'patient’s', "pt's", 'pt’s', 'patient']);

/** The first two words after a name, past punctuation, possessives and articles: what the name is said to be. */
function firstWordsAfter(text: string, from: number, to: number): string[] {
  return wordsIn(text, from, Math.min(to, from + 80))
    .filter((w) => /[\p{L}]/u.test(w.text) && !SKIPPED_AFTER.has(w.lower))
    .slice(0, 2)
    .map((w) => w.lower);
}

/** "Mrs Patel, a 45-year-old woman, is her daughter": the sentence says who the name is, and it is not the patient. */
function saidToBeSomeoneElse(text: string, from: number, to: number): boolean {
  const words = wordsIn(text, from, to);
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i]!.lower !== 'is' && words[i]!.lower !== 'was') continue;
    const owner = words[i + 1]!.lower;
    if (!['her', 'his', 'their', "patient's", 'patient’s'].includes(owner)) continue;
    if (words.slice(i + 2, i + 4).some((w) => OTHER_PEOPLE.has(w.lower) || CLINICAL_ROLES.has(w.lower))) return true;
  }
  return false;
}
