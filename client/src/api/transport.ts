/**
 * How a request reaches ClinikAPI, whatever the runtime: the request, the answer or why there is
 * none, and the transport that turns one into the other. No Node built-in, no DOM: every bundle takes it.
 */

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
 * Node transport is nodeTransport.ts's `sendRequest`, the browser's fetchTransport.ts, with the
 * same rules.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResult>;
