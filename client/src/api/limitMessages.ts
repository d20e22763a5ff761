import type { QuotaSnapshot } from './quota';

/**
 * The words for ClinikAPI's limits, in one place, for every request that meets them (the create,
 * the reads of ids, the documents' reads and update): its three 429 codes and a 403 for a scope
 * the key lacks. Pure: each text is a sentence (or two) ending with a full stop, which the caller
 * completes with what was (not) done and the request id.
 */

/** A 429's codes (REFERENCES.md): the per-minute rate, the monthly quota, a test key's sandbox quota. */
export type TooManyRequestsCode = 'RATE_LIMITED' | 'MONTHLY_QUOTA_EXCEEDED' | 'SANDBOX_QUOTA_EXCEEDED';

export const QUOTA_CODES: ReadonlySet<string> = new Set(['MONTHLY_QUOTA_EXCEEDED', 'SANDBOX_QUOTA_EXCEEDED']);

/** `2025-02-01 00:00 UTC`: one reading whatever the user's time zone. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `45 s`, `3 min`. */
export function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${Math.max(0, Math.ceil(seconds))} s`;
}

/**
 * What a 429 means for the user. `RATE_LIMITED` (or no code): wait N s — the `Retry-After`, else
 * the rate window's reset from the answer's headers. A quota code: used up until the reset date
 * the answer's `X-Quota-Reset` gave (both quotas are monthly), and retrying sooner will not help.
 */
export function tooManyRequestsText(
  answer: { code?: string; retryAfterSeconds?: number },
  quota?: QuotaSnapshot,
  now: number = Date.now(),
): string {
  if (answer.code === 'MONTHLY_QUOTA_EXCEEDED' || answer.code === 'SANDBOX_QUOTA_EXCEEDED') {
    const sandbox = answer.code === 'SANDBOX_QUOTA_EXCEEDED';
    const resetsAt = (sandbox ? quota?.sandbox?.resetsAt : undefined) ?? quota?.monthly?.resetsAt;
    const what = sandbox ? 'The sandbox quota of this test key' : 'The monthly quota of this ClinikAPI account';
    const limit = (sandbox ? quota?.sandbox : quota?.monthly)?.limit;
    const until = resetsAt !== undefined && resetsAt > now ? `until ${formatUtc(resetsAt)}` : 'until it resets';
    return `${what}${limit !== undefined ? ` (${limit.toLocaleString('en-US')} requests)` : ''} is used up ${until} (${answer.code}): retrying sooner will not help.`;
  }
  const fromHeaders = quota?.rate?.resetsAt !== undefined ? (quota.rate.resetsAt - now) / 1000 : undefined;
  const wait = answer.retryAfterSeconds ?? (fromHeaders !== undefined && fromHeaders > 0 ? fromHeaders : undefined);
  return `ClinikAPI is rate-limiting this key (RATE_LIMITED, ${quota?.rate?.limit !== undefined ? `${quota.rate.limit} requests a minute` : 'its per-minute limit'}): ${
    wait !== undefined ? `wait ${formatWait(wait)}` : 'wait a minute'
  }, then try again.`;
}

/** The scope a request needs: `read` for a GET, `write` to create or change. */
export type Scope = 'read' | 'write';

/** A 403: which scope the key lacks, and what it therefore may not do. */
export function missingScopeText(scope: Scope, code?: string): string {
  const may = scope === 'write' ? 'is not allowed to create or change documents' : 'may not read patients, practitioners or documents';
  return `This API key lacks the "${scope}" scope, so it ${may} (403${code ? ` ${code}` : ''}). Set a key with the "${scope}" (or "*") scope.`;
}
