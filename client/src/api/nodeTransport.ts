import * as http from 'node:http';
import * as https from 'node:https';
import { certificateProblem } from './certificateErrors';
import type { HttpResult, HttpTransport, TransportFailure } from './transport';

/** The Node transport (desktop VS Code's extension host, the CLI): node:http(s). The browser's is fetchTransport.ts. */

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
