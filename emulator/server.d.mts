// Types of emulator/server.mjs, for the TypeScript tests that start it in-process.

export declare const MAX_BODY_BYTES: number;
export declare const CONTROL_PREFIX: string;
/** The request header that must carry `Emulator.controlToken` on every /__emulator/* request. */
export declare const CONTROL_TOKEN_HEADER: 'x-emulator-token';

/** A fault applied to the next request to POST /v1/documents (one fault per request, in order). */
export type EmulatorFault =
  /** Wait `ms` before answering; `after-create` creates the document first. */
  | { kind: 'delay'; ms?: number; phase?: 'before-create' | 'after-create' }
  /** Answer with this status and body (default 500 INTERNAL_ERROR) without creating anything. */
  | { kind: 'status'; status?: number; body?: unknown }
  /** 429 RATE_LIMITED; `retryAfter` seconds in Retry-After, or `null` for no header. */
  | { kind: 'rateLimited'; retryAfter?: number | null }
  /** 429 MONTHLY_QUOTA_EXCEEDED (live key) or SANDBOX_QUOTA_EXCEEDED (test key). */
  | { kind: 'quota'; code?: string }
  /** Destroy the connection without answering, before or after creating the document. */
  | { kind: 'reset'; phase?: 'before-create' | 'after-create' }
  /** A non-JSON answer: without `create`, a 502 HTML page; with it, a truncated 201 after creating. */
  | { kind: 'malformed'; status?: number; create?: boolean }
  /** The 201 answer sent `chunkBytes` at a time every `intervalMs`. */
  | { kind: 'trickle'; chunkBytes?: number; intervalMs?: number }
  /** A 201 whose body is `bytes` long (default 50 MB), after creating; `chunked` omits Content-Length. */
  | { kind: 'huge'; bytes?: number; chunked?: boolean }
  /** A redirect (default 307) to `location`, without creating anything. */
  | { kind: 'redirect'; location?: string; status?: number };

export interface EmulatorRequestRecord {
  requestId: string;
  method: string;
  path: string;
  hasApiKey: boolean;
  keyKind: 'test' | 'live' | 'other' | 'none';
  contentType: string | null;
  userAgent: string | null;
  bodyBytes: number | null;
  bodySha256: string | null;
  fault?: EmulatorFault['kind'];
  createdId?: string;
}

export interface EmulatorState {
  documents: Array<{ id: string; requestId: string; bodySha256: string; createdAt: string }>;
  requests: EmulatorRequestRecord[];
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`, or `https://…` when started with `https`. */
  url: string;
  port: number;
  state: EmulatorState;
  /** What /__emulator/* requires in `x-emulator-token` (the in-process helpers below need none). */
  controlToken: string;
  /** With `https`: the self-signed certificate (PEM) a client must trust, e.g. as `ca` or NODE_EXTRA_CA_CERTS. */
  certificate?: string;
  addFaults(...faults: EmulatorFault[]): void;
  reset(): void;
  close(): Promise<void>;
}

export declare function startEmulator(options?: {
  port?: number;
  rateLimit?: number;
  /** Serve HTTPS: `true` with a self-signed certificate for 127.0.0.1 / localhost made at start, or with this one (PEM). */
  https?: boolean | { key: string; cert: string };
  /** The control token (default: a random one). */
  controlToken?: string;
  log?: (line: string) => void;
}): Promise<Emulator>;

export declare function issueFromAjvError(error: unknown): { severity: 'error'; code: string; diagnostics: string };
