import { missingScopeText, tooManyRequestsText, type Scope } from './limitMessages';
import { parseRetryAfter } from './outcome';
import { isReadableId } from './resourcePaths';
import type { TransportFailure } from './transport';
import { asComposition, type Composition } from './composition';
import { send, type ApiAnswer, type ApiBinding } from './clinikApi';

/**
 * ClinikAPI's documents after Submit: read one (`GET /v1/documents/{id}`), search a patient's
 * (`GET /v1/documents?patientId=&type=&dateFrom=`), and update one in place (`PATCH`). Plain node
 * on an HttpTransport (no redirects, one deadline, a bounded answer); the log names the path
 * with the id and the query left out, and the outcome — never a value read.
 */


/** The fields `PATCH /v1/documents/{id}` takes (the SDK's `DocumentUpdateRequest`). */
export const UPDATABLE_FIELDS = ['status', 'title', 'sections', 'confidentiality', 'attester'] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];
export type DocumentUpdate = Partial<Record<UpdatableField, unknown>>;

/**
 * The content type of the PATCH body. The contract disagrees with itself: the OpenAPI gives the
 * body as an object under `application/json`, the API overview says PATCH bodies are
 * `application/json-patch+json`, and the official SDK sends the `DocumentUpdateRequest` object
 * under `application/json-patch+json`. ClinikDoc sends what the SDK sends (docs/CONTRACT.md):
 * it is what ClinikAPI's own client is tested against.
 */
export const UPDATE_CONTENT_TYPE = 'application/json-patch+json';

/** An answer is at most this long (a Composition with 50 sections of 50,000 characters fits). */
export const MAX_READ_BYTES = 8 * 1024 * 1024;
/** Search pages are asked this large (the contract's maximum). */
export const PAGE_SIZE = 100;

export interface DocumentsConnection {
  /** `{baseUrl}/v1/documents` (api/endpoint.ts). */
  endpoint: URL;
  /** The key and where it goes, bound when the connection was made (api/clinikApi.ts). */
  binding: ApiBinding;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Why a request brought no usable answer. */
export interface ApiFailure {
  kind: 'failed';
  why:
    | 'unauthorized'
    | 'forbidden'
    | 'rateLimited'
    | 'quotaExceeded'
    /** 409: a version conflict, the resource was changed elsewhere (REFERENCES.md, "Versions"). */
    | 'conflict'
    /** 400: the server could not read the request (a malformed body, or bad parameters). */
    | 'badRequest'
    /** 415: the server does not take the body's content type. */
    | 'unsupportedMediaType'
    | 'rejected'
    | 'redirected'
    | 'serverError'
    | 'invalidResponse'
    | 'transport';
  status?: number;
  code?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  failure?: TransportFailure;
  /** For a PATCH: the server may have applied it (sent, then no clear answer). */
  mayHaveApplied: boolean;
}

export type ApiResult<T> = { kind: 'ok'; value: T; requestId?: string } | { kind: 'notFound'; requestId?: string } | ApiFailure;

export interface SearchQuery {
  patientId: string;
  type?: string;
  /** `YYYY-MM-DD`. */
  dateFrom?: string;
}

export interface SearchPage {
  items: Composition[];
  /** False when more pages exist than were read. */
  complete: boolean;
}

export function readDocument(conn: DocumentsConnection, id: string): Promise<ApiResult<Composition>> {
  if (!isReadableId(id)) return Promise.resolve(badId());
  const url = new URL(conn.endpoint.href);
  url.pathname = `${url.pathname}/${id}`;
  return exchange(conn, 'GET', url, '/v1/documents/{id}', undefined, asComposition);
}

/** Searches, reading at most `maxPages` pages (each one request). */
export async function searchDocuments(
  conn: DocumentsConnection,
  query: SearchQuery,
  maxPages = 1,
): Promise<{ kind: 'ok'; value: SearchPage; requestId?: string } | ApiFailure> {
  if (!isReadableId(query.patientId)) return badId();
  const items: Composition[] = [];
  let cursor: string | undefined;
  let requestId: string | undefined;
  for (let pageNumber = 0; pageNumber < maxPages; pageNumber++) {
    const url = new URL(conn.endpoint.href);
    url.searchParams.set('patientId', query.patientId);
    if (query.type) url.searchParams.set('type', query.type);
    if (query.dateFrom) url.searchParams.set('dateFrom', query.dateFrom);
    url.searchParams.set('count', String(PAGE_SIZE));
    if (cursor) url.searchParams.set('cursor', cursor);
    const result = await exchange(conn, 'GET', url, '/v1/documents?…', undefined, asSearchPayload);
    if (result.kind !== 'ok') return result.kind === 'notFound' ? { kind: 'failed', why: 'invalidResponse', status: 404, requestId: result.requestId, mayHaveApplied: false } : result;
    requestId = result.requestId;
    items.push(...result.value.items);
    if (!result.value.hasMore || !result.value.cursor) return { kind: 'ok', value: { items, complete: true }, requestId };
    cursor = result.value.cursor;
  }
  return { kind: 'ok', value: { items, complete: false }, requestId };
}

/** Sends one PATCH with exactly `update`; answers the updated Composition. */
export function updateDocument(conn: DocumentsConnection, id: string, update: DocumentUpdate): Promise<ApiResult<Composition>> {
  if (!isReadableId(id)) return Promise.resolve(badId());
  const url = new URL(conn.endpoint.href);
  url.pathname = `${url.pathname}/${id}`;
  return exchange(conn, 'PATCH', url, '/v1/documents/{id}', JSON.stringify(update), asComposition, UPDATE_CONTENT_TYPE);
}

function badId(): ApiFailure {
  return { kind: 'failed', why: 'rejected', code: 'INVALID_ID', mayHaveApplied: false };
}

interface SearchPayload {
  items: Composition[];
  hasMore: boolean;
  cursor?: string;
}

function asSearchPayload(value: unknown): SearchPayload | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as { data?: unknown; hasMore?: unknown; cursor?: unknown };
  if (!Array.isArray(v.data)) return undefined;
  const items = v.data.map(asComposition).filter((c): c is Composition => c !== undefined);
  return { items, hasMore: v.hasMore === true, cursor: typeof v.cursor === 'string' && v.cursor ? v.cursor : undefined };
}

async function exchange<T>(
  conn: DocumentsConnection,
  method: 'GET' | 'PATCH',
  url: URL,
  template: string,
  body: string | undefined,
  read: (data: unknown) => T | undefined,
  contentType = 'application/json',
): Promise<ApiResult<T>> {
  let answer: ApiResult<T> | undefined;
  const sent = await send(
    conn.binding,
    { method, url, template, body: body === undefined ? undefined : new TextEncoder().encode(body), contentType, timeoutMs: conn.timeoutMs, maxResponseBytes: MAX_READ_BYTES, signal: conn.signal },
    (a) => outcomeOf((answer = interpret(a, method, read))),
  );
  return answer ?? interpret(sent, method, read);
}

function interpret<T>(api: ApiAnswer, method: 'GET' | 'PATCH', read: (data: unknown) => T | undefined): ApiResult<T> {
  const { result } = api;
  const writes = method === 'PATCH';
  if (result.kind === 'failure') {
    const refused = result.status !== undefined && result.status >= 400 && result.status < 500;
    return {
      kind: 'failed',
      why: 'transport',
      failure: result.failure,
      status: result.status,
      requestId: api.requestId,
      mayHaveApplied: writes && result.requestSent && !refused,
    };
  }
  const { status } = result;
  const { json: parsed, requestId, code } = api;
  const fail = (why: ApiFailure['why'], mayHaveApplied = false, extra: Partial<ApiFailure> = {}): ApiFailure => ({
    kind: 'failed',
    why,
    status,
    code,
    requestId,
    mayHaveApplied: writes && mayHaveApplied,
    ...extra,
  });
  if (status >= 200 && status < 300) {
    const value = parsed ? read(parsed.data) : undefined;
    return value === undefined ? fail('invalidResponse', true) : { kind: 'ok', value, requestId };
  }
  // Not followed; but a server that redirects a PATCH may have applied it before answering.
  if (status >= 300 && status < 400) return fail('redirected', true);
  if (status >= 500) return fail('serverError', true);
  if (status === 404) return { kind: 'notFound', requestId };
  if (status === 401) return fail('unauthorized');
  if (status === 403) return fail('forbidden');
  if (status === 409) return fail('conflict');
  if (status === 400) return fail('badRequest');
  if (status === 415) return fail('unsupportedMediaType');
  if (status === 429) {
    if (code === 'MONTHLY_QUOTA_EXCEEDED' || code === 'SANDBOX_QUOTA_EXCEEDED') return fail('quotaExceeded');
    return fail('rateLimited', false, { retryAfterSeconds: parseRetryAfter(result.headers['retry-after']) });
  }
  return fail('rejected');
}

/** What the log line says of an answer (api/clinikApi.ts writes it): `ok found=3`, `notFound`, `failed: timeout`, `rateLimited`. */
function outcomeOf(answer: ApiResult<unknown>): { word: string; facts?: Record<string, number> } {
  if (answer.kind === 'failed') return { word: answer.why === 'transport' ? `failed: ${answer.failure}` : answer.why };
  if (answer.kind === 'ok' && answer.value && typeof answer.value === 'object' && 'items' in answer.value) {
    return { word: 'ok', facts: { found: (answer.value as SearchPayload).items.length } };
  }
  return { word: answer.kind };
}

/** A failure in the user's words (never quoting an answer's free text); `scope`: what the request needed (a 403 names it). */
export function describeFailure(failure: ApiFailure, what: string, scope: Scope = 'read'): string {
  const rid = failure.requestId ? ` Request id: ${failure.requestId}.` : '';
  switch (failure.why) {
    case 'unauthorized':
      return `ClinikAPI did not accept the API key while ${what}. Set a valid key.${rid}`;
    case 'forbidden':
      return `${missingScopeText(scope, failure.code)} This happened while ${what}.${rid}`;
    case 'rateLimited':
    case 'quotaExceeded':
      return `${tooManyRequestsText(failure)} This happened while ${what}.${rid}`;
    case 'conflict':
      return `ClinikAPI answered 409 Conflict while ${what}: the document was changed elsewhere in the meantime, so ClinikAPI did not apply this.${rid}`;
    case 'badRequest':
      return `ClinikAPI could not read the request (400${failure.code ? ` ${failure.code}` : ''}) while ${what}.${rid}`;
    case 'unsupportedMediaType':
      return `ClinikAPI does not take the request's content type (415${failure.code ? ` ${failure.code}` : ''}) while ${what}; ClinikDoc sends an update as the official SDK does (${UPDATE_CONTENT_TYPE}).${rid}`;
    case 'rejected':
      return failure.code === 'INVALID_ID'
        ? 'The id is not a ClinikAPI id (1–128 letters, digits, "-", "_", "."), so nothing was sent.'
        : `ClinikAPI refused the request (${failure.status ?? '?'}${failure.code ? ` ${failure.code}` : ''}) while ${what}.${rid}`;
    case 'redirected':
      return `ClinikAPI answered with a redirect (${failure.status}) while ${what}; ClinikDoc does not follow redirects. Check clinikapi.baseUrl.${rid}`;
    case 'serverError':
      return `ClinikAPI failed with ${failure.status}${failure.code ? ` ${failure.code}` : ''} while ${what}.${rid}`;
    case 'invalidResponse':
      return `ClinikAPI's answer (status ${failure.status}) could not be read while ${what}.${rid}`;
    case 'transport': {
      const how: Record<TransportFailure, string> = {
        timeout: 'No complete answer from ClinikAPI in time',
        connectionLost: 'The connection to ClinikAPI was lost',
        networkError: 'Could not connect to ClinikAPI',
        cancelled: 'Cancelled',
        responseTooLarge: "ClinikAPI's answer was too large to read",
        untrustedCertificate: "ClinikAPI's certificate is not trusted by this machine (the connection was refused before anything was sent)",
        corsRefused: 'The browser did not send the request: ClinikAPI does not allow requests from this page (CORS), or cannot be reached from this browser',
        answerUnreadable: "The browser gave no readable answer from ClinikAPI (the connection failed, or the answer may not be read from this page: CORS)",
        opaqueRedirect: 'ClinikAPI answered with a redirect, which ClinikDoc does not follow',
      };
      return `${how[failure.failure ?? 'networkError']} while ${what}.${rid}`;
    }
  }
}


