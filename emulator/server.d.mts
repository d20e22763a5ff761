// Types of emulator/server.mjs, for the TypeScript tests that start it in-process.

export declare const MAX_BODY_BYTES: number;
export declare const CONTROL_PREFIX: string;
/** The request header that must carry `Emulator.controlToken` on every /__emulator/* request. */
export declare const CONTROL_TOKEN_HEADER: 'x-emulator-token';
/** The environment variable that gives `node emulator/server.mjs` its control token (never an argument: `ps` shows those). */
export declare const CONTROL_TOKEN_ENV: 'CLINIKDOC_EMULATOR_CONTROL_TOKEN';

/**
 * Which requests a fault is for: `create` (the default) the next POST /v1/documents; `read` the
 * next GET of any /v1 resource; `update` the next PATCH or DELETE of a document. Reads and updates
 * take `delay`, `status`, `rateLimited`, `quota`, `reset` and `malformed` (a 502 page); for an
 * update, `phase: 'after-update'` applies the change before the delay or reset.
 */
export type EmulatorFaultTarget = 'create' | 'read' | 'update';

/** A fault applied to the next request it is for (one fault per request, in order). */
export type EmulatorFault = EmulatorFaultBody & { on?: EmulatorFaultTarget };

type EmulatorFaultBody =
  /** Wait `ms` before answering; `after-create` creates the document first. */
  | { kind: 'delay'; ms?: number; phase?: 'before-create' | 'after-create' | 'before-update' | 'after-update' }
  /** Answer with this status and body (default 500 INTERNAL_ERROR) without creating anything. */
  | { kind: 'status'; status?: number; body?: unknown }
  /** 429 RATE_LIMITED; `retryAfter` seconds in Retry-After, or `null` for no header. */
  | { kind: 'rateLimited'; retryAfter?: number | null }
  /** 429 MONTHLY_QUOTA_EXCEEDED (live key) or SANDBOX_QUOTA_EXCEEDED (test key). */
  | { kind: 'quota'; code?: string }
  /** Destroy the connection without answering, before or after creating the document. */
  | { kind: 'reset'; phase?: 'before-create' | 'after-create' | 'before-update' | 'after-update' }
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
  /** Documents created by POST /v1/documents (not the fixture's). */
  documents: Array<{ id: string; requestId: string; bodySha256: string; createdAt: string }>;
  /** Every POST /v1/documents. */
  requests: EmulatorRequestRecord[];
  /** GET requests per path template, e.g. `{ "/v1/patients/{id}": 2, "/v1/patients": 1 }` — never an id or a query. */
  reads: Record<string, number>;
  /** Other /v1 requests per method and template, e.g. `{ "PATCH /v1/documents/{id}": 1, "POST /v1/patients": 1 }`. */
  writes: Record<string, number>;
  /** CORS preflights (OPTIONS) received. */
  preflights: number;
  /** Every PATCH of a document: the field names it carried (never values), its Content-Type header and the status answered. */
  updates: Array<{ requestId: string; fields: string[]; status: number; contentType: string | null }>;
}

/** What the emulator's datastore holds at start and after every reset (emulator/fixture.mjs). */
export declare const FIXTURE_IDS: {
  patients: { janeDoe: 'pat_123'; johnDoe: 'pat_321'; inactive: 'pat_555'; unnamed: 'pat_900' };
  practitioners: { alice: 'prac_789'; bob: 'prac_790'; inactive: 'prac_100' };
  encounters: { janeInpatient: 'enc_456'; janeClinic: 'enc_457'; janeFollowUp: 'enc_458'; johnEmergency: 'enc_654' };
  organizations: { hospital: 'org_1' };
  documents: { janeDischarge: 'comp_100'; johnConsultation: 'comp_200' };
};

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
  /** How long a document created from now on stays out of search results (ms); a read by id sees it at once. */
  setSearchLag(ms: number): void;
  /** Uses up these quotas for every key until called again (`[]` restores them); also `POST /__emulator/quota`. */
  exhaust(names: EmulatorQuota[]): void;
  reset(): void;
  close(): Promise<void>;
}

/** The limits a switch can use up: the monthly quota, a test key's sandbox quota, the per-minute rate. */
export type EmulatorQuota = 'monthly' | 'sandbox' | 'rate';

export declare function startEmulator(options?: {
  port?: number;
  rateLimit?: number;
  /** Requests per key per month (default 10,000): the X-Quota-* headers, MONTHLY_QUOTA_EXCEEDED for a test key past it. */
  monthlyQuota?: number;
  /** Requests per test key per month (default 1,000): the X-Sandbox-* headers, SANDBOX_QUOTA_EXCEEDED past it. */
  sandboxQuota?: number;
  /** Serve HTTPS: `true` with a self-signed certificate for 127.0.0.1 / localhost made at start, or with this one (PEM). */
  https?: boolean | { key: string; cert: string };
  /** The control token (default: a random one). */
  controlToken?: string;
  /** `allow` (default): CORS for any origin; `refuse`: preflights answered without allow headers. */
  cors?: 'allow' | 'refuse';
  /** How long a new document stays out of search (default DEFAULT_SEARCH_LAG_MS, ClinikAPI's "commonly ~10s"). */
  searchLagMs?: number;
  log?: (line: string) => void;
}): Promise<Emulator>;

/** ClinikAPI's documented search lag after a create, the emulator's default: 10 s. */
export declare const DEFAULT_SEARCH_LAG_MS: number;

export declare function issueFromAjvError(error: unknown): { severity: 'error'; code: string; diagnostics: string };
