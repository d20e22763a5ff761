// What the key's status bar item says about the limits as of the last answer, and when it warns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quotaView } from '../../client/src/apiKey/quotaText';
import type { QuotaSnapshot } from '../../client/src/api/quota';

const AT = Date.UTC(2025, 0, 15, 9, 30, 5);
const test: QuotaSnapshot = {
  at: AT,
  rate: { limit: 60, remaining: 58, resetsAt: AT + 40_000 },
  monthly: { limit: 10000, used: 1200, remaining: 8800, resetsAt: Date.UTC(2025, 1, 1) },
  sandbox: { limit: 1000, used: 950, remaining: 50 },
};

describe('quotaView', () => {
  it('one line per limit, and the time of the answer', () => {
    const view = quotaView(test, { threshold: 0.1, now: AT });
    assert.deepEqual(view.lines, [
      'Rate limit: 58 of 60 left (96%) that minute, resets 09:30:45 UTC',
      'Monthly quota: 8,800 of 10,000 left (88%), resets 2025-02-01 00:00 UTC',
      'Sandbox quota: 50 of 1,000 left (5%)',
      "As of ClinikAPI's answer at 2025-01-15 09:30:05 UTC.",
    ]);
    assert.deepEqual(view.low, ['sandbox']);
    assert.equal(view.short, 'sandbox 5% left');
  });

  it('warns only below the threshold', () => {
    assert.deepEqual(quotaView(test, { threshold: 0.05, now: AT }).low, []);
    assert.equal(quotaView(test, { threshold: 0.05, now: AT }).short, undefined);
    assert.deepEqual(quotaView(test, { threshold: 0.9, now: AT }).low, ['sandbox', 'monthly']);
  });

  it('says the limits are not known before any answer', () => {
    assert.match(quotaView(undefined, { threshold: 0.1, now: AT }).lines.join(), /not known yet .*sends nothing to ask/);
  });

  it('an overage is said', () => {
    const live: QuotaSnapshot = { at: AT, monthly: { limit: 100, used: 130, remaining: 0, overage: 30 } };
    const view = quotaView(live, { threshold: 0.1, now: AT });
    assert.ok(view.lines.includes('Over the monthly quota by 30 (billed as overage)'));
    assert.equal(view.short, 'monthly quota 0% left');
  });
});
