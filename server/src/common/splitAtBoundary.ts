/**
 * Splits `text` so that the first part is at most `limit` long (in UTF-16 code units, as
 * serverLength counts): at the last paragraph break, else sentence end, else line break, else
 * space that leaves the first part at least half the limit; only as a last resort mid-word (never
 * inside a surrogate pair). Whitespace at the cut is dropped from both parts.
 */
export function splitAtBoundary(text: string, limit: number): [string, string] {
  if (text.length <= limit) return [text, ''];
  const floor = Math.floor(limit / 2);
  const cut = lastParagraphBreak(text, limit, floor)
    ?? lastMatch(limit, floor, (i) => /[.!?]/.test(text[i - 1]!) && /\s/.test(text[i]!))
    ?? lastMatch(limit, floor, (i) => text[i] === '\n')
    ?? lastMatch(limit, floor, (i) => /\s/.test(text[i]!))
    ?? hardCut(text, limit);
  return [text.slice(0, cut).trimEnd(), text.slice(cut).trimStart()];
}

function lastParagraphBreak(text: string, limit: number, floor: number): number | undefined {
  const at = text.lastIndexOf('\n\n', limit);
  return at >= floor && at > 0 ? at : undefined;
}

/** The largest cut in [floor, limit] where `test(cut)` holds: the first part is text[0, cut). */
function lastMatch(limit: number, floor: number, test: (cut: number) => boolean): number | undefined {
  for (let cut = limit; cut >= Math.max(floor, 1); cut--) {
    if (test(cut)) return cut;
  }
  return undefined;
}

function hardCut(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
