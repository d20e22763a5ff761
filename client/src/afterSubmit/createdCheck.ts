import { documentTime, type Composition } from '../api/composition';
import { sameDocument, sameTitledDocument, type DocumentBody } from './compareWithSubmitted';
import { searchDocuments, type ApiFailure, type DocumentsConnection } from '../api/documentsApi';

/**
 * "Check whether it was created": after a submission whose outcome is unknown (a timeout, a
 * reset, a 5xx), one search of the patient's documents of that type since the request left, for
 * one with the same title and content. It only reads; it never resends.
 */

/** Pages read at most (100 documents each). */
export const CHECK_MAX_PAGES = 5;
/** A document last changed this long before the request left cannot be its result (clock skew allowed for). */
const SKEW_MS = 10 * 60 * 1000;

export type CheckResult =
  | { kind: 'created'; id: string; time?: string }
  /** More than one document matches: ClinikDoc links none of them by itself. */
  | { kind: 'several'; matches: Array<{ id: string; time?: string }> }
  /** Nothing matches; `complete` is false when more pages existed than were read. */
  | { kind: 'none'; complete: boolean }
  /** The document lacks what the search needs (patient id, type). */
  | { kind: 'cannotSearch'; reason: string }
  | ApiFailure;

export interface CheckInput {
  body: DocumentBody;
  /** When the request left. */
  sentAt: Date;
  /** Ids this machine already knows as other submissions' documents: never this one's. */
  knownIds?: ReadonlySet<string>;
}

/** What the check searches, in words for its message: a type and a date, never the patient, a title or content. */
export function searchedWords(body: DocumentBody, sentAt: Date): string {
  if (typeof body.type !== 'string') return "the patient's documents for one with this title and content";
  return `the patient's ${body.type} documents dated from ${searchFrom(sentAt, body.date)} for one with this title and content`;
}

export async function checkWhetherCreated(conn: DocumentsConnection, input: CheckInput): Promise<CheckResult> {
  const { body, sentAt } = input;
  if (typeof body.patientId !== 'string' || typeof body.type !== 'string') {
    return { kind: 'cannotSearch', reason: 'The document has no patientId or no type to search by.' };
  }
  const result = await searchDocuments(conn, { patientId: body.patientId, type: body.type, dateFrom: searchFrom(sentAt, body.date) }, CHECK_MAX_PAGES);
  if (result.kind !== 'ok') return result;
  const matches = result.value.items.filter((c) => sameDocument(body, c) && !input.knownIds?.has(c.id) && !changedBefore(c, sentAt));
  if (matches.length === 1) return { kind: 'created', id: matches[0].id, time: documentTime(matches[0]) };
  if (matches.length > 1) return { kind: 'several', matches: matches.map((c) => ({ id: c.id, time: documentTime(c) })) };
  return { kind: 'none', complete: result.value.complete };
}

/**
 * Before a submission (with a live key, or a test key when the setting asks): one search for the
 * patient's documents of this type from today, and those with the same title.
 */
export async function findSameTitledToday(
  conn: DocumentsConnection,
  body: DocumentBody,
  now: Date,
): Promise<{ kind: 'ok'; matches: Array<{ id: string; time?: string }> } | { kind: 'cannotSearch'; reason: string } | ApiFailure> {
  if (typeof body.patientId !== 'string' || typeof body.type !== 'string' || typeof body.title !== 'string') {
    return { kind: 'cannotSearch', reason: 'The document has no patientId, type or title to search by.' };
  }
  const result = await searchDocuments(conn, { patientId: body.patientId, type: body.type, dateFrom: searchFrom(now, body.date) }, 1);
  if (result.kind !== 'ok') return result;
  const startOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const matches = result.value.items.filter((c) => {
    if (!sameTitledDocument(body, c)) return false;
    const t = Date.parse(documentTime(c) ?? '');
    return !Number.isNaN(t) && t >= startOfDay;
  });
  return { kind: 'ok', matches: matches.map((c) => ({ id: c.id, time: documentTime(c) })) };
}

/**
 * `dateFrom` for the search. ClinikAPI filters on the Composition's `date`: the body's own date
 * when it has one, else the time of creation. A day earlier than the earliest of the two, so that
 * neither a time zone nor a clock can push the document out of the window.
 */
export function searchFrom(sentAt: Date, bodyDate: unknown): string {
  let from = sentAt.getTime();
  if (typeof bodyDate === 'string') {
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(bodyDate) ? `${bodyDate}T00:00:00Z` : bodyDate);
    if (!Number.isNaN(t)) from = Math.min(from, t);
  }
  return new Date(from - 86_400_000).toISOString().slice(0, 10);
}

function changedBefore(c: Composition, sentAt: Date): boolean {
  const t = Date.parse(c.meta?.lastUpdated ?? '');
  return !Number.isNaN(t) && t < sentAt.getTime() - SKEW_MS;
}
