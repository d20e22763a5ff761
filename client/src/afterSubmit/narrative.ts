/**
 * The text of a FHIR narrative (`text.div`, XHTML), as a section's plain text: ClinikAPI turns
 * the string it was sent into XHTML, so the two can only be compared as text. Tags are dropped
 * (line breaks and block ends become `\n`), character references decoded. Pure, no DOM: it runs
 * in node and in a browser build alike.
 */
export function narrativeText(div: string): string {
  let inner = div.trim();
  // The one wrapping <div xmlns=…>…</div> is the narrative itself, not a block of its text.
  const open = /^<div\b[^>]*>/i.exec(inner);
  if (open && /<\/div>$/i.test(inner)) inner = inner.slice(open[0].length, inner.length - '</div>'.length);
  const text = inner
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>\s*(?=<)/gi, '$&\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '')
    .replace(/<[^>]*>/g, '');
  return decodeReferences(text);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Two texts as the same clinical text: line endings unified, runs of white space (which XHTML
 * does not keep) made one space, ends trimmed.
 */
export function sameText(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function normalize(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}
