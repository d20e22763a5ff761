/**
 * The paragraphs of a section text, as copy-forward compares them: each line is one (section texts
 * are typed with soft wrap, so a line break is where the writer ended a paragraph), normalized so
 * that spacing, case, curly quotes, dashes and a leading list marker make no difference.
 */

export interface Paragraph {
  /** The line without the white space around it, in the text. */
  start: number;
  end: number;
  normalized: string;
}

const LIST_MARKER = /^(?:[-*•·‣◦–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+/iu;

export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of text.matchAll(/[^\r\n]+/g)) {
    const line = m[0];
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    out.push({ start: m.index + lead, end: m.index + lead + trimmed.length, normalized: normalizeParagraph(trimmed) });
  }
  return out;
}

/** Lower case, one space between words, straight quotes and plain hyphens, no leading list marker. */
export function normalizeParagraph(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(LIST_MARKER, '');
}
