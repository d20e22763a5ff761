import { formatCount } from '../../../shared/textLength';

/** Keys up to this long are quoted whole in messages and quick-fix titles. */
const QUOTED_WHOLE = 80;
const QUOTED_START = 40;

/**
 * How a message names a key: in quotes, and a very long one (a pasted paragraph as a key) cut
 * short with its length, so that a 400,000-character key makes a readable warning, not one as
 * long as the key.
 */
export function quoteKey(key: string): string {
  if (key.length <= QUOTED_WHOLE) return `"${key}"`;
  let end = QUOTED_START;
  const last = key.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // never half of a surrogate pair
  return `"${key.slice(0, end)}…" (a ${formatCount(key.length)}-character key)`;
}
