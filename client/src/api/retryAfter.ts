/**
 * `Retry-After` (RFC 9110 §10.2.3) in whole seconds from `now`, or `undefined` when the value is
 * neither form the RFC allows — then there is no automatic retry. Accepted: delta-seconds (`120`;
 * digits only, capped at 2^31 as the RFC suggests) and an HTTP-date in any of its three forms
 * (`Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`).
 * Nothing else, however `Date.parse` might read it: not `1.5`, `-1`, `+3`, `2026-11-25` or `soon`.
 * A date in the past means 0 s.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), 2 ** 31);
  const time = parseHttpDate(v);
  if (time === undefined) return undefined;
  return Math.max(0, Math.ceil((time - now) / 1000));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Milliseconds since the epoch of an HTTP-date, or `undefined` if `text` is not one. */
export function parseHttpDate(text: string): number | undefined {
  let day: string, month: string, year: number, h: string, m: string, s: string;
  let match: RegExpExecArray | null;
  if ((match = IMF_FIXDATE.exec(text))) {
    [, day, month, , h, m, s] = match as unknown as string[];
    year = Number(match[3]);
  } else if ((match = RFC850.exec(text))) {
    [, day, month, , h, m, s] = match as unknown as string[];
    // Two-digit years: RFC 9110 says read one more than 50 years ahead as the past century.
    const yy = Number(match[3]);
    const thisYear = new Date().getUTCFullYear();
    year = 2000 + yy > thisYear + 50 ? 1900 + yy : 2000 + yy;
  } else if ((match = ASCTIME.exec(text))) {
    [, month, day, h, m, s] = match as unknown as string[];
    year = Number(match[6]);
  } else {
    return undefined;
  }
  const monthIndex = MONTHS.indexOf(month);
  const [dd, hh, mm, ss] = [Number(day.trim()), Number(h), Number(m), Number(s)];
  if (dd < 1 || dd > 31 || hh > 23 || mm > 59 || ss > 60) return undefined;
  const time = Date.UTC(year, monthIndex, dd, hh, mm, Math.min(ss, 59));
  // Reject dates that roll over (31 Feb): the day must survive the round trip.
  return new Date(time).getUTCDate() === dd ? time : undefined;
}
