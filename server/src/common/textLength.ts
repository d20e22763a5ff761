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

/** What a person sees as characters (grapheme clusters); used only to explain a difference. */
export function visibleLength(text: string): number {
  // Counting graphemes of a huge string is slow and only needed when it can differ.
  if (/^[\u0000-\u02ff]*$/.test(text)) return text.length;
  let n = 0;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

/** 12345 → "12,345": fixed locale so messages and tests are stable. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
