// The emulator itself follows the contract: tests of the client are only as good as it is.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../../emulator/server.mjs' with { 'resolution-mode': 'import' };
import { TEST_KEY, documentText, withEmulator } from './helpers';

let emu: Emulator;
before(async () => {
  emu = await withEmulator({ rateLimit: 3 });
});
after(() => emu.close());
beforeEach(() => emu.reset());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are checked field by field
async function json(res: Response): Promise<any> {
  return res.json();
}

/** The header the control endpoints require. */
function control(): Record<string, string> {
  return { 'x-emulator-token': emu.controlToken };
}

/** A GET with a chosen Host header (fetch sends the URL's own). */
function getWithHost(path: string, host: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${path}`, { headers: { ...headers, host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function post(body: string, headers: Record<string, string> = { 'x-api-key': TEST_KEY, 'content-type': 'application/json' }) {
  return fetch(`${emu.url}/v1/documents`, { method: 'POST', headers, body, redirect: 'manual' });
}

describe('emulator: POST /v1/documents', () => {
  it('binds 127.0.0.1 only', () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('201: the envelope, a generated id, rate-limit and request-id headers', async () => {
    const res = await post(documentText());
    assert.equal(res.status, 201);
    const body = await json(res);
    assert.match(body.data.id, /^comp_[0-9a-f]{16}$/);
    assert.equal(body.data.title, 'Discharge summary for Zebulon Quixworth');
    assert.equal(body.meta.status, 201);
    assert.equal(body.meta.requestId, res.headers.get('x-request-id'));
    assert.deepEqual([body.meta.rateLimitTotal, body.meta.rateLimitRemaining], [3, 2]);
    assert.equal(res.headers.get('x-ratelimit-limit'), '3');
    assert.equal(res.headers.get('x-ratelimit-remaining'), '2');
    assert.match(res.headers.get('x-ratelimit-reset') ?? '', /^\d{10}$/);
    assert.ok(!Number.isNaN(Date.parse(body.meta.timestamp)));
    assert.equal(emu.state.documents.length, 1);
  });

  it('accepts a date-only date and drops unknown keys as Zod does', async () => {
    const res = await post(documentText({ date: '2025-01-15', confidentialty: 'R' }));
    assert.equal(res.status, 201);
    const body = await json(res);
    assert.equal(body.data.date, '2025-01-15');
    assert.equal('confidentialty' in body.data, false);
  });

  it('401 UNAUTHORIZED without a key, INVALID_KEY_FORMAT for another shape', async () => {
    const none = await post(documentText(), { 'content-type': 'application/json' });
    assert.equal(none.status, 401);
    assert.equal((await json(none)).code, 'UNAUTHORIZED');
    const bad = await post(documentText(), { 'x-api-key': 'sk_live_123', 'content-type': 'application/json' });
    assert.equal(bad.status, 401);
    const body = await json(bad);
    assert.equal(body.code, 'INVALID_KEY_FORMAT');
    assert.ok(!JSON.stringify(body).includes('sk_live_123'), 'the key is not echoed');
    assert.equal(emu.state.documents.length, 0);
  });

  it('400 INVALID_JSON', async () => {
    const res = await post('{"status": ');
    assert.equal(res.status, 400);
    const body = await json(res);
    assert.equal(body.code, 'INVALID_JSON');
    assert.equal(body.requestId, res.headers.get('x-request-id'));
  });

  it('422 VALIDATION_ERROR: every issue, dotted paths, never the value', async () => {
    const res = await post(documentText({ status: 'Zebulon-status', title: 'T'.repeat(501), sections: [{ title: 'A' }, { text: 'x' }] }));
    assert.equal(res.status, 422);
    const body = await json(res);
    assert.equal(body.code, 'VALIDATION_ERROR');
    assert.deepEqual(
      body.issues.map((i: { diagnostics: string }) => i.diagnostics).sort(),
      [
        'sections.0.text: Required',
        'sections.1.title: Required',
        "status: Invalid enum value. Expected 'preliminary' | 'final' | 'amended'",
        'title: String must contain at most 500 character(s)',
      ],
    );
    for (const issue of body.issues) {
      assert.equal(issue.severity, 'error');
      assert.ok(['required', 'invalid'].includes(issue.code));
    }
    assert.ok(!JSON.stringify(body).includes('Zebulon'), 'no value in the error body');
  });

  it('counts lengths in UTF-16 code units, as the real server does', async () => {
    const ok = await post(documentText({ title: '😀'.repeat(250) }));
    assert.equal(ok.status, 201);
    const tooLong = await post(documentText({ title: '😀'.repeat(250) + 'x' }));
    assert.equal(tooLong.status, 422);
  });

  it('429 RATE_LIMITED with Retry-After once the per-minute limit is used', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(documentText({ title: `t${i}` }))).status, 201);
    const res = await post(documentText());
    assert.equal(res.status, 429);
    assert.equal((await json(res)).code, 'RATE_LIMITED');
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(emu.state.documents.length, 3);
    // Another key has its own window.
    assert.equal((await post(documentText(), { 'x-api-key': 'clk_test_other', 'content-type': 'application/json' })).status, 201);
  });

  it('413 over 1 MB', async () => {
    const res = await post('{"x":"' + 'a'.repeat(1024 * 1024) + '"}');
    assert.equal(res.status, 413);
    assert.equal(emu.state.documents.length, 0);
  });

  it('404 elsewhere, 405 for other methods', async () => {
    assert.equal((await fetch(`${emu.url}/v1/observations`, { method: 'POST' })).status, 404);
    const put = await fetch(`${emu.url}/v1/documents`, { method: 'PUT' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
  });

  it('records requests without the key or the body', async () => {
    await post(documentText());
    const text = JSON.stringify(emu.state);
    assert.ok(!text.includes(TEST_KEY));
    assert.ok(!text.includes('Zebulon'));
    assert.equal(emu.state.requests[0].keyKind, 'test');
  });
});

describe('emulator: control endpoints', () => {
  it('queues faults over HTTP, one per request, and reports state', async () => {
    const set = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: control(),
      body: JSON.stringify([{ kind: 'status', status: 503 }, { kind: 'quota' }]),
    });
    assert.deepEqual(await json(set), { pendingFaults: 2 });
    assert.equal((await post(documentText())).status, 503);
    const quota = await post(documentText());
    assert.equal(quota.status, 429);
    assert.equal((await json(quota)).code, 'SANDBOX_QUOTA_EXCEEDED');
    assert.equal((await post(documentText())).status, 201);
    const state = await json(await fetch(`${emu.url}/__emulator/state`, { headers: control() }));
    assert.equal(state.created, 1);
    assert.equal(state.requests.length, 3);
    assert.deepEqual(state.requests.map((r: { fault?: string }) => r.fault ?? null), ['status', 'quota', null]);
  });

  it('refuses an unknown fault kind', async () => {
    const res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', headers: control(), body: '{"kind":"explode"}' });
    assert.equal(res.status, 400);
    assert.throws(() => emu.addFaults({ kind: 'explode' } as never));
  });

  it('POST /__emulator/reset forgets documents and faults', async () => {
    emu.addFaults({ kind: 'status' });
    await post(documentText({ title: 'a' }));
    await post(documentText({ title: 'b' }));
    await fetch(`${emu.url}/__emulator/reset`, { method: 'POST', headers: control() });
    const state = await json(await fetch(`${emu.url}/__emulator/state`, { headers: control() }));
    assert.deepEqual([state.created, state.requests.length, state.pendingFaults], [0, 0, 0]);
  });
});

describe('emulator: control endpoints are only for whoever started it', () => {
  it('refuse a request without the control token, or with a wrong one, and change nothing', async () => {
    emu.addFaults({ kind: 'status', status: 503 });
    const none = await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    assert.equal(none.status, 401);
    assert.match((await json(none)).error, /control token/);
    const wrong = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'x-emulator-token': `${emu.controlToken.slice(0, -1)}x` },
      body: '{"kind":"quota"}',
    });
    assert.equal(wrong.status, 401);
    assert.equal((await fetch(`${emu.url}/__emulator/state`, { headers: { 'x-emulator-token': '' } })).status, 401);
    // The queued fault is still the only one: neither request reset or added anything.
    assert.equal((await post(documentText())).status, 503);
    assert.equal((await post(documentText())).status, 201);
  });

  it('refuse a Host that is not the emulator\'s own address (DNS rebinding), even with the token', async () => {
    const port = new URL(emu.url).port;
    for (const host of [`rebind.example:${port}`, '127.0.0.1', `127.0.0.1:${Number(port) + 1}`, `localhost.example:${port}`]) {
      const res = await getWithHost('/__emulator/state', host, control());
      assert.equal(res.status, 421, host);
      assert.doesNotMatch(res.body, /documents/, host);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      assert.equal((await getWithHost('/__emulator/state', host, control())).status, 200, host);
    }
  });

  it('a random token per start, and the one given when asked', async () => {
    const { startEmulator } = await import('../../emulator/server.mjs');
    const other = await startEmulator({ controlToken: 'given-token-0123456789' });
    try {
      assert.equal(other.controlToken, 'given-token-0123456789');
      assert.notEqual(emu.controlToken, other.controlToken);
      assert.ok(emu.controlToken.length >= 16);
    } finally {
      await other.close();
    }
  });
});

describe('emulator: command line', () => {
  it('node emulator/server.mjs --port 0 prints its URL and control token, and serves', async () => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'emulator', 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\ncontrol token: ([A-Za-z0-9_-]+) /.exec(out);
          if (m) resolve([m[1]!, m[2]!]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
        setTimeout(() => reject(new Error('no URL printed')), 10_000);
      });
      const res = await fetch(`${url}/v1/documents`, { method: 'POST', headers: { 'x-api-key': TEST_KEY }, body: documentText() });
      assert.equal(res.status, 201);
      assert.equal((await fetch(`${url}/__emulator/state`)).status, 401);
      const state = await json(await fetch(`${url}/__emulator/state`, { headers: { 'x-emulator-token': token } }));
      assert.equal(state.created, 1);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--https serves a certificate made at start, written to --certificate-file, that a client can trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
    const certFile = join(dir, 'cert.pem');
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'emulator', 'server.mjs'), '--port', '0', '--https', '--certificate-file', certFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (https:\/\/127\.0\.0\.1:\d+)\n[^]*certificate: (\S+) /.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
        setTimeout(() => reject(new Error('no URL printed')), 10_000);
      });
      const ca = readFileSync(certFile, 'utf8');
      assert.match(ca, /^-----BEGIN CERTIFICATE-----/);
      assert.doesNotMatch(ca, /PRIVATE KEY/, 'the key stays in memory');
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${url}/v1/documents`, { method: 'POST', ca, headers: { 'x-api-key': TEST_KEY } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(documentText());
      });
      assert.equal(status, 201);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad argument with exit code 2', async () => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'emulator', 'server.mjs'), '--port', 'abc'], { stdio: 'ignore' });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
  });
});
