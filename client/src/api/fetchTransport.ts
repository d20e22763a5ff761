import type { HttpRequest, HttpResult, HttpTransport, TransportFailure } from './transport';

/**
 * The `fetch` transport, for VS Code for the Web (the web worker extension host has no node:http).
 * The same rules as the Node transport (`sendRequest`): never rejects, never follows a redirect
 * (`redirect: 'manual'`), one deadline for the whole exchange, the answer read up to
 * `maxResponseBytes`, the headers as given (the key only in `x-api-key`; `User-Agent` is the
 * browser's own), never retries.
 *
 * A browser adds CORS, and hides why a request failed: a refused preflight, an unreachable
 * server and an answer the page may not read are the same `TypeError`. So before a request that
 * acts (POST, PATCH) it sends a **probe** that cannot act: the same method to the same URL with the
 * same header names and content type — hence the same preflight — but every other header empty
 * (so no key) and no body, which ClinikAPI refuses (401) before reading anything. Only when the browser lets ClinikDoc read the
 * probe's answer is the real request sent. Then:
 * - the probe fails → `corsRefused`, `requestSent: false`: the real request was never sent;
 * - the real request fails → `answerUnreadable`, `requestSent: true`: it went out and its answer
 *   was lost or hidden, so the document may exist (never resent).
 * A GET (a read) acts on nothing and is sent without a probe.
 */
export function createFetchTransport(options: { probeBeforeActing: boolean } = { probeBeforeActing: true }): HttpTransport {
  return (request) => send(request, options.probeBeforeActing);
}

/** The browser's transport: probes before a request that acts (see `createFetchTransport`). */
export const fetchTransport: HttpTransport = createFetchTransport();

/**
 * The headers a page may set: all but `User-Agent`, which the browser chooses (some drop it, some
 * send it and name it in the preflight, which a server need not allow).
 */
function pageHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'user-agent'));
}

async function send(request: HttpRequest, probe: boolean): Promise<HttpResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const method = request.method ?? 'POST';
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, request.timeoutMs);
  const onCancel = () => deadline.abort();
  request.signal?.addEventListener('abort', onCancel, { once: true });
  const stopped = (): TransportFailure | undefined => (timedOut ? 'timeout' : request.signal?.aborted ? 'cancelled' : undefined);
  const failure = (failure: TransportFailure, requestSent: boolean, extra: { status?: number; headers?: Record<string, string> } = {}): HttpResult => ({
    kind: 'failure',
    failure,
    requestSent,
    ...extra,
    durationMs: elapsed(),
  });

  try {
    if (request.signal?.aborted) return failure('cancelled', false);
    if (probe && method !== 'GET') {
      // The preflight depends on the header names, and on the content type's value: the probe
      // carries the names and the content type, and no other value (so never the key).
      const probeHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(pageHeaders(request.headers))) probeHeaders[name] = name.toLowerCase() === 'content-type' ? value : '';
      let answer: Response;
      try {
        answer = await fetch(request.url, { method, headers: probeHeaders, redirect: 'manual', signal: deadline.signal, credentials: 'omit' });
      } catch {
        return failure(stopped() ?? 'corsRefused', false);
      }
      // A redirect of the probe is the real request's redirect: the key and the body are not sent
      // after it, so the request that acts was never sent (`requestSent: false`).
      if (answer.type === 'opaqueredirect' || (answer.status >= 300 && answer.status < 400)) {
        await answer.body?.cancel().catch(() => undefined);
        return failure('opaqueRedirect', false, answer.type === 'opaqueredirect' ? {} : { status: answer.status, headers: headersOf(answer) });
      }
      await answer.body?.cancel().catch(() => undefined);
    }

    let response: Response;
    try {
      response = await fetch(request.url, {
        method,
        headers: pageHeaders(request.headers),
        // The body is TextEncoder's bytes, never over a SharedArrayBuffer (which the DOM's BodyInit rules out).
        body: method === 'GET' ? undefined : ((request.body ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>),
        redirect: 'manual',
        signal: deadline.signal,
        credentials: 'omit',
      });
    } catch {
      return failure(stopped() ?? 'answerUnreadable', true);
    }
    return await readAnswer(response);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCancel);
  }

  async function readAnswer(response: Response): Promise<HttpResult> {
    // A browser answers a redirect it did not follow with an opaque response: no status, no headers.
    if (response.type === 'opaqueredirect') return failure('opaqueRedirect', true);
    const status = response.status;
    const headers = headersOf(response);
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
      await response.body?.cancel().catch(() => undefined);
      return failure('responseTooLarge', true, { status, headers });
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (;;) {
        if (!reader) break;
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > request.maxResponseBytes) {
          await reader.cancel().catch(() => undefined);
          return failure('responseTooLarge', true, { status, headers });
        }
        chunks.push(value);
      }
    } catch {
      return failure(stopped() ?? 'connectionLost', true, { status, headers });
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { kind: 'response', status, headers, body: new TextDecoder().decode(body), durationMs: elapsed() };
  }
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}
