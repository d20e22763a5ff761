/** The most characters of one server-controlled string that are ever logged or shown. */
export const MAX_SERVER_TEXT = 200;

/**
 * Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
 * overrides and isolates: what could forge a log line, break a notification or make a text read
 * differently from what it is.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A string from ClinikAPI's answer (`id`, `code`, `requestId`, `message`, an issue's text) made
 * safe to log or show: unsafe characters removed, cut to `max` characters (never inside a
 * surrogate pair) with `…` marking the cut. `undefined` when nothing is left.
 */
export function serverText(value: string, max = MAX_SERVER_TEXT): string | undefined {
  const clean = value.replace(UNSAFE, '').trim();
  if (clean.length === 0) return undefined;
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}
