import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentsEndpoint, isPlainHttpHost } from '../../client/src/api/endpoint';
import { timeoutSeconds, userLevelValue } from '../../client/src/settings/settingsPolicy';

describe('documentsEndpoint', () => {
  for (const [base, url] of [
    ['https://api.clinikapi.com', 'https://api.clinikapi.com/v1/documents'],
    ['https://api.clinikapi.com/', 'https://api.clinikapi.com/v1/documents'],
    ['https://gw.example.org/clinik/', 'https://gw.example.org/clinik/v1/documents'],
    ['https://127.0.0.1:8787', 'https://127.0.0.1:8787/v1/documents'],
  ]) {
    it(`${base} → ${url}, for a test key and a live key`, () => {
      for (const kind of ['test', 'live'] as const) {
        const r = documentsEndpoint(base, kind);
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.url.href, url);
      }
    });
  }
  for (const [base, url] of [
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/v1/documents'],
    ['http://localhost:3000', 'http://localhost:3000/v1/documents'],
    ['http://LOCALHOST:3000', 'http://localhost:3000/v1/documents'],
    ['http://[::1]:3000', 'http://[::1]:3000/v1/documents'],
    // Spellings URL normalises to 127.0.0.1 are the same address.
    ['http://127.1:8787', 'http://127.0.0.1:8787/v1/documents'],
  ]) {
    it(`a test key may use ${base} (plain http on this machine) → ${url}`, () => {
      const r = documentsEndpoint(base, 'test');
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.url.href, url);
    });
    it(`a live key never goes to ${base} (plain http, even on this machine)`, () => {
      const r = documentsEndpoint(base, 'live');
      assert.ok(!r.ok);
      assert.match(r.reason, /live key \(clk_live_…\) is only ever sent over https:\/\//);
      assert.ok(r.reason.includes(new URL(url).origin), r.reason);
    });
  }
  for (const [base, words] of [
    ['http://api.clinikapi.com', 'https://'],
    ['http://127.0.0.1.nip.io', 'https://'],
    ['http://localhost.evil.com', 'https://'],
    ['http://localhost.', 'https://'],
    // The rest of 127/8 is loopback too, but VS Code's proxy bypass does not cover it.
    ['http://127.0.0.2:8787', 'https://'],
    ['http://127.1.2.3', 'https://'],
    ['http://[::ffff:127.0.0.1]', 'https://'],
    ['http://0.0.0.0:8787', 'https://'],
    ['ftp://api.clinikapi.com', 'https://'],
    ['not a url', 'not a valid URL'],
    ['https://user:pw@api.clinikapi.com', 'user name or password'],
    ['https://api.clinikapi.com/?to=evil', 'query'],
  ]) {
    it(`refuses ${base} even for a test key`, () => {
      const r = documentsEndpoint(base, 'test');
      assert.ok(!r.ok && r.reason.includes(words), JSON.stringify(r));
    });
  }
  it('plain http only for exactly localhost, 127.0.0.1 and [::1]', () => {
    assert.deepEqual(
      ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]', '127.0.0.2', '127.1.2.3', '::1', '10.0.0.1', 'localhost.', 'example.com'].map(isPlainHttpHost),
      [true, true, true, true, false, false, false, false, false, false],
    );
  });
});

describe('settings policy', () => {
  it('a workspace value of baseUrl is ignored and reported', () => {
    const r = userLevelValue({ defaultValue: 'https://api.clinikapi.com', workspaceValue: 'https://evil.example' }, 'x');
    assert.deepEqual(r, { value: 'https://api.clinikapi.com', ignoredWorkspaceValue: true });
    const f = userLevelValue({ defaultValue: 'https://api.clinikapi.com', globalValue: 'http://127.0.0.1:8787', workspaceFolderValue: 'https://evil.example' }, 'x');
    assert.deepEqual(f, { value: 'http://127.0.0.1:8787', ignoredWorkspaceValue: true });
  });
  it('the user value wins over the default; equal workspace values are not reported', () => {
    assert.deepEqual(userLevelValue({ defaultValue: 'a', globalValue: 'b', workspaceValue: 'b' }, 'x'), { value: 'b', ignoredWorkspaceValue: false });
    assert.deepEqual(userLevelValue(undefined, 'x'), { value: 'x', ignoredWorkspaceValue: false });
  });
  it('the timeout is clamped to 1..300 s, 30 s when unreadable', () => {
    assert.deepEqual([timeoutSeconds(0), timeoutSeconds(12.4), timeoutSeconds(1e6), timeoutSeconds('9'), timeoutSeconds(NaN)], [1, 12, 300, 30, 30]);
  });
});
