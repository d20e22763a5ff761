import * as http from 'node:http';
import * as https from 'node:https';
import { certificateProblem } from './certificateErrors';

/** One request, exactly as we send it. */
export interface HttpRequest {
  /** Default `POST` (the create). Reads are `GET`, with no body. */
  method?: 'GET' | 'POST' | 'PATCH';
  url: URL;
  headers: Record<string, string>;
  /** The body of a POST or PATCH; none for a GET. */
  body?: Uint8Array;
  /** Deadline for the whole exchange, connection to last byte of the answer. */
  timeoutMs: number;
  /** Answers longer than this are cut off (a document id never needs more). */
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/** Why no complete answer arrived. */
export type TransportFailure =
  /** The deadline passed. */
  | 'timeout'
  /** The connection was closed or reset before a complete answer. */
  | 'connectionLost'
  /** No connection could be made (refused, DNS, TLS …). */
  | 'networkError'
  /** TLS does not trust the server's certificate: the handshake failed, nothing was written. */
  | 'untrustedCertificate'
  /** The user cancelled. */
  | 'cancelled'
  /** The answer was longer than `maxResponseBytes`. */
  | 'responseTooLarge'
  /** (Browser) The browser did not send the request: CORS refused, or the server is unreachable from the page. */
  | 'corsRefused'
  /** (Browser) The request was sent but the browser gave no readable answer: the connection failed, or CORS hides it. */
  | 'answerUnreadable'
  /** (Browser) The server answered with a redirect, which a browser does not show (status unknown); not followed. */
  | 'opaqueRedirect';

export type HttpResult =
  | {
      kind: 'response';
      status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      headers: Record<string, string>;
      body: string;
      durationMs: number;
    }
  | {
      kind: 'failure';
      failure: TransportFailure;
      /** Whether the whole request body had been handed to the network: if so, the server may have acted on it. */
      requestSent: boolean;
      /** The status line, when the failure happened while reading the answer. */
      status?: number;
      headers?: Record<string, string>;
      /** The node error code (ECONNRESET …), never a message that could quote anything. */
      errorCode?: string;
      durationMs: number;
    };

/**
 * Sends one request and resolves with the answer or with why there is none; never rejects. The
 * Node transport is `sendRequest` below; another runtime (a browser) supplies its own with the
 * same rules.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResult>;

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * Sends one request and resolves with the answer or with why there is none. Never rejects, never
 * follows a redirect (a 3xx is returned as it is, so `x-api-key` never travels to another origin),
 * never retries, and uses a fresh connection each time (a reused keep-alive socket closed by the
 * server would look like a reset of a request that was, in fact, never read).
 */
export const sendRequest: HttpTransport = (request) => {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  return new Promise<HttpResult>((resolve) => {
    let settled = false;
    let requestSent = false;
    let status: number | undefined;
    let headers: Record<string, string> | undefined;

    const transport = request.url.protocol === 'https:' ? https : http;
    const body = request.body ?? new Uint8Array(0);
    const method = request.method ?? 'POST';
    const req = transport.request(request.url, {
      method,
      headers: { ...request.headers, ...(method === 'GET' ? {} : { 'Content-Length': String(body.length) }), Connection: 'close' },
      agent: false,
    });

    const finish = (result: HttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const fail = (failure: TransportFailure, errorCode?: string) => {
      finish({ kind: 'failure', failure, requestSent, status, headers, errorCode, durationMs: elapsed() });
      req.destroy();
    };

    const timer = setTimeout(() => fail('timeout'), request.timeoutMs);
    const onAbort = () => fail('cancelled');
    if (request.signal?.aborted) {
      fail('cancelled');
      return;
    }
    request.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('finish', () => {
      requestSent = true;
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      const code = err.code;
      if (!requestSent && code && CONNECT_ERRORS.has(code)) fail('networkError', code);
      else if (!requestSent && certificateProblem(code)) fail('untrustedCertificate', code);
      else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || err.message === 'socket hang up') fail('connectionLost', code);
      else fail(requestSent ? 'connectionLost' : 'networkError', code);
    });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      headers = flattenHeaders(res.headers);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
        fail('responseTooLarge');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxResponseBytes) fail('responseTooLarge');
        else chunks.push(chunk);
      });
      res.on('end', () => {
        finish({
          kind: 'response',
          status: status ?? 0,
          headers: headers ?? {},
          body: Buffer.concat(chunks).toString('utf8'),
          durationMs: elapsed(),
        });
      });
      res.on('aborted', () => fail('connectionLost'));
      res.on('error', (err: NodeJS.ErrnoException) => fail('connectionLost', err.code));
      res.on('close', () => {
        if (!res.complete) fail('connectionLost');
      });
    });
    req.end(body);
  });
};

/** The create's transport: one POST (kept by name for the submission flow and its tests). */
export const postJson: HttpTransport = (request) => sendRequest({ ...request, method: 'POST' });

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
