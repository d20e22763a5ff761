// Who may do what, and how often: the key checks and the per-key, per-minute rate window that
// every /v1 request goes through (creates, reads and updates share one window per key, as on
// ClinikAPI, where reads count against the same limit).
import { createHash } from 'node:crypto';
import { createQuota } from './quota.mjs';

const KEY_SHAPE = /^clk_(test|live)_[A-Za-z0-9_-]+$/;

/**
 * @param {number} rateLimit requests per key per minute
 * @param {{ monthlyLimit?: number, sandboxLimit?: number }} [quotaOptions] the monthly and sandbox quotas (quota.mjs)
 */
export function createAccess(rateLimit, quotaOptions = {}) {
  /** key hash → { windowStart, count } (the key itself is never kept). */
  const windows = new Map();
  const quota = createQuota(quotaOptions);
  return {
    rateLimit,
    quota,
    /**
     * The refusal for a key that may not do `scope` (`write`: create or change; `read`), as
     * `{ status, body }` without the request id, or null when the key may.
     * @param {unknown} key
     * @param {'read' | 'write'} scope
     */
    refusal(key, scope) {
      if (typeof key !== 'string' || key.length === 0) {
        return { status: 401, body: { error: 'Unauthorized', message: 'Missing x-api-key header', code: 'UNAUTHORIZED' } };
      }
      if (!KEY_SHAPE.test(key)) {
        return { status: 401, body: { error: 'Unauthorized', message: 'API keys start with clk_test_ or clk_live_', code: 'INVALID_KEY_FORMAT' } };
      }
      if (/_revoked$/.test(key)) return { status: 401, body: { error: 'Unauthorized', message: 'This key was revoked', code: 'KEY_REVOKED' } };
      if (scope === 'write' && /_noscope$/.test(key)) {
        return { status: 403, body: { error: 'Forbidden', message: 'This key lacks the documents:write scope', code: 'FORBIDDEN' } };
      }
      if (scope === 'read' && /_noread$/.test(key)) {
        return { status: 403, body: { error: 'Forbidden', message: 'This key lacks the read scope', code: 'FORBIDDEN' } };
      }
      return null;
    },
    /**
     * Counts one request of `key` in its window, unless the window is used up or `refuse` says to
     * answer 429 anyway (a fault). `retryAfter` is the seconds until the window resets.
     * @param {string} key
     * @param {boolean} [refuse]
     */
    take(key, refuse = false, now = Date.now()) {
      const keyHash = createHash('sha256').update(key).digest('hex');
      let w = windows.get(keyHash);
      if (!w || now - w.windowStart >= 60_000) {
        w = { windowStart: now, count: 0 };
        windows.set(keyHash, w);
      }
      const resetEpoch = Math.ceil((w.windowStart + 60_000) / 1000);
      if (refuse || quota.rateExhausted() || w.count >= rateLimit) {
        return { limited: true, remaining: 0, resetEpoch, retryAfter: Math.max(1, resetEpoch - Math.floor(now / 1000)) };
      }
      w.count += 1;
      return { limited: false, remaining: Math.max(0, rateLimit - w.count), resetEpoch, retryAfter: 0 };
    },
    clear() {
      windows.clear();
      quota.clear();
    },
  };
}
