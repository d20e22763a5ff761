/**
 * Dates as clinical texts write them, read where they start: ISO (`1952-03-15`, `1952/03/15`),
 * numeric day and month in either order (`15/03/1952`, `15.03.52`, `03-15-1952`), and with the
 * month's name (`15 March 1952`, `15th of Mar 1952`, `March 15, 1952`, `Mar 1952`), or a year
 * alone. A date that can be read more than one way gives every valid reading: `03/04/1961` is
 * 3 April or 4 March, `15/03/52` is 1952 or 2052.
 */
import { isValidDay, type PartialDate } from './partialDate';

export interface WrittenDate {
  start: number;
  end: number;
  readings: PartialDate[];
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const END = '(?![\\p{L}\\p{N}]|[\\/.\\-]\\d)';

const PATTERNS: ReadonlyArray<{ pattern: RegExp; read(m: RegExpExecArray): PartialDate[] }> = [
  { pattern: new RegExp(`(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${END}`, 'uy'), read: (m) => days(+m[1]!, +m[2]!, +m[3]!) },
  {
    pattern: new RegExp(`(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4}|\\d{2})${END}`, 'uy'),
    read: (m) => years(m[3]!).flatMap((y) => [...days(y, +m[2]!, +m[1]!), ...days(y, +m[1]!, +m[2]!)]),
  },
  {
    pattern: new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-]+${MONTH},?[\\s\\-]+(\\d{4})${END}`, 'iuy'),
    read: (m) => days(+m[3]!, month(m[2]!), +m[1]!),
  },
  {
    pattern: new RegExp(`${MONTH}\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${END}`, 'iuy'),
    read: (m) => days(+m[3]!, month(m[1]!), +m[2]!),
  },
  { pattern: new RegExp(`${MONTH},?\\s+(\\d{4})${END}`, 'iuy'), read: (m) => [{ year: +m[2]!, month: month(m[1]!) }] },
  { pattern: new RegExp(`(\\d{4})${END}`, 'uy'), read: (m) => [{ year: +m[1]! }] },
];

function month(name: string): number {
  return MONTHS[name.toLowerCase().replace('.', '')] ?? 0;
}

function years(text: string): number[] {
  if (text.length === 4) return [+text];
  return [1900 + +text, 2000 + +text];
}

function days(year: number, m: number, d: number): PartialDate[] {
  return isValidDay(year, m, d) ? [{ year, month: m, day: d }] : [];
}

/** The date written at `at` (nothing else before it), or undefined when none is, or none valid. */
export function dateAt(text: string, at: number): WrittenDate | undefined {
  for (const { pattern, read } of PATTERNS) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) continue;
    const readings = dedupe(read(m));
    if (readings.length === 0) return undefined;
    return { start: at, end: at + m[0].length, readings };
  }
  return undefined;
}

function dedupe(readings: PartialDate[]): PartialDate[] {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = `${r.year}-${r.month ?? ''}-${r.day ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
