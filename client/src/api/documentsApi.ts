import { parseRetryAfter } from './outcome';
import { isReadableId } from './resourcePaths';
import type { HttpResult, HttpTransport, TransportFailure } from './transport';
import { asComposition, type Composition } from './composition';
import { headerText, parseJsonObject, stringAt } from './answerJson';

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
  apiKey: string;
  userAgent: string;
  timeoutMs: number;
  /** One line per request for the "ClinikAPI" output channel. */
  log(line: string): void;
  transport: HttpTransport;
  signal?: AbortSignal;
  now?: () => Date;
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
  const transport = conn.transport;
  const headers = {
    'x-api-key': conn.apiKey,
    Accept: 'application/json',
    'User-Agent': conn.userAgent,
    ...(body === undefined ? {} : { 'Content-Type': contentType }),
  };
  const result = await transport({
    method,
    url,
    headers,
    body: body === undefined ? undefined : new TextEncoder().encode(body),
    timeoutMs: conn.timeoutMs,
    maxResponseBytes: MAX_READ_BYTES,
    signal: conn.signal,
  });
  const answer = interpret(result, method, read);
  conn.log(logLine((conn.now ?? (() => new Date()))(), method, url, template, result, answer));
  return answer;
}

function interpret<T>(result: HttpResult, method: 'GET' | 'PATCH', read: (data: unknown) => T | undefined): ApiResult<T> {
  const writes = method === 'PATCH';
  if (result.kind === 'failure') {
    const refused = result.status !== undefined && result.status >= 400 && result.status < 500;
    return {
      kind: 'failed',
      why: 'transport',
      failure: result.failure,
      status: result.status,
      requestId: headerText(result.headers?.['x-request-id']),
      mayHaveApplied: writes && result.requestSent && !refused,
    };
  }
  const { status } = result;
  const parsed = parseJsonObject(result.body);
  const requestId = stringAt(parsed, 'meta', 'requestId') ?? stringAt(parsed, 'requestId') ?? headerText(result.headers['x-request-id']);
  const code = stringAt(parsed, 'code');
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

/** `… GET https://api.clinikapi.com/v1/documents/{id} → 200 ok request=req_1 (84 ms)`: no id, no query, no value. */
function logLine(time: Date, method: string, url: URL, template: string, result: HttpResult, answer: ApiResult<unknown>): string {
  const base = url.pathname.slice(0, url.pathname.lastIndexOf('/v1/documents'));
  const status = result.kind === 'response' ? String(result.status) : result.status !== undefined ? String(result.status) : '---';
  const what = answer.kind === 'failed' ? (answer.why === 'transport' ? `failed: ${answer.failure}` : answer.why) : answer.kind;
  const parts = [time.toISOString(), method, `${url.origin}${base}${template}`, '→', status, what];
  if (answer.kind === 'ok' && answer.value && typeof answer.value === 'object' && 'items' in answer.value) {
    parts.push(`found=${(answer.value as SearchPayload).items.length}`);
  }
  if (answer.kind === 'failed' && answer.code) parts.push(`code=${answer.code}`);
  parts.push(answer.requestId ? `request=${answer.requestId}` : 'request=(none)');
  parts.push(`(${Math.round(result.durationMs)} ms)`);
  return parts.join(' ');
}

/** A failure in the user's words (never quoting an answer's free text). */
export function describeFailure(failure: ApiFailure, what: string): string {
  const rid = failure.requestId ? ` Request id: ${failure.requestId}.` : '';
  switch (failure.why) {
    case 'unauthorized':
      return `ClinikAPI did not accept the API key while ${what}. Set a valid key.${rid}`;
    case 'forbidden':
      return `This API key is not allowed to do this (403${failure.code ? ` ${failure.code}` : ''}) while ${what}.${rid}`;
    case 'rateLimited':
      return `ClinikAPI is rate-limiting this key${failure.retryAfterSeconds !== undefined ? ` (it asks to wait ${failure.retryAfterSeconds} s)` : ''}; try again in a minute.${rid}`;
    case 'quotaExceeded':
      return `The quota of this key is used up (${failure.code}); nothing more can be read until it resets.${rid}`;
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


