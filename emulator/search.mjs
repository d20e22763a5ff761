// Search parameters as ClinikAPI reads them (api-reference/overview.mdx in clinikapi/docs):
// `count` clamped, not rejected (above 100 → 100; missing, zero, negative or not a number → 20);
// `cursor` the offset of the next page as a decimal string (anything else starts from the
// beginning); the answer `{ data, hasMore, cursor?, total }`.

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/** A bad search parameter: answered 400, naming the parameter, never its value. */
export class ParameterError extends Error {
  constructor(name, expected) {
    super(`${name}: ${expected}`);
    this.parameter = name;
  }
}

/** One page of `items` per `count` and `cursor` in `query` (URLSearchParams). */
export function page(items, query) {
  const asked = Number.parseInt(query.get('count') ?? '', 10);
  const count = !Number.isFinite(asked) || asked <= 0 ? DEFAULT_COUNT : Math.min(asked, MAX_COUNT);
  const cursor = query.get('cursor') ?? '';
  const offset = /^[1-9][0-9]*$/.test(cursor) ? Number(cursor) : 0;
  const data = items.slice(offset, offset + count);
  const hasMore = offset + count < items.length;
  return hasMore ? { data, hasMore, cursor: String(offset + count), total: items.length } : { data, hasMore, total: items.length };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The `dateFrom`/`dateTo` bounds as epoch ms (inclusive). A date covers its whole (UTC) day: a
 * resource dated 2025-01-15 is within `dateFrom=2025-01-15` and `dateTo=2025-01-15`.
 */
export function dateRange(query) {
  return { from: bound(query, 'dateFrom', 'start'), to: bound(query, 'dateTo', 'end') };
}

function bound(query, name, edge) {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(start)) throw new ParameterError(name, 'Invalid date');
    return edge === 'start' ? start : start + 86_400_000 - 1;
  }
  if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new ParameterError(name, 'Invalid date');
}

/** Whether a FHIR date or dateTime falls in the range (a resource without one never does, once a bound is set). */
export function inRange(fhirDate, range) {
  if (range.from === undefined && range.to === undefined) return true;
  if (typeof fhirDate !== 'string') return false;
  const t = Date.parse(DATE_ONLY.test(fhirDate) ? `${fhirDate}T00:00:00Z` : fhirDate);
  if (Number.isNaN(t)) return false;
  return (range.from === undefined || t >= range.from) && (range.to === undefined || t <= range.to);
}

/** `sort=date` / `sort=-date` (most recent first) on the date `dateOf` returns; other values are refused. */
export function sortByDate(items, query, dateOf) {
  const sort = query.get('sort');
  if (sort === null || sort === '') return items;
  if (sort !== 'date' && sort !== '-date') throw new ParameterError('sort', "Expected 'date' or '-date'");
  const time = (r) => {
    const d = dateOf(r);
    const t = typeof d === 'string' ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const sorted = [...items].sort((a, b) => time(a) - time(b));
  return sort === 'date' ? sorted : sorted.reverse();
}

/** `active=true|false`, or undefined when not given. */
export function booleanParam(query, name) {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ParameterError(name, 'Expected true or false');
}

/** Case-insensitive partial match, as ClinikAPI's `name` search. */
export function contains(haystack, needle) {
  return typeof haystack === 'string' && haystack.toLowerCase().includes(needle.toLowerCase());
}
