/**
 * Calendar days and the partial dates a record may hold (a birth year, or a year and month only),
 * and the ages a birth date allows on a given day. No time zones: a date-time's day is the day it
 * is written with.
 */

/** A date known to the year, the month or the day. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/** A whole calendar day. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** The ages, in whole years, that someone born on `birth` may be said to have on a day. */
export interface AgeRange {
  min: number;
  max: number;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1]!;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * A record's date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or the day of a date-time
 * (`2025-01-15T10:00:00Z` is 2025-01-15). Undefined for anything else.
 */
export function parseRecordDate(value: string | undefined): PartialDate | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)/.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  return isValidDay(year, month, day) ? { year, month, day } : undefined;
}

/**
 * The day ages are judged on: the document's `date` when it has a whole day, else `today`
 * (a Date, read in local time, or `YYYY-MM-DD`), else the local day now.
 */
export function referenceDay(documentDate: string | undefined, today?: Date | string): Day {
  const fromDocument = asDay(parseRecordDate(documentDate));
  if (fromDocument) return fromDocument;
  if (typeof today === 'string') {
    const parsed = asDay(parseRecordDate(today));
    if (parsed) return parsed;
  }
  const now = today instanceof Date ? today : new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

function asDay(date: PartialDate | undefined): Day | undefined {
  return date?.month !== undefined && date.day !== undefined ? { year: date.year, month: date.month, day: date.day } : undefined;
}

/**
 * The ages someone born on `birth` may be said to have on `on`. The least is the age they have
 * reached; the most is the difference of the years, since a writer who has not counted whether the
 * birthday has come yet this year says that. A birth year only, or a year and month whose month is
 * the current one, adds the year the birthday may already have passed. Undefined when `on` is
 * before the birth.
 */
export function possibleAges(birth: PartialDate, on: Day): AgeRange | undefined {
  const max = on.year - birth.year;
  let min: number;
  if (birth.month === undefined) min = max - 1;
  else if (birth.day === undefined) min = on.month > birth.month ? max : max - 1;
  else min = on.month > birth.month || (on.month === birth.month && on.day >= birth.day) ? max : max - 1;
  if (max < 0 || (min < 0 && birth.month !== undefined && birth.day !== undefined)) return undefined;
  return { min: Math.max(0, min), max };
}

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function formatPartialDate(date: PartialDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  let text = String(date.year).padStart(4, '0');
  if (date.month !== undefined) text += `-${pad(date.month)}`;
  if (date.month !== undefined && date.day !== undefined) text += `-${pad(date.day)}`;
  return text;
}

/**
 * Whether a date read in the text can be the birth date: equal in every part both know (a text's
 * "March 1952" agrees with 1952-03-15, and "1952" with a record holding only 1952).
 */
export function agreesWith(read: PartialDate, birth: PartialDate): boolean {
  if (read.year !== birth.year) return false;
  if (read.month === undefined || birth.month === undefined) return true;
  if (read.month !== birth.month) return false;
  return read.day === undefined || birth.day === undefined || read.day === birth.day;
}
