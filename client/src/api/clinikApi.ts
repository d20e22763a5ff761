import { headerText, parseJsonObject, stringAt } from './answerJson';
import type { ApiKeyKind } from './apiKey';
import type { HttpResult, HttpTransport } from './transport';

/**
 * The one ClinikAPI client every request goes through: the create, the reads and searches of ids
 * and of documents, and the update in place. It is the one place that writes `x-api-key`, the one
 * reader of an answer's envelope (status, JSON, `code`, request id) and the one log line of a
 * request. Plain: no `vscode`, no Node built-in (the transport is the host's).
 *
 * A request goes where its binding says, with the key its binding holds: both are fixed when the
 * operation starts (`bind`), so nothing read at send time — a key or a base URL changed meanwhile
 * — can send one origin's request with another's key.
 */
export interface ApiBinding {
  /** Where requests go: the base URL's origin and path (`https://api.clinikapi.com`, `http://127.0.0.1:8787/base`). */
  readonly base: URL;
  readonly apiKey: string;
  readonly keyKind: ApiKeyKind;
  readonly userAgent: string;
  readonly transport: HttpTransport;
  /** One line per request for the "ClinikAPI" output channel. */
  log(line: string): void;
  now?: () => Date;
}

/** A binding of `apiKey` to `base` (already checked: api/endpoint.ts, api/resourcePaths.ts). */
export function bind(input: Omit<ApiBinding, 'base'> & { base: URL }): ApiBinding {
  return Object.freeze({ ...input, base: new URL(input.base.href) });
}

/** The base URL a documents endpoint was made from (`{base}/v1/documents`, api/endpoint.ts). */
export function baseOf(documentsEndpoint: URL): URL {
  const base = new URL(documentsEndpoint.href);
  base.pathname = base.pathname.replace(/\/v1\/documents$/, '') || '/';
  return base;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Built from the binding's `base`: a URL of another origin is refused, never sent. */
  url: URL;
  /** How the log names the path: `/v1/documents/{id}`, `/v1/patients?…` — never an id or a query. */
  template: string;
  body?: Uint8Array;
  /** Of the body; `application/json` when there is one. */
  contentType?: string;
  timeoutMs: number;
  maxResponseBytes: number;
  signal?: AbortSignal;
  /** The retry's number, for the log (the create retries once after a 429 with Retry-After). */
  attempt?: number;
}

/** An answer as every caller reads it: the transport's result and the envelope's facts. */
export interface ApiAnswer {
  result: HttpResult;
  /** The status of a response (or of a failure while reading one). */
  status?: number;
  /** The answer's JSON object, when it is one. */
  json?: Record<string, unknown>;
  /** ClinikAPI's error code (`VALIDATION_ERROR`, `RATE_LIMITED` …), when it gave one. */
  code?: string;
  requestId?: string;
}

/** What the log says of an answer, beyond its status: the caller's word for it (`created`, `notFound`, `failed: timeout`). */
export type Outcome = (answer: ApiAnswer) => { word: string; facts?: Record<string, string | number> };

/**
 * Sends one request as `binding` says and reads its answer; never rejects. The key goes in its
 * header only; the log line names the origin, the path template, the status, the outcome and the
 * request id — never the key, an id, a query or anything read.
 */
export async function send(binding: ApiBinding, request: ApiRequest, outcome: Outcome): Promise<ApiAnswer> {
  if (request.url.origin !== binding.base.origin) {
    // A request built for another origin than the key is bound to: a bug, and nothing is sent.
    const refused: ApiAnswer = { result: { kind: 'failure', failure: 'cancelled', requestSent: false, durationMs: 0 } };
    binding.log(`${(binding.now?.() ?? new Date()).toISOString()} ${request.method} ${binding.base.origin}${request.template} → --- refused: not the origin its key is bound to`);
    return refused;
  }
  const headers: Record<string, string> = {
    'x-api-key': binding.apiKey,
    Accept: 'application/json',
    'User-Agent': binding.userAgent,
    ...(request.body === undefined ? {} : { 'Content-Type': request.contentType ?? 'application/json' }),
  };
  const result = await binding.transport({
    method: request.method,
    url: request.url,
    headers,
    body: request.body,
    timeoutMs: request.timeoutMs,
    maxResponseBytes: request.maxResponseBytes,
    signal: request.signal,
  });
  const answer = read(result);
  binding.log(logLine(binding, request, answer, outcome(answer)));
  return answer;
}

/** The envelope of an answer: its JSON, the error code, the request id (the body's, else the header's). */
export function read(result: HttpResult): ApiAnswer {
  if (result.kind === 'failure') return { result, status: result.status, requestId: headerText(result.headers?.['x-request-id']) };
  const json = parseJsonObject(result.body);
  return {
    result,
    status: result.status,
    json,
    code: stringAt(json, 'code'),
    requestId: stringAt(json, 'meta', 'requestId') ?? stringAt(json, 'requestId') ?? headerText(result.headers['x-request-id']),
  };
}

/**
 * `2026-11-25T08:00:00.000Z GET https://api.clinikapi.com/v1/documents/{id} → 200 ok request=req_1 (84 ms)`:
 * the base URL's path and the template, never the request's own path or query.
 */
function logLine(binding: ApiBinding, request: ApiRequest, answer: ApiAnswer, outcome: { word: string; facts?: Record<string, string | number> }): string {
  const basePath = binding.base.pathname.replace(/\/+$/, '');
  const parts = [
    (binding.now?.() ?? new Date()).toISOString(),
    request.method,
    `${binding.base.origin}${basePath}${request.template}`,
    '→',
    answer.status !== undefined ? String(answer.status) : '---',
    outcome.word,
  ];
  for (const [name, value] of Object.entries(outcome.facts ?? {})) parts.push(`${name}=${value}`);
  if (answer.code && /^[A-Z_]{1,64}$/.test(answer.code)) parts.push(`code=${answer.code}`);
  // Node's own error code (ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT …): says why, quotes nothing.
  if (answer.result.kind === 'failure' && answer.result.errorCode && /^[A-Z_0-9]{1,64}$/.test(answer.result.errorCode)) parts.push(`error=${answer.result.errorCode}`);
  // A request id is ClinikAPI's `req_…`; anything else it might send is not copied into the log.
  parts.push(answer.requestId === undefined ? 'request=(none)' : /^[\w.-]{1,100}$/.test(answer.requestId) ? `request=${answer.requestId}` : 'request=(unreadable)');
  if (request.attempt && request.attempt > 1) parts.push(`attempt=${request.attempt}`);
  parts.push(`(${Math.round(answer.result.durationMs)} ms)`);
  return parts.join(' ');
}
