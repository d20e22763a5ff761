import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentsEndpoint, isLoopbackHost } from '../../client/src/submission/endpoint';
import { timeoutSeconds, userLevelValue } from '../../client/src/submission/settingsPolicy';

describe('documentsEndpoint', () => {
  for (const [base, url] of [
    ['https://api.clinikapi.com', 'https://api.clinikapi.com/v1/documents'],
    ['https://api.clinikapi.com/', 'https://api.clinikapi.com/v1/documents'],
    ['https://gw.example.org/clinik/', 'https://gw.example.org/clinik/v1/documents'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/v1/documents'],
    ['http://localhost:3000', 'http://localhost:3000/v1/documents'],
    ['http://[::1]:3000', 'http://[::1]:3000/v1/documents'],
  ]) {
    it(`${base} → ${url}`, () => {
      const r = documentsEndpoint(base);
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.url.href, url);
    });
  }
  for (const [base, words] of [
    ['http://api.clinikapi.com', 'https://'],
    ['http://127.0.0.1.nip.io', 'https://'],
    ['http://localhost.evil.com', 'https://'],
    ['ftp://api.clinikapi.com', 'https://'],
    ['not a url', 'not a valid URL'],
    ['https://user:pw@api.clinikapi.com', 'user name or password'],
    ['https://api.clinikapi.com/?to=evil', 'query'],
  ]) {
    it(`refuses ${base}`, () => {
      const r = documentsEndpoint(base);
      assert.ok(!r.ok && r.reason.includes(words), JSON.stringify(r));
    });
  }
  it('knows loopback hosts', () => {
    assert.deepEqual(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '[::1]', '10.0.0.1', '128.0.0.1', 'example.com'].map(isLoopbackHost), [
      true, true, true, true, true, false, false, false,
    ]);
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
