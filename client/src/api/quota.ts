import type { HttpTransport } from './transport';

/**
 * ClinikAPI's limits as its answers state them (REFERENCES.md, "Limits in every answer"):
 * - per minute: `X-RateLimit-Limit`, `-Remaining`, `-Reset`;
 * - per month: `X-Quota-Limit`, `-Used`, `-Remaining`, `-Billable`, `-Overage`, `-Reset`;
 * - for test keys, the sandbox: `X-Sandbox-Limit`, `-Used`, `-Remaining`.
 * Read only from answers the extension gets anyway: nothing here sends a request.
 */

/** One limit: how much of it there is, how much is used or left, and when it starts again. */
export interface Allowance {
  limit?: number;
  used?: number;
  remaining?: number;
  /** Milliseconds since the epoch. */
  resetsAt?: number;
}

export interface QuotaSnapshot {
  /** When the answer arrived (ms since the epoch): the figures are as of then. */
  at: number;
  rate?: Allowance;
  monthly?: Allowance & { billable?: number; overage?: number };
  sandbox?: Allowance;
}

/** A count as a header gives it: digits only, nothing `Number()` would also accept (`1e3`, ` 12`, `-1`). */
function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return /^\d{1,15}$/.test(v) ? Number(v) : undefined;
}

/** Below this a number is read as seconds from now, above it as seconds since the epoch (2001-09-09). */
const EPOCH_SECONDS_FROM = 1_000_000_000;

/**
 * A reset as ms since the epoch. ClinikAPI's errors page calls `X-RateLimit-Reset` the seconds
 * until the window resets, while `meta.rateLimitReset` and other servers give an epoch time, and
 * a monthly reset may be a date: each is read for what it evidently is.
 */
export function parseReset(value: string | undefined, at: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const n = count(v);
  if (n !== undefined) return n < EPOCH_SECONDS_FROM ? at + n * 1000 : n * 1000;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return undefined;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isFinite(time) ? time : undefined;
}

function allowance(headers: Record<string, string>, prefix: string, at: number): Allowance | undefined {
  const a: Allowance = {
    limit: count(headers[`${prefix}-limit`]),
    used: count(headers[`${prefix}-used`]),
    remaining: count(headers[`${prefix}-remaining`]),
    resetsAt: parseReset(headers[`${prefix}-reset`], at),
  };
  if (a.remaining === undefined && a.limit !== undefined && a.used !== undefined) a.remaining = Math.max(0, a.limit - a.used);
  return a.limit === undefined && a.remaining === undefined && a.used === undefined ? undefined : withoutUndefined(a);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The limits one answer states, or undefined when it states none. `headers` have lower-case
 * names, as every transport gives them.
 */
export function parseQuota(headers: Record<string, string>, at: number): QuotaSnapshot | undefined {
  const rate = allowance(headers, 'x-ratelimit', at);
  const monthly = allowance(headers, 'x-quota', at);
  const sandbox = allowance(headers, 'x-sandbox', at);
  if (!rate && !monthly && !sandbox) return undefined;
  const extra = monthly ? withoutUndefined({ billable: count(headers['x-quota-billable']), overage: count(headers['x-quota-overage']) }) : {};
  return withoutUndefined({ at, rate, monthly: monthly ? { ...monthly, ...extra } : undefined, sandbox });
}

/** The share (0–1) of an allowance still left, when both its limit and what is left are known. */
export function shareLeft(a: Allowance | undefined): number | undefined {
  if (!a || a.limit === undefined || a.remaining === undefined || a.limit <= 0) return undefined;
  return Math.min(1, a.remaining / a.limit);
}

export type LimitName = 'rate' | 'monthly' | 'sandbox';

/**
 * The limits whose share left is below `threshold` (0–1), lowest first. The per-minute rate
 * counts only while its window lasts: once it has reset, it is full again.
 */
export function limitsRunningLow(snapshot: QuotaSnapshot, threshold: number, now: number): LimitName[] {
  const low: Array<{ name: LimitName; share: number }> = [];
  for (const name of ['rate', 'monthly', 'sandbox'] as const) {
    const a = snapshot[name];
    const share = shareLeft(a);
    if (share === undefined || share >= threshold) continue;
    if (a?.resetsAt !== undefined && a.resetsAt <= now) continue;
    low.push({ name, share });
  }
  return low.sort((x, y) => x.share - y.share).map((l) => l.name);
}

/**
 * The transport, observed: every answer that states limits is handed to `onAnswer`; the caller
 * gets the same answer as without it. Nothing of the request is looked at (not even its key).
 */
export function withQuotaObserver(
  transport: HttpTransport,
  onAnswer: (snapshot: QuotaSnapshot) => void,
  now: () => number = Date.now,
): HttpTransport {
  return async (request) => {
    const result = await transport(request);
    // A failure while reading the body still has the status line's headers.
    const headers = result.headers;
    if (headers) {
      const snapshot = parseQuota(headers, now());
      if (snapshot) {
        try {
          onAnswer(snapshot);
        } catch {
          // What the limits are shown in must never break the request that told them.
        }
      }
    }
    return result;
  };
}

/** The latest limits seen, for whoever shows them; plain, so the CLI or a test can hold one too. */
export class LatestQuota {
  private snapshot: QuotaSnapshot | undefined;
  private readonly listeners = new Set<() => void>();

  current(): QuotaSnapshot | undefined {
    return this.snapshot;
  }

  /**
   * Takes a newer answer's limits; a family of figures an answer leaves out (a 429 may state
   * only the rate) is kept from the one before. Whoever holds it clears it when the key changes.
   */
  observe(next: QuotaSnapshot): void {
    const before = this.snapshot;
    this.snapshot = withoutUndefined({
      at: next.at,
      rate: next.rate ?? before?.rate,
      monthly: next.monthly ?? before?.monthly,
      sandbox: next.sandbox ?? before?.sandbox,
    });
    this.emit();
  }

  /** Forgets what was seen (the key changed: its limits are another account's). */
  clear(): void {
    if (!this.snapshot) return;
    this.snapshot = undefined;
    this.emit();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
