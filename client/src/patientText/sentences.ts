/**
 * Where the sentences of a clinical text begin and end, so a rule can read what else its sentence
 * says about the same person. A sentence ends at a line break, a semicolon, a `|`, or `.`, `!`, `?`
 * before white space and a capital, a digit, a quote or the end, unless the dot closes a title or
 * a common abbreviation ("Mrs.", "Dr.", "approx.", "e.g.") or an initial ("J. Doe").
 */

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'sr', 'jr', 'rev', 'no', 'nos', 'approx', 'vs', 'etc', 'eg', 'ie', 'e.g', 'i.e',
  'y.o', 'd.o.b', 'dob', 'c', 'ca', 'fig', 'ref', 'tel', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'a.m', 'p.m', 're', 'pt', 'b.d', 't.d.s', 'o.d', 'q.d.s', 'inc', 'dept', 'hosp',
]);

/** The sentences of `text`, in order, trimmed of the white space around them; empty ones left out. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r' || ch === ';' || ch === '|') {
      push(ch === ';' ? i + 1 : i);
      start = i + 1;
    } else if ((ch === '.' || ch === '!' || ch === '?') && endsSentence(text, i)) {
      push(i + 1);
      start = i + 1;
    }
  }
  push(text.length);
  return spans;
}

function endsSentence(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next)) return false;
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  const after = text[j];
  if (after !== undefined && after !== '\n' && after !== '\r' && !/[\p{Lu}\d"'“‘(\[]/u.test(after)) return false;
  if (text[i] !== '.') return true;
  const word = /(\S+)$/.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
  const bare = word.replace(/^[("'“‘[]+/, '');
  if (/^\p{L}$/u.test(bare)) return false; // an initial
  return !ABBREVIATIONS.has(bare);
}

/** The span among `spans` (in order, as `sentenceSpans` gives them) that holds `offset`. */
export function spanAt(spans: readonly Span[], offset: number): Span {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid]!;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return span;
  }
  return { start: offset, end: offset };
}

/**
 * What a rule reads around a mention: its sentence, but at most `back` characters before it and
 * `ahead` after it, so that a text without sentence breaks costs no more than one with them.
 */
export function around(sentence: Span, start: number, end: number, back = 300, ahead = 200): Span {
  return { start: Math.max(sentence.start, start - back), end: Math.min(sentence.end, end + ahead) };
}
