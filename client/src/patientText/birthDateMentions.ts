/**
 * Dates of birth a text gives its patient: after "DOB", "D.O.B.", "date of birth", "birth date"
 * or "born" ("born 15/03/1952", "was born on the 15th of March 1952", "born in 1952"). Only a date
 * that follows the word at once counts ("born at 32 weeks", "born in Leeds in 1952" give none),
 * and none in a sentence about someone else ("her son was born in 2010", "Mother's DOB").
 */
import type { HonorificName } from './honorificNames';
import { namesSomeoneElse } from './otherNames';
import type { PartialDate } from './partialDate';
import type { People } from './people';
import { around, spanAt, type Span } from './sentences';
import { OTHER_PEOPLE } from './vocabulary';
import { dateAt } from './writtenDates';
import { wordsIn } from './words';

export interface BirthDateMention {
  /** The date as written. */
  start: number;
  end: number;
  /** Every way the date can be read (both orders of `03/04/1961`). */
  readings: PartialDate[];
}

const TRIGGER = /(?<![\p{L}\p{N}])(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s?date|born)(?![\p{L}\p{N}])/giu;
const LEAD_IN = /[\s:=\-–—(]*(?:(?:is|was|on|in|of)\s+)?(?:the\s+)?/iy;

/**
 * The birth dates `text` gives. `sentences` are its sentences (`sentenceSpans`), `names` its
 * honorific names (`honorificNames`); a date after `latestYear` or before 1880 is no birth date.
 */
export function birthDateMentions(
  text: string,
  sentences: readonly Span[],
  people: People,
  names: readonly HonorificName[],
  latestYear: number,
): BirthDateMention[] {
  const found: BirthDateMention[] = [];
  for (const m of text.matchAll(TRIGGER)) {
    LEAD_IN.lastIndex = m.index + m[0].length;
    const lead = LEAD_IN.exec(text);
    const at = LEAD_IN.lastIndex;
    if (!lead) continue;
    const date = dateAt(text, at);
    if (!date) continue;
    const readings = date.readings.filter((r) => r.year >= 1880 && r.year <= latestYear);
    if (readings.length === 0) continue;
    const sentence = around(spanAt(sentences, m.index), m.index, at);
    const before = wordsIn(text, sentence.start, m.index);
    if (before.some((w) => OTHER_PEOPLE.has(w.lower.replace(/['’]s$/, '')))) continue;
    if (namesSomeoneElse(text, sentence.start, m.index, people, names)) continue;
    found.push({ start: date.start, end: date.end, readings });
  }
  return found;
}
