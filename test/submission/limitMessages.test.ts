// The words for ClinikAPI's limits: three 429 codes, and a 403 that names the missing scope.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { missingScopeText, tooManyRequestsText } from '../../client/src/api/limitMessages';
import type { QuotaSnapshot } from '../../client/src/api/quota';

const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);
const snapshot: QuotaSnapshot = {
  at: NOW,
  rate: { limit: 60, remaining: 0, resetsAt: NOW + 25_000 },
  monthly: { limit: 10000, remaining: 0, resetsAt: Date.UTC(2025, 1, 1) },
  sandbox: { limit: 1000, remaining: 0 },
};

describe('tooManyRequestsText', () => {
  it('RATE_LIMITED: wait the Retry-After, else until the window resets, else a minute', () => {
    assert.equal(tooManyRequestsText({ code: 'RATE_LIMITED', retryAfterSeconds: 7 }, snapshot, NOW), 'ClinikAPI is rate-limiting this key (RATE_LIMITED, 60 requests a minute): wait 7 s, then try again.');
    assert.match(tooManyRequestsText({ code: 'RATE_LIMITED' }, snapshot, NOW), /wait 25 s, then try again\.$/);
    assert.match(tooManyRequestsText({}, undefined, NOW), /its per-minute limit\): wait a minute, then try again\.$/);
    assert.match(tooManyRequestsText({ retryAfterSeconds: 600 }, undefined, NOW), /wait 10 min/);
  });

  it('MONTHLY_QUOTA_EXCEEDED: used up until the reset date, and retrying sooner will not help', () => {
    assert.equal(
      tooManyRequestsText({ code: 'MONTHLY_QUOTA_EXCEEDED' }, snapshot, NOW),
      'The monthly quota of this ClinikAPI account (10,000 requests) is used up until 2025-02-01 00:00 UTC (MONTHLY_QUOTA_EXCEEDED): retrying sooner will not help.',
    );
    assert.match(tooManyRequestsText({ code: 'MONTHLY_QUOTA_EXCEEDED' }, undefined, NOW), /is used up until it resets \(MONTHLY_QUOTA_EXCEEDED\)/);
  });

  it('SANDBOX_QUOTA_EXCEEDED: the test key\'s sandbox, until the monthly reset', () => {
    assert.equal(
      tooManyRequestsText({ code: 'SANDBOX_QUOTA_EXCEEDED' }, snapshot, NOW),
      'The sandbox quota of this test key (1,000 requests) is used up until 2025-02-01 00:00 UTC (SANDBOX_QUOTA_EXCEEDED): retrying sooner will not help.',
    );
    assert.match(tooManyRequestsText({ code: 'SANDBOX_QUOTA_EXCEEDED' }, { at: NOW, monthly: { resetsAt: NOW - 1 } }, NOW), /used up until it resets/, 'a reset in the past is no date to wait for');
  });

  it('the three codes give three different messages', () => {
    const texts = ['RATE_LIMITED', 'MONTHLY_QUOTA_EXCEEDED', 'SANDBOX_QUOTA_EXCEEDED'].map((code) => tooManyRequestsText({ code }, snapshot, NOW));
    assert.equal(new Set(texts).size, 3);
  });
});

describe('missingScopeText', () => {
  it('names the scope the key lacks and what it may therefore not do', () => {
    assert.equal(missingScopeText('write', 'FORBIDDEN'), 'This API key lacks the "write" scope, so it is not allowed to create or change documents (403 FORBIDDEN). Set a key with the "write" (or "*") scope.');
    assert.match(missingScopeText('read'), /lacks the "read" scope, so it may not read patients, practitioners or documents \(403\)/);
  });
});
