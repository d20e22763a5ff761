import type { HttpResult, TransportFailure } from './transport';
import { parseRetryAfter } from './retryAfter';
import { serverText } from './serverText';
import { headerText, parseJsonObject, stringAt, type JsonObject } from './answerJson';

export { parseRetryAfter };

/** One entry of a ClinikAPI error's `issues` (a 422 names the field path in `diagnostics`). */
export interface ServerIssue {
  severity: string;
  code: string;
  diagnostics: string;
}

/**
 * What a POST /v1/documents came to. `mayExist` says whether the document may have been created
 * although we have no id: such an outcome must never be resent without the user's say.
 */
export type SubmissionOutcome =
  | { kind: 'created'; id: string; requestId?: string }
  | { kind: 'validationFailed'; issues: ServerIssue[]; requestId?: string }
  | { kind: 'unauthorized'; code?: string; requestId?: string }
  | { kind: 'forbidden'; code?: string; requestId?: string }
  | { kind: 'rateLimited'; retryAfterSeconds?: number; requestId?: string }
  | { kind: 'quotaExceeded'; code: string; requestId?: string }
  | { kind: 'rejected'; status: number; code?: string; message?: string; requestId?: string }
  /**
   * A 3xx. ClinikDoc never follows it (the key goes nowhere else), but a server that redirects a
   * POST may have acted on it first: the document may exist, unless the POST itself was never sent
   * (the browser's keyless probe was the one redirected).
   */
  | { kind: 'redirected'; status: number; requestId?: string; mayExist: boolean }
  | { kind: 'serverError'; status: number; code?: string; requestId?: string; mayExist: true }
  | { kind: 'invalidResponse'; status: number; requestId?: string; mayExist: boolean }
  | {
      kind: 'transportFailed';
      failure: TransportFailure;
      status?: number;
      requestId?: string;
      mayExist: boolean;
      /** Node's error code (`DEPTH_ZERO_SELF_SIGNED_CERT` …): ours, never text from the server. */
      errorCode?: string;
    };

/** Outcome kinds after which the document may exist on the server without us knowing its id. */
export function mayExist(outcome: SubmissionOutcome): boolean {
  return 'mayExist' in outcome && outcome.mayExist;
}

const QUOTA_CODES = new Set(['MONTHLY_QUOTA_EXCEEDED', 'SANDBOX_QUOTA_EXCEEDED']);

/**
 * Classifies one HTTP exchange. Pure: the same input always gives the same outcome. Every string
 * it takes from the answer (`id`, `code`, `requestId`, `message`, issues) is cleaned and capped
 * by `serverText`: a server cannot forge log lines or flood a notification.
 */
export function classify(result: HttpResult): SubmissionOutcome {
  if (result.kind === 'failure') {
    const requestId = headerText(result.headers?.['x-request-id']);
    // A redirect, as below; a browser only hides its status. Not sent means only the probe was.
    if (result.failure === 'opaqueRedirect') return { kind: 'redirected', status: result.status ?? 0, requestId, mayExist: result.requestSent };
    // Nothing can exist if the server never had the whole body, or said it refused (4xx).
    const refused = result.status !== undefined && result.status >= 400 && result.status < 500;
    return {
      kind: 'transportFailed',
      failure: result.failure,
      status: result.status,
      requestId,
      mayExist: result.requestSent && !refused,
      errorCode: result.errorCode,
    };
  }
  const { status, headers } = result;
  const body = parseJsonObject(result.body);
  const requestId = stringAt(body, 'meta', 'requestId') ?? stringAt(body, 'requestId') ?? headerText(headers['x-request-id']);
  const code = stringAt(body, 'code');

  // The POST was sent and answered with a redirect: what the server did before answering is unknown.
  if (status >= 300 && status < 400) return { kind: 'redirected', status, requestId, mayExist: true };
  if (status >= 500) return { kind: 'serverError', status, code, requestId, mayExist: true };
  if (status >= 200 && status < 300) {
    const id = stringAt(body, 'data', 'id');
    if (id) return { kind: 'created', id, requestId };
    return { kind: 'invalidResponse', status, requestId, mayExist: true };
  }
  // 4xx: the server refused, nothing was created.
  if (status === 422 && body && Array.isArray(body.issues)) {
    return { kind: 'validationFailed', issues: body.issues.filter(isIssue).map(cleanIssue), requestId };
  }
  if (status === 401) return { kind: 'unauthorized', code, requestId };
  if (status === 403) return { kind: 'forbidden', code, requestId };
  if (status === 429) {
    if (code && QUOTA_CODES.has(code)) return { kind: 'quotaExceeded', code, requestId };
    return { kind: 'rateLimited', retryAfterSeconds: parseRetryAfter(headers['retry-after']), requestId };
  }
  if (!body) return { kind: 'invalidResponse', status, requestId, mayExist: false };
  return { kind: 'rejected', status, code, message: stringAt(body, 'message'), requestId };
}



function cleanIssue(issue: ServerIssue): ServerIssue {
  return { severity: serverText(issue.severity) ?? '', code: serverText(issue.code) ?? '', diagnostics: serverText(issue.diagnostics) ?? '' };
}

function isIssue(value: unknown): value is ServerIssue {
  if (value === null || typeof value !== 'object') return false;
  const v = value as JsonObject;
  return typeof v.diagnostics === 'string' && typeof v.code === 'string' && typeof v.severity === 'string';
}
