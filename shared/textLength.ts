/**
 * Sizes as ClinikAPI counts them. The server validates with Zod, whose string `max` compares
 * JavaScript's `String.length`: UTF-16 code units. An emoji outside the Basic Multilingual Plane
 * counts 2, and so does a letter followed by a combining accent. Every size the extension shows
 * comes from here, so the editor and the server never disagree.
 */
export function serverLength(text: string): number {
  return text.length;
}

// Made on first use: building a Segmenter loads ICU's break rules (~9 ms), too much for start-up.
let segmenter: Intl.Segmenter | undefined;

/** Longer texts are not counted in graphemes (their length is returned): nothing to explain there. */
export const MAX_VISIBLE_COUNT = 200_000;
/** Graphemes are counted a chunk at a time (see below). */
const CHUNK = 1_024;
/** A single grapheme longer than this (thousands of combining marks) is counted as it is cut. */
const MAX_CLUSTER = 8 * CHUNK;

/**
 * What a person sees as characters (grapheme clusters); used only to explain a difference.
 *
 * Iterating Intl.Segmenter over one long string is quadratic in V8 (50,000 "é" took 2 s, a 1.3 MB
 * string never finished: the server stopped answering, found by the fuzzer), so the text is
 * segmented in chunks. Each chunk starts at a real boundary; its last segment may be cut by the
 * chunk's end, so the next chunk starts again at that segment. A boundary depends only on the
 * text before it and the character after it, so every other boundary found is exact.
 */
export function visibleLength(text: string): number {
  // Only needed where it can differ: below U+0300 only CR LF joins (combining marks start there).
  if (text.length > MAX_VISIBLE_COUNT || /^[\u0000-\u000c\u000e-\u02ff]*$/.test(text)) return text.length;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  let start = 0;
  let size = CHUNK;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    // Never between the halves of a surrogate pair: the boundary before it depends on the whole code point.
    if (end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end--;
    let lastStart = start;
    let count = 0;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      lastStart = start + index;
      count++;
    }
    if (end === text.length) return n + count;
    if (lastStart > start) {
      n += count - 1;
      start = lastStart;
      size = CHUNK;
    } else if (size < MAX_CLUSTER) {
      size *= 2;
    } else {
      n += 1;
      start = end;
      size = CHUNK;
    }
  }
  return n;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * 12345 → "12,345", as `toLocaleString('en-US')` writes it (a fixed locale, so messages and tests
 * are stable). Whole numbers are grouped here: the first toLocaleString of a process loads ICU's
 * number formatting, ~20 ms that `clinikdoc check` paid for its first too-long text.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
