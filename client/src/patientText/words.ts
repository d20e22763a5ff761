/** The words and punctuation of a stretch of text, with where each is, for the rules to read around a mention. */

export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

// A word keeps its inner apostrophes, hyphens and slashes ("O'Brien", "right-handed", "y/o");
// any other character that is not a letter, a digit or white space is a word of its own.
const WORD = /[\p{L}\p{N}]+(?:['’\-\/][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function wordsIn(text: string, start = 0, end = text.length): Word[] {
  const out: Word[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(WORD)) {
    out.push({ text: m[0], lower: m[0].toLowerCase(), start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

export function isPunctuation(word: Word | undefined): boolean {
  return word !== undefined && !/[\p{L}\p{N}]/u.test(word.text);
}

/** Title case: "Patel", "O'Brien", "García-López"; not "NHS" nor "patel". */
export function isTitleCase(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*$/u.test(word) || /^(?:O['’]|Mc|Mac)\p{Lu}\p{Ll}+$/u.test(word);
}
