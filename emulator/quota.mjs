// The monthly quota and, for test keys, the sandbox quota, as ClinikAPI states them on every
// answer (REFERENCES.md, "Limits in every answer"): `X-Quota-Limit`, `-Used`, `-Remaining`,
// `-Billable`, `-Overage`, `-Reset`, and `X-Sandbox-Limit`, `-Used`, `-Remaining`. Each request
// that passes the key and rate checks uses one of each; a used-up quota answers 429 with
// `MONTHLY_QUOTA_EXCEEDED` or `SANDBOX_QUOTA_EXCEEDED`. A switch (`exhaust`) uses one up at once,
// for tests. Counted per key hash (the key itself is never kept).
import { createHash } from 'node:crypto';

export const QUOTA_NAMES = ['monthly', 'sandbox', 'rate'];

/** The first instant of the next month, UTC: when a monthly quota starts again. */
export function nextMonthStart(now = Date.now()) {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/**
 * @param {{ monthlyLimit?: number, sandboxLimit?: number }} [options]
 */
export function createQuota(options = {}) {
  const monthlyLimit = options.monthlyLimit ?? 10_000;
  const sandboxLimit = options.sandboxLimit ?? 1_000;
  /** key hash → { monthly, sandbox } used this month */
  const used = new Map();
  /** Quotas switched to used up, for every key. */
  const exhausted = new Set();

  const usage = (key) => {
    const hash = createHash('sha256').update(key).digest('hex');
    let u = used.get(hash);
    if (!u) used.set(hash, (u = { monthly: 0, sandbox: 0 }));
    return u;
  };
  const isTest = (key) => key.startsWith('clk_test_');
  /** Live keys are billed past their quota (overage); test keys are refused at their sandbox limit. */
  const state = (key) => {
    const u = usage(key);
    const monthlyUsed = exhausted.has('monthly') ? Math.max(u.monthly, monthlyLimit) : u.monthly;
    const sandboxUsed = exhausted.has('sandbox') ? Math.max(u.sandbox, sandboxLimit) : u.sandbox;
    return { u, monthlyUsed, sandboxUsed };
  };

  return {
    monthlyLimit,
    sandboxLimit,
    /**
     * The refusal code for `key` (quota used up), or null; when null, the request is counted.
     * @param {string} key
     */
    take(key) {
      const { u, monthlyUsed, sandboxUsed } = state(key);
      if (isTest(key) && sandboxUsed >= sandboxLimit) return 'SANDBOX_QUOTA_EXCEEDED';
      if (monthlyUsed >= monthlyLimit && (isTest(key) || exhausted.has('monthly'))) return 'MONTHLY_QUOTA_EXCEEDED';
      u.monthly += 1;
      if (isTest(key)) u.sandbox += 1;
      return null;
    },
    /**
     * The quota headers of an answer to `key`, as things stand (after `take`).
     * @param {string} key
     */
    headers(key, now = Date.now()) {
      const { monthlyUsed, sandboxUsed } = state(key);
      const overage = Math.max(0, monthlyUsed - monthlyLimit);
      const h = {
        'X-Quota-Limit': String(monthlyLimit),
        'X-Quota-Used': String(monthlyUsed),
        'X-Quota-Remaining': String(Math.max(0, monthlyLimit - monthlyUsed)),
        'X-Quota-Billable': String(isTest(key) ? 0 : monthlyUsed),
        'X-Quota-Overage': String(isTest(key) ? 0 : overage),
        'X-Quota-Reset': nextMonthStart(now).toISOString(),
      };
      if (isTest(key)) {
        h['X-Sandbox-Limit'] = String(sandboxLimit);
        h['X-Sandbox-Used'] = String(sandboxUsed);
        h['X-Sandbox-Remaining'] = String(Math.max(0, sandboxLimit - sandboxUsed));
      }
      return h;
    },
    /** Whether the per-minute rate is switched to used up. */
    rateExhausted() {
      return exhausted.has('rate');
    },
    /**
     * Switches quotas to used up (`monthly`, `sandbox`, `rate`); an empty list restores them.
     * @param {string[]} names
     */
    setExhausted(names) {
      exhausted.clear();
      for (const n of names) exhausted.add(n);
    },
    exhausted() {
      return [...exhausted];
    },
    clear() {
      used.clear();
      exhausted.clear();
    },
  };
}
