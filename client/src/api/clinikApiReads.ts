import type { ReferenceKind } from '../../../shared/protocol';
import { apiKeyKind, redactSecrets, type ApiKeyKind } from './apiKey';
import { bind, send, type ApiBinding } from './clinikApi';
import type { HttpTransport, TransportFailure } from './transport';
import { parseRetryAfter } from './outcome';
import { apiBase, isReadableId, readTemplate, readUrl, searchTemplate, searchUrl } from './resourcePaths';

/** A read's answer is a few kB; a page of 100 search results a few hundred. */
const MAX_READ_BYTES = 256 * 1024;
const MAX_SEARCH_BYTES = 2 * 1024 * 1024;
/** Reads are small: they give up sooner than a create. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
/** A 429 without Retry-After or reset pauses reads this long. */
const DEFAULT_PAUSE_MS = 60_000;

/** Why reads are not made at all. */
export type OffReason =
  | 'noKey'
  | 'badKey'
  | 'badBaseUrl'
  /** A live key and an http:// base URL: production data is read over https only. */
  | 'liveKeyOverHttp'
  /** 401: the key was refused. */
  | 'unauthorized'
  /** 403: the key may not read (no read scope). */
  | 'forbidden';

export type ReadsState =
  | { kind: 'ready'; environment: ApiKeyKind; origin: string }
  | { kind: 'paused'; until: number; quota: boolean; environment: ApiKeyKind; origin: string }
  | { kind: 'off'; reason: OffReason; detail?: string };

/** One request's binding (key and base URL, as they were when it was made), its `/v1/` URL, and under which configuration. */
interface Bound {
  binding: ApiBinding;
  v1: URL;
  generation: number;
}

/** What one read came to. Only `found` and `notFound` are answers about the id. */
export type ReadResult =
  | { kind: 'found'; data: Record<string, unknown> }
  | { kind: 'notFound' }
  /** Outside the SDK's id shape: never sent. */
  | { kind: 'invalidId' }
  /** Not sent: reads are off or paused (see `state`). */
  | { kind: 'notSent' }
  /** Sent, but no usable answer: offline, timeout, a 5xx, an unreadable body, a 429 just now. */
  | { kind: 'unavailable'; why: TransportFailure | 'serverError' | 'badResponse' | 'rateLimited' | 'refused' };

export type SearchResult =
  | { kind: 'found'; items: Record<string, unknown>[]; hasMore: boolean; cursor?: string }
  | { kind: 'notSent' }
  | { kind: 'unavailable'; why: TransportFailure | 'serverError' | 'badResponse' | 'rateLimited' | 'refused' };

export interface ReadsDeps {
  transport: HttpTransport;
  /** One line per request for the "ClinikAPI" output channel: template path, status, duration. */
  log(line: string): void;
  userAgent: string;
  now?: () => number;
  timeoutMs?: number;
  /** Called whenever `state` changes (a 401/403 turning reads off, a 429 pause, its end, a new key). */
  onStateChange?(state: ReadsState): void;
}

/**
 * A small client of ClinikAPI's reads and searches, with the budget rules every caller shares:
 * no key or a bad one, no reads; an id outside the SDK's shape is never sent; a `429` stops every
 * read until `Retry-After` (or the rate-limit reset); a `401`/`403` turns reads off until the key
 * changes. It keeps nothing of what it reads: callers decide what to cache, in memory.
 * No `vscode` import and no Node built-in: the transport is given.
 */
export class ClinikApiReads {
  private key: string | undefined;
  private baseUrl = '';
  /** Counts configurations: a request made under one is never sent, nor its answer taken, under another. */
  private generation = 0;
  private current: ReadsState = { kind: 'off', reason: 'noKey' };
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  /** Whether the key has had an answer about an id (2xx, 404): until then one request at a time. */
  private proven = false;
  private probe: Promise<void> | undefined;

  constructor(private readonly deps: ReadsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Sets the key and base URL. A different key (or URL) starts afresh: a refusal or pause of the
   * old one is forgotten; `enabled: false` (Restricted Mode, turned off) keeps no key at all.
   * Returns whether anything changed (callers then forget what was read).
   */
  configure(apiKey: string | undefined, baseUrl: string, enabled = true): boolean {
    const key = enabled ? apiKey : undefined;
    if (key === this.key && baseUrl === this.baseUrl) return false;
    this.key = key;
    this.baseUrl = baseUrl;
    this.generation += 1;
    this.proven = false;
    this.setState(this.freshState());
    return true;
  }

  get state(): ReadsState {
    if (this.current.kind === 'paused' && this.now() >= this.current.until) this.setState(this.freshState());
    return this.current;
  }

  /** The key's environment, when reads can be made with it. */
  get environment(): ApiKeyKind | undefined {
    const s = this.state;
    return s.kind === 'off' ? undefined : s.environment;
  }

  async read(kind: ReferenceKind, id: string, signal?: AbortSignal): Promise<ReadResult> {
    if (!isReadableId(id)) return { kind: 'invalidId' };
    const bound = this.bound();
    if (!bound) return { kind: 'notSent' };
    const answer = await this.get(bound, readUrl(bound.v1, kind, id), readTemplate(kind), MAX_READ_BYTES, signal);
    if (answer.kind === 'notSent') return { kind: 'notSent' };
    if (answer.kind !== 'ok') {
      if (answer.kind === 'status' && answer.status === 404) return { kind: 'notFound' };
      return { kind: 'unavailable', why: answer.kind === 'status' ? whyOf(answer.status) : answer.why };
    }
    const data = objectAt(answer.body, 'data');
    return data ? { kind: 'found', data } : { kind: 'unavailable', why: 'badResponse' };
  }

  async search(kind: ReferenceKind, query: Record<string, string | undefined>, signal?: AbortSignal): Promise<SearchResult> {
    const bound = this.bound();
    if (!bound) return { kind: 'notSent' };
    const answer = await this.get(bound, searchUrl(bound.v1, kind, query), searchTemplate(kind), MAX_SEARCH_BYTES, signal);
    if (answer.kind === 'notSent') return { kind: 'notSent' };
    if (answer.kind !== 'ok') return { kind: 'unavailable', why: answer.kind === 'status' ? whyOf(answer.status) : answer.why };
    const page = objectAt(answer.body, 'data');
    const items = page?.data;
    if (!page || !Array.isArray(items)) return { kind: 'unavailable', why: 'badResponse' };
    return {
      kind: 'found',
      items: items.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)),
      hasMore: page.hasMore === true,
      cursor: typeof page.cursor === 'string' ? page.cursor : undefined,
    };
  }

  dispose(): void {
    clearTimeout(this.pauseTimer);
  }

  /** The key and the base URL as they are now, bound for one request; none when reads are not ready. */
  private bound(): Bound | undefined {
    const state = this.state;
    if (state.kind !== 'ready' || !this.key) return undefined;
    const base = apiBase(this.baseUrl, state.environment);
    if (!base.ok) return undefined;
    // The binding names the base URL itself; the reads' templates start at /v1.
    const root = new URL(base.base.href);
    root.pathname = root.pathname.replace(/\/v1\/$/, '') || '/';
    const key = this.key;
    const log = (line: string) => this.deps.log(redactSecrets(line, [key]));
    const now = () => new Date(this.now());
    return { v1: base.base, binding: bind({ base: root, apiKey: key, keyKind: state.environment, userAgent: this.deps.userAgent, transport: this.deps.transport, log, now }), generation: this.generation };
  }

  private async get(
    bound: Bound,
    url: URL,
    template: string,
    maxResponseBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'ok'; body: unknown } | { kind: 'status'; status: number } | { kind: 'failed'; why: TransportFailure | 'badResponse' } | { kind: 'notSent' }> {
    // Until the key has had one answer, requests go one at a time: a key without read scope, or a
    // rate limit already reached, then costs one refused request, not one per id.
    while (!this.proven && this.probe) {
      await this.probe;
      if (this.state.kind !== 'ready') return { kind: 'notSent' };
    }
    // The key or the base URL changed while this one waited: it was made for the old ones, and is not sent.
    if (bound.generation !== this.generation) return { kind: 'notSent' };
    let release: (() => void) | undefined;
    if (!this.proven) this.probe = new Promise<void>((resolve) => (release = resolve));
    try {
      return await this.send(bound, url, template, maxResponseBytes, signal);
    } finally {
      if (release) {
        this.probe = undefined;
        release();
      }
    }
  }

  private async send(
    bound: Bound,
    url: URL,
    template: string,
    maxResponseBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'ok'; body: unknown } | { kind: 'status'; status: number } | { kind: 'failed'; why: TransportFailure | 'badResponse' }> {
    const answer = await send(
      bound.binding,
      { method: 'GET', url, template, timeoutMs: this.deps.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS, maxResponseBytes, signal },
      (a) => ({ word: a.result.kind === 'failure' ? `failed: ${a.result.failure}` : a.status! >= 200 && a.status! < 300 ? 'ok' : a.status === 404 ? 'notFound' : whyOf(a.status!) }),
    );
    const result = answer.result;
    if (result.kind === 'failure') return { kind: 'failed', why: result.failure };
    if (bound.generation !== this.generation) return { kind: 'failed', why: 'cancelled' }; // the key changed meanwhile: this answer is the old key's
    const s = result.status;
    if (s === 401 || s === 403) {
      const code = answer.code;
      this.setState({ kind: 'off', reason: s === 401 ? 'unauthorized' : 'forbidden', detail: code && /^[A-Z_]{1,64}$/.test(code) ? code : undefined });
      return { kind: 'status', status: s };
    }
    if (s === 429) {
      this.pause(result.headers, answer.json);
      return { kind: 'status', status: s };
    }
    if (s === 404) this.proven = true;
    if (s < 200 || s >= 300) return { kind: 'status', status: s };
    const body = parseJson(result.body);
    if (body !== undefined) this.proven = true;
    return body === undefined ? { kind: 'failed', why: 'badResponse' } : { kind: 'ok', body };
  }

  private pause(headers: Record<string, string>, body: unknown): void {
    const now = this.now();
    const retryAfter = parseRetryAfter(headers['retry-after'], now);
    const metaReset = objectAt(body, 'meta')?.rateLimitReset;
    const reset = Number(headers['x-ratelimit-reset'] ?? (typeof metaReset === 'number' ? metaReset : NaN));
    let until: number;
    if (retryAfter !== undefined) until = now + retryAfter * 1000;
    else if (Number.isFinite(reset) && reset * 1000 > now) until = reset * 1000;
    else until = now + DEFAULT_PAUSE_MS;
    const code = objectAt(body)?.code;
    const quota = code === 'MONTHLY_QUOTA_EXCEEDED' || code === 'SANDBOX_QUOTA_EXCEEDED';
    const environment = apiKeyKind(this.key)!;
    this.setState({ kind: 'paused', until, quota, environment, origin: this.origin() });
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => void this.state, Math.max(0, until - now) + 10);
    (this.pauseTimer as { unref?: () => void }).unref?.();
  }

  private freshState(): ReadsState {
    clearTimeout(this.pauseTimer);
    if (!this.key) return { kind: 'off', reason: 'noKey' };
    const environment = apiKeyKind(this.key);
    if (!environment) return { kind: 'off', reason: 'badKey' };
    // A live key reads real patients: it never travels over plain http, not even to localhost.
    if (environment === 'live' && /^\s*http:/i.test(this.baseUrl)) return { kind: 'off', reason: 'liveKeyOverHttp' };
    const base = apiBase(this.baseUrl, environment);
    if (!base.ok) return { kind: 'off', reason: 'badBaseUrl' };
    return { kind: 'ready', environment, origin: this.origin() };
  }

  private origin(): string {
    const kind = apiKeyKind(this.key);
    const base = kind ? apiBase(this.baseUrl, kind) : undefined;
    if (!base) return '';
    return base.ok ? base.base.origin : '';
  }

  private setState(state: ReadsState): void {
    const before = JSON.stringify(this.current);
    this.current = state;
    if (JSON.stringify(state) !== before) this.deps.onStateChange?.(state);
  }
}

function whyOf(status: number): 'serverError' | 'rateLimited' | 'refused' {
  if (status === 429) return 'rateLimited';
  return status >= 500 ? 'serverError' : 'refused';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function objectAt(value: unknown, key?: string): Record<string, unknown> | undefined {
  const v = key === undefined ? value : value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
